#!/usr/bin/env python3
"""Compare two dupdrift binaries fairly on a noisy machine: run them in turn,
round after round, on the same scan, and print the median wall time and stage
timings (from run.json) of each, with the ratio new/old.

Usage:
  scripts/alternate.py OLD NEW [--rounds 5] [--corpus PATH] [-- SCAN ARGS...]

Default corpus: ../shared/corpora/peerbench/corpus.jsonl.gz (beside the checkout).
Extra scan arguments go after `--`, e.g. `-- --stages pairs --threads 2`.
Both binaries should be of one build profile (`cargo build --profile dist`).
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(binary, corpus, extra, out):
    started = time.perf_counter()
    subprocess.run([binary, "scan", corpus, "--out", out, "--quiet", *extra], check=True)
    wall = time.perf_counter() - started
    timings = json.loads((pathlib.Path(out) / "run.json").read_text())["timings_seconds"]
    return {"wall": wall, **timings}


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpora/peerbench/corpus.jsonl.gz"))
    args = ap.parse_args(argv)
    results = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            # Alternate which goes first, so neither always follows the other.
            order = ["old", "new"] if r % 2 == 0 else ["new", "old"]
            for which in order:
                binary = args.old if which == "old" else args.new
                results[which].append(run(binary, args.corpus, extra, f"{tmp}/{which}"))
            print(f"round {r + 1}: old {results['old'][-1]['wall']:.2f} s, new {results['new'][-1]['wall']:.2f} s",
                  file=sys.stderr)
    keys = [k for k in results["old"][0] if all(k in x for x in results["new"])]
    print(f"| medians of {args.rounds} | old s | new s | new/old |")
    print("|---|---:|---:|---:|")
    for k in keys:
        old = statistics.median(x[k] for x in results["old"])
        new = statistics.median(x[k] for x in results["new"])
        print(f"| {k} | {old:.3f} | {new:.3f} | {new / old if old else float('nan'):.3f} |")


if __name__ == "__main__":
    main()
