//! Quality floors on the evaluation corpus (`$NEWSCLEAN_CORPUS`, default
//! `../shared/corpus`), as the evaluation command measures them. The floors
//! only ever rise: when a change raises a figure, raise its floor here.
//!
//! Where the corpus is absent the test says what is missing and passes,
//! unless NEWSCLEAN_REQUIRE_CORPUS=1 (set by CI), which makes it fail.

use newsclean::cli::eval::{evaluate, Report};

/// Readability's own test pages: mean bag-of-tokens F1.
const READABILITY_F1: f64 = 0.9905;
/// trafilatura-dev, reading-mode text: snippet F-score.
const TRAFILATURA_F: f64 = 0.941;
/// trafilatura-dev, clean: share of the page's "with" snippets kept.
const CLEAN_WITH_KEPT: f64 = 0.995;
/// trafilatura-dev, clean: share of the page's "without" snippets removed.
const CLEAN_WITHOUT_GONE: f64 = 0.60;

fn report() -> Option<Report> {
    match evaluate(None, None) {
        Ok(r) => Some(r),
        Err(e) if std::env::var_os("NEWSCLEAN_REQUIRE_CORPUS").is_some() => panic!("{e}"),
        Err(e) => {
            eprintln!("skipping the corpus floors: {e}");
            None
        }
    }
}

#[test]
fn quality_floors_hold() {
    let Some(r) = report() else { return };
    let mut failures = Vec::new();
    if r.readability.2 < READABILITY_F1 {
        failures.push(format!(
            "readability F1 {:.4} < {READABILITY_F1}",
            r.readability.2
        ));
    }
    if r.extract.f1() < TRAFILATURA_F {
        failures.push(format!(
            "trafilatura-dev F {:.4} < {TRAFILATURA_F}",
            r.extract.f1()
        ));
    }
    if r.with_kept_ratio() < CLEAN_WITH_KEPT {
        failures.push(format!(
            "clean kept {:.2} % of the article snippets (< {:.1} %); lost:\n  {}",
            100.0 * r.with_kept_ratio(),
            100.0 * CLEAN_WITH_KEPT,
            r.misses.join("\n  ")
        ));
    }
    if r.without_gone_ratio() < CLEAN_WITHOUT_GONE {
        failures.push(format!(
            "clean removed {:.1} % of the boilerplate snippets (< {:.0} %)",
            100.0 * r.without_gone_ratio(),
            100.0 * CLEAN_WITHOUT_GONE
        ));
    }
    // Every miss is listed, pass or fail, so a regression is easy to trace
    // (`cargo test --release --test corpus -- --nocapture` shows them on a pass).
    eprintln!(
        "clean kept {} of {} \"with\" snippets present in the pages ({:.2} %), {} lost; removed {} of {} \"without\" snippets ({:.1} %)",
        r.with_kept,
        r.with_present,
        100.0 * r.with_kept_ratio(),
        r.misses.len(),
        r.without_gone,
        r.without_present,
        100.0 * r.without_gone_ratio()
    );
    for m in &r.misses {
        eprintln!("clean lost: {m}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
