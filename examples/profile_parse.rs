use std::io::Read;
fn main() {
    let root = std::env::var("NEWSCLEAN_CORPUS").unwrap_or("../shared/corpus".into());
    let mut pages = Vec::new();
    for e in std::fs::read_dir(format!("{root}/trafilatura-dev/html")).unwrap() {
        let raw = std::fs::read(e.unwrap().path()).unwrap();
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .unwrap();
        pages.push(out);
    }
    let t = std::time::Instant::now();
    for _ in 0..3 {
        for p in &pages {
            std::hint::black_box(newsclean::Page::parse(p).unwrap());
        }
    }
    println!("{:?}", t.elapsed() / (3 * pages.len() as u32));
}
