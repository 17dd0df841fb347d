//! Golden outputs for every fixture page, and reading mode against each
//! fixture's `keep` / `extract_drop` snippets.
//!
//! `tests/fixtures/<name>/` holds `source.html` and `meta.json` (written by
//! hand) and the golden `clean.json`, `extract.json`, `extract.txt`
//! (written by `make bless`, which sets NEWSCLEAN_BLESS=1). A change in
//! behaviour shows up here as a diff to review, then to bless.

use std::path::{Path, PathBuf};

use newsclean::{Options, Page};

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file() && p.join("meta.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

struct Fixture {
    name: String,
    dir: PathBuf,
    meta: serde_json::Value,
    page: Page,
    options: Options,
}

fn load(dir: &Path) -> Fixture {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("meta.json")).expect("meta.json"))
            .unwrap_or_else(|e| panic!("{name}/meta.json: {e}"));
    let url = meta["url"].as_str().map(str::to_owned);
    let html = std::fs::read(dir.join("source.html")).expect("source.html");
    let page = Page::parse_with_url(&html, url.as_deref()).expect("parse");
    let options = Options {
        url,
        ..Options::default()
    };
    Fixture {
        name,
        dir: dir.to_owned(),
        meta,
        page,
        options,
    }
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

/// Compares `actual` with the golden file, or rewrites it when blessing.
fn golden(f: &Fixture, file: &str, actual: &str, failures: &mut Vec<String>) {
    let path = f.dir.join(file);
    if std::env::var_os("NEWSCLEAN_BLESS").is_some() {
        std::fs::write(&path, actual)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
            failures.push(format!(
                "{}/{file} differs from the golden output from line {} (run `make bless` after reviewing)",
                f.name,
                line + 1
            ));
        }
        Err(_) => failures.push(format!("{}/{file} is missing (run `make bless`)", f.name)),
    }
}

#[test]
fn outputs_match_the_golden_files() {
    let dirs = fixture_dirs();
    assert!(
        dirs.len() >= 16,
        "expected at least 16 fixtures, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let f = load(dir);
        let plan = newsclean::clean(&f.page, &f.options);
        let article = newsclean::extract(&f.page, &f.options);
        let plan_json = serde_json::to_string_pretty(&plan).expect("json") + "\n";
        let article_json = serde_json::to_string_pretty(&article).expect("json") + "\n";
        let text = article
            .as_ref()
            .map_or(String::new(), |a| a.text_content.clone() + "\n");
        golden(&f, "clean.json", &plan_json, &mut failures);
        golden(&f, "extract.json", &article_json, &mut failures);
        golden(&f, "extract.txt", &text, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reading_mode_keeps_the_story_and_nothing_else() {
    let mut failures = Vec::new();
    for dir in fixture_dirs() {
        let f = load(&dir);
        let Some(article) = newsclean::extract(&f.page, &f.options) else {
            failures.push(format!("{}: no article found", f.name));
            continue;
        };
        let text = squash(&article.text_content);
        // Captions carrying picture credits show under their pictures but
        // are left out of the plain text, so "keep" is checked on what the
        // reader sees.
        let shown = squash(&visible_text(&article.content));
        for s in snippets(&f.meta, "keep") {
            if !shown.contains(&s) {
                failures.push(format!("{}: reading mode lost {s:?}", f.name));
            }
        }
        for s in snippets(&f.meta, "extract_drop") {
            if text.contains(&s) {
                failures.push(format!("{}: reading mode kept clutter {s:?}", f.name));
            }
        }
        if let Some(title) = f.meta["title"].as_str() {
            if squash(&article.title) != squash(title) {
                failures.push(format!(
                    "{}: title {:?}, expected {title:?}",
                    f.name, article.title
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The product's first page: every piece of clutter named in the brief goes,
/// every paragraph stays, and reading mode shows the story alone.
#[test]
fn firstpost_page_is_cleaned_as_promised() {
    let dir = fixture_dirs()
        .into_iter()
        .find(|d| d.ends_with("firstpost-india-china"))
        .expect("firstpost fixture");
    let f = load(&dir);
    let plan = newsclean::clean(&f.page, &f.options);
    let removed: Vec<_> = plan.removed.iter().map(|r| r.node).collect();
    let after = squash(&newsclean::serialize::page_html::page_text(
        &f.page, &removed,
    ));
    for clutter in [
        "Trending:",
        "Advertisement",
        "STORY CONTINUES BELOW THIS AD",
        "QUICK LINKS",
        "Live TV",
    ] {
        assert!(!after.contains(clutter), "clean left {clutter:?}");
    }
    for kind in ["ad", "trending", "quick-links"] {
        assert!(
            plan.removed.iter().any(|r| r.kind.as_str() == kind),
            "no {kind} removal on the firstpost page"
        );
    }
    let article = newsclean::extract(&f.page, &f.options).expect("article");
    let text = squash(&article.text_content);
    // The body only: the lead picture's caption, the standfirst once, then
    // the story; no title or byline in front.
    let standfirst = text.find("Both sides said").expect("standfirst");
    let body = text
        .find("India and China on Tuesday agreed")
        .expect("first paragraph");
    assert!(standfirst < body, "standfirst after the body");
    assert!(
        text[..standfirst].trim().is_empty() || text[..standfirst].contains("Reuters File"),
        "text starts with {:?}",
        &text[..standfirst]
    );
    assert!(
        text.ends_with("With inputs from agencies"),
        "ends with {:?}",
        &text[text.len().saturating_sub(80)..]
    );
    assert_eq!(
        text.matches("mutual desire to restore relations, after talks")
            .count(),
        1,
        "standfirst repeated"
    );
    assert!(
        !text.contains("STORY CONTINUES")
            && !text.contains("Advertisement")
            && !text.contains("Also read")
    );
    let caption = "Reuters File";
    assert!(
        article.content.matches(caption).count() == 1,
        "caption/alt duplicated in {}",
        article.content
    );
}

/// The text a browser shows for `html`: tags dropped (blocks apart),
/// entities decoded.
fn visible_text(html: &str) -> String {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "code", "em", "i", "mark", "s", "small", "strong", "sub", "sup", "time",
        "u", "span",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}
