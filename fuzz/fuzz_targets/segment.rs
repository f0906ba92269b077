//! Sentence segmentation on any text: spans in order, on character boundaries,
//! inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut end = 0;
    for s in dupdrift::text::segment::sentences(text) {
        assert!(end <= s.start && s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        end = s.end;
    }
});
