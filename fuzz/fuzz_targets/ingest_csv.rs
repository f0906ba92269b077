//! CSV read as `scan` reads a file: every item an article, an error row or a
//! skipped path, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dupdrift_fuzz::read_as("in.csv", data));
