//! Native speed: newsclean against dom_smoothie on the same corpus pages, in
//! one process, interleaved, so machine noise hits both alike.
//!
//!     cargo run --release --manifest-path bench/native/Cargo.toml [-- --linear]
//!
//! Prints per-page medians (the median over pages of each page's best of
//! several runs), p90, and the ratios. `--linear` also times generated pages
//! of 1, 2, 4 and 8 MB and prints the cost of each doubling.

use std::io::Read;
use std::time::Instant;

const RUNS: usize = 5;

fn load(root: &str) -> Vec<(String, Vec<u8>, String)> {
    let mut pages = Vec::new();
    let dir = format!("{root}/trafilatura-dev/html");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("corpus").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    for f in files {
        pages.push((f.display().to_string(), gunzip(&f), "https://example.com/page.html".to_owned()));
    }
    let mut dirs: Vec<_> = std::fs::read_dir(format!("{root}/readability")).expect("corpus").filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for d in dirs {
        pages.push((d.display().to_string(), gunzip(&d.join("source.html.gz")), "http://fakehost/test/page.html".to_owned()));
    }
    pages
}

fn gunzip(p: &std::path::Path) -> Vec<u8> {
    let raw = std::fs::read(p).expect("read");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).expect("gzip");
    out
}

fn best_of(mut f: impl FnMut()) -> f64 {
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn stats(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let total: f64 = v.iter().sum();
    (v[v.len() / 2], v[v.len() * 9 / 10], total)
}

fn main() {
    let root = std::env::var("NEWSCLEAN_CORPUS").unwrap_or_else(|_| "../shared/corpus".into());
    let pages = load(&root);
    let opts = newsclean::Options::default();
    let (mut parse, mut ours, mut smoothie, mut dq) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (_, bytes, url) in &pages {
        let text = String::from_utf8_lossy(bytes);
        dq.push(best_of(|| {
            std::hint::black_box(dom_query::Document::from(text.as_ref()));
        }));
        parse.push(best_of(|| {
            std::hint::black_box(newsclean::Page::parse(bytes).ok());
        }));
        ours.push(best_of(|| {
            let page = newsclean::Page::parse_with_url(bytes, Some(url)).ok();
            std::hint::black_box(page.and_then(|p| newsclean::extract(&p, &opts)).map(|a| a.text_content));
        }));
        let html = String::from_utf8_lossy(bytes);
        smoothie.push(best_of(|| {
            let r = dom_smoothie::Readability::new(html.as_ref(), Some(url), None).ok();
            std::hint::black_box(r.and_then(|mut r| r.parse().ok()).map(|a| a.text_content));
        }));
    }
    let (pm, p90, pt) = stats(parse);
    let (om, o90, ot) = stats(ours);
    let (sm, s90, st) = stats(smoothie);
    let (dm, d90, dt) = stats(dq);
    println!("{} pages, best of {RUNS} runs per page", pages.len());
    println!("| | median ms/page | p90 | total ms |");
    println!("|---|---|---|---|");
    println!("| html5ever → Page (parse only, the floor) | {pm:.3} | {p90:.3} | {pt:.0} |");
    println!("| dom_query parse only (dom_smoothie's floor) | {dm:.3} | {d90:.3} | {dt:.0} |");
    println!("| newsclean parse + extract | {om:.3} | {o90:.3} | {ot:.0} |");
    println!("| dom_smoothie 0.19 parse + extract | {sm:.3} | {s90:.3} | {st:.0} |");
    println!();
    println!("newsclean is {:.2}× faster than dom_smoothie (median), {:.2}× (total)", sm / om, st / ot);
    if std::env::args().any(|a| a == "--linear") {
        linear();
    }
}

/// A generated news-like page of about `bytes` bytes.
fn generated(bytes: usize) -> String {
    let mut s = String::from("<!doctype html><html><head><title>Generated | Bench</title></head><body><header><nav><ul>");
    for i in 0..8 {
        s.push_str(&format!("<li><a href=\"/s{i}\">Section {i}</a></li>"));
    }
    s.push_str("</ul></nav></header><main><article><h1>Generated story</h1>");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!(
            "<p>Paragraph {i} of the story, with a <a href=\"/l{i}\">link</a>, some commas, and enough words to look like prose written by a reporter.</p>"
        ));
        if i % 10 == 0 {
            s.push_str("<div class=\"ad-slot\"><span>Advertisement</span></div><aside class=\"related\"><h3>Also read</h3><ul><li><a href=\"/x\">Another headline here</a></li></ul></aside>");
        }
        i += 1;
    }
    s.push_str("</article></main></body></html>");
    s
}

fn linear() {
    let opts = newsclean::Options::default();
    let mut prev: Option<f64> = None;
    println!();
    println!("| page size | parse + clean + extract ms | × previous |");
    println!("|---|---|---|");
    for mb in [1usize, 2, 4, 8] {
        let html = generated(mb << 20);
        let ms = best_of(|| {
            let page = newsclean::Page::parse(html.as_bytes()).expect("parse");
            std::hint::black_box(newsclean::clean(&page, &opts));
            std::hint::black_box(newsclean::extract(&page, &opts));
        });
        let ratio = prev.map_or("—".to_owned(), |p| format!("{:.2}", ms / p));
        println!("| {mb} MB | {ms:.1} | {ratio} |");
        prev = Some(ms);
    }
}
