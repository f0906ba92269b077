//! The figures of a text against the same text with every digit changed: the
//! number detector's parser on any text, its findings' spans inside the texts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let changed: String = text
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + 1) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect();
    dupdrift_fuzz::compare(text, &changed);
});
