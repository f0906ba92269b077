#!/usr/bin/env python3
"""One table of dupdrift's figures on the real development sets (issue 15).

Usage: scripts/eval-real.py [--eval DIR] [--bin BIN] [--keep DIR] [--json FILE]
                            [--reuters JSONL] [--calibration]
DIR defaults to ../shared/eval beside the checkout. "Findings" are drift.csv rows with
severity >= 0.5; a pair is "flagged" when its max_severity in pair_scores.csv is >= 0.5.
Every `pairs` run uses --lang en (all sets are English). Spans are byte spans [start, end);
two spans overlap when each starts before the other ends.

wmt-multi-dev (`scan articles.jsonl`; article id = <doc>__<version>):
  alignment recall     gold counterpart pairs (two articles of one doc, the sentence of the
                       same line_index in each) for which some alignments.csv row between the
                       two articles overlaps both sentences' spans, of all such pairs
  alignment precision  rows that overlap, on side a and on side b, gold sentences of one doc
                       with the same line_index, of all rows (a row may cover several sentences)
  rows across documents  rows whose two articles come from different docs, and their share
  clusters across documents  clusters (cluster_id in alignments.csv and passages.csv) whose
                       member articles come from more than one doc
  refA/refB via pairs  `pairs` on human_pairs.jsonl (refA vs refB, one per gold line, label 0
                       ASSUMED): findings per 100 pairs, share of pairs flagged, findings per kind
  refA/refB in scan    scan drift.csv rows between the refA and refB articles of one doc, per
                       100 refA/refB alignment rows of the scan that are gold-correct; per kind
ted-mqm (`pairs` on pairs.jsonl; label 1 = a Major accuracy error in b):
  AUC                  of max_severity, label 1 against label 0, ties count half; over the MT
                       systems (b_is_human false) and over all pairs
  recall / false flags share of label 1 / label 0 pairs flagged
  localized            of the flagged label-1 pairs with a rater span in b (spans_b), the share
                       where some finding >= 0.5 has an evidence_spans_b span overlapping one
demetr-dev (scripts/eval-demetr.py's pairs and scoring): share flagged of the paraphrase
  pairs, the minor perturbations, the positives (critical and major; all and negation,
  numbers_replaced, ne_replaced) and the rewordings (eng_sent vs pert_sent); pairs/s of `pairs`.
seeds (`scan data/seeds`): findings by kind and in total.
reuters (--reuters, `scan` of scripts/reuters-to-jsonl.py's output): findings, those between
  two articles that pairs.csv lists as near-duplicates, and the share between other articles.
--calibration adds a table per severity band of max_severity: the share of a set's pairs in
  the band, and precision = label-1 pairs / pairs in the band. Sets: DEMETR positives (1) and
  paraphrases (0), ted-mqm MT pairs, wmt refA/refB pairs (all assumed 0: no precision).
  Precision follows each set's base rate: DEMETR has 7,733 positives to 500 paraphrases.
"""
import argparse
import collections
import csv
import importlib.util
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEVERE = 0.5
BANDS = [(0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0)]
sys.dont_write_bytecode = True  # no __pycache__ in scripts/ from the import below
spec = importlib.util.spec_from_file_location("eval_demetr", ROOT / "scripts/eval-demetr.py")
demetr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(demetr)


class Table:
    """Rows of (set, metric, value), with the value as printed beside it."""

    def __init__(self):
        self.rows = []

    def add(self, name, metric, value, shown=None):
        if shown is None:
            shown = f"{value:.3f}" if isinstance(value, float) else f"{value:,}"
        self.rows.append((name, metric, value, shown))

    def count(self, name, metric, n, per):
        """A count with its rate per 100 of `per`."""
        self.add(name, metric, n, f"{n:,} ({100 * n / max(per, 1):.1f} per 100)")

    def print(self):
        print("| set | metric | value |\n|---|---|---:|")
        for name, metric, _, shown in self.rows:
            print(f"| {name} | {metric} | {shown} |")

    def as_json(self):
        out = collections.defaultdict(dict)
        for name, metric, value, _ in self.rows:
            out[name][metric] = value
        return out


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(cmd, out):
    """Run dupdrift; exit status 1 (some inputs in errors.csv) is reported and tolerated."""
    rc = subprocess.run([str(c) for c in cmd], check=False).returncode
    if rc > 1:
        sys.exit(f"{' '.join(map(str, cmd))} failed with exit status {rc}")
    if rc == 1:
        print(f"warning: {len(read_csv(out / 'errors.csv'))} rows in {out / 'errors.csv'}", file=sys.stderr)


def scan(args, inputs, out):
    run([args.bin, "scan", *inputs, "--out", out, "--quiet"], out)
    return out


def pairs(args, items, out):
    """`pairs --lang en` on [{id, a, b}]: ({pair_id: max_severity}, {pair_id: [findings >= 0.5]})."""
    # The input sits beside the reports: `pairs` replaces --out whole and refuses
    # a directory holding anything but its reports.
    out.parent.mkdir(parents=True, exist_ok=True)
    src = out.with_name(out.name + "-pairs.jsonl")
    src.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in items), encoding="utf-8")
    run([args.bin, "pairs", src, "--out", out, "--quiet", "--lang", "en"], out)
    scores = {r["pair_id"]: float(r["max_severity"]) for r in read_csv(out / "pair_scores.csv")}
    return scores, by_pair(severe(read_csv(out / "drift.csv")))


def severe(findings):
    return [r for r in findings if float(r["severity"]) >= SEVERE]


def by_pair(findings):
    out = collections.defaultdict(list)
    for r in findings:
        out[r["pair_id"]].append(r)
    return out


def overlap(s1, e1, s2, e2):
    return s1 < e2 and s2 < e1


def spans(cell):
    """`start-end;start-end` (drift.csv's evidence_spans_*) as [(start, end)]."""
    return [tuple(map(int, s.split("-"))) for s in cell.split(";") if s]


def auc(scored):
    """Area under the ROC curve of [(score, label)]: P(positive > negative), ties half."""
    ordered = sorted(scored)
    rank_sum, i = 0.0, 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and ordered[j][0] == ordered[i][0]:
            j += 1
        rank_sum += (i + 1 + j) / 2 * sum(label for _, label in ordered[i:j])
        i = j
    pos = sum(label for _, label in scored)
    neg = len(scored) - pos
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def by_kind(t, name, label, findings, per):
    kinds = collections.Counter(r["kind"] for r in findings)
    for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        t.count(name, f"{label}, {kind}", n, per)


def wmt(args, t, work, calib):
    d = args.eval / "wmt-multi-dev"
    arts = {r["id"]: r for r in read_jsonl(d / "articles.jsonl")}
    gold = {r["id"]: {line: (s, e) for s, e, line in r["spans"]} for r in read_jsonl(d / "gold.jsonl")}
    out = scan(args, [d / "articles.jsonl"], work / "wmt-scan")
    rows = read_csv(out / "alignments.csv")
    doc = lambda a: arts[a]["doc"]
    side = lambda r, s: (int(r[f"start_{s}"]), int(r[f"end_{s}"]))

    def correct(r):
        if doc(r["doc_a"]) != doc(r["doc_b"]):
            return False
        ga, gb = gold[r["doc_a"]], gold[r["doc_b"]]
        return any(line in gb and overlap(*span, *side(r, "a")) and overlap(*gb[line], *side(r, "b"))
                   for line, span in ga.items())

    between = collections.defaultdict(list)  # (article, article) -> [(span in the first, span in the second)]
    for r in rows:
        between[r["doc_a"], r["doc_b"]].append((side(r, "a"), side(r, "b")))
        between[r["doc_b"], r["doc_a"]].append((side(r, "b"), side(r, "a")))
    versions = collections.defaultdict(list)
    for a in sorted(arts):
        versions[doc(a)].append(a)
    gold_pairs = found = 0
    for members in versions.values():
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                for line in gold[x].keys() & gold[y].keys():
                    gold_pairs += 1
                    found += any(overlap(*gold[x][line], *sx) and overlap(*gold[y][line], *sy)
                                 for sx, sy in between[x, y])
    right = [r for r in rows if correct(r)]
    name = "wmt-multi-dev"
    t.add(name, "alignment rows", len(rows))
    t.add(name, "alignment recall (gold counterpart pairs)", found / gold_pairs,
          f"{found / gold_pairs:.3f} ({found:,}/{gold_pairs:,})")
    t.add(name, "alignment precision", len(right) / len(rows), f"{len(right) / len(rows):.3f} ({len(right):,})")
    cross = sum(doc(r["doc_a"]) != doc(r["doc_b"]) for r in rows)
    t.add(name, "rows joining different documents", cross, f"{cross:,} ({cross / len(rows):.1%})")
    clusters = collections.defaultdict(set)
    for r in read_csv(out / "passages.csv"):
        clusters[r["cluster_id"]].add(doc(r["doc_id"]))
    for r in rows:
        if r["cluster_id"]:
            clusters[r["cluster_id"]] |= {doc(r["doc_a"]), doc(r["doc_b"])}
    mixed = sum(len(docs) > 1 for docs in clusters.values())
    t.add(name, "clusters with members from several documents", mixed, f"{mixed:,} of {len(clusters):,}")

    human = read_jsonl(d / "human_pairs.jsonl")
    scores, found_by_pair = pairs(args, [{"id": h["pair_id"], "a": h["a"], "b": h["b"]} for h in human],
                                  work / "wmt-pairs")
    findings = [f for fs in found_by_pair.values() for f in fs]
    flagged = sum(s >= SEVERE for s in scores.values())
    t.count(name, "refA/refB via pairs: findings", len(findings), len(scores))
    t.add(name, "refA/refB via pairs: pairs flagged", flagged / len(scores),
          f"{flagged / len(scores):.1%} ({flagged:,}/{len(scores):,})")
    by_kind(t, name, "refA/refB via pairs", findings, len(scores))
    calib.append(("wmt refA/refB (label 0 assumed)", [(s, None) for s in scores.values()]))

    refs = lambda a, b: doc(a) == doc(b) and {arts[a]["version"], arts[b]["version"]} == {"refA", "refB"}
    aligned = sum(refs(r["doc_a"], r["doc_b"]) for r in right)
    drift = [r for r in severe(read_csv(out / "drift.csv")) if refs(r["doc_a"], r["doc_b"])]
    t.add(name, "refA/refB in scan: gold-correct alignment rows", aligned)
    t.count(name, "refA/refB in scan: findings", len(drift), aligned)
    by_kind(t, name, "refA/refB in scan", drift, aligned)


def ted(args, t, work, calib):
    items = read_jsonl(args.eval / "ted-mqm/pairs.jsonl")
    scores, found = pairs(args, [{"id": p["pair_id"], "a": p["a"], "b": p["b"]} for p in items], work / "ted")
    for subset, chosen in [("MT", [p for p in items if not p["b_is_human"]]), ("all", items)]:
        scored = [(scores[p["pair_id"]], p["label"]) for p in chosen]
        pos = [p for p in chosen if p["label"] == 1]
        neg = [p for p in chosen if p["label"] == 0]
        flagged = lambda ps: [p for p in ps if scores[p["pair_id"]] >= SEVERE]
        with_span = [p for p in flagged(pos) if p["spans_b"]]
        hit = [p for p in with_span if any(overlap(*e, *g) for f in found[p["pair_id"]]
                                           for e in spans(f["evidence_spans_b"]) for g in p["spans_b"])]
        n = f" ({subset})"
        t.add("ted-mqm", "AUC of max_severity" + n, auc(scored), f"{auc(scored):.4f} ({len(pos)}/{len(neg)})")
        t.add("ted-mqm", "recall: label 1 flagged" + n, len(flagged(pos)) / len(pos))
        t.add("ted-mqm", "false flags: label 0 flagged" + n, len(flagged(neg)) / len(neg))
        t.add("ted-mqm", "localized: flagged positives with evidence on a rater span" + n,
              len(hit) / len(with_span), f"{len(hit) / len(with_span):.3f} ({len(hit)}/{len(with_span)})")
        if subset == "MT":
            calib.append(("ted-mqm MT", scored))


def demetr_dev(args, t, work, calib):
    items, meta = demetr.build_pairs(args.eval / "demetr-dev/demetr-dev.jsonl")
    scores, secs = demetr.score(str(args.bin), items, work / "demetr")
    counts = demetr.tally(meta, scores)
    name = "demetr-dev"
    for metric, key in [("paraphrase flagged", ("paraphrase", "all")), ("minor flagged", ("minor", "all")),
                        ("positives recall, all", ("positive", "all")),
                        ("positives recall, negation", ("positive", "negation")),
                        ("positives recall, numbers_replaced", ("positive", "numbers_replaced")),
                        ("positives recall, ne_replaced", ("positive", "ne_replaced")),
                        ("rewording flagged, all", ("rewording", "all"))]:
        n, flagged, _ = counts[key]
        t.add(name, metric, flagged / n, f"{flagged / n:.3f} ({flagged:,}/{n:,})")
    t.add(name, "pairs/s of `pairs` (process start included)", len(items) / secs,
          f"{len(items) / secs:,.0f} ({len(items):,} pairs in {secs:.2f} s)")
    labels = {"positive": 1, "paraphrase": 0}
    calib.append(("demetr-dev positives/paraphrase", [(float(scores[pid]["max_severity"]), labels[cat])
                                                      for pid, (cat, _) in meta.items() if cat in labels]))


def seeds(args, t, work):
    found = severe(read_csv(scan(args, [ROOT / "data/seeds"], work / "seeds") / "drift.csv"))
    t.add("seeds", "findings", len(found))
    for kind, n in sorted(collections.Counter(r["kind"] for r in found).items(), key=lambda kv: (-kv[1], kv[0])):
        t.add("seeds", f"findings, {kind}", n)


def reuters(args, t, work):
    out = scan(args, [args.reuters], work / "reuters")
    near = {frozenset((r["doc_a"], r["doc_b"])) for r in read_csv(out / "pairs.csv")}
    found = severe(read_csv(out / "drift.csv"))
    on_near = sum(frozenset((r["doc_a"], r["doc_b"])) in near for r in found)
    t.add("reuters", "findings", len(found))
    t.add("reuters", "findings between near-duplicates (pairs.csv)", on_near)
    other = len(found) - on_near
    t.add("reuters", "share between different stories", other / max(len(found), 1),
          f"{other / max(len(found), 1):.3f} ({other:,})")


def calibration(calib):
    """Per set and band: pairs in the band, their share of the set, precision where labelled."""
    print("\n| set | max_severity | pairs | share of pairs | precision |\n|---|---|---:|---:|---:|")
    out = collections.defaultdict(dict)
    for name, scored in calib:
        for lo, hi in BANDS:
            inside = [label for s, label in scored if lo <= s < hi or (hi == 1.0 and s == 1.0)]
            band = f"[{lo}, {hi}{']' if hi == 1.0 else ')'}"
            labelled = [label for label in inside if label is not None]
            precision = sum(labelled) / len(labelled) if labelled else None
            shown = "" if precision is None else f"{precision:.3f}"
            print(f"| {name} | {band} | {len(inside):,} | {len(inside) / len(scored):.3f} | {shown} |")
            out[name][band] = {"pairs": len(inside), "share": len(inside) / len(scored), "precision": precision}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=pathlib.Path, default=ROOT.parent / "shared/eval", metavar="DIR")
    ap.add_argument("--bin", type=pathlib.Path, default=ROOT / "target/release/dupdrift")
    ap.add_argument("--keep", type=pathlib.Path, metavar="DIR", help="keep the inputs and reports in DIR")
    ap.add_argument("--json", type=pathlib.Path, metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--reuters", type=pathlib.Path, metavar="JSONL", help="scripts/reuters-to-jsonl.py's output")
    ap.add_argument("--calibration", action="store_true", help="add the table per severity band")
    args = ap.parse_args()
    demetr.ensure_binary(args.bin)
    args.bin = args.bin.absolute()  # pathlib drops "./", which would send a relative path to PATH
    t, calib = Table(), []
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or pathlib.Path(scratch)
        wmt(args, t, work, calib)
        ted(args, t, work, calib)
        demetr_dev(args, t, work, calib)
        seeds(args, t, work)
        if args.reuters:
            reuters(args, t, work)
    t.print()
    figures = t.as_json()
    if args.calibration:
        figures["calibration"] = calibration(calib)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
