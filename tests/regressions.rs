//! Inputs that once broke newsclean, found by the fuzzers (fuzz/) or by
//! hand, replayed through exactly the code the fuzz targets run
//! (fuzz/src/exercise.rs): parse or decode, clean, extract, every serializer,
//! the snapshot round trip and the parity of the two front doors.
//!
//! `tests/data/regressions/`: `html-*.html` go through the HTML target,
//! `snapshot-*.json` through the snapshot decoder; README.md there says where
//! each came from and what it broke.

use std::path::{Path, PathBuf};

#[path = "../fuzz/src/exercise.rs"]
mod exercise;

fn inputs(prefix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    files.sort();
    files
}

/// Runs `f` on every input, naming the ones that panic.
fn replay(prefix: &str, f: fn(&[u8])) -> usize {
    let files = inputs(prefix);
    let mut failed = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        if std::panic::catch_unwind(|| f(&bytes)).is_err() {
            failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(failed.is_empty(), "these regressions are back: {failed:?}");
    files.len()
}

#[test]
fn html_regressions() {
    let n = replay("html-", exercise::html);
    assert!(n >= 1, "no html-* regression inputs found");
}

#[test]
fn snapshot_regressions() {
    let n = replay("snapshot-", exercise::snapshot_json);
    assert!(n >= 1, "no snapshot-* regression inputs found");
}
