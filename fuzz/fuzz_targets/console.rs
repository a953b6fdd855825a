//! cargo-fuzz target: see `targets.rs` (`console`) and FUZZING.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scribe_fuzz::console(data));
