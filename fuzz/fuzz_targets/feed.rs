//! Feed bytes as `watch` reads them, with and without a charset named by the
//! server: entries or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for charset in [None, Some("windows-1252")] {
        if let Ok(entries) = dupdrift::watch::feed::parse("outlet", data, charset) {
            for e in entries {
                // An entry with a key has a key that says something.
                assert!(e.key.as_deref() != Some(""), "{:?}", e.key);
            }
        }
    }
});
