#!/usr/bin/env python3
"""Score a report's alignments of seeds 000 and 001 against the hand-read fixture.

Usage: dupdrift scan data/seeds --out report && scripts/eval-align.py report
Prints recall (000 sentences with a counterpart that are aligned to one) and
precision (alignments between the two that are right), and lists the misses.
"""
import csv
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
A, B = "000_28c61908d3c90d5b", "001_2d58f66e70dddb23"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    ta = (ROOT / f"data/seeds/{A}.txt").read_bytes()
    tb = (ROOT / f"data/seeds/{B}.txt").read_bytes()
    truth = []
    for line in (ROOT / "data/fixtures/align-000-001.tsv").read_text().splitlines()[1:]:
        if line.startswith("#") or line.startswith("sentence_000"):
            continue
        a, b = line.split("\t")
        bs = [] if b == "-" else [tb.index(s.encode()) for s in b.split(" | ")]
        truth.append((ta.index(a.encode()), bs, a))
    rows = [r for r in csv.DictReader(open(pathlib.Path(sys.argv[1]) / "alignments.csv"))
            if r["doc_a"] == A and r["doc_b"] == B]
    inside = lambda r, side, pos: int(r[f"start_{side}"]) <= pos < int(r[f"end_{side}"])
    right = lambda r: any(inside(r, "a", a) and any(inside(r, "b", b) for b in bs) for a, bs, _ in truth)
    with_cp = [t for t in truth if t[1]]
    found = [t for t in with_cp if any(inside(r, "a", t[0]) and any(inside(r, "b", b) for b in t[1]) for r in rows)]
    print(f"recall {len(found)}/{len(with_cp)} = {len(found) / len(with_cp):.3f}")
    print(f"precision {sum(map(right, rows))}/{len(rows)} = {sum(map(right, rows)) / max(len(rows), 1):.3f}")
    for t in with_cp:
        if t not in found:
            print("  missed:", t[2])
    for r in rows:
        if not right(r):
            print("  wrong:", ta[int(r["start_a"]):int(r["end_a"])][:80].decode(errors="replace"), "~",
                  tb[int(r["start_b"]):int(r["end_b"])][:80].decode(errors="replace"))


if __name__ == "__main__":
    main()
