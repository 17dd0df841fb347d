//! Times the html5ever parse into a Page over the corpus pages (a development aid).
#[path = "support/corpus.rs"]
mod corpus;
fn main() {
    let pages = corpus::trafilatura_pages(usize::MAX);
    let t = std::time::Instant::now();
    for _ in 0..3 {
        for p in &pages {
            std::hint::black_box(newsclean::Page::parse(p).unwrap());
        }
    }
    println!("{:?}", t.elapsed() / (3 * pages.len() as u32));
}
