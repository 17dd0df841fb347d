//! (b) Bytes that claim to be a JSON snapshot -> serde_json -> Page::from_snapshot:
//! Ok or Err, never a panic; a decoded page is judged.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../src/exercise.rs"]
mod exercise;

fuzz_target!(|data: &[u8]| exercise::snapshot_json(data));
