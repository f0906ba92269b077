//! HTML read as `scan` reads a file (the nesting cut, then the parser and the
//! text extraction), and the cut alone on the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dupdrift_fuzz::read_as("in.html", data);
    if let Ok(text) = std::str::from_utf8(data) {
        let cut = dupdrift::ingest::nesting::shallow(text, 4);
        assert!(cut.len() <= text.len());
    }
});
