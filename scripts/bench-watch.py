#!/usr/bin/env python3
"""The cost of one `dupdrift watch` run as the store grows: a store of --stored
generated articles (each size built once and kept in --work), then a run that adds
--added new ones, --repeat times on a fresh copy of the store, timed end to end
(wall time and peak RSS with GNU time). Medians are printed and written to
OUT/table.md beside OUT/raw.csv and OUT/machine.txt. Standard library only; the
helpers are bench.py's.

With --baseline BIN, the runs of that binary alternate with this one's in each
repeat (on its own copy of a store it built), so both meet the same noise.

    scripts/bench-watch.py --stored 20000,100000 --added 1000 --repeat 3
"""
import argparse
import csv
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, binary, die, machine, note, timed  # noqa: E402


def corpus(dupdrift, stored, added, seed, work):
    """The generated articles: the first `stored` and the `added` after them."""
    gen = work / f"gen-{stored + added}-{seed}"
    if not (gen / "corpus.jsonl").exists():
        note(f"generating {stored + added} articles (seed {seed})")
        subprocess.run([dupdrift, "gen", "--articles", str(stored + added), "--seed", str(seed),
                        "--out", gen, "--quiet"], check=True)
    lines = (gen / "corpus.jsonl").read_text().splitlines(keepends=True)
    base, new = gen / f"stored-{stored}.jsonl", gen / f"added-{added}.jsonl"
    if not base.exists():
        base.write_text("".join(lines[:stored]))
        new.write_text("".join(lines[stored:stored + added]))
    return base, new


def store(dupdrift, name, base, threads, work):
    """A store of the articles in `base`, built by one watch run (kept)."""
    db = work / f"{name}-{base.stem}.db"
    if not db.exists():
        note(f"building the store {db.name} (one watch run over {base.name})")
        tmp = db.with_suffix(".building")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        wall, rss = timed([dupdrift, "watch", base, "--db", tmp / "w.db", "--out", tmp,
                           "--threads", threads, "--quiet"])
        note(f"  built in {wall:.1f} s, {rss:.0f} MB")
        shutil.move(tmp / "w.db", db)
        shutil.rmtree(tmp)
    return db


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stored", default="20000,100000", help="store sizes, comma-separated")
    ap.add_argument("--added", type=int, default=1000, help="articles a run adds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", default="2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", help="another dupdrift binary to alternate with")
    ap.add_argument("--work", default=str(REPO / ".bench" / "watch"))
    ap.add_argument("--out", default=str(REPO / ".bench" / "watch-results"))
    args = ap.parse_args()
    work, out = Path(args.work), Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    bins = [("this", binary())]
    if args.baseline:
        bins.append(("baseline", Path(args.baseline)))
    (out / "machine.txt").write_text(machine(bins[0][1]))

    raw = []
    for stored in (int(s) for s in args.stored.split(",")):
        base, new = corpus(bins[0][1], stored, args.added, args.seed, work)
        dbs = {name: store(b, name, base, args.threads, work) for name, b in bins}
        for r in range(args.repeat):
            for name, b in bins:
                run = work / f"run-{name}"
                shutil.rmtree(run, ignore_errors=True)
                run.mkdir()
                shutil.copy(dbs[name], run / "w.db")
                wall, rss = timed([b, "watch", new, "--db", run / "w.db", "--out", run,
                                   "--threads", args.threads, "--quiet"])
                if not list((run / "runs").glob("*/documents.csv")):
                    die(f"the run of {name} over {stored} stored wrote no report")
                raw.append({"binary": name, "stored": stored, "added": args.added, "repeat": r,
                            "wall_s": f"{wall:.2f}", "peak_rss_mb": f"{rss:.0f}"})
                note(f"{name}: {stored} stored + {args.added}: {wall:.2f} s, {rss:.0f} MB")
    with open(out / "raw.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(raw[0]))
        w.writeheader()
        w.writerows(raw)
    lines = ["| binary | stored | added | wall s (median) | peak RSS MB (median) |",
             "|---|---:|---:|---:|---:|"]
    for name, _ in bins:
        for stored in (int(s) for s in args.stored.split(",")):
            rs = [x for x in raw if x["binary"] == name and x["stored"] == stored]
            wall = statistics.median(float(x["wall_s"]) for x in rs)
            rss = statistics.median(float(x["peak_rss_mb"]) for x in rs)
            lines.append(f"| {name} | {stored:,} | {args.added:,} | {wall:.2f} | {rss:.0f} |")
    table = "\n".join(lines) + "\n"
    (out / "table.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
