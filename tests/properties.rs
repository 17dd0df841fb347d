//! Properties that hold on every page: `clean` is deterministic and
//! idempotent and invents no text; `extract` invents no words; the native and
//! the snapshot front doors judge a page the same way.

use std::path::{Path, PathBuf};

use newsclean::serialize::page_html::{page_html, page_text};
use newsclean::{Options, Page};

fn fixture_pages() -> Vec<(String, Page, Options)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|d| {
            let meta: serde_json::Value =
                serde_json::from_slice(&std::fs::read(d.join("meta.json")).unwrap_or_default())
                    .unwrap_or_default();
            let url = meta["url"].as_str().map(str::to_owned);
            let page = Page::parse_with_url(
                &std::fs::read(d.join("source.html")).expect("source"),
                url.as_deref(),
            )
            .expect("parse");
            let name = d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                page,
                Options {
                    url,
                    ..Options::default()
                },
            )
        })
        .collect()
}

/// The first character of `part` (whitespace ignored) that cannot be found,
/// in order, in `whole`: output may drop text, never add or reorder it.
fn first_invented(part: &str, whole: &str) -> Option<String> {
    let mut hay = whole.chars().filter(|c| !c.is_whitespace());
    let needle: Vec<char> = part.chars().filter(|c| !c.is_whitespace()).collect();
    for (i, c) in needle.iter().enumerate() {
        if !hay.any(|h| h == *c) {
            let from = i.saturating_sub(30);
            return Some(needle[from..(i + 10).min(needle.len())].iter().collect());
        }
    }
    None
}

#[test]
fn clean_is_deterministic() {
    for (name, page, options) in fixture_pages() {
        assert_eq!(
            newsclean::clean(&page, &options),
            newsclean::clean(&page, &options),
            "{name}"
        );
        assert_eq!(
            newsclean::extract(&page, &options),
            newsclean::extract(&page, &options),
            "{name}"
        );
    }
}

#[test]
fn clean_is_idempotent() {
    for (name, page, options) in fixture_pages() {
        let plan = newsclean::clean(&page, &options);
        let ids: Vec<_> = plan.removed.iter().map(|r| r.node).collect();
        let cleaned =
            Page::parse_with_url(page_html(&page, &ids).as_bytes(), options.url.as_deref())
                .expect("reparse");
        let again = newsclean::clean(&cleaned, &options);
        assert!(
            again.removed.is_empty(),
            "{name}: a second clean still removes {:?}",
            again
                .removed
                .iter()
                .map(|r| (&r.reason, &r.text))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn nothing_is_invented() {
    for (name, page, options) in fixture_pages() {
        let before = page_text(&page, &[]);
        let plan = newsclean::clean(&page, &options);
        let ids: Vec<_> = plan.removed.iter().map(|r| r.node).collect();
        let after = page_text(&page, &ids);
        assert!(
            after.len() < before.len() || ids.is_empty(),
            "{name}: clean removed nothing it reported"
        );
        if let Some(at) = first_invented(&after, &before) {
            panic!("{name}: clean text is not the page's text minus removals, near {at:?}");
        }
        if let Some(article) = newsclean::extract(&page, &options) {
            // Reading mode keeps page text in page order and adds none.
            let all_text = page.text_content(page.root());
            if let Some(at) = first_invented(&article.text_content, &all_text) {
                panic!("{name}: reading-mode text is not a subsequence of the page's text, near {at:?}");
            }
        }
    }
}

#[test]
fn snapshot_door_judges_like_the_html_door() {
    for (name, page, options) in fixture_pages() {
        let snap = page.to_snapshot();
        let json = serde_json::to_string(&snap).expect("json");
        let back: newsclean::Snapshot = serde_json::from_str(&json).expect("json back");
        let from_snapshot = Page::from_snapshot(&back).expect("snapshot");
        assert_eq!(from_snapshot.len(), page.len(), "{name}: node count");
        assert_eq!(
            newsclean::clean(&from_snapshot, &options),
            newsclean::clean(&page, &options),
            "{name}: clean differs"
        );
        assert_eq!(
            newsclean::extract(&from_snapshot, &options),
            newsclean::extract(&page, &options),
            "{name}: extract differs"
        );
        // The round trip is stable: the rebuilt page snapshots the same.
        assert_eq!(
            from_snapshot.to_snapshot(),
            snap,
            "{name}: snapshot not stable"
        );
    }
}
