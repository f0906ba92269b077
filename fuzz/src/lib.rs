//! What the fuzz targets share: reading bytes as a file of one format, and
//! comparing two texts with the spans of every finding checked.

use dupdrift::ingest::{read, Item, Limits};
use dupdrift::text::language::Language;

/// Reads `data` as a file named `name` (its extension picks the format), with
/// small limits so that a long input stays fast.
pub fn read_as(name: &str, data: &[u8]) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, data).expect("the input written");
    let limits = Limits {
        article_bytes: 1 << 20,
        input_bytes: 1 << 24,
        ..Limits::default()
    };
    let paths = [path];
    for item in read(&paths, &[], limits) {
        match item {
            Item::Article(a) => assert!(!a.text.trim().is_empty()),
            Item::Error(e) => assert!(!e.reason.is_empty()),
            Item::Skipped(_) => {}
        }
    }
}

/// Compares `a` with `b` in English, every finding's evidence inside its text.
pub fn compare(a: &str, b: &str) {
    let en = Language::parse("en").expect("English");
    for f in dupdrift::drift::explain::drift_between(a, b, en) {
        for &(s, e) in &f.evidence_a {
            assert!(s <= e && a.get(s..e).is_some(), "{s}..{e} in A");
        }
        for &(s, e) in &f.evidence_b {
            assert!(s <= e && b.get(s..e).is_some(), "{s}..{e} in B");
        }
    }
}
