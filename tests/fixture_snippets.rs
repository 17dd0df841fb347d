//! Every fixture page's `meta.json` snippets against `clean`: each `keep`
//! snippet must still be in the page's text after cleanup, each `drop`
//! snippet must be gone. One failure lists every broken page and snippet.

use std::path::{Path, PathBuf};

use newsclean::serialize::page_html::page_text;
use newsclean::{Options, Page};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn snippets(meta: &serde_json::Value, key: &str) -> Vec<String> {
    meta[key]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str()).map(squash).collect())
        .unwrap_or_default()
}

/// The page text before and after `clean`, whitespace squashed.
fn texts(dir: &Path, meta: &serde_json::Value) -> (String, String) {
    let html = std::fs::read(dir.join("source.html")).expect("source.html");
    let url = meta["url"].as_str();
    let page = Page::parse_with_url(&html, url).expect("parse");
    let options = Options {
        url: url.map(str::to_owned),
        ..Options::default()
    };
    let plan = newsclean::clean(&page, &options);
    let removed: Vec<_> = plan.removed.iter().map(|r| r.node).collect();
    (
        squash(&page_text(&page, &[])),
        squash(&page_text(&page, &removed)),
    )
}

#[test]
fn clean_keeps_story_and_drops_clutter_on_every_fixture() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("meta.json").is_file() && p.join("source.html").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 15, "only {} fixtures found", dirs.len());

    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("meta.json")).expect("meta.json"))
                .unwrap_or_else(|e| panic!("{name}/meta.json: {e}"));
        let (raw, cleaned) = texts(dir, &meta);
        for s in snippets(&meta, "keep") {
            if !raw.contains(&s) {
                failures.push(format!(
                    "{name}: keep snippet not in the page at all: {s:?}"
                ));
            } else if !cleaned.contains(&s) {
                failures.push(format!("{name}: clean removed story text: {s:?}"));
            }
        }
        for s in snippets(&meta, "drop") {
            if !raw.contains(&s) {
                failures.push(format!(
                    "{name}: drop snippet not in the page at all: {s:?}"
                ));
            } else if cleaned.contains(&s) {
                failures.push(format!("{name}: clean left clutter: {s:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture snippet failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
