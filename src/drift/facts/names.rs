//! Name variants: which spellings name one entity, from knowledge rather than from
//! spelling ("UK" / "Britain" / "United Kingdom", "Danish" / "Denmark", "PRC" /
//! "China", "Köln" / "Cologne", "Moscow" for Russia), for `entity`.
//!
//! The table is `data/lexicon/names/variants.tsv`, derived by
//! `scripts/names-derive.py` from WordNet, CLDR and GeoNames (licences beside it):
//! one group per line, a key and its forms, each `relation=form`. Forms are folded
//! as names are compared here, [`super::spelling::bare`] of the matching form, and
//! without a possessive (see [`without_possessive`]); multi-word forms hold single
//! spaces. It is parsed once, on first need.

use ahash::AHashMap;
use std::sync::OnceLock;

const VARIANTS: &str = include_str!("../../../data/lexicon/names/variants.tsv");

/// How a form stands for the entity of its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// Its name, in any language ("Germany", "Deutschland").
    Name,
    /// An abbreviation or initialism ("UK", "PRC", "RUS").
    Abbreviation,
    /// The adjective of a place ("Danish" for Denmark).
    Adjective,
    /// What its people are called ("Dane", "Dutchman").
    Demonym,
    /// The capital of a country: a metonym for it ("Moscow" for Russia), worth a
    /// look only.
    Capital,
}

impl Relation {
    fn parse(s: &str) -> Option<Relation> {
        Some(match s {
            "name" => Relation::Name,
            "abbreviation" => Relation::Abbreviation,
            "adjective" => Relation::Adjective,
            "demonym" => Relation::Demonym,
            "capital" => Relation::Capital,
            _ => return None,
        })
    }
}

/// One group a form belongs to, and how it stands for the group's entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupForm {
    /// The group: an index into the table's lines (see [`NameVariants::key`]).
    pub group: u32,
    /// How the form stands for it.
    pub relation: Relation,
}

/// How two names are the same entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Two names of it: names, abbreviations, adjectives or demonyms.
    Same,
    /// A capital and its country ("Moscow" / "Russia"): a metonym, worth a look.
    Metonym,
}

/// How two forms of one group link: through a capital, a metonym.
pub fn link(x: Relation, y: Relation) -> Link {
    if (x == Relation::Capital) != (y == Relation::Capital) {
        Link::Metonym
    } else {
        Link::Same
    }
}

/// The name-variant table, parsed.
pub struct NameVariants {
    /// Each form's range in `entries`.
    forms: AHashMap<&'static str, (u32, u32)>,
    entries: Vec<GroupForm>,
    /// Each group's key ("country:GB", "city:2643743", "wn:08860123").
    #[cfg_attr(not(test), allow(dead_code))]
    keys: Vec<&'static str>,
    /// The first word of each multi-word form, with the most words of those it opens.
    opens: AHashMap<&'static str, u8>,
}

/// The name-variant table, read on first need.
pub fn variants() -> &'static NameVariants {
    static TABLE: OnceLock<NameVariants> = OnceLock::new();
    TABLE.get_or_init(|| NameVariants::parse(VARIANTS))
}

/// A folded name without its possessive, as the table holds it: "putin's" ->
/// "putin". (The tokenizer joins a word across any apostrophe, which folding
/// straightens; "Putins'" ends before its apostrophe.)
pub fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .unwrap_or(word)
        .trim_end_matches('\'')
}

/// A folded single-word name without an inflection that names take, most likely
/// first: a plural ("danes" -> "dane", "americans" -> "american"), "-men"
/// ("dutchmen" -> "dutchman"), a demonym's "-n" after "a" ("majorcan" ->
/// "majorca", "californians" -> "california"). Empty where none applies.
pub fn uninflected(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = word.strip_suffix("men") {
        out.push(format!("{s}man"));
        return out;
    }
    if let Some(s) = word.strip_suffix('s').filter(|s| s.len() >= 3) {
        out.push(s.to_string());
    }
    let singular = out.first().map_or(word, String::as_str);
    if let Some(s) = singular
        .strip_suffix('n')
        .filter(|s| s.ends_with('a') && s.len() >= 3)
    {
        out.push(s.to_string());
    }
    out
}

impl NameVariants {
    fn parse(table: &'static str) -> NameVariants {
        // Two passes and no sort: this runs once per process that meets a name the
        // other side does not spell, so it is kept to a few milliseconds.
        let lines = || {
            table
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
        };
        let fields = |line: &'static str| {
            line.split('\t').skip(1).filter_map(|field| {
                let (relation, form) = field.split_once('=')?;
                Some((form, Relation::parse(relation)?))
            })
        };
        let mut forms: AHashMap<&str, (u32, u32)> = AHashMap::with_capacity(64 * 1024);
        let mut opens: AHashMap<&str, u8> = AHashMap::new();
        let mut keys = Vec::new();
        for line in lines() {
            keys.push(line.split('\t').next().unwrap_or_default());
            for (form, _) in fields(line) {
                forms.entry(form).or_default().1 += 1;
                if let Some((first, _)) = form.split_once(' ') {
                    let words = form.split(' ').count().min(u8::MAX as usize) as u8;
                    let most = opens.entry(first).or_default();
                    *most = (*most).max(words);
                }
            }
        }
        // Each form's range (start, count), then its entries in place, the count
        // counted up again as they are placed.
        let mut at = 0;
        for range in forms.values_mut() {
            let n = range.1;
            *range = (at, 0);
            at += n;
        }
        let placeholder = GroupForm {
            group: 0,
            relation: Relation::Name,
        };
        let mut entries = vec![placeholder; at as usize];
        for (group, line) in lines().enumerate() {
            for (form, relation) in fields(line) {
                if let Some(range) = forms.get_mut(form) {
                    entries[(range.0 + range.1) as usize] = GroupForm {
                        group: group as u32,
                        relation,
                    };
                    range.1 += 1;
                }
            }
        }
        // Ranges as (from, to).
        for range in forms.values_mut() {
            range.1 += range.0;
        }
        NameVariants {
            forms,
            entries,
            keys,
            opens,
        }
    }

    /// The groups of the folded form `folded` (one word or several, a single space
    /// between), without its possessive. A single word the table lacks is tried
    /// without an inflection that names take (see [`uninflected`]).
    pub fn groups(&self, folded: &str) -> &[GroupForm] {
        let word = without_possessive(folded);
        let exact = self.exact(word);
        if !exact.is_empty() || word.contains(' ') {
            return exact;
        }
        uninflected(word)
            .iter()
            .map(|s| self.exact(s))
            .find(|g| !g.is_empty())
            .unwrap_or(&[])
    }

    fn exact(&self, form: &str) -> &[GroupForm] {
        self.forms
            .get(form)
            .map_or(&[], |&(from, to)| &self.entries[from as usize..to as usize])
    }

    /// The key of `group` ("country:GB").
    #[cfg_attr(not(test), allow(dead_code))] // the tests' and a debugger's
    pub fn key(&self, group: u32) -> &'static str {
        self.keys[group as usize]
    }

    /// Whether two folded names share a group, and how: [`Link::Same`] where they
    /// do as names (of any relation but capital, or both capitals), else
    /// [`Link::Metonym`] where one is the other's capital; `None` where they share
    /// none.
    #[cfg_attr(not(test), allow(dead_code))] // `entity` compares groups of forms
    pub fn same_entity(&self, x: &str, y: &str) -> Option<Link> {
        best_link(self.groups(x), self.groups(y))
    }

    /// The most words a form opened by `word` has (1 if it opens none).
    pub fn longest_opened_by(&self, word: &str) -> usize {
        self.opens.get(word).map_or(1, |&n| n as usize)
    }

    /// The longest form that `words` (folded, without possessives) hold from
    /// `start` on: its length in words and its groups.
    #[cfg_attr(not(test), allow(dead_code))] // `entity` wants every form, not the longest
    pub fn longest_at(&self, words: &[&str], start: usize) -> Option<(usize, &[GroupForm])> {
        self.matches_at(words, start).last()
    }

    /// Every form `words` hold from `start` on, shortest first: its length in words
    /// and its groups ("united states congress" holds "united states" too). A
    /// single word is looked up as [`NameVariants::groups`] does, with its
    /// inflections.
    #[cfg_attr(not(test), allow(dead_code))] // `entity` looks single words up itself
    pub fn matches_at<'v>(
        &'v self,
        words: &[&str],
        start: usize,
    ) -> impl Iterator<Item = (usize, &'v [GroupForm])> + 'v {
        let single = words.get(start).map_or(&[][..], |w| self.groups(w));
        let first = (!single.is_empty()).then_some((1, single));
        first.into_iter().chain(self.multi_word_at(words, start))
    }

    /// The forms of two words or more that `words` hold from `start` on, shortest
    /// first (see [`NameVariants::matches_at`]).
    pub fn multi_word_at<'v>(
        &'v self,
        words: &[&str],
        start: usize,
    ) -> impl Iterator<Item = (usize, &'v [GroupForm])> + 'v {
        let mut found = Vec::new();
        if let Some(&first) = words.get(start) {
            let most = self
                .longest_opened_by(without_possessive(first))
                .min(words.len() - start);
            if most > 1 {
                let mut form = String::from(without_possessive(first));
                for (n, word) in words[start + 1..start + most].iter().enumerate() {
                    form.push(' ');
                    form.push_str(without_possessive(word));
                    let groups = self.exact(&form);
                    if !groups.is_empty() {
                        found.push((n + 2, groups));
                    }
                }
            }
        }
        found.into_iter()
    }
}

/// The best link between forms of two sets of groups: [`Link::Same`] over
/// [`Link::Metonym`].
pub fn best_link(xs: &[GroupForm], ys: &[GroupForm]) -> Option<Link> {
    let mut best = None;
    for x in xs {
        for y in ys.iter().filter(|y| y.group == x.group) {
            match link(x.relation, y.relation) {
                Link::Same => return Some(Link::Same),
                Link::Metonym => best = Some(Link::Metonym),
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::facts::words::Words;
    use crate::text::language::Language;

    fn same(x: &str, y: &str) -> Option<Link> {
        variants().same_entity(x, y)
    }

    #[test]
    fn countries_by_name_abbreviation_and_exonym() {
        for (x, y) in [
            ("uk", "britain"),
            ("uk", "united kingdom"),
            ("great britain", "united kingdom"),
            ("china", "prc"),
            ("germany", "deutschland"),
            ("us", "america"),
            ("usa", "united states"),
            ("russia", "russian federation"),
            ("rf", "russia"),
            ("netherlands", "holland"),
        ] {
            assert_eq!(same(x, y), Some(Link::Same), "{x} / {y}");
        }
    }

    #[test]
    fn adjectives_and_demonyms() {
        for (x, y) in [
            ("danish", "denmark"),
            ("danes", "denmark"),
            ("danes", "danish"),
            ("american", "us"),
            ("russian", "rf"),
            ("dutchman", "netherlands"),
            ("dutchmen", "netherlands"),
            ("chinese", "china"),
        ] {
            assert_eq!(same(x, y), Some(Link::Same), "{x} / {y}");
        }
    }

    #[test]
    fn cities_rivers_and_transliterations() {
        for (x, y) in [
            ("koln", "cologne"),
            ("koeln", "cologne"),
            ("napoli", "naples"),
            ("rhein", "rhine"),
            ("orel", "oryol"),
            ("covid", "new coronavirus"),
        ] {
            assert_eq!(same(x, y), Some(Link::Same), "{x} / {y}");
        }
    }

    #[test]
    fn a_capital_is_a_metonym() {
        assert_eq!(same("moscow", "russia"), Some(Link::Metonym));
        assert_eq!(same("beijing", "china"), Some(Link::Metonym));
    }

    #[test]
    fn different_entities_share_no_group() {
        for (x, y) in [
            ("paris", "london"),
            ("germany", "france"),
            ("china", "taiwan"),
            ("russia", "ukraine"),
            ("uk", "us"),
            ("austria", "australia"),
            ("london", "berlin"),
        ] {
            assert_eq!(same(x, y), None, "{x} / {y}");
        }
    }

    #[test]
    fn a_form_may_be_in_several_groups() {
        let keys: Vec<&str> = variants()
            .groups("georgia")
            .iter()
            .map(|g| variants().key(g.group))
            .collect();
        assert!(keys.contains(&"country:GE"), "{keys:?}");
        assert!(keys.iter().any(|k| k.starts_with("wn:")), "{keys:?}");
        // The country and the US state are not one entity for their other names.
        assert_eq!(same("sakartvelo", "peach state"), None);
    }

    #[test]
    fn inflections_of_names() {
        assert_eq!(uninflected("danes"), ["dane"]);
        assert_eq!(uninflected("dutchmen"), ["dutchman"]);
        assert_eq!(uninflected("majorcan"), ["majorca"]);
        assert_eq!(uninflected("californians"), ["californian", "california"]);
        assert!(uninflected("putin").is_empty());
    }

    #[test]
    fn common_words_are_no_names() {
        for word in ["nice", "reading", "bath", "the", "said", "government"] {
            assert!(variants().groups(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn possessives_in_every_apostrophe_style() {
        let en = Language::parse("en").expect("English");
        for text in [
            "Putin's plan",
            "Putin\u{2019}s plan",
            "Putin\u{2018}s plan",
            "Putin\u{02BC}s plan",
            "Putins' plan",
        ] {
            let w = Words::new(text, en);
            let name = without_possessive(w.bare(0));
            assert!(name == "putin" || name == "putins", "{text}: {name}");
        }
        assert_eq!(same("britain's", "uk"), Some(Link::Same));
        assert_eq!(same("china's", "prc"), Some(Link::Same));
    }

    #[test]
    fn multi_word_forms_in_a_sequence() {
        let words = [
            "the",
            "united",
            "kingdom",
            "of",
            "great",
            "britain's",
            "army",
        ];
        let v = variants();
        let (n, groups) = v.longest_at(&words, 1).expect("united kingdom");
        assert_eq!(n, 2);
        assert!(groups.iter().any(|g| v.key(g.group) == "country:GB"));
        let (n, _) = v.longest_at(&words, 4).expect("great britain");
        assert_eq!(n, 2);
        assert!(v.longest_at(&words, 0).is_none());
        assert!(v.longest_at(&words, 7).is_none());
    }

    #[test]
    fn the_table_is_lean_and_well_formed() {
        assert!(VARIANTS.len() < 1_600_000, "{} bytes", VARIANTS.len());
        let v = variants();
        assert!(v.keys.len() > 5_000);
        for (form, _) in v.forms.iter() {
            assert!(
                form.chars().filter(|c| c.is_alphabetic()).count() >= 2,
                "{form:?}"
            );
            assert_eq!(form.trim(), *form);
            assert!(!form.contains("  ") && !form.contains('.'), "{form:?}");
            assert!(!form.chars().any(char::is_uppercase), "{form:?}");
        }
    }
}
