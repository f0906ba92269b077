//! Two arbitrary texts compared sentence by aligned sentence: findings with
//! spans inside their texts, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|texts: (&str, &str)| dupdrift_fuzz::compare(texts.0, texts.1));
