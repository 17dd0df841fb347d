//! Peak heap and time after each stage of extract on one file (a development
//! aid for the adversarial-size memory target and slow pages).
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn mark(stage: &str, input: usize, since: &mut std::time::Instant) {
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "{stage:<10} {:8.2} ms  now {:7.1} MB  peak {:7.1} MB  ({:.1}x input)",
        since.elapsed().as_secs_f64() * 1e3,
        mb(NOW.load(Relaxed)),
        mb(PEAK.load(Relaxed)),
        PEAK.load(Relaxed) as f64 / input as f64
    );
    PEAK.store(NOW.load(Relaxed), Relaxed);
    *since = std::time::Instant::now();
}

fn main() {
    let path = std::env::args().nth(1).expect("file");
    let bytes = std::fs::read(path).unwrap();
    let n = bytes.len();
    let t = &mut std::time::Instant::now();
    mark("read", n, t);
    let page = newsclean::Page::parse(&bytes).unwrap();
    mark("parse", n, t);
    let s = newsclean::signals::Signals::measure(&page);
    mark("signals", n, t);
    let (v, _) = newsclean::classify::classify(&page, &s, usize::MAX);
    mark("classify", n, t);
    let a = newsclean::extract::run(&page, &newsclean::Options::default(), &v);
    mark("extract", n, t);
    drop(a);
    // clean measures its own signals, as the CLI runs it.
    drop((s, v));
    let plan = newsclean::clean(&page, &newsclean::Options::default());
    mark("clean", n, t);
    drop(plan);
}
