#!/usr/bin/env python3
"""Derive the word lists dupdrift's drift detectors need from WordNet 3.0.

Usage: scripts/wordnet-derive.py [WORDNET_DIR] [--out data/lexicon/en/wordnet]

WORDNET_DIR holds WordNet's database files (data.*, index.*, *.exc) in the layout of
Debian's `wordnet-base` package, /usr/share/wordnet by default. Without root:

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb wn
    scripts/wordnet-derive.py wn/usr/share/wordnet

The files are read directly (common readers such as nltk expect another layout).
Writes, one pair per line, tab-separated, single words only, sorted:
  antonyms.tsv    word, antonym. Direct antonyms of every part of speech, plus the
                  indirect ones of adjectives: a satellite ("unharmed", similar to
                  "unhurt") against its head's antonym ("hurt"), both ways; and
                  adverbs by the adjectives they derive from ("densely" / "sparsely").
  verb_forms.tsv  irregular inflected verb form, base form ("took", "take").
  adj_forms.tsv   irregular comparative or superlative, base form ("biggest", "big").
  synsets.tsv     one synset per line: its single words, a tab, and the lines of the
                  synsets one step broader. Words that share a line, or stand one
                  step apart, are close enough in meaning that swapping them is a
                  rewording, not a substitution.
  verbs.txt       every single-word verb, one per line: whether "agreed" is a past
                  form ("agree" is a verb) or "seed" is not ("se" is none).
and LICENSE, WordNet's licence, which must travel with the derived files.
"""
import argparse
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

LICENSE = """WordNet Release 3.0

The files in this directory are derived from WordNet 3.0 by scripts/wordnet-derive.py.

This software and database is being provided to you, the LICENSEE, by Princeton
University under the following license. By obtaining, using and/or copying this software
and database, you agree that you have read, understood, and will comply with these terms
and conditions.:

Permission to use, copy, modify and distribute this software and database and its
documentation for any purpose and without fee or royalty is hereby granted, provided that
you agree to comply with the following copyright notice and statements, including the
disclaimer, and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal use or for
distribution.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT
LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE,
DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS,
TRADEMARKS OR OTHER RIGHTS.

The name of Princeton University or Princeton may not be used in advertising or
publicity pertaining to distribution of the software and/or database. Title to
copyright in this software, database and any associated documentation shall at all
times remain with Princeton University and LICENSEE agrees to preserve same.
"""


class Synset:
    __slots__ = ("words", "pointers", "satellite")

    def __init__(self, words, pointers, satellite):
        self.words = words  # lemmas, lower case, adjective markers like "(a)" removed
        self.pointers = pointers  # (symbol, key, source word index, target word index)
        self.satellite = satellite


def read_synsets(wordnet):
    """Every synset of every part of speech, keyed by (pos letter, offset)."""
    synsets = {}
    for pos, name in POS_FILES.items():
        for line in open(wordnet / f"data.{name}", encoding="utf-8"):
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split(" | ")[0].split()
            offset, ss_type = fields[0], fields[2]
            n_words = int(fields[3], 16)
            words = [fields[4 + 2 * i].split("(")[0].lower() for i in range(n_words)]
            at = 4 + 2 * n_words
            n_pointers = int(fields[at])
            pointers = []
            for i in range(n_pointers):
                symbol, target, target_pos, source_target = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                target_pos = "a" if target_pos == "s" else target_pos
                pointers.append((symbol, (target_pos, target), int(source_target[:2], 16),
                                 int(source_target[2:], 16)))
            synsets[(pos, offset)] = Synset(words, pointers, ss_type == "s")
    return synsets


def single(word):
    return word.isalpha() or (word.replace("-", "").isalpha() and not word.startswith("-"))


def antonyms(synsets):
    pairs = set()
    for synset in synsets.values():
        for symbol, key, source, target in synset.pointers:
            if symbol != "!":
                continue
            other = synsets[key]
            # A lexical pointer names its words; word index 0 would mean the whole synset.
            words = [synset.words[source - 1]] if source else synset.words
            opposites = [other.words[target - 1]] if target else other.words
            for w in words:
                for o in opposites:
                    pairs.add((w, o))
            # The opposition holds between the senses, so between their synonyms too:
            # "rise" / "fall" makes "climb" / "fall" (WordNet links only the two words).
            for w in synset.words:
                for o in other.words:
                    pairs.add((w, o))
    # Indirect adjective antonyms: a satellite against the antonyms of its head.
    direct = collections.defaultdict(set)
    for w, o in pairs:
        direct[w].add(o)
    for synset in synsets.values():
        if not synset.satellite:
            continue
        for symbol, key, _, _ in synset.pointers:
            if symbol != "&":
                continue
            for head in synsets[key].words:
                for opposite in direct.get(head, ()):
                    for w in synset.words:
                        pairs.add((w, opposite))
                        pairs.add((opposite, w))
    # Adverbs take the opposites of the adjectives they come from: "densely" /
    # "sparsely" from "dense" / "sparse".
    adverbs = collections.defaultdict(set)  # adjective -> adverbs derived from it
    for synset in synsets.values():
        for symbol, key, source, target in synset.pointers:
            if symbol == "\\" and key[0] == "a" and source and target:
                adverbs[synsets[key].words[target - 1]].add(synset.words[source - 1])
    for w, o in list(pairs):
        for x in adverbs.get(w, ()):
            for y in adverbs.get(o, ()):
                pairs.add((x, y))
    return {(w, o) for w, o in pairs if w != o and single(w) and single(o)}


def synsets_file(synsets):
    """One line per synset with a single-word member: its words, a tab, and the line
    numbers (0-based) of the synsets one step broader (hypernyms; for adjective
    satellites, their head)."""
    keys = [k for k, s in synsets.items() if any(single(w) for w in s.words)]
    line = {k: i for i, k in enumerate(keys)}
    out = []
    for k in keys:
        s = synsets[k]
        words = sorted({w for w in s.words if single(w)})
        up = sorted({line[t] for sym, t, _, _ in s.pointers if sym in ("@", "@i", "&") and t in line})
        out.append(" ".join(words) + "\t" + ",".join(map(str, up)) + "\n")
    return "".join(out)


def exceptions(wordnet, pos):
    forms = set()
    for line in open(wordnet / f"{pos}.exc", encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 2 and single(parts[0]):
            forms.update((parts[0], base) for base in parts[1:] if single(base))
    return forms


def verbs(wordnet):
    words = set()
    for line in open(wordnet / "index.verb", encoding="utf-8"):
        if not line.startswith(" "):
            word = line.split(" ", 1)[0]
            if single(word):
                words.add(word)
    return words


def write(path, pairs):
    path.write_text("".join(f"{a}\t{b}\n" for a, b in sorted(pairs)), encoding="utf-8")
    print(f"{path}: {len(pairs)} pairs", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wordnet", nargs="?", default="/usr/share/wordnet")
    ap.add_argument("--out", default=str(ROOT / "data/lexicon/en/wordnet"))
    args = ap.parse_args()
    wordnet, out = pathlib.Path(args.wordnet), pathlib.Path(args.out)
    if not (wordnet / "data.noun").exists():
        sys.exit(f"{wordnet}: no WordNet database here (data.noun missing); see --help")
    synsets = read_synsets(wordnet)
    out.mkdir(parents=True, exist_ok=True)
    write(out / "antonyms.tsv", antonyms(synsets))
    write(out / "verb_forms.tsv", exceptions(wordnet, "verb"))
    write(out / "adj_forms.tsv", exceptions(wordnet, "adj"))
    (out / "verbs.txt").write_text("".join(f"{w}\n" for w in sorted(verbs(wordnet))), encoding="utf-8")
    (out / "synsets.tsv").write_text(synsets_file(synsets), encoding="utf-8")
    (out / "LICENSE").write_text(LICENSE, encoding="utf-8")


if __name__ == "__main__":
    main()
