#!/usr/bin/env python3
"""dupdrift's benchmark harness: speed and accuracy of one configuration on corpora
with known answers. Standard library only.

For every corpus (a path given, or one generated with `dupdrift gen`), the harness
  1. computes the truth pairs under dupdrift's own tokenization by exact search
     (`scan --stages pairs --search exact`, prefix filtering: every pair);
  2. runs `scan --stages pairs` at each threshold and thread count, --repeat times,
     alternating the configurations within each repeat so machine noise hits all
     alike, timing each run end to end (wall time and peak RSS with GNU time) and
     reading the time of every stage from run.json;
  3. scores each run's pairs: recall and precision against the exact truth at its
     threshold, and recall against an external truth file when one is given
     (`--truth-tsv`, "a b jaccard..." such as peerbench's truth_exact.tsv);
  4. with --full, runs the full scan (passages and drift) as well, and on a
     generated corpus scores planted passages (cluster recall) and planted drifts
     (recall and precision per kind) against the generator's truth files.

Writes OUT/raw.csv (one row per run), OUT/machine.txt and OUT/table.md (medians),
and prints the table.

Examples:
  scripts/bench.py --corpus ../shared/corpora/peerbench/corpus.jsonl.gz \\
      --truth-tsv ../shared/corpora/peerbench/truth_exact.tsv --full
  scripts/bench.py --gen 20000,80000,320000 --thresholds 0.8 --threads 2 --repeat 3
"""
import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RAW_COLUMNS = [
    "corpus", "articles", "mb", "mode", "threads", "threshold", "repeat", "wall_s",
    "mb_per_s", "articles_per_s", "peak_rss_mb", "read_and_sketch_s", "pairs_s",
    "align_s", "drift_s", "report_s", "pairs", "recall", "precision", "recall_external",
    "cluster_recall", "drift_scores",
]


def die(msg):
    sys.exit(f"bench.py: {msg}")


def note(msg):
    print(f"bench.py: {msg}", file=sys.stderr, flush=True)


def binary():
    path = os.environ.get("DUPDRIFT")
    if path:
        return Path(path)
    note("building dupdrift (cargo build --profile dist)")
    subprocess.run(["cargo", "build", "--profile", "dist", "--quiet"], cwd=REPO, check=True)
    return REPO / "target" / "dist" / "dupdrift"


def timed(cmd):
    """Runs cmd under GNU time; returns (wall seconds, peak RSS in MB)."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    if not Path(gnu_time).exists():
        die("GNU time (/usr/bin/time) is needed to measure peak memory")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        proc = subprocess.run([gnu_time, "-f", "%e %M", "-o", t.name, *cmd],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode not in (0, 1):
            die(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stderr}")
        wall, rss_kb = t.read().split()[-2:]
    return float(wall), int(rss_kb) / 1024


def read_pairs(path):
    """{(a, b): jaccard} of a pairs.csv, ids ordered. A group of identical articles
    that pairs.csv lists through its first member (one past run.json's
    list_groups_up_to) is expanded to all its members from groups.csv beside it."""
    path = Path(path)
    stand_for = {}  # first member -> every member, for groups listed through it
    groups_csv, run_json = path.with_name("groups.csv"), path.with_name("run.json")
    if groups_csv.exists() and run_json.exists():
        listed = json.loads(run_json.read_text())["parameters"].get("list_groups_up_to")
        members = {}
        with open(groups_csv, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                members.setdefault(row["group_id"], []).append(row["doc_id"])
        for m in members.values():
            if listed is not None and len(m) > listed:
                stand_for[m[0]] = m
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            j = float(row["jaccard"])
            for a in stand_for.get(row["doc_a"], [row["doc_a"]]):
                for b in stand_for.get(row["doc_b"], [row["doc_b"]]):
                    if a != b:
                        out[tuple(sorted((a, b)))] = j
    return out


def read_external_truth(path):
    """{(a, b): jaccard} of a TSV with a header whose first three columns are a, b, J."""
    out = {}
    with open(path, encoding="utf-8") as f:
        f.readline()
        for line in f:
            a, b, j = line.rstrip("\n").split("\t")[:3]
            out[tuple(sorted((a, b)))] = float(j)
    return out


def scan(dupdrift, corpus, out, threads, extra):
    cmd = [dupdrift, "scan", corpus, "--out", out, "--quiet", "--threads", str(threads), *extra]
    wall, rss = timed(cmd)
    run = json.loads((Path(out) / "run.json").read_text())
    return wall, rss, run


def score_pairs(found, truth, threshold):
    want = {p for p, j in truth.items() if j >= threshold}
    hits = len(want & found.keys())
    recall = hits / len(want) if want else 1.0
    correct = sum(1 for p in found if truth.get(p, 0.0) >= threshold)
    precision = correct / len(found) if found else 1.0
    return recall, precision


def generated(dupdrift, n, seed, workdir):
    corpus_dir = workdir / f"gen-{n}-{seed}"
    if not (corpus_dir / "corpus.jsonl").exists():
        note(f"generating {n} articles (seed {seed})")
        subprocess.run([dupdrift, "gen", "--articles", str(n), "--seed", str(seed),
                        "--out", corpus_dir, "--quiet"], check=True)
    return corpus_dir / "corpus.jsonl"


def planted_scores(corpus, report):
    """Cluster recall and drift recall/precision per kind against `dupdrift gen`'s
    truth files beside the corpus; None where the corpus has none."""
    truth_dir = Path(corpus).parent
    cluster_recall = None
    passages = truth_dir / "truth_passages.tsv"
    if passages.exists():
        planted = {}
        with open(passages, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                planted.setdefault(row["passage"], set()).add(row["doc_id"])
        clusters = {}
        with open(Path(report) / "passages.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                clusters.setdefault(row["cluster_id"], set()).add(row["doc_id"])
        # A planted passage is recalled when one cluster holds all its articles.
        found = sum(1 for docs in planted.values()
                    if any(docs <= c for c in clusters.values()))
        cluster_recall = found / len(planted) if planted else None
    drift = truth_dir / "truth_drift.tsv"
    drift_scores = None
    if drift.exists():
        flagged = {}
        with open(Path(report) / "drift.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if float(row["severity"]) >= 0.5:
                    key = tuple(sorted((row["doc_a"], row["doc_b"])))
                    flagged.setdefault(key, set()).add(row["kind"])
        per_kind = {}
        with open(drift, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                key = tuple(sorted((row["doc_a"], row["doc_b"])))
                kinds = flagged.get(key, set())
                tally = per_kind.setdefault(row["kind"], [0, 0])
                tally[0] += 1
                # A planted change is found when the pair is flagged at all; a
                # meaning-preserving rewrite ("none") is right when it is not.
                tally[1] += (not kinds) if row["kind"] == "none" else bool(kinds)
        drift_scores = ";".join(f"{k}={hit}/{n}" for k, (n, hit) in sorted(per_kind.items()))
    return cluster_recall, drift_scores


def machine(dupdrift):
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    version = subprocess.run([dupdrift, "--version"], capture_output=True, text=True).stdout
    return (f"date: {datetime.datetime.now().isoformat(timespec='seconds')}\n"
            f"cores: {os.cpu_count()}\ncpu: {cpu}\n"
            f"kernel: {platform.system()} {platform.release()}\n"
            f"commit: {commit}{' (with uncommitted changes)' if dirty else ''}\n"
            f"dupdrift: {version.strip()}\n")


def table(rows):
    groups = {}
    for r in rows:
        key = (r["corpus"], r["mode"], r["threads"], r["threshold"])
        groups.setdefault(key, []).append(r)
    lines = [
        "| corpus | articles | MB | stage | threads | threshold | runs | wall s | MB/s "
        "| articles/s | µs/article | peak RSS MB | read+sketch s | pairs s | align s "
        "| drift s | recall | precision | recall (external) | cluster recall | drift found |",
        "|" + "---|" * 21,
    ]

    def med(rs, col):
        vals = [float(r[col]) for r in rs if r[col] not in ("", None)]
        return statistics.median(vals) if vals else None

    def fmt(x, digits):
        return "" if x is None else f"{x:.{digits}f}"

    for key, rs in groups.items():
        first = rs[0]
        wall = med(rs, "wall_s")
        lines.append("| " + " | ".join([
            "/".join(Path(first["corpus"]).parts[-2:]), str(first["articles"]), fmt(float(first["mb"]), 1),
            first["mode"], str(first["threads"]), str(first["threshold"]), str(len(rs)),
            fmt(wall, 2), fmt(med(rs, "mb_per_s"), 1), fmt(med(rs, "articles_per_s"), 0),
            fmt(wall * 1e6 / int(first["articles"]), 1), fmt(med(rs, "peak_rss_mb"), 0),
            fmt(med(rs, "read_and_sketch_s"), 2), fmt(med(rs, "pairs_s"), 2),
            fmt(med(rs, "align_s"), 2), fmt(med(rs, "drift_s"), 2),
            fmt(med(rs, "recall"), 4), fmt(med(rs, "precision"), 4),
            fmt(med(rs, "recall_external"), 4), fmt(med(rs, "cluster_recall"), 3),
            first["drift_scores"] or "",
        ]) + " |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("Examples:")[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", default=[],
                    help="a corpus to measure (any input `dupdrift scan` reads); repeatable")
    ap.add_argument("--gen", default="",
                    help="comma-separated article counts of corpora to generate with `dupdrift gen`")
    ap.add_argument("--seed", type=int, default=1, help="seed of the generated corpora")
    ap.add_argument("--truth-tsv", help="external truth pairs (TSV: a, b, jaccard) for --corpus")
    ap.add_argument("--thresholds", default="0.5,0.8")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--full", action="store_true",
                    help="also run the full scan (passages and drift) at the first threshold")
    ap.add_argument("--work", default=str(REPO / ".bench" / "work"),
                    help="where generated corpora and reports go (default .bench/work)")
    ap.add_argument("--out", help="results directory (default .bench/bench-DATE)")
    args = ap.parse_args()

    thresholds = [float(t) for t in args.thresholds.split(",") if t]
    threads = [int(t) for t in args.threads.split(",") if t]
    if not thresholds or not threads or args.repeat < 1:
        die("give at least one threshold, one thread count and --repeat >= 1")
    dupdrift = binary()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    corpora = list(args.corpus)
    corpora += [str(generated(dupdrift, int(n), args.seed, work))
                for n in args.gen.split(",") if n]
    if not corpora:
        die("nothing to measure: give --corpus PATH or --gen N")
    for c in corpora:
        if not Path(c).exists():
            die(f"no such corpus: {c}")
    out = Path(args.out or REPO / ".bench" / f"bench-{datetime.datetime.now():%Y%m%d-%H%M%S}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "machine.txt").write_text(machine(dupdrift))
    external = read_external_truth(args.truth_tsv) if args.truth_tsv else None

    rows = []
    for corpus in corpora:
        report = work / "report"
        note(f"{corpus}: exact truth at {min(thresholds)}")
        _, _, run = scan(dupdrift, corpus, report, max(threads),
                         ["--stages", "pairs", "--search", "exact",
                          "--threshold", str(min(thresholds))])
        truth = read_pairs(report / "pairs.csv")
        articles, mb = run["counts"]["articles"], run["counts"]["bytes"] / 1e6
        configs = [("pairs", n, t) for n in threads for t in thresholds]
        if args.full:
            configs += [("all", n, thresholds[0]) for n in threads]
        for repeat in range(1, args.repeat + 1):
            for mode, n, t in configs:
                wall, rss, run = scan(dupdrift, corpus, report, n,
                                      ["--stages", mode, "--threshold", str(t)])
                found = read_pairs(report / "pairs.csv")
                recall, precision = score_pairs(found, truth, t)
                recall_ext = score_pairs(found, external, t)[0] if external else None
                clusters, drift = planted_scores(corpus, report) if mode == "all" else (None, None)
                timings = run["timings_seconds"]
                rows.append({
                    "corpus": corpus, "articles": articles, "mb": f"{mb:.3f}", "mode": mode,
                    "threads": n, "threshold": t, "repeat": repeat, "wall_s": f"{wall:.3f}",
                    "mb_per_s": f"{mb / wall:.2f}", "articles_per_s": f"{articles / wall:.1f}",
                    "peak_rss_mb": f"{rss:.1f}",
                    "read_and_sketch_s": f"{timings['read_and_sketch']:.3f}",
                    "pairs_s": f"{timings['pairs']:.3f}", "align_s": f"{timings['align']:.3f}",
                    "drift_s": f"{timings['drift']:.3f}", "report_s": f"{timings['report']:.3f}",
                    "pairs": len(found), "recall": f"{recall:.4f}",
                    "precision": f"{precision:.4f}",
                    "recall_external": "" if recall_ext is None else f"{recall_ext:.4f}",
                    "cluster_recall": "" if clusters is None else f"{clusters:.4f}",
                    "drift_scores": drift or "",
                })
                note(f"{Path(corpus).name} {mode} t={t} threads={n} #{repeat}: {wall:.2f} s, "
                     f"{mb / wall:.1f} MB/s, {rss:.0f} MB, recall {recall:.4f}, "
                     f"precision {precision:.4f}")
    with open(out / "raw.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=RAW_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    md = table(rows)
    (out / "table.md").write_text(md)
    print(md)
    note(f"raw figures: {out / 'raw.csv'}; table: {out / 'table.md'}; "
         f"machine: {out / 'machine.txt'}")


if __name__ == "__main__":
    main()
