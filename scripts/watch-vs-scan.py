#!/usr/bin/env python3
"""How much of what `scan` finds over a corpus `watch` finds when the same
articles arrive over several runs.

The corpus (JSON Lines, `id` and `text`) is dealt into --runs parts in a fixed
shuffled order; run k watches parts 1..k (the earlier parts come back unchanged),
so each run compares only its own part with the store. The union of the runs'
reports is set against one `scan` of the whole corpus, file by file: rows scan
has that no run reported (missed), and rows a run reported that scan has not
(extra: statistics of an earlier store, or a pair of a later one).

    python3 scripts/watch-vs-scan.py --bin target/release/dupdrift \\
        ../shared/eval/wmt-multi-dev/articles.jsonl --runs 4
"""

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

csv.field_size_limit(sys.maxsize)

# Columns that make a row the same finding.
KEYS = {
    "pairs.csv": ["doc_a", "doc_b"],
    "alignments.csv": ["doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b"],
    "drift.csv": ["doc_a", "start_a", "doc_b", "start_b", "kind", "evidence_a", "evidence_b"],
}


def rows(path, strip):
    """The identifying values of each row, watch's `OUTLET/` prefix taken off."""
    out = set()
    if not path.exists():
        return out
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if strip:
                for side in ("doc_a", "doc_b"):
                    r[side] = r[side].split("/", 1)[1]
            # A row's sides go by id: order them as scan does.
            key = tuple(r[c] for c in KEYS[path.name])
            out.add(key)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--bin", default="target/release/dupdrift")
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", default="2")
    args = ap.parse_args()

    lines = [l for l in args.corpus.read_text().splitlines() if l.strip()]
    random.Random(args.seed).shuffle(lines)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        parts = []
        for k in range(args.runs):
            # One outlet name for all parts, so ids compare: `p/ID`.
            part = tmp / f"part{k}" / "p.jsonl"
            part.parent.mkdir()
            part.write_text("\n".join(lines[k :: args.runs]) + "\n")
            parts.append(part)
        found = {f: set() for f in KEYS}
        for k in range(args.runs):
            # The parts so far, under one name: the file of run k holds parts 0..k.
            src = tmp / "p.jsonl"
            src.write_text("".join(p.read_text() for p in parts[: k + 1]))
            t = time.time()
            subprocess.run([args.bin, "watch", str(src), "--db", str(tmp / "w.db"), "--out", str(tmp / "w"),
                            "--threads", args.threads, "--quiet"], check=False)
            print(f"run {k + 1}: {time.time() - t:.1f} s", file=sys.stderr)
        for run in sorted((tmp / "w" / "runs").iterdir()):
            for f in KEYS:
                found[f] |= rows(run / f, strip=True)
        subprocess.run([args.bin, "scan", str(args.corpus), "--out", str(tmp / "s"), "--threads", args.threads,
                        "--quiet"], check=False)
        for f in KEYS:
            truth = rows(tmp / "s" / f, strip=False)
            both = len(truth & found[f])
            recall = both / len(truth) if truth else 1.0
            print(f"{f:15} scan {len(truth):6}  watch {len(found[f]):6}  both {both:6}  "
                  f"recall {recall:.3f}  extra {len(found[f] - truth)}")


if __name__ == "__main__":
    main()
