//! Adversarial sizes: pages built to hurt. Each runs the whole pipeline
//! (parse, clean, extract with every serializer, the snapshot round trip) on
//! a thread with a 1 MiB stack, the size of a WebAssembly stack, so any
//! recursion over the tree shows up as a stack overflow here. Each must give
//! a result or a clear error, never a panic.
//!
//! Run in the release profile (`cargo test --release`, which `make test`
//! uses); the whole file takes well under a minute there. Time and peak
//! memory per input are measured by `make bench-adversarial`
//! (bench/adversarial.py), not here.

use std::time::Instant;

use newsclean::serialize::page_html::page_html;
use newsclean::{Kind, NodeKind, Options, Page, Snapshot};

const STACK: usize = 1 << 20;
const URL: &str = "https://news.example.com/world/2024/story.html";

/// Runs `f` on a thread with a WebAssembly-sized stack; prints its time
/// (no time limit here: a quadratic blow-up shows in `make bench-adversarial`).
fn small_stack<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let started = Instant::now();
    let out = std::thread::Builder::new()
        .name(what.to_owned())
        .stack_size(STACK)
        .spawn(f)
        .expect("spawn")
        .join()
        .unwrap_or_else(|_| panic!("{what}: panicked"));
    println!("{what}: {:.2} s", started.elapsed().as_secs_f64());
    out
}

/// What one page gave.
struct Outcome {
    nodes: usize,
    removed: Vec<(u32, Kind)>,
    budget_hit: bool,
    article: Option<newsclean::Article>,
}

fn options() -> Options {
    Options {
        url: Some(URL.to_owned()),
        markdown: true,
        ..Options::default()
    }
}

/// The whole pipeline on a built page.
fn judge(page: &Page) -> Outcome {
    let options = options();
    let plan = newsclean::clean(page, &options);
    let article = newsclean::extract(page, &options);
    let _ = newsclean::is_probably_readerable(page);
    let removed: Vec<_> = plan.removed.iter().map(|r| r.node).collect();
    let html = page_html(page, &removed);
    assert!(!html.is_empty() || page.len() <= 1);
    let snapshot = page.to_snapshot();
    let again = Page::from_snapshot(&snapshot).expect("a page's own snapshot decodes");
    assert_eq!(again.len(), page.len());
    Outcome {
        nodes: page.len(),
        removed: plan.removed.iter().map(|r| (r.node.0, r.kind)).collect(),
        budget_hit: plan.budget_hit,
        article,
    }
}

fn parse_and_judge(html: Vec<u8>) -> Outcome {
    let page = Page::parse_with_url(&html, Some(URL)).expect("parses");
    drop(html);
    judge(&page)
}

fn paragraph(n: usize) -> String {
    format!(
        "<p>Paragraph {n}: the harbour authority reopened the port on Monday after a storm with \
         winds of 120 km/h closed it for three days, stranding dozens of ships, officials said.</p>"
    )
}

fn article_with(middle: &str) -> String {
    let lead: String = (0..4).map(paragraph).collect();
    format!(
        "<!doctype html><html><head><title>Harbour reopens</title></head><body><article>\
         <h1>Harbour reopens</h1>{lead}{middle}<p>The closing paragraph.</p></article></body></html>"
    )
}

#[test]
fn nesting_100k_deep() {
    let o = small_stack("100,000-deep nesting", || {
        let depth = 100_000;
        let mut html = String::with_capacity(depth * 11 + 2000);
        html.push_str(&article_with(""));
        html.truncate(html.find("<p>The closing").unwrap());
        for _ in 0..depth {
            html.push_str("<div>");
        }
        html.push_str("deepest words");
        for _ in 0..depth {
            html.push_str("</div>");
        }
        html.push_str("</article></body></html>");
        let page = Page::parse(html.as_bytes()).expect("parses");
        assert!(
            page.text_content(page.root()).contains("deepest words"),
            "the deepest text is kept"
        );
        judge(&page)
    });
    let article = o.article.expect("the article above the nesting is found");
    assert!(article.text_content.contains("Paragraph 3"));
}

#[test]
fn million_siblings() {
    let o = small_stack("1,000,000 sibling elements", || {
        let mut html = article_with("");
        let at = html.find("<p>The closing").unwrap();
        let spans = "<span>w</span>".repeat(1_000_000);
        html.insert_str(at, &format!("<div>{spans}</div>"));
        parse_and_judge(html.into_bytes())
    });
    assert!(o.nodes > 2_000_000, "{} nodes", o.nodes);
    // Over the default node budget (2,000,000): the judge stops and says so.
    assert!(o.budget_hit, "the node budget is hit");
    assert!(
        o.article.is_none(),
        "extract gives up on an over-budget page"
    );
}

#[test]
fn million_siblings_within_budget() {
    let o = small_stack("1,000,000 sibling elements, budget raised", || {
        let mut html = article_with("");
        let at = html.find("<p>The closing").unwrap();
        html.insert_str(at, &format!("<div>{}</div>", "<br>".repeat(1_000_000)));
        let page = Page::parse(html.as_bytes()).expect("parses");
        let options = Options {
            max_nodes: 4_000_000,
            ..options()
        };
        let plan = newsclean::clean(&page, &options);
        let article = newsclean::extract(&page, &options);
        (plan.budget_hit, article)
    });
    assert!(!o.0);
    assert!(o
        .1
        .expect("an article")
        .text_content
        .contains("The closing paragraph"));
}

#[test]
fn page_of_20_mb() {
    let o = small_stack("20 MB page", || {
        let mut body = String::new();
        let mut n = 0;
        while body.len() < 20 << 20 {
            body.push_str("<div class=\"story-block\"><h2>Section</h2>");
            for _ in 0..8 {
                body.push_str(&paragraph(n));
                n += 1;
            }
            body.push_str("<div class=\"ad-slot\"><span>Advertisement</span></div></div>");
        }
        parse_and_judge(article_with(&body).into_bytes())
    });
    assert!(!o.budget_hit);
    assert!(o.removed.iter().filter(|r| r.1 == Kind::Ad).count() > 10_000);
    let article = o.article.expect("an article");
    assert!(
        article.text_content.len() > 10 << 20,
        "{} bytes of text",
        article.text_content.len()
    );
}

#[test]
fn text_node_of_5_mb() {
    let o = small_stack("5 MB text node", || {
        let words = "harbour storm port ships officials said, ".repeat((5 << 20) / 41);
        parse_and_judge(article_with(&format!("<p>{words}</p>")).into_bytes())
    });
    let article = o.article.expect("an article");
    assert!(article.text_content.len() > 5_000_000);
}

#[test]
fn attribute_of_1_mb() {
    let o = small_stack("1 MB attribute values", || {
        let long = "a".repeat(1 << 20);
        let middle = format!(
            "<p class=\"{long}\" id=\"{long}\">Classed paragraph with ordinary words in it.</p>\
             <p><a href=\"https://news.example.com/{long}\">a long link</a> and \
             <img src=\"https://img.example.com/{long}.jpg\" alt=\"{long}\"> \
             <img srcset=\"https://img.example.com/{long}.jpg 2x\" data-src=\"/{long}.png\"></p>"
        );
        parse_and_judge(article_with(&middle).into_bytes())
    });
    let article = o.article.expect("an article");
    assert!(article.text_content.contains("Classed paragraph"));
    // URLs over 8 KiB are dropped, not copied into the reader.
    assert!(
        article.content.len() < 64 << 10,
        "{} bytes of content",
        article.content.len()
    );
}

#[test]
fn nul_bytes_and_invalid_utf8() {
    let o = small_stack("NUL bytes and invalid UTF-8", || {
        let mut bytes = article_with("<p>before\0the\0nul <b\0>bold\0</b> \u{0}</p>").into_bytes();
        let at = bytes.len() / 2;
        // Lone continuation bytes, an overlong encoding, a truncated sequence, surrogates.
        let junk: &[u8] =
            b"\x80\xbf\xc0\xaf\xe2\x82\xed\xa0\x80\xf4\x90\x80\x80\xff\xfe\0<p a\0=\"\xff\">x\0";
        for _ in 0..2000 {
            bytes.splice(at..at, junk.iter().copied());
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let noise: Vec<u8> = (0..200_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect();
        let page = Page::parse(&noise).expect("noise parses");
        judge(&page);
        parse_and_judge(bytes)
    });
    let article = o.article.expect("an article");
    assert!(!article.content.contains('\0') && !article.text_content.contains('\0'));
    assert!(article.text_content.contains("Paragraph 2"));
}

#[test]
fn fifty_thousand_ad_labels() {
    let o = small_stack("50,000 ad labels", || {
        let mut body = String::new();
        for i in 0..50_000 {
            if i % 100 == 0 {
                body.push_str(&paragraph(i));
            }
            body.push_str("<div class=\"slot\"><span>Advertisement</span></div>");
        }
        parse_and_judge(article_with(&body).into_bytes())
    });
    let ads = o.removed.iter().filter(|r| r.1 == Kind::Ad).count();
    assert!(ads >= 49_000, "{ads} ad boxes removed of 50,000");
    let article = o.article.expect("an article");
    assert!(article.text_content.contains("Paragraph 49900"));
    assert!(!article.text_content.contains("Advertisement"));
}

#[test]
fn table_of_100k_cells() {
    let o = small_stack("table of 100,000 cells", || {
        let mut table = String::from("<table><caption>Results by district</caption>");
        for r in 0..1000 {
            table.push_str("<tr>");
            for c in 0..100 {
                table.push_str(&format!("<td>{r}-{c}</td>"));
            }
            table.push_str("</tr>");
        }
        table.push_str("</table>");
        parse_and_judge(article_with(&table).into_bytes())
    });
    let article = o.article.expect("an article");
    assert!(article.text_content.contains("Paragraph 3"));
    if article.content.contains("<table>") {
        assert!(
            article.text_content.contains("999-99"),
            "a kept table keeps its last cell"
        );
    }
}

/// A snapshot of `n` nodes: each element nested in the previous (`deep`) or
/// all siblings under one `<div>`, with text leaves.
fn synthetic_snapshot(n: usize, deep: bool) -> Snapshot {
    let mut s = Snapshot {
        v: 1,
        url: Some(URL.to_owned()),
        names: vec![
            "html".into(),
            "body".into(),
            "div".into(),
            "p".into(),
            "class".into(),
        ],
        ..Snapshot::default()
    };
    let push_el = |s: &mut Snapshot, depth: u32, name: u32, class: Option<&str>| {
        s.depth.push(depth);
        s.kind.push(NodeKind::Element as u8);
        s.name.push(name);
        match class {
            Some(c) => {
                s.attr_count.push(1);
                s.attr_name.push(4);
                s.attr_len.push(c.encode_utf16().count() as u32);
                s.attr_value.push_str(c);
            }
            None => s.attr_count.push(0),
        }
    };
    let push_text = |s: &mut Snapshot, depth: u32, t: &str| {
        s.depth.push(depth);
        s.kind.push(NodeKind::Text as u8);
        s.name.push(0);
        s.text_len.push(t.encode_utf16().count() as u32);
        s.text.push_str(t);
    };
    push_el(&mut s, 1, 0, None);
    push_el(&mut s, 2, 1, None);
    let para = "The harbour authority reopened the port on Monday after a storm closed it.";
    for i in 0..4 {
        push_el(&mut s, 3, 3, None);
        push_text(&mut s, 4, &format!("{i}. {para}"));
    }
    push_el(&mut s, 3, 2, Some("wrap"));
    let mut depth = 4u32;
    while s.depth.len() + 1 < n {
        if deep {
            push_el(&mut s, depth, 2, None);
            depth += 1;
        } else {
            push_el(&mut s, 4, 3, None);
            push_text(&mut s, 5, "w");
        }
    }
    s
}

#[test]
fn snapshot_nested_a_million_deep() {
    let o = small_stack("snapshot nested 1,000,000 deep", || {
        let s = synthetic_snapshot(1_000_000, true);
        let page = Page::from_snapshot(&s).expect("a deep snapshot is still a tree");
        assert_eq!(page.len(), 1_000_000);
        // Laid out no deeper than the HTML front door nests.
        let last = newsclean::NodeId(page.len() as u32 - 1);
        assert_eq!(page.depth(last), newsclean::page::snapshot::MAX_DEPTH);
        judge(&page)
    });
    assert!(!o.budget_hit);
}

#[test]
fn snapshot_of_a_million_nodes() {
    let o = small_stack("snapshot of 1,000,000 nodes", || {
        let s = synthetic_snapshot(1_000_000, false);
        let json = serde_json::to_vec(&s).expect("serializes");
        let back: Snapshot = serde_json::from_slice(&json).expect("reads back");
        let page = Page::from_snapshot(&back).expect("decodes");
        judge(&page)
    });
    assert_eq!(o.nodes, 1_000_000);
    assert!(!o.budget_hit);
}

#[test]
fn snapshot_lies_are_errors() {
    small_stack("lying snapshots", || {
        let good = synthetic_snapshot(10_000, false);
        let mut huge_len = good.clone();
        huge_len.text_len[0] = u32::MAX;
        let mut deep_jump = good.clone();
        deep_jump.depth[500] = 1_000_000;
        let mut attr_count = good.clone();
        attr_count.attr_count[0] = u32::MAX;
        let mut names = good.clone();
        names.name[1] = u32::MAX;
        for (what, s) in [
            ("a text length past the end", huge_len),
            ("a depth jump", deep_jump),
            ("an attribute count past the end", attr_count),
            ("a name index past the end", names),
        ] {
            match Page::from_snapshot(&s) {
                Err(e) => assert!(e.to_string().starts_with("bad snapshot: "), "{what}: {e}"),
                Ok(_) => panic!("{what}: accepted"),
            }
        }
    });
}
