//! (a) HTML bytes -> Page::parse -> clean + extract -> every serializer ->
//! to_snapshot -> from_snapshot, which must judge the same.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../src/exercise.rs"]
mod exercise;

fuzz_target!(|data: &[u8]| exercise::html(data));
