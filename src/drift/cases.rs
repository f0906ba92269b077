//! `drift_cases!`: a detector's cases, one line each, each its own test.
//!
//! ```text
//! drift_cases! {
//!     never_signed: Polarity drifts("The minister signed.", "The minister never signed.");
//!     hedged_to_fact: Hedge drifts("He allegedly took bribes.", "He took bribes.") == HEDGE_ONE_SIDE;
//!     unit_only: Number drifts("rose 5%", "rose 5 points") >= 0.4;
//!     reworded: Polarity same("He did not comment.", "He declined to comment, he did not say more.");
//!     hint_only: Quote same("...", "...") >= 0.5;
//! }
//! ```
//!
//! `drifts` passes when `compare` (in English) finds the kind, its most severe
//! finding of the kind at severity 0.5 or more, or `>= x`, or exactly `== x` (a
//! [`super::severity`] entry, so that a case states which evidence it shows).
//! `same` passes when the kind is not found at all, or not at `>= x`. A failing
//! case prints both texts and every finding.

use super::{compare, DriftFinding, DriftKind};
use crate::text::language::Language;

/// What a case expects of the most severe finding of its kind.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// Found, at this severity or more.
    AtLeast(f64),
    /// Found, at exactly this severity.
    Exactly(f64),
    /// Not found at this severity or more (0: not found at all).
    NotAtLeast(f64),
}

/// Checks one case, panicking with both texts and every finding if it fails.
pub fn check(kind: DriftKind, a: &str, b: &str, expect: Expect) {
    let en = Language::parse("en").expect("English");
    let found: Vec<DriftFinding> = compare(a, b, en);
    let most = found
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.severity)
        .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))));
    let holds = match expect {
        Expect::AtLeast(min) => most.is_some_and(|s| s >= min),
        Expect::Exactly(x) => most == Some(x),
        Expect::NotAtLeast(min) => most.is_none_or(|s| s < min),
    };
    assert!(
        holds,
        "{kind:?}: expected {expect:?}, most severe {most:?}\n  A: {a}\n  B: {b}\n  found: {found:#?}"
    );
}

/// One `#[test]` per line: `name: Kind drifts(a, b)`, optionally followed by
/// `>= x` or `== x`, or `name: Kind same(a, b)`, optionally followed by `>= x`;
/// each line ends with `;`.
macro_rules! drift_cases {
    () => {};
    ($name:ident : $kind:ident $check:ident ($a:expr, $b:expr $(,)?) >= $min:expr; $($rest:tt)*) => {
        $crate::drift::cases::drift_cases!(@test $name $kind $a, $b, $check >= $min);
        $crate::drift::cases::drift_cases!($($rest)*);
    };
    ($name:ident : $kind:ident $check:ident ($a:expr, $b:expr $(,)?) == $exact:expr; $($rest:tt)*) => {
        $crate::drift::cases::drift_cases!(@test $name $kind $a, $b, $check == $exact);
        $crate::drift::cases::drift_cases!($($rest)*);
    };
    ($name:ident : $kind:ident $check:ident ($a:expr, $b:expr $(,)?); $($rest:tt)*) => {
        $crate::drift::cases::drift_cases!(@test $name $kind $a, $b, $check);
        $crate::drift::cases::drift_cases!($($rest)*);
    };
    (@test $name:ident $kind:ident $a:expr, $b:expr, $($expect:tt)*) => {
        #[test]
        fn $name() {
            $crate::drift::cases::check(
                $crate::drift::DriftKind::$kind,
                $a,
                $b,
                $crate::drift::cases::drift_cases!(@expect $($expect)*),
            );
        }
    };
    (@expect drifts) => { $crate::drift::cases::Expect::AtLeast(0.5) };
    (@expect drifts >= $min:expr) => { $crate::drift::cases::Expect::AtLeast($min) };
    (@expect drifts == $exact:expr) => { $crate::drift::cases::Expect::Exactly($exact) };
    (@expect same) => { $crate::drift::cases::Expect::NotAtLeast(0.0) };
    (@expect same >= $min:expr) => { $crate::drift::cases::Expect::NotAtLeast($min) };
}
pub(crate) use drift_cases;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "A: The minister signed.")]
    fn a_failing_case_prints_its_texts() {
        check(
            DriftKind::Polarity,
            "The minister signed.",
            "The minister signed.",
            Expect::AtLeast(0.5),
        );
    }
}
