#!/usr/bin/env python3
"""Time and peak memory of the native CLI on adversarial inputs, and the
linear-cost slope on generated news pages of 2, 4, 8 and 16 MB.

Usage: bench/adversarial.py [--bin target/release/newsclean] [--out DIR] [--quick]
(`make bench-adversarial` builds the CLI and runs this.)

Each input is written to DIR (default target/adversarial/) and run through
`newsclean extract --format json` and `newsclean clean --format json` in a
subprocess, under GNU time (/usr/bin/time) for the peak resident set size of
the CLI alone; wall and CPU time (user + sys) come from wait4(2). (wait4's
RSS would not do: Linux carries the RSS high-water mark of the forking
process across exec, so every child would report at least this script's
own peak.)
"x input" is (peak RSS - the RSS of the same run on a tiny page) / input
size: the memory the input itself costs. The linear-cost figures use CPU
time, which other work on a shared machine disturbs far less than wall time:
the time ratio per doubling of the page, and the exponent b of a least-squares
fit time = a * size^b (1.0 is linear). Targets: <= 10x the input natively,
and each doubling of a page <= 2.2x the time.
Standard library and GNU time only.
"""

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1 << 20


def paragraph(n):
    return (
        f"<p>Paragraph {n}: the harbour authority reopened the port on Monday after a storm with "
        f"winds of 120 km/h closed it for three days, stranding dozens of ships in the bay. "
        f"<a href=\"/world/{n}\">Dock workers</a> cleared debris through the night, officials said.</p>"
    )


def article_with(middle):
    lead = "".join(paragraph(i) for i in range(4))
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Harbour reopens</title></head><body>"
        "<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav></header>"
        f"<article><h1>Harbour reopens</h1>{lead}{middle}<p>The closing paragraph.</p></article>"
        "<footer><p>Coast News</p></footer></body></html>"
    )


def news_page(size):
    """A realistic news page of about `size` bytes: sections of story, ads, related boxes, figures."""
    parts = []
    total = 0
    n = 0
    while total < size:
        block = (
            "<section class=\"story-block\"><h2>Section</h2>"
            + "".join(paragraph(n + i) for i in range(6))
            + "<div class=\"ad-slot\"><span>Advertisement</span></div>"
            + f"<figure><img src=\"/img/{n}.jpg\" data-src=\"/img/{n}-large.jpg\" alt=\"Harbour {n}\">"
            + "<figcaption>The harbour at dawn.</figcaption></figure>"
            + "<aside class=\"related\"><h3>Also read</h3><ul>"
            + "".join(f"<li><a href=\"/story/{n + i}\">Related story {n + i}</a></li>" for i in range(4))
            + "</ul></aside></section>"
        )
        parts.append(block)
        total += len(block)
        n += 6
    return article_with("".join(parts))


def deep(depth):
    html = article_with("")
    cut = html.index("<p>The closing")
    return html[:cut] + "<div>" * depth + "deepest words" + "</div>" * depth + "</article></body></html>"


def siblings(n):
    return article_with("<div>" + "<span>w</span>" * n + "</div>")


def text_node(size):
    words = "harbour storm port ships officials said, "
    return article_with("<p>" + words * (size // len(words)) + "</p>")


def long_attributes(size):
    long = "a" * size
    return article_with(
        f"<p class=\"{long}\">Classed paragraph.</p><p><a href=\"https://news.example.com/{long}\">link</a>"
        f"<img src=\"https://img.example.com/{long}.jpg\" alt=\"{long}\"></p>"
    )


def nul_and_invalid_utf8():
    base = article_with("<p>before\0the\0nul <b\0>bold\0</b></p>").encode()
    junk = b"\x80\xbf\xc0\xaf\xe2\x82\xed\xa0\x80\xf4\x90\x80\x80\xff\xfe\0<p a\0=\"\xff\">x\0"
    rnd = random.Random(7)
    noise = bytes(rnd.getrandbits(8) for _ in range(MB // 2))
    mid = len(base) // 2
    return base[:mid] + junk * 20000 + noise + base[mid:]


def ad_labels(n):
    body = []
    for i in range(n):
        if i % 100 == 0:
            body.append(paragraph(i))
        body.append("<div class=\"slot\"><span>Advertisement</span></div>")
    return article_with("".join(body))


def table(rows, cols):
    cells = "".join("<tr>" + "".join(f"<td>{r}-{c}</td>" for c in range(cols)) + "</tr>" for r in range(rows))
    return article_with(f"<table><caption>Results</caption>{cells}</table>")


def snapshot(n, deep_tree):
    s = {"v": 1, "url": "https://news.example.com/a.html", "names": ["html", "body", "div", "p"],
         "depth": [], "kind": [], "name": [], "text": [], "textLen": [], "attrCount": [],
         "attrName": [], "attrValue": "", "attrLen": []}

    def el(depth, name):
        s["depth"].append(depth)
        s["kind"].append(1)
        s["name"].append(name)
        s["attrCount"].append(0)

    def tx(depth, t):
        s["depth"].append(depth)
        s["kind"].append(3)
        s["name"].append(0)
        s["text"].append(t)
        s["textLen"].append(len(t))

    el(1, 0)
    el(2, 1)
    for i in range(4):
        el(3, 3)
        tx(4, f"{i}. The harbour authority reopened the port on Monday after a storm closed it.")
    el(3, 2)
    d = 4
    while len(s["depth"]) + 1 < n:
        if deep_tree:
            el(d, 2)
            d += 1
        else:
            el(4, 3)
            tx(5, "w")
    s["text"] = "".join(s["text"])
    return json.dumps(s, separators=(",", ":"))


TIME = "/usr/bin/time"


def run(binary, args, path):
    """(wall seconds, CPU seconds, peak RSS bytes, exit status, stderr) of one CLI run.

    The peak RSS is GNU time's (the CLI's own); wall and CPU time come from
    wait4(2) on GNU time, whose rusage includes the CLI's, to the microsecond.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [TIME, "-f", "%M", "-o", stats.name, binary, *args, path],
            stdout=subprocess.DEVNULL, stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        # GNU time prefixes "Command exited with non-zero status N" when it fails.
        rss_kb = stats.read().split()[-1]
        err.seek(0)
        message = err.read().decode(errors="replace").strip()
    return wall, usage.ru_utime + usage.ru_stime, int(rss_kb) * 1024, proc.returncode, message


def exponent(points):
    """b of the least-squares fit of log(time) = log(a) + b * log(size)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(max(y, 1e-6)) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/newsclean"))
    ap.add_argument("--out", default=os.path.join(ROOT, "target/adversarial"))
    ap.add_argument("--quick", action="store_true", help="smaller slope pages (1-8 MB) and fewer repeats")
    a = ap.parse_args()
    if not os.path.exists(a.bin):
        sys.exit(f"{a.bin} is missing: build it with `cargo build --release`")
    if not os.access(TIME, os.X_OK):
        sys.exit(f"{TIME} (GNU time) is missing: apt-get install time")
    os.makedirs(a.out, exist_ok=True)

    def write(name, data):
        path = os.path.join(a.out, name)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    tiny = write("tiny.html", article_with(""))
    baseline = min(run(a.bin, ["extract", "--format", "json"], tiny)[2] for _ in range(3))
    print(f"newsclean {a.bin}; baseline peak RSS on a 2 KB page: {baseline / MB:.1f} MB "
          f"(subtracted below)\n")

    inputs = [
        ("100,000-deep nesting", "deep.html", lambda: deep(100_000), False),
        ("1,000,000 sibling elements", "siblings.html", lambda: siblings(1_000_000), False),
        ("20 MB page", "page20.html", lambda: news_page(20 * MB), False),
        ("5 MB text node", "text5.html", lambda: text_node(5 * MB), False),
        ("1 MB attribute values (x4)", "attr1.html", lambda: long_attributes(MB), False),
        ("NUL bytes, invalid UTF-8", "nul.html", nul_and_invalid_utf8, False),
        ("50,000 ad labels", "ads50k.html", lambda: ad_labels(50_000), False),
        ("<table> of 100,000 cells", "table100k.html", lambda: table(1000, 100), False),
        ("snapshot nested 1,000,000 deep", "deep.snapshot.json", lambda: snapshot(1_000_000, True), True),
        ("snapshot of 1,000,000 nodes", "big.snapshot.json", lambda: snapshot(1_000_000, False), True),
    ]
    header = f"{'input':34} {'size':>8} {'command':8} {'time':>8} {'CPU':>8} {'peak RSS':>9} {'x input':>8}  result"
    print(header)
    print("-" * len(header))
    worst = 0.0
    failures = []
    over = []
    for label, name, make, is_snapshot in inputs:
        path = write(name, make())
        size = os.path.getsize(path)
        for cmd in ("extract", "clean"):
            args = [cmd, "--format", "json"] + (["--snapshot"] if is_snapshot else [])
            took, cpu, rss, code, err = run(a.bin, args, path)
            ratio = max(rss - baseline, 0) / size
            worst = max(worst, ratio)
            result = "ok" if code == 0 else f"exit {code}: {err[:60]}"
            if code != 0:
                failures.append(f"{label} {cmd}: {result}")
            if ratio > 10:
                over.append(f"{label} {cmd}: {ratio:.1f}x")
            print(f"{label:34} {size / MB:7.2f}M {cmd:8} {took:7.2f}s {cpu:7.2f}s {rss / MB:8.1f}M {ratio:7.1f}x  {result}")
        os.remove(path)

    print("\nLinear cost: generated news pages, each twice the size of the one before")
    sizes = [MB, 2 * MB, 4 * MB, 8 * MB] if a.quick else [2 * MB, 4 * MB, 8 * MB, 16 * MB]
    repeats = 2 if a.quick else 5
    print(f"{'page':>8} {'command':8} {'time':>8} {'CPU':>8} {'peak RSS':>9} {'x input':>8} {'CPU x':>7} {'RSS x':>6}")
    slopes = []
    fits = []
    for cmd in ("extract", "clean"):
        prev = None
        points = []
        for size in sizes:
            path = write(f"news{size // 1024}k.html", news_page(size))
            actual = os.path.getsize(path)
            runs = [run(a.bin, [cmd, "--format", "json"], path) for _ in range(repeats)]
            took = min(r[0] for r in runs)
            cpu = min(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            ratio = max(rss - baseline, 0) / actual
            worst = max(worst, ratio)
            if ratio > 10:
                over.append(f"{actual / MB:.2f} MB news page {cmd}: {ratio:.1f}x")
            points.append((actual, cpu))
            if prev:
                t_x, m_x = cpu / prev[0], max(rss - baseline, 1) / max(prev[1] - baseline, 1)
                slopes.append((cmd, size, t_x))
                extra = f"{t_x:6.2f}x {m_x:5.2f}x"
            else:
                extra = f"{'':>7} {'':>6}"
            print(f"{actual / MB:7.2f}M {cmd:8} {took:7.3f}s {cpu:7.3f}s {rss / MB:8.1f}M {ratio:7.1f}x {extra}")
            prev = (cpu, rss)
            os.remove(path)
        fits.append(f"{cmd} {exponent(points):.2f}")
    steepest = max(s[2] for s in slopes)
    print(f"\nsteepest doubling: {steepest:.2f}x the CPU time (target <= 2.2x); fitted exponent "
          f"(time ~ size^b, 1.00 is linear): {', '.join(fits)}; largest memory cost: {worst:.1f}x the input (target <= 10x)")
    if over:
        print("\nover 10x the input:\n  " + "\n  ".join(over))
    if failures:
        print("\nfailed runs:\n  " + "\n  ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
