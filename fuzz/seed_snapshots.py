#!/usr/bin/env python3
"""Writes JSON snapshots (the format Page::from_snapshot reads, see
src/page/snapshot.rs) of HTML pages, as seeds for the snapshot_json fuzz
target. Python's html.parser builds the tree: close enough to a browser's for
a seed, and every snapshot written is a valid tree.

Usage: fuzz/seed_snapshots.py OUT_DIR PAGE.html...
"""
import html.parser
import json
import os
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


class Snap(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.s = {"v": 1, "url": "https://news.example.com/a/story.html", "names": [], "depth": [],
                  "kind": [], "name": [], "text": [], "textLen": [], "attrCount": [], "attrName": [],
                  "attrValue": [], "attrLen": []}
        self.open = []

    def name(self, n):
        names = self.s["names"]
        if n not in names:
            names.append(n)
        return names.index(n)

    def node(self, kind, name=0):
        self.s["depth"].append(len(self.open) + 1)
        self.s["kind"].append(kind)
        self.s["name"].append(name)

    def leaf(self, kind, text):
        self.node(kind)
        self.s["text"].append(text)
        self.s["textLen"].append(len(text.encode("utf-16-le")) // 2)

    def handle_starttag(self, tag, attrs):
        self.node(1, self.name(tag))
        self.s["attrCount"].append(len(attrs))
        for k, v in attrs:
            v = v or ""
            self.s["attrName"].append(self.name(k))
            self.s["attrValue"].append(v)
            self.s["attrLen"].append(len(v.encode("utf-16-le")) // 2)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        self.leaf(3, data)

    def handle_comment(self, data):
        self.leaf(8, data)

    def handle_decl(self, decl):
        self.leaf(10, decl.split()[-1] if decl.split() else "html")

    def result(self):
        s = dict(self.s)
        s["text"] = "".join(s["text"])
        s["attrValue"] = "".join(s["attrValue"])
        return s


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for path in sys.argv[2:]:
        p = Snap()
        with open(path, encoding="utf-8", errors="replace") as f:
            p.feed(f.read())
        p.close()
        name = os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path)
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(p.result(), f, ensure_ascii=False)


if __name__ == "__main__":
    main()
