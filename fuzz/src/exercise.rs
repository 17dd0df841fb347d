//! What the fuzz targets do with an input, and the invariants they check.
//! Shared with `tests/regressions.rs` (included there with `#[path]`), so a
//! crasher replays through exactly the code that found it. Depends only on
//! `newsclean` and `serde_json`.
#![allow(dead_code)] // each target uses part of it

use newsclean::serialize::page_html::{page_html, page_text};
use newsclean::{Article, CleanPlan, Options, Page, Snapshot};

/// The address fuzzed pages claim to live at (relative links resolve against it).
pub const PAGE_URL: &str = "https://news.example.com/world/2024/story.html";

/// Target (a): HTML bytes -> Page -> clean, extract, every serializer, and
/// the snapshot round trip, which must judge the same.
pub fn html(bytes: &[u8]) {
    let Ok(page) = Page::parse_with_url(bytes, Some(PAGE_URL)) else {
        return;
    };
    judge(&page, true);
}

/// Target (b), bytes: JSON that claims to be a snapshot (what crosses the
/// extension's message channel). Decoding returns Ok or Err, never panics;
/// a decoded page is judged.
pub fn snapshot_json(bytes: &[u8]) {
    if let Ok(snapshot) = serde_json::from_slice::<Snapshot>(bytes) {
        snapshot_value(&snapshot);
    }
}

/// Target (b), structured: a snapshot value, valid or not.
pub fn snapshot_value(snapshot: &Snapshot) {
    let Ok(page) = Page::from_snapshot(snapshot) else {
        return;
    };
    // A hostile snapshot may carry what a browser never sends (script text,
    // attributes outside the kept set), so it is judged as it is, and parity
    // is checked from its normalized form on.
    judge(&page, false);
    let normal = Page::from_snapshot(&page.to_snapshot()).expect("a page's own snapshot decodes");
    judge(&normal, true);
}

fn options() -> Options {
    Options {
        markdown: true,
        ..Options::default()
    }
}

/// Runs everything a front end runs on `page` and checks the results hold
/// together; with `parity`, also that the snapshot of the page judges the same.
pub fn judge(page: &Page, parity: bool) {
    let options = options();
    let plan = newsclean::clean(page, &options);
    check_plan(page, &plan);
    let article = newsclean::extract(page, &options);
    if let Some(a) = &article {
        check_article(a);
    }
    let readerable = newsclean::is_probably_readerable(page);
    let removed: Vec<_> = plan.removed.iter().map(|r| r.node).collect();
    let _ = page_html(page, &removed);
    let _ = page_text(page, &removed);

    let snapshot = page.to_snapshot();
    let json = serde_json::to_vec(&snapshot).expect("a snapshot serializes");
    let back: Snapshot = serde_json::from_slice(&json).expect("a snapshot's JSON reads back");
    assert_eq!(back, snapshot, "the snapshot changed through JSON");
    let again = Page::from_snapshot(&snapshot).expect("a page's own snapshot decodes");
    assert_eq!(again.len(), page.len(), "the snapshot lost or gained nodes");
    assert_eq!(again.to_snapshot(), snapshot, "the snapshot is not stable");
    if parity {
        let plan2 = newsclean::clean(&again, &options);
        assert_eq!(plan2, plan, "the snapshot's page is cleaned differently");
        let article2 = newsclean::extract(&again, &options);
        let reading = |a: &Option<Article>| {
            a.as_ref()
                .map(|a| (a.title.clone(), a.byline.clone(), a.text_content.clone()))
        };
        assert_eq!(
            reading(&article2),
            reading(&article),
            "the snapshot's page reads differently"
        );
        assert_eq!(
            newsclean::is_probably_readerable(&again),
            readerable,
            "the snapshot's page is judged readerable differently"
        );
    }
}

fn check_plan(page: &Page, plan: &CleanPlan) {
    for r in &plan.removed {
        assert!(
            r.node.index() > 0 && r.node.index() < page.len(),
            "removal outside the page: {:?}",
            r.node
        );
    }
    for w in plan.removed.windows(2) {
        assert!(w[0].node < w[1].node, "removals out of document order");
        assert!(
            !page.contains(w[0].node, w[1].node),
            "a removal inside another"
        );
    }
    let counted: usize = plan.counts.values().sum();
    assert_eq!(counted, plan.removed.len(), "counts do not add up");
}

fn check_article(a: &Article) {
    assert_eq!(
        a.length,
        a.text_content.chars().count(),
        "length is not the text's"
    );
    assert!(a.markdown.is_some(), "markdown was asked for");
    // The allowlist serializer escapes text and quotes every value, so each
    // `<` opens a tag; none may be a script-capable element or carry an
    // on*, style or srcdoc attribute.
    let lower = a.content.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(lt) = rest.find('<') {
        let end = rest[lt..].find('>').map_or(rest.len(), |g| lt + g);
        let tag = &rest[lt + 1..end];
        let name = tag.split([' ', '/']).find(|n| !n.is_empty()).unwrap_or("");
        assert!(
            !matches!(
                name,
                "script"
                    | "style"
                    | "svg"
                    | "math"
                    | "object"
                    | "embed"
                    | "form"
                    | "base"
                    | "meta"
                    | "link"
                    | "frame"
                    | "template"
                    | "noscript"
            ),
            "<{name}> in reading-mode HTML"
        );
        let mut quoted = false;
        let mut prev = ' ';
        for (i, c) in tag.char_indices() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted && prev == ' ' {
                let attr = &tag[i..tag[i..].find(['=', ' ']).map_or(tag.len(), |e| i + e)];
                assert!(
                    !attr.starts_with("on") && attr != "style" && attr != "srcdoc",
                    "attribute {attr} in reading-mode HTML: <{tag}>"
                );
            }
            prev = c;
        }
        rest = rest.get(end + 1..).unwrap_or("");
    }
}
