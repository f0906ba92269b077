#!/usr/bin/env python3
"""Evaluate dupdrift's drift scorer on DEMETR (Karpinska et al., EMNLP 2022).

Usage: scripts/eval-demetr.py [DEMETR.jsonl] [--bin target/release/dupdrift]
Default data: ../shared/eval/demetr-dev/demetr-dev.jsonl (beside the checkout).

Pairs scored (flagged = max_severity >= 0.5):
  positives         (mt_sent, pert_sent), pert_check true, severity critical or major
  paraphrase        (eng_sent, mt_sent) once per id: two translations, same meaning
  minor             (mt_sent, pert_sent), pert_check true, severity minor
  rewording         (eng_sent, pert_sent) for the positives: drift inside a paraphrase
Prints flagged rates per category and perturbation, the share of flagged pairs
whose kind is the expected one, and the scoring speed.
"""
import argparse
import collections
import csv
import json
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXPECTED_KIND = {"negation": "polarity", "numbers_replaced": "number", "ne_replaced": "entity",
                 "ne_removed": "entity", "tense": "tense", "antonym": "antonym", "aspect": "aspect"}


def short(name):
    return name.split("_", 2)[-1]


def ensure_binary(path):
    """Build the release binary when `path` (the default target/release/dupdrift) is missing."""
    if not pathlib.Path(path).exists():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def build_pairs(data):
    """The pairs to score, [{id, a, b}], and meta {pair id: (category, perturbation)}."""
    pairs, meta, seen = [], {}, set()
    for line in open(data, encoding="utf-8"):
        r = json.loads(line)
        rid = r["id"]
        if rid not in seen:
            seen.add(rid)
            pid = f"para-{rid}"
            pairs.append({"id": pid, "a": r["eng_sent"], "b": r["mt_sent"]})
            meta[pid] = ("paraphrase", "paraphrase")
        if not r["pert_check"] or r["severity"] == "base":
            continue
        name = short(r["pert_name"])
        if r["severity"] == "minor":
            pid = f"minor-{rid}-{name}"
            pairs.append({"id": pid, "a": r["mt_sent"], "b": r["pert_sent"]})
            meta[pid] = ("minor", name)
            continue
        pid = f"pos-{rid}-{name}"
        pairs.append({"id": pid, "a": r["mt_sent"], "b": r["pert_sent"]})
        meta[pid] = ("positive", name)
        pid = f"rew-{rid}-{name}"
        pairs.append({"id": pid, "a": r["eng_sent"], "b": r["pert_sent"]})
        meta[pid] = ("rewording", name)
    return pairs, meta


def score(binary, pairs, out):
    """Run `pairs` on `pairs` with reports in `out`: ({pair id: pair_scores.csv row}, seconds)."""
    # The input sits beside the reports: `pairs` replaces --out whole and refuses
    # a directory holding anything but its reports.
    pathlib.Path(out).parent.mkdir(parents=True, exist_ok=True)
    src = pathlib.Path(out).with_name(pathlib.Path(out).name + "-pairs.jsonl")
    src.write_text("".join(json.dumps(p) + "\n" for p in pairs), encoding="utf-8")
    start = time.monotonic()
    # DEMETR is English: the detectors are measured, not detection of one sentence.
    subprocess.run([binary, "pairs", str(src), "--out", str(out), "--quiet", "--lang", "en"], check=True)
    secs = time.monotonic() - start
    with open(pathlib.Path(out) / "pair_scores.csv", encoding="utf-8", newline="") as f:
        return {r["pair_id"]: r for r in csv.DictReader(f)}, secs


def tally(meta, scores):
    """{(category, perturbation or "all"): [pairs, flagged, flagged with the expected kind]}."""
    counts = collections.defaultdict(lambda: [0, 0, 0])
    for pid, (cat, name) in meta.items():
        s = scores[pid]
        flagged = float(s["max_severity"]) >= 0.5
        right = EXPECTED_KIND.get(name) in s["kinds"].split(";")
        for key in [(cat, "all"), (cat, name)]:
            c = counts[key]
            c[0] += 1
            c[1] += flagged
            c[2] += flagged and right
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared/eval/demetr-dev/demetr-dev.jsonl"))
    ap.add_argument("--bin", default=str(ROOT / "target/release/dupdrift"))
    ap.add_argument("--keep", metavar="DIR", help="keep pairs.jsonl and the reports in DIR for a look at the misses")
    args = ap.parse_args()
    ensure_binary(args.bin)
    pairs, meta = build_pairs(args.data)
    with tempfile.TemporaryDirectory() as scratch:
        scores, secs = score(args.bin, pairs, args.keep or scratch)
    counts = tally(meta, scores)
    print(f"{len(pairs)} pairs in {secs:.2f} s ({len(pairs) / secs:,.0f} pairs/s, process start included)\n")
    print("| category | perturbation | pairs | flagged | right kind (of flagged) |")
    print("|---|---|---:|---:|---:|")
    for (cat, name), (n, f, k) in sorted(counts.items()):
        kind = f"{k / f:.2f}" if name in EXPECTED_KIND and f else ""
        print(f"| {cat} | {name} | {n} | {f / n:.3f} | {kind} |")


if __name__ == "__main__":
    sys.exit(main())
