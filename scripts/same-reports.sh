#!/usr/bin/env bash
# Checks that a change leaves every report byte-identical: runs one dupdrift binary
# over the reference corpora at 1 and 2 threads and prints an md5 sum per report
# file (run.json, which holds timings, is left out).
#
#   scripts/same-reports.sh BIN OUT            # sums in OUT/sums.txt
#   diff old/sums.txt new/sums.txt             # nothing printed: the same bytes
#
# Corpora: data/seeds, data/seeds + data/reprints.jsonl, 20,000 generated articles
# (`dupdrift gen --articles 20000 --seed 1`, kept in target/gen-20000), and, when it is beside the checkout,
# ../shared/corpora/peerbench; plus `dupdrift pairs` on the DEMETR dev pairs
# (../shared/eval/demetr-dev) when they are there.
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
cd "$root"

# Kept apart from OUT: documents.csv names the input path, which must not differ.
gen="$root/target/gen-20000"
[ -f "$gen/corpus.jsonl" ] || "$bin" gen --articles 20000 --seed 1 --out "$gen" >/dev/null
corpora=("seeds:data/seeds" "reprints:data/seeds data/reprints.jsonl" "gen:$gen/corpus.jsonl")
peer=../shared/corpora/peerbench/corpus.jsonl.gz
[ -f "$peer" ] && corpora+=("peerbench:$peer")

: >"$out/sums.txt"
for entry in "${corpora[@]}"; do
  name=${entry%%:*}
  read -ra inputs <<<"${entry#*:}"
  for threads in 1 2; do
    dir="$out/$name-t$threads"
    rm -rf "$dir"
    status=0
    "$bin" scan "${inputs[@]}" --out "$dir" --threads "$threads" --quiet || status=$?
    echo "$name t$threads exit $status" >>"$out/sums.txt"
    (cd "$dir" && md5sum -- *.csv) | sed "s|^|$name t$threads |" >>"$out/sums.txt"
  done
done

demetr=../shared/eval/demetr-dev/demetr-dev.jsonl
if [ -f "$demetr" ]; then
  pairs="$out/demetr-pairs.jsonl"
  python3 - "$demetr" "$pairs" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for n, line in enumerate(f):
        r = json.loads(line)
        for k, (a, b) in enumerate([("eng_sent", "mt_sent"), ("mt_sent", "pert_sent"), ("eng_sent", "pert_sent")]):
            out.write(json.dumps({"id": f"{n}-{k}", "a": r[a], "b": r[b]}) + "\n")
EOF
  for threads in 1 2; do
    dir="$out/demetr-t$threads"
    rm -rf "$dir"
    "$bin" pairs "$pairs" --out "$dir" --threads "$threads" --quiet
    (cd "$dir" && md5sum -- *.csv) | sed "s|^|demetr t$threads |" >>"$out/sums.txt"
  done
fi
cat "$out/sums.txt"
