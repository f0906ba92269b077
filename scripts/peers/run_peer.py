#!/usr/bin/env python3
"""Run one Python MinHash-LSH tool end to end on a .jsonl(.gz) corpus and write its pairs.

Usage: run_peer.py --tool datasketch|rensa|gaoya --workers 1|2 --corpus C.jsonl.gz --out pairs.tsv
                   [--meta meta.json]

End to end means: decompress, parse the JSON lines, lowercase, split on whitespace, build word
5-gram shingles, MinHash them (128 permutations, or what the tool's banding needs, see below),
put them in the tool's LSH index for threshold 0.8 and write every candidate pair the tool
reports as `a<TAB>b` (JSON ids, smaller first, sorted), under a header line `a<TAB>b`.
No exact verification: the LSH answer is the tool's answer.

Banding: datasketch chooses 9 bands x 13 rows for threshold 0.8 and 128 permutations (it uses
117 of the 128 hash values). rensa wants num_perm divisible by num_bands and gaoya computes
exactly bands*rows hash values, so both get 9 x 13 over 117 permutations: the same S-curve as
datasketch. gaoya's query also drops candidates whose signature-estimated Jaccard is below the
threshold (that is its documented behaviour), so its answer is filtered candidates.

--workers 1: one process (and RAYON_NUM_THREADS=1 for the Rust-backed tools).
--workers 2: datasketch and rensa fork two processes that compute the signatures of slices of
the corpus in parallel (tokenising too: that is most of the work), then the parent builds and
queries the LSH index. gaoya tokenises, hashes and queries inside Rust, so its own parallel bulk
API runs with RAYON_NUM_THREADS=2; its text preparation (see prepare_for_gaoya) is split over
two forked processes.
"""
import argparse
import gzip
import json
import multiprocessing
import os
import string
import sys
import time

THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE = 5
BANDS, ROWS = 9, 13  # datasketch's optimal choice for (0.8, 128); checked at run time
RENSA_SEED = 42

# Set before forking; the forked children read it (no pickling of the corpus).
TEXTS = []


def read_corpus(path):
    """Return (ids, texts) of a .jsonl or .jsonl.gz file of {"id": ..., "text": ...} lines."""
    opener = gzip.open if path.endswith(".gz") else open
    ids, texts = [], []
    with opener(path, "rt", encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                ids.append(int(doc["id"]))
                texts.append(doc["text"])
            except (ValueError, KeyError, TypeError) as e:
                sys.exit(f"run_peer: {path}:{lineno}: not a {{\"id\": int, \"text\": str}} line ({e})")
    return ids, texts


def shingles(text):
    """Word 5-grams over lowercased whitespace-split tokens (empty if fewer than 5 tokens)."""
    words = text.lower().split()
    return [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def has_shingle(text):
    return len(text.split(None, SHINGLE - 1)) >= SHINGLE


def slices(n, workers):
    """Index ranges covering 0..n: several per worker so that the two processes stay busy."""
    parts = max(1, workers * 8)
    step = -(-n // parts)
    return [(s, min(n, s + step)) for s in range(0, n, step)]


def fork_map(func, n, workers, initializer=None):
    """func((start, end)) over slices of TEXTS in `workers` forked processes, results in order."""
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=initializer) as pool:
        return pool.map(func, slices(n, workers), chunksize=1)


# ---------------------------------------------------------------- datasketch

def datasketch_hashvalues(bounds):
    import numpy as np
    from datasketch import MinHash
    start, end = bounds
    out = np.empty((end - start, NUM_PERM), dtype=np.uint32)
    sets = ([s.encode("utf-8") for s in shingles(TEXTS[i])] for i in range(start, end))
    for row, m in enumerate(MinHash.generator(sets, num_perm=NUM_PERM)):
        out[row] = m.hashvalues
    return out


def run_datasketch(ids, texts, workers, meta):
    from datasketch import LeanMinHash, MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    if (lsh.b, lsh.r) != (BANDS, ROWS):
        meta["notes"].append(f"datasketch chose {lsh.b} bands x {lsh.r} rows, not {BANDS} x {ROWS}")
    meta.update(bands=lsh.b, rows=lsh.r, permutations=NUM_PERM, lsh_permutations=lsh.b * lsh.r)
    t = time.perf_counter()
    if workers == 1:
        sets = ([s.encode("utf-8") for s in shingles(x)] for x in texts)
        sigs = list(MinHash.generator(sets, num_perm=NUM_PERM))
    else:
        scheme = MinHash(num_perm=NUM_PERM).scheme
        sigs = [LeanMinHash(seed=1, hashvalues=hv, scheme=scheme)
                for block in fork_map(datasketch_hashvalues, len(texts), workers) for hv in block]
    meta["sign_s"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = set()
    for i, m in enumerate(sigs):
        if not has_shingle(texts[i]):
            continue
        for j in lsh.query(m):  # query before insert: every pair is met once
            pairs.add((j, i))
        lsh.insert(i, m, check_duplication=False)
    meta["lsh_s"] = time.perf_counter() - t
    return pairs


# ---------------------------------------------------------------- rensa

def rensa_init():
    os.environ["RAYON_NUM_THREADS"] = "1"


def rensa_sign(bounds):
    import rensa
    start, end = bounds
    sets = [shingles(TEXTS[i]) for i in range(start, end)]
    return rensa.RMinHash.from_token_sets(sets, BANDS * ROWS, RENSA_SEED)


def run_rensa(ids, texts, workers, meta):
    # RAYON_NUM_THREADS is read when rensa first uses its thread pool, so rensa is imported
    # only after the forked children are done.
    perm = BANDS * ROWS
    meta.update(bands=BANDS, rows=ROWS, permutations=perm, lsh_permutations=perm)
    meta["notes"].append(f"rensa needs num_perm divisible by num_bands: {perm} permutations "
                         f"for {BANDS} bands x {ROWS} rows (128 permutations allow 8x16 or 16x8 only)")
    t = time.perf_counter()
    if workers == 1:  # in slices, so that the shingle strings of the whole corpus never coexist
        sigs = [m for bounds in slices(len(texts), 1) for m in rensa_sign(bounds)]
    else:
        sigs = [m for block in fork_map(rensa_sign, len(texts), workers, rensa_init) for m in block]
        os.environ["RAYON_NUM_THREADS"] = str(workers)
    meta["sign_s"] = time.perf_counter() - t
    import rensa
    t = time.perf_counter()
    keep = [i for i in range(len(texts)) if has_shingle(texts[i])]
    lsh = rensa.RMinHashLSH(THRESHOLD, perm, BANDS)
    lsh.insert_pairs([(i, sigs[i]) for i in keep])
    pairs = set()
    for i, cands in zip(keep, lsh.query_all([sigs[i] for i in keep])):
        for j in cands:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    meta["lsh_s"] = time.perf_counter() - t
    return pairs


# ---------------------------------------------------------------- gaoya

# gaoya's 'word' analyzer splits at ASCII whitespace AND ASCII punctuation. To give it the same
# tokens as str.split() it gets lowercased text in which every ASCII punctuation character is
# written as a two-character escape (\x01 + a letter or digit; a literal \x01 as \x01\x01: a
# prefix-free code, so distinct tokens stay distinct) and every whitespace character that Python
# splits at but Rust's is_ascii_whitespace does not (\x0b, \x1c-\x1f, \x85, \xa0, ...) as a space.
_ESCAPES = [(c, "\x01" + (chr(97 + i) if i < 26 else chr(48 + i - 26)))
            for i, c in enumerate(string.punctuation)]
_OTHER_WS = [c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \t\n\r\x0c"]


def prepare_for_gaoya(text):
    s = text.lower()
    if "\x01" in s:
        s = s.replace("\x01", "\x01\x01")
    for c, esc in _ESCAPES:
        if c in s:
            s = s.replace(c, esc)
    for c in _OTHER_WS:
        if c in s:
            s = s.replace(c, " ")
    return s


def gaoya_prepare_slice(bounds):
    start, end = bounds
    return [prepare_for_gaoya(TEXTS[i]) for i in range(start, end)]


def run_gaoya(ids, texts, workers, meta):
    meta.update(bands=BANDS, rows=ROWS, permutations=BANDS * ROWS, lsh_permutations=BANDS * ROWS)
    meta["notes"].append(f"gaoya computes bands*rows = {BANDS * ROWS} hash values; its query keeps "
                         f"only candidates with signature-estimated Jaccard >= {THRESHOLD}")
    t = time.perf_counter()
    if workers == 1:
        docs = [prepare_for_gaoya(x) for x in texts]
    else:
        docs = [d for block in fork_map(gaoya_prepare_slice, len(texts), workers) for d in block]
    meta["prepare_s"] = time.perf_counter() - t
    os.environ["RAYON_NUM_THREADS"] = str(workers)
    import gaoya
    t = time.perf_counter()
    keep = [i for i in range(len(texts)) if has_shingle(texts[i])]
    index = gaoya.minhash.MinHashStringIndex(
        hash_size=32, jaccard_threshold=THRESHOLD, num_bands=BANDS, band_size=ROWS,
        analyzer="word", lowercase=False, ngram_range=(SHINGLE, SHINGLE))
    kept_docs = [docs[i] for i in keep]
    index.par_bulk_insert_docs(keep, kept_docs)
    meta["sign_s"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = set()
    for i, cands in zip(keep, index.par_bulk_query(kept_docs)):
        for j in cands:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    meta["lsh_s"] = time.perf_counter() - t
    return pairs


RUNNERS = {"datasketch": run_datasketch, "rensa": run_rensa, "gaoya": run_gaoya}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", required=True, choices=sorted(RUNNERS))
    ap.add_argument("--workers", type=int, choices=(1, 2), default=1)
    ap.add_argument("--corpus", required=True, help=".jsonl or .jsonl.gz with id and text fields")
    ap.add_argument("--out", required=True, help="TSV of pairs to write")
    ap.add_argument("--meta", help="JSON file for settings and phase timings")
    args = ap.parse_args()
    if args.workers == 1:
        os.environ["RAYON_NUM_THREADS"] = "1"
    global TEXTS
    meta = {"tool": args.tool, "workers": args.workers, "threshold": THRESHOLD, "shingle": SHINGLE,
            "notes": []}
    t0 = time.perf_counter()
    ids, TEXTS = read_corpus(args.corpus)
    meta["read_s"] = time.perf_counter() - t0
    meta["documents"] = len(ids)
    pairs = RUNNERS[args.tool](ids, TEXTS, args.workers, meta)
    rows = sorted({(min(ids[i], ids[j]), max(ids[i], ids[j])) for i, j in pairs})
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("a\tb\n")
        f.writelines(f"{a}\t{b}\n" for a, b in rows)
    meta["pairs"] = len(rows)
    meta["total_s"] = time.perf_counter() - t0
    if args.meta:
        with open(args.meta, "w", encoding="utf-8") as f:
            json.dump(meta, f, indent=1)


if __name__ == "__main__":
    main()
