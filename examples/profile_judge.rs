//! Runs the judge (signals, classify, extract) over parsed corpus pages, several
//! rounds, so a profiler sees the judge rather than the parser (a development aid).
#[path = "support/corpus.rs"]
mod corpus;
use std::time::Instant;
fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let pages: Vec<_> = corpus::trafilatura_pages(usize::MAX)
        .iter()
        .map(|p| newsclean::Page::parse(p).unwrap())
        .collect();
    let opts = newsclean::Options::default();
    let t = Instant::now();
    for _ in 0..rounds {
        for page in &pages {
            let s = newsclean::signals::Signals::measure(page);
            let (v, _) = newsclean::classify::classify(page, &s, usize::MAX);
            std::hint::black_box(newsclean::extract::run(page, &opts, &v));
        }
    }
    let per = t.elapsed().as_secs_f64() * 1e3 / (rounds * pages.len()) as f64;
    println!("{} pages x {rounds}: judge {per:.2} ms a page", pages.len());
}
