//! The development examples' page source: the trafilatura-dev corpus pages,
//! unpacked, from $NEWSCLEAN_CORPUS (default ../shared/corpus).
use std::io::Read;

pub fn trafilatura_pages(limit: usize) -> Vec<Vec<u8>> {
    let root = std::env::var("NEWSCLEAN_CORPUS").unwrap_or("../shared/corpus".into());
    let dir = format!("{root}/trafilatura-dev/html");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
    let mut pages = Vec::new();
    for e in entries.take(limit) {
        let raw = std::fs::read(e.unwrap().path()).unwrap();
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .unwrap();
        pages.push(out);
    }
    pages
}
