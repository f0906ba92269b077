#!/usr/bin/env python3
"""Helpers of scripts/compare-peers.sh (standard library only).

  report.py textbytes CORPUS
      Sum of the UTF-8 byte lengths of the "text" fields of a .jsonl(.gz) corpus.
  report.py score --truth TRUTH.tsv [--min-jaccard 0.8] --format tsv|dupdrift PAIRS
      Prints "pairs recall precision" of a pair list against the truth pairs whose
      jaccard_ws5 >= min-jaccard. A reported pair that is not such a truth pair (including
      one whose true Jaccard is just below the threshold) counts against precision.
  report.py table --raw raw.csv [--notes notes.txt] [--out table.md]
      Medians per (tool, workers), then dupdrift's median wall time against each peer.
      load1 is the 1-minute load average when a run started (other work on the machine).
"""
import argparse
import csv
import gzip
import json
import statistics
import sys
from collections import defaultdict


def die(msg):
    sys.exit(f"report.py: {msg}")


def textbytes(args):
    opener = gzip.open if args.corpus.endswith(".gz") else open
    total = 0
    try:
        with opener(args.corpus, "rt", encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if line.strip():
                    try:
                        total += len(json.loads(line)["text"].encode("utf-8"))
                    except (ValueError, KeyError, TypeError) as e:
                        die(f"{args.corpus}:{lineno}: no text field ({e})")
    except OSError as e:
        die(f"cannot read {args.corpus}: {e}")
    print(total)


def read_truth(path, min_j):
    pairs = set()
    try:
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            if header[:3] != ["a", "b", "jaccard_ws5"]:
                die(f"{path}: expected the header 'a<TAB>b<TAB>jaccard_ws5', got {header!r}")
            for line in f:
                a, b, j = line.rstrip("\n").split("\t")[:3]
                if float(j) >= min_j:
                    a, b = int(a), int(b)
                    pairs.add((min(a, b), max(a, b)))
    except OSError as e:
        die(f"cannot read the truth file: {e}")
    return pairs


def read_pairs(path, fmt):
    pairs = set()
    try:
        with open(path, encoding="utf-8", newline="") as f:
            if fmt == "dupdrift":
                rows = csv.DictReader(f)
                if not rows.fieldnames or not {"doc_a", "doc_b"} <= set(rows.fieldnames):
                    die(f"{path}: no doc_a,doc_b columns (got {rows.fieldnames})")
                items = ((r["doc_a"], r["doc_b"]) for r in rows)
            else:
                f.readline()  # header a<TAB>b
                items = (line.split("\t")[:2] for line in f if line.strip())
            for a, b in items:
                try:
                    a, b = int(a), int(b)
                except ValueError:
                    die(f"{path}: ids must be the corpus's integer ids, got {a!r}, {b!r}")
                if a != b:
                    pairs.add((min(a, b), max(a, b)))
    except OSError as e:
        die(f"cannot read pairs: {e}")
    return pairs


def score(args):
    truth = read_truth(args.truth, args.min_jaccard)
    got = read_pairs(args.pairs, args.format)
    hit = len(got & truth)
    recall = hit / len(truth) if truth else float("nan")
    precision = hit / len(got) if got else float("nan")
    print(f"{len(got)} {recall:.4f} {precision:.4f}")


def med(rows, key):
    vals = [float(r[key]) for r in rows if r.get(key) not in (None, "", "nan")]
    return statistics.median(vals) if vals else None


def fmt(x, spec):
    return "n/a" if x is None else format(x, spec)


def table(args):
    try:
        with open(args.raw, encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f)]
    except OSError as e:
        die(f"cannot read {args.raw}: {e}")
    groups = defaultdict(list)
    order = []
    for r in rows:
        key = (r["tool"], int(r["workers"]))
        if key not in groups:
            order.append(key)
        groups[key].append(r)
    order.sort(key=lambda k: (k[1], k[0] != "dupdrift", k[0]))
    out = ["| tool | workers | runs ok | median wall s | MB/s | peak RSS MB | pairs | recall | precision | load1 |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    wall = {}
    for key in order:
        ok = [r for r in groups[key] if r["status"] == "ok"]
        wall[key] = med(ok, "wall_s")
        out.append(f"| {key[0]} | {key[1]} | {len(ok)}/{len(groups[key])} | {fmt(wall[key], '.2f')} "
                   f"| {fmt(med(ok, 'mb_per_s'), '.2f')} | {fmt(med(ok, 'peak_rss_mb'), '.0f')} "
                   f"| {fmt(med(ok, 'pairs'), '.0f')} | {fmt(med(ok, 'recall'), '.4f')} "
                   f"| {fmt(med(ok, 'precision'), '.4f')} | {fmt(med(ok, 'load1'), '.2f')} |")
    out.append("")
    for w in sorted({k[1] for k in order}):
        label = f"{w} worker" + ("s" if w != 1 else "")
        dd = wall.get(("dupdrift", w))
        peers = [(wall[k], k[0]) for k in order if k[1] == w and k[0] != "dupdrift" and wall[k]]
        if dd:
            for t, name in sorted(peers, key=lambda p: p[1]):
                ratio = t / dd
                word = "faster" if ratio >= 1 else "slower"
                factor = ratio if ratio >= 1 else 1 / ratio
                out.append(f"- dupdrift is {factor:.1f}x {word} than {name} at {label} "
                           f"(median wall {dd:.2f} s vs {t:.2f} s)")
        if peers:
            t, name = min(peers)
            out.append(f"- fastest peer at {label}: {name} ({t:.2f} s)")
    if args.notes:
        try:
            with open(args.notes, encoding="utf-8") as f:
                notes = [line.rstrip("\n") for line in f if line.strip()]
        except OSError as e:
            die(f"cannot read {args.notes}: {e}")
        if notes:
            out += ["", "Notes:"] + [f"- {n}" for n in notes]
    text = "\n".join(out) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    sys.stdout.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("textbytes")
    p.add_argument("corpus")
    p.set_defaults(func=textbytes)
    p = sub.add_parser("score")
    p.add_argument("--truth", required=True)
    p.add_argument("--min-jaccard", type=float, default=0.8)
    p.add_argument("--format", choices=("tsv", "dupdrift"), default="tsv")
    p.add_argument("pairs")
    p.set_defaults(func=score)
    p = sub.add_parser("table")
    p.add_argument("--raw", required=True)
    p.add_argument("--notes")
    p.add_argument("--out")
    p.set_defaults(func=table)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
