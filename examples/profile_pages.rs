//! Times each stage over corpus pages, serially (a development aid).
#[path = "support/corpus.rs"]
mod corpus;
use std::time::Instant;
fn main() {
    let pages = corpus::trafilatura_pages(200);
    let (mut tp, mut ts, mut tc, mut te) = (0f64, 0f64, 0f64, 0f64);
    let opts = newsclean::Options::default();
    for p in &pages {
        let t = Instant::now();
        let page = newsclean::Page::parse(p).unwrap();
        tp += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let s = newsclean::signals::Signals::measure(&page);
        ts += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let (v, _) = newsclean::classify::classify(&page, &s, usize::MAX);
        tc += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = newsclean::extract::run(&page, &opts, &v);
        te += t.elapsed().as_secs_f64();
    }
    let n = pages.len() as f64 / 1000.0;
    println!(
        "per page ms: parse {:.2} signals {:.2} classify {:.2} extract {:.2}",
        tp / n,
        ts / n,
        tc / n,
        te / n
    );
}
