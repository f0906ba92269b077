//! Feed bytes as `watch` reads them, with and without a charset named by the
//! server: entries or an error, never a panic that leaves `parse`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // feed-rs asserts on some malformed feeds, and `parse` catches that panic
    // (data/watch/feed-rs-panic.rss); libFuzzer's hook would abort on it all the
    // same, so the hook only tells. A panic that leaves `parse` still aborts.
    static TELL: std::sync::Once = std::sync::Once::new();
    TELL.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
    for charset in [None, Some("windows-1252")] {
        if let Ok(entries) = dupdrift::watch::feed::parse("outlet", data, charset) {
            for e in entries {
                // An entry with a key has a key that says something.
                assert!(e.key.as_deref() != Some(""), "{:?}", e.key);
            }
        }
    }
});
