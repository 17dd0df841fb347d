//! `newsclean eval`: scores extract and clean on the evaluation corpus with
//! the metrics of `../shared/eval/score.py` and prints one table.
//!
//! - readability pages: bag-of-`\w+`-tokens precision/recall/F1 of the
//!   extracted text against the text of Readability.js's expected output,
//!   averaged over pages; and the 4-token-shingle F1 of the article-extraction
//!   benchmark (per-page precision and recall averaged, F1 of the means).
//! - trafilatura-dev: "with"/"without" snippets found in the whitespace-
//!   normalised output, pooled over pages (precision, recall, accuracy, F).
//!   For `clean`, only snippets present in the raw page text count: how many
//!   "with" snippets survive, how many "without" ones are gone.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Deserialize;

use crate::api::Options;
use crate::page::Page;
use crate::serialize::page_html::page_text;

/// The URL Readability's own test runner gives every test page.
const READABILITY_URL: &str = "http://fakehost/test/page.html";

fn corpus_root(arg: Option<PathBuf>) -> Result<PathBuf, String> {
    let root = arg
        .or_else(|| std::env::var_os("NEWSCLEAN_CORPUS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    if !root.join("readability").is_dir() || !root.join("trafilatura-dev").is_dir() {
        return Err(format!(
            "evaluation corpus not found at {} (needs readability/ and trafilatura-dev/); set NEWSCLEAN_CORPUS or pass --corpus DIR",
            root.display()
        ));
    }
    Ok(root)
}

fn read_maybe_gz(path: &Path) -> Result<Vec<u8>, String> {
    let raw = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot unpack {}: {e}", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Python's `re.findall(r"\w+")` on str: letters, digits, underscore.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn bag(tokens: &[&str]) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for t in tokens {
        *m.entry((*t).to_owned()).or_insert(0) += 1;
    }
    m
}

/// Bag-of-tokens (precision, recall, F1) as score.py's `bag_prf`.
pub fn bag_prf(truth: &[&str], pred: &[&str]) -> (f64, f64, f64) {
    if truth.is_empty() && pred.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    let t = bag(truth);
    let p = bag(pred);
    let overlap: usize = p
        .iter()
        .map(|(k, v)| (*v).min(*t.get(k).unwrap_or(&0)))
        .sum();
    let prec = if pred.is_empty() {
        0.0
    } else {
        overlap as f64 / pred.len() as f64
    };
    let rec = if truth.is_empty() {
        0.0
    } else {
        overlap as f64 / truth.len() as f64
    };
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (prec, rec, f1)
}

fn shingles(toks: &[&str]) -> HashMap<Vec<String>, usize> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks.iter().map(|s| (*s).to_owned()).collect(), 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.iter().map(|s| (*s).to_owned()).collect())
            .or_insert(0) += 1;
    }
    m
}

/// Normalised shingle (tp, fp, fn) of one page, as score.py's `shingle_counts`.
pub fn shingle_counts(truth: &[&str], pred: &[&str]) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let tp: usize = p
        .iter()
        .map(|(k, v)| (*v).min(*t.get(k).unwrap_or(&0)))
        .sum();
    let fp: usize = p.values().sum::<usize>() - tp;
    let fneg: usize = t.values().sum::<usize>() - tp;
    let total = (tp + fp + fneg) as f64;
    if total > 0.0 {
        (tp as f64 / total, fp as f64 / total, fneg as f64 / total)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// Shingle F1 over pages: precision and recall averaged, F1 of the means.
pub fn shingle_f1(rows: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let p = mean(
        rows.iter()
            .filter(|r| r.0 + r.1 > 0.0)
            .map(|&(tp, fp, fneg)| {
                if fp == 0.0 && fneg == 0.0 {
                    1.0
                } else {
                    tp / (tp + fp)
                }
            })
            .collect(),
    );
    let r = mean(
        rows.iter()
            .filter(|r| r.0 + r.2 > 0.0)
            .map(|&(tp, fp, fneg)| {
                if fp == 0.0 && fneg == 0.0 {
                    1.0
                } else {
                    tp / (tp + fneg)
                }
            })
            .collect(),
    );
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

/// Text nodes of an HTML fragment joined by spaces (score.py's `html_text`).
fn html_text(markup: &str) -> String {
    let Ok(page) = Page::parse_str(markup) else {
        return String::new();
    };
    let mut parts = Vec::new();
    for id in page.ids() {
        if page.is_text(id)
            && !page
                .ancestors(id)
                .any(|a| matches!(page.tag(a), "script" | "style" | "template"))
        {
            parts.push(page.text(id));
        }
    }
    parts.join(" ")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Deserialize)]
struct Entry {
    file: String,
    with: Vec<String>,
    without: Vec<String>,
}

/// Snippet counts pooled over pages (true/false positives and negatives).
#[derive(Default, Clone, Copy, Debug)]
pub struct Snippets {
    pub tp: usize,
    pub fp: usize,
    pub fneg: usize,
    pub tn: usize,
}

impl Snippets {
    fn add(&mut self, o: Snippets) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fneg += o.fneg;
        self.tn += o.tn;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fneg)
    }
    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.fp + self.fneg + self.tn)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fneg)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn count_snippets(e: &Entry, text: &str) -> Snippets {
    let hay = squash(text);
    let found_with = e.with.iter().filter(|s| hay.contains(&squash(s))).count();
    let found_without = e
        .without
        .iter()
        .filter(|s| hay.contains(&squash(s)))
        .count();
    Snippets {
        tp: found_with,
        fp: found_without,
        fneg: e.with.len() - found_with,
        tn: e.without.len() - found_without,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn write_out(dir: &Option<PathBuf>, sub: &str, id: &str, text: &str) -> Result<(), String> {
    if let Some(d) = dir {
        let folder = d.join(sub);
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        let f = folder.join(format!("{id}.txt"));
        std::fs::write(&f, text).map_err(|e| format!("cannot write {}: {e}", f.display()))?;
    }
    Ok(())
}

struct ReadabilityRow {
    prf: (f64, f64, f64),
    shingle: (f64, f64, f64),
    ms: f64,
}

struct TrafRow {
    extract: Snippets,
    raw: Snippets,
    /// with-snippets in the raw page / of those kept by clean;
    /// without-snippets in the raw page / of those gone after clean.
    with_present: usize,
    with_kept: usize,
    without_present: usize,
    without_gone: usize,
    misses: Vec<String>,
    ms: f64,
}

fn timed_extract(bytes: &[u8], url: &str) -> (String, f64) {
    let t = Instant::now();
    let text = Page::parse_with_url(bytes, Some(url))
        .ok()
        .and_then(|p| crate::extract(&p, &Options::default()))
        .map(|a| a.text_content)
        .unwrap_or_default();
    (text, t.elapsed().as_secs_f64() * 1000.0)
}

/// The evaluation's figures.
pub struct Report {
    /// The corpus scored.
    pub root: PathBuf,
    pub readability_pages: usize,
    /// Readability pages: mean bag-of-tokens (precision, recall, F1).
    pub readability: (f64, f64, f64),
    /// Readability pages: 4-token shingles (precision, recall, F1 of the means).
    pub shingle: (f64, f64, f64),
    pub trafilatura_pages: usize,
    /// trafilatura-dev snippets in the extracted text, and in the raw page.
    pub extract: Snippets,
    pub raw: Snippets,
    /// trafilatura-dev snippets present in the raw page, and what clean did to them.
    pub with_present: usize,
    pub with_kept: usize,
    pub without_present: usize,
    pub without_gone: usize,
    /// "with" snippets clean removed, as "page: snippet".
    pub misses: Vec<String>,
    /// Median parse + extract time per page, in a parallel run.
    pub median_ms: f64,
}

impl Report {
    /// Share of the page's "with" snippets that survive clean.
    pub fn with_kept_ratio(&self) -> f64 {
        ratio(self.with_kept, self.with_present)
    }
    /// Share of the page's "without" snippets that clean removes.
    pub fn without_gone_ratio(&self) -> f64 {
        ratio(self.without_gone, self.without_present)
    }
}

/// Runs the evaluation over the corpus at `corpus` (or $NEWSCLEAN_CORPUS),
/// writing per-page outputs under `out` when given.
pub fn evaluate(corpus: Option<PathBuf>, out: Option<PathBuf>) -> Result<Report, String> {
    let root = corpus_root(corpus)?;

    // ---- readability pages
    let rdir = root.join("readability");
    let mut names: Vec<String> = std::fs::read_dir(&rdir)
        .map_err(|e| format!("cannot list {}: {e}", rdir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("expected.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let rrows: Vec<ReadabilityRow> = names
        .par_iter()
        .map(|name| -> Result<ReadabilityRow, String> {
            let dir = rdir.join(name);
            let src = if dir.join("source.html").is_file() {
                dir.join("source.html")
            } else {
                dir.join("source.html.gz")
            };
            let bytes = read_maybe_gz(&src)?;
            let expected =
                std::fs::read_to_string(dir.join("expected.html")).map_err(|e| e.to_string())?;
            let (text, ms) = timed_extract(&bytes, READABILITY_URL);
            write_out(&out, "extract/readability", name, &text)?;
            let truth_text = html_text(&expected);
            let truth = tokens(&truth_text);
            let pred = tokens(&text);
            Ok(ReadabilityRow {
                prf: bag_prf(&truth, &pred),
                shingle: shingle_counts(&truth, &pred),
                ms,
            })
        })
        .collect::<Result<_, _>>()?;

    // ---- trafilatura-dev
    let tdir = root.join("trafilatura-dev");
    let data = std::fs::read(tdir.join("evaldata-dev.json"))
        .map_err(|e| format!("cannot read evaldata-dev.json: {e}"))?;
    let entries: BTreeMap<String, Entry> =
        serde_json::from_slice(&data).map_err(|e| format!("evaldata-dev.json: {e}"))?;
    let entries: Vec<(String, Entry)> = entries.into_iter().collect();
    let trows: Vec<TrafRow> = entries
        .par_iter()
        .map(|(url, e)| -> Result<TrafRow, String> {
            let id = e.file.strip_suffix(".html").unwrap_or(&e.file).to_owned();
            let path = tdir.join("html").join(format!("{}.gz", e.file));
            let path = if path.is_file() {
                path
            } else {
                tdir.join("html").join(&e.file)
            };
            let bytes = read_maybe_gz(&path)?;
            let (text, ms) = timed_extract(&bytes, url);
            let page = Page::parse_with_url(&bytes, Some(url)).map_err(|e| e.to_string())?;
            let raw = page_text(&page, &[]);
            let plan = crate::clean(&page, &Options::default());
            let removed: Vec<_> = plan.removed.iter().map(|r| r.node).collect();
            let cleaned = page_text(&page, &removed);
            write_out(&out, "extract/trafilatura-dev", &id, &text)?;
            write_out(&out, "clean/trafilatura-dev", &id, &cleaned)?;
            write_out(&out, "raw/trafilatura-dev", &id, &raw)?;
            let (raw_sq, clean_sq) = (squash(&raw), squash(&cleaned));
            let mut row = TrafRow {
                extract: count_snippets(e, &text),
                raw: count_snippets(e, &raw),
                with_present: 0,
                with_kept: 0,
                without_present: 0,
                without_gone: 0,
                misses: Vec::new(),
                ms,
            };
            for s in &e.with {
                let s = squash(s);
                if raw_sq.contains(&s) {
                    row.with_present += 1;
                    if clean_sq.contains(&s) {
                        row.with_kept += 1;
                    } else {
                        row.misses.push(format!("{id}: {s}"));
                    }
                }
            }
            for s in &e.without {
                let s = squash(s);
                if raw_sq.contains(&s) {
                    row.without_present += 1;
                    if !clean_sq.contains(&s) {
                        row.without_gone += 1;
                    }
                }
            }
            Ok(row)
        })
        .collect::<Result<_, _>>()?;

    let n = rrows.len() as f64;
    let mean = |f: &dyn Fn(&ReadabilityRow) -> f64| rrows.iter().map(f).sum::<f64>() / n.max(1.0);
    let (sp, sr, sf) = shingle_f1(&rrows.iter().map(|r| r.shingle).collect::<Vec<_>>());
    let mut report = Report {
        root,
        readability_pages: rrows.len(),
        readability: (mean(&|r| r.prf.0), mean(&|r| r.prf.1), mean(&|r| r.prf.2)),
        shingle: (sp, sr, sf),
        trafilatura_pages: trows.len(),
        extract: Snippets::default(),
        raw: Snippets::default(),
        with_present: 0,
        with_kept: 0,
        without_present: 0,
        without_gone: 0,
        misses: trows
            .iter()
            .flat_map(|r| r.misses.iter().cloned())
            .collect(),
        median_ms: median(
            rrows
                .iter()
                .map(|r| r.ms)
                .chain(trows.iter().map(|r| r.ms))
                .collect(),
        ),
    };
    for r in &trows {
        report.extract.add(r.extract);
        report.raw.add(r.raw);
        report.with_present += r.with_present;
        report.with_kept += r.with_kept;
        report.without_present += r.without_present;
        report.without_gone += r.without_gone;
    }
    Ok(report)
}

/// Scores, prints the table, and returns Ok.
pub fn run(corpus: Option<PathBuf>, out: Option<PathBuf>) -> Result<(), String> {
    let r = evaluate(corpus, out)?;
    println!(
        "newsclean {} — evaluation on {}",
        env!("CARGO_PKG_VERSION"),
        r.root.display()
    );
    println!();
    println!("| corpus | what | F | P | R | other |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| readability ({} pages) | extract, bag of tokens | {:.3} | {:.3} | {:.3} | shingle F1 {:.3} (P {:.3} R {:.3}) |",
        r.readability_pages, r.readability.2, r.readability.0, r.readability.1, r.shingle.2, r.shingle.0, r.shingle.1
    );
    let e = &r.extract;
    println!(
        "| trafilatura-dev ({} pages) | extract, snippets | {:.3} | {:.3} | {:.3} | accuracy {:.3} |",
        r.trafilatura_pages,
        e.f1(),
        e.precision(),
        e.recall(),
        e.accuracy()
    );
    println!(
        "| trafilatura-dev | raw page text (baseline) | {:.3} | {:.3} | {:.3} | accuracy {:.3} |",
        r.raw.f1(),
        r.raw.precision(),
        r.raw.recall(),
        r.raw.accuracy()
    );
    println!(
        "| trafilatura-dev | clean, snippets in the page | — | — | — | with kept {}/{} = {:.2} %, without gone {}/{} = {:.1} % |",
        r.with_kept,
        r.with_present,
        100.0 * r.with_kept_ratio(),
        r.without_gone,
        r.without_present,
        100.0 * r.without_gone_ratio()
    );
    println!();
    println!(
        "parse + extract: median {:.2} ms/page (parallel run; `make bench` times it properly)",
        r.median_ms
    );
    if !r.misses.is_empty() {
        println!();
        println!("\"with\" snippets clean removed ({}):", r.misses.len());
        for m in &r.misses {
            println!("  {m}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_match_the_reference_definitions() {
        assert_eq!(tokens("Hello, wörld_1 x"), vec!["Hello", "wörld_1", "x"]);
        let (p, r, f) = bag_prf(&["a", "b", "b"], &["b", "c"]);
        assert!((p - 0.5).abs() < 1e-9 && (r - 1.0 / 3.0).abs() < 1e-9 && (f - 0.4).abs() < 1e-9);
        let (tp, fp, fneg) = shingle_counts(&["a", "b", "c", "d", "e"], &["a", "b", "c", "d"]);
        assert!((tp - 0.5).abs() < 1e-9 && fp == 0.0 && (fneg - 0.5).abs() < 1e-9);
        assert_eq!(
            html_text("<p>a &amp; b</p><script>x</script><p>c</p>"),
            "a & b c"
        );
    }
}
