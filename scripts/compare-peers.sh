#!/usr/bin/env bash
# Compare dupdrift with three Python MinHash-LSH tools (datasketch, rensa, gaoya) on one corpus:
# wall time, throughput, peak RSS, and recall/precision against exact-Jaccard truth.
# Run with --help for the options.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
PEERS_DIR="$SCRIPT_DIR/peers"
ALL_TOOLS="dupdrift datasketch rensa gaoya"
THRESHOLD=0.8

usage() {
    cat <<EOF
Usage: scripts/compare-peers.sh [OPTIONS]

Runs dupdrift and the Python MinHash-LSH tools datasketch, rensa and gaoya on the same corpus,
every (tool, workers) combination ROUNDS times, all tools once per round (the tool order rotates
from round to round) so that machine noise hits them alike. Each run is timed end to end with
/usr/bin/time (wall time, peak RSS) and its pairs are scored against the truth pairs with exact
Jaccard >= $THRESHOLD.

Options:
  --rounds N        rounds (default 3)
  --workers "W..."  worker counts, each 1 or 2 (default "1 2"): threads for dupdrift,
                    processes or threads for the peers (see scripts/peers/run_peer.py)
  --tools "T..."    tools among: $ALL_TOOLS (default: all four)
  --corpus PATH     .jsonl(.gz) with {"id": int, "text": str} lines
                    (default ../shared/corpora/peerbench/corpus.jsonl.gz beside the repo)
  --truth PATH      TSV "a b jaccard_ws5" of exact Jaccard over lowercased whitespace-split
                    word 5-grams (default: truth_exact.tsv beside the corpus)
  --out DIR         where to write (default .bench/peers-<date-time> under the repo root);
                    must not hold a raw.csv already
  -h, --help        this text

Environment:
  DUPDRIFT=PATH     dupdrift binary (default target/dist/dupdrift, built with
                    'cargo build --profile dist' if missing). It is copied into OUT/bin first so that
                    a rebuild during the benchmark does not change the binary between rounds.

Settings shared by all tools: 128 MinHash permutations, word 5-grams, threshold $THRESHOLD, LSH of
9 bands x 13 rows (datasketch's choice; rensa and gaoya need 117 = 9*13 permutations for it).
The peers answer with their LSH candidates (gaoya: candidates with estimated Jaccard >= $THRESHOLD);
dupdrift verifies its candidates by exact Jaccard. dupdrift runs as
  dupdrift scan --stages pairs --threshold $THRESHOLD --threads W -q CORPUS --out DIR

The peers are installed with pip into .bench/venv (created if missing; pinned datasketch==2.0.*,
rensa==0.5.*, gaoya==0.2.*). A peer that cannot be installed is reported and left out.

Writes:
  OUT/raw.csv       tool,workers,round,wall_s,mb_per_s,peak_rss_mb,pairs,recall,precision,status,
                    load1 (the 1-minute load average when the run started: other work on the
                    machine shows there)
  OUT/table.md      medians per (tool, workers) and dupdrift's speed against each peer
                    (also printed)
  OUT/machine.txt   cores, CPU, kernel, git commit, dupdrift and peer versions
  OUT/runs/TOOL-wW-rR/   each run's pairs, timings and logs

MB/s counts the UTF-8 bytes of the texts (computed once per corpus, cached in .bench/cache).
Peak RSS is GNU time's: the largest single process, not the sum over a peer's two processes.

Example: scripts/compare-peers.sh --rounds 1 --tools "dupdrift gaoya" --workers 2
EOF
}

die() { printf 'compare-peers: error: %s\n' "$*" >&2; exit 1; }
note() { printf 'compare-peers: %s\n' "$*" >&2; }

ROUNDS=3
WORKERS="1 2"
TOOLS=$ALL_TOOLS
CORPUS="$REPO/../shared/corpora/peerbench/corpus.jsonl.gz"
TRUTH=""
OUT=""

while (($#)); do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --rounds | --workers | --tools | --corpus | --truth | --out)
            (($# >= 2)) || die "$1 needs a value (see --help)"
            case $1 in
                --rounds) ROUNDS=$2 ;;
                --workers) WORKERS=$2 ;;
                --tools) TOOLS=$2 ;;
                --corpus) CORPUS=$2 ;;
                --truth) TRUTH=$2 ;;
                --out) OUT=$2 ;;
            esac
            shift 2 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

# ---------------------------------------------------------------- check the options
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer, got '$ROUNDS'"
read -r -a WORKER_LIST <<<"$WORKERS"
((${#WORKER_LIST[@]})) || die "--workers is empty"
for w in "${WORKER_LIST[@]}"; do
    [[ $w == 1 || $w == 2 ]] || die "--workers takes 1 and/or 2 (the peer runners know no other), got '$w'"
done
read -r -a TOOL_LIST <<<"$TOOLS"
((${#TOOL_LIST[@]})) || die "--tools is empty"
for t in "${TOOL_LIST[@]}"; do
    [[ " $ALL_TOOLS " == *" $t "* ]] || die "unknown tool '$t': choose among $ALL_TOOLS"
done
[[ -f $CORPUS && -r $CORPUS ]] || die "corpus not found or not readable: $CORPUS (pass --corpus PATH)"
CORPUS=$(cd "$(dirname "$CORPUS")" && pwd)/$(basename "$CORPUS")
[[ -n $TRUTH ]] || TRUTH=$(dirname "$CORPUS")/truth_exact.tsv
[[ -f $TRUTH && -r $TRUTH ]] || die "truth file not found: $TRUTH (pass --truth PATH)"
TRUTH=$(cd "$(dirname "$TRUTH")" && pwd)/$(basename "$TRUTH")
[[ -n $OUT ]] || OUT=$REPO/.bench/peers-$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$OUT" || die "cannot create the output directory $OUT"
OUT=$(cd "$OUT" && pwd)
[[ ! -e $OUT/raw.csv ]] || die "$OUT already holds a raw.csv: pass another --out"
mkdir -p "$OUT/runs" "$OUT/bin"

SYS_PY=$(command -v python3) || die "python3 not found"

# ---------------------------------------------------------------- the peers' virtualenv
VENV=$REPO/.bench/venv
PY=$SYS_PY
declare -A PIN=([datasketch]="datasketch==2.0.*" [rensa]="rensa==0.5.*" [gaoya]="gaoya==0.2.*")
declare -A PEER_VERSION=()
PEERS_WANTED=()
for t in "${TOOL_LIST[@]}"; do [[ $t == dupdrift ]] || PEERS_WANTED+=("$t"); done
if ((${#PEERS_WANTED[@]})); then
    if [[ ! -x $VENV/bin/python ]]; then
        note "creating the virtualenv $VENV"
        "$SYS_PY" -m venv "$VENV" >>"$OUT/install.log" 2>&1 ||
            die "python3 -m venv $VENV failed (see $OUT/install.log; on Debian: apt-get install python3-venv)"
    fi
    PY=$VENV/bin/python
    installed_version() { # prints the installed version of $1 if it matches the pin's prefix
        "$PY" - "$1" "$2" <<'EOF' 2>/dev/null
import importlib.metadata as md, sys
name, prefix = sys.argv[1], sys.argv[2]
try:
    v = md.version(name)
except md.PackageNotFoundError:
    sys.exit(1)
if not (v == prefix or v.startswith(prefix + ".")):
    sys.exit(1)
print(v)
EOF
    }
    for t in "${PEERS_WANTED[@]}"; do
        spec=${PIN[$t]}
        prefix=${spec#*==}
        prefix=${prefix%.\*}
        if ! v=$(installed_version "$t" "$prefix"); then
            note "installing $spec into $VENV"
            if ! "$PY" -m pip install --disable-pip-version-check -q "$spec" >>"$OUT/install.log" 2>&1 ||
                ! v=$(installed_version "$t" "$prefix"); then
                note "WARNING: could not install $spec (see $OUT/install.log): leaving $t out"
                continue
            fi
        fi
        # The import must work too (a wheel for another platform or Python would fail here).
        if ! "$PY" -c "import $t" >>"$OUT/install.log" 2>&1; then
            note "WARNING: $t $v is installed but does not import (see $OUT/install.log): leaving $t out"
            continue
        fi
        PEER_VERSION[$t]=$v
    done
fi
RUN_TOOLS=()
for t in "${TOOL_LIST[@]}"; do
    [[ $t == dupdrift || -n ${PEER_VERSION[$t]:-} ]] && RUN_TOOLS+=("$t")
done
((${#RUN_TOOLS[@]})) || die "no tool left to run"

# ---------------------------------------------------------------- dupdrift
DD_VERSION="(not run)"
if [[ " ${RUN_TOOLS[*]} " == *" dupdrift "* ]]; then
    if [[ -n ${DUPDRIFT:-} ]]; then
        [[ -x $DUPDRIFT ]] || die "DUPDRIFT=$DUPDRIFT is not an executable file"
        DD_SRC=$DUPDRIFT
    else
        DD_SRC=$REPO/target/dist/dupdrift
        if [[ ! -x $DD_SRC ]]; then
            note "$DD_SRC is missing: running cargo build --profile dist"
            (cd "$REPO" && cargo build --profile dist) || die "cargo build --profile dist failed"
        fi
    fi
    cp "$DD_SRC" "$OUT/bin/dupdrift" || die "cannot copy $DD_SRC into $OUT/bin"
    DD_BIN=$OUT/bin/dupdrift
    DD_VERSION=$("$DD_BIN" --version) || die "$DD_BIN --version failed"
fi

# ---------------------------------------------------------------- timer
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
    TIMER=(/usr/bin/time -f '%e %M' -o)
    TIMER_NAME="GNU time (/usr/bin/time -f '%e %M')"
else
    note "/usr/bin/time (GNU time) not usable: timing with scripts/peers/timerun.py"
    TIMER=("$SYS_PY" "$PEERS_DIR/timerun.py")
    TIMER_NAME="scripts/peers/timerun.py (resource.getrusage)"
fi

# ---------------------------------------------------------------- corpus size in text bytes
mkdir -p "$REPO/.bench/cache"
cache_key=$(stat -c '%s %Y' "$CORPUS")" $CORPUS"
cache_file=$REPO/.bench/cache/textbytes-$(printf '%s' "$cache_key" | sha256sum | cut -c1-16)
if [[ -s $cache_file ]]; then
    TEXT_BYTES=$(<"$cache_file")
else
    note "counting the text bytes of $CORPUS (once; cached in $cache_file)"
    TEXT_BYTES=$("$SYS_PY" "$PEERS_DIR/report.py" textbytes "$CORPUS") || die "cannot count the text bytes of $CORPUS"
    printf '%s\n' "$TEXT_BYTES" >"$cache_file"
fi
[[ $TEXT_BYTES =~ ^[1-9][0-9]*$ ]] || die "bad text byte count '$TEXT_BYTES' (delete $cache_file)"
TRUTH_PAIRS=$(awk -F'\t' -v t="$THRESHOLD" 'NR > 1 && $3 + 0 >= t' "$TRUTH" | wc -l)

# ---------------------------------------------------------------- machine.txt
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)"
    echo "memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo unknown)"
    echo "kernel: $(uname -srm)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
    echo "git commit: $(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)" \
        "($(git -C "$REPO" status --porcelain 2>/dev/null | wc -l) uncommitted paths)"
    echo "dupdrift: $DD_VERSION"
    if [[ -n ${DD_SRC:-} ]]; then
        echo "dupdrift binary: $DD_SRC (built $(date -u -r "$DD_SRC" +%Y-%m-%dT%H:%M:%SZ)," \
            "sha256 $(sha256sum "$DD_BIN" | cut -c1-16))"
    fi
    echo "python: $("$PY" -c 'import sys; print(sys.version.split()[0])')"
    for t in datasketch rensa gaoya; do
        echo "$t: ${PEER_VERSION[$t]:-(not run)}"
    done
    echo "timer: $TIMER_NAME"
    echo "corpus: $CORPUS ($TEXT_BYTES text bytes)"
    echo "truth: $TRUTH ($TRUTH_PAIRS pairs with jaccard_ws5 >= $THRESHOLD)"
    echo "rounds: $ROUNDS; workers: ${WORKER_LIST[*]}; tools: ${RUN_TOOLS[*]}"
} >"$OUT/machine.txt"

# ---------------------------------------------------------------- the runs
RAW=$OUT/raw.csv
echo "tool,workers,round,wall_s,mb_per_s,peak_rss_mb,pairs,recall,precision,status,load1" >"$RAW"

run_one() { # tool workers round
    local tool=$1 w=$2 r=$3
    local dir=$OUT/runs/$tool-w$w-r$r pairs_file format cmd status=ok
    mkdir -p "$dir"
    if [[ $tool == dupdrift ]]; then
        cmd=("$DD_BIN" scan --stages pairs --threshold "$THRESHOLD" --threads "$w" -q "$CORPUS" --out "$dir/report")
        pairs_file=$dir/report/pairs.csv
        format=dupdrift
    else
        cmd=("$PY" "$PEERS_DIR/run_peer.py" --tool "$tool" --workers "$w" --corpus "$CORPUS"
            --out "$dir/pairs.tsv" --meta "$dir/meta.json")
        pairs_file=$dir/pairs.tsv
        format=tsv
    fi
    printf '%q ' "${cmd[@]}" >"$dir/command.txt"
    echo >>"$dir/command.txt"
    local rc=0 load1
    load1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || true)
    "${TIMER[@]}" "$dir/time.txt" "${cmd[@]}" >"$dir/stdout.log" 2>"$dir/stderr.log" || rc=$?
    local wall="" kb="" mbps="" rss="" npairs="" recall="" precision=""
    if [[ -s $dir/time.txt ]]; then
        read -r wall kb < <(tail -n 1 "$dir/time.txt")
    fi
    if ((rc != 0)); then
        status=failed-exit-$rc
        note "round $r: $tool with $w worker(s) FAILED (exit $rc); last lines of $dir/stderr.log:"
        tail -n 5 "$dir/stderr.log" | sed 's/^/    /' >&2
    elif [[ ! -f $pairs_file ]]; then
        status=no-pairs-file
        note "round $r: $tool with $w worker(s) wrote no $pairs_file"
    else
        if ! read -r npairs recall precision < <("$SYS_PY" "$PEERS_DIR/report.py" score --truth "$TRUTH" \
            --min-jaccard "$THRESHOLD" --format "$format" "$pairs_file"); then
            status=score-failed
            note "round $r: could not score $pairs_file"
        fi
    fi
    if [[ -n $wall && -n $kb ]]; then
        mbps=$(awk -v b="$TEXT_BYTES" -v s="$wall" 'BEGIN { if (s > 0) printf "%.3f", b / 1e6 / s }')
        rss=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
    fi
    echo "$tool,$w,$r,$wall,$mbps,$rss,$npairs,$recall,$precision,$status,$load1" >>"$RAW"
    if [[ $status == ok && -n $wall && -n $mbps ]]; then
        printf 'round %d/%d  %-10s w%d  %7.2f s  %7.2f MB/s  %6.0f MB  %5d pairs  recall %s  precision %s\n' \
            "$r" "$ROUNDS" "$tool" "$w" "$wall" "$mbps" "$rss" "$npairs" "$recall" "$precision" >&2
    fi
}

note "output in $OUT"
n=${#RUN_TOOLS[@]}
for ((r = 1; r <= ROUNDS; r++)); do
    for ((k = 0; k < n; k++)); do
        tool=${RUN_TOOLS[$(((k + r - 1) % n))]}
        for w in "${WORKER_LIST[@]}"; do
            run_one "$tool" "$w" "$r"
        done
    done
done

# ---------------------------------------------------------------- notes and table
NOTES=$OUT/notes.txt
"$SYS_PY" - "$OUT/runs" "$TIMER_NAME" >"$NOTES" <<'EOF'
import glob, json, os, sys
runs, timer = sys.argv[1], sys.argv[2]
seen = []
def add(s):
    if s not in seen:
        seen.append(s)
for path in sorted(glob.glob(os.path.join(runs, "*", "meta.json"))):
    with open(path) as f:
        m = json.load(f)
    add(f"{m['tool']}: LSH {m['bands']} bands x {m['rows']} rows, {m['permutations']} permutations "
        f"computed, {m['lsh_permutations']} used by the LSH; answer = LSH candidates, no exact check")
    for n in m.get("notes", []):
        add(n)
for path in sorted(glob.glob(os.path.join(runs, "dupdrift-*", "report", "run.json"))):
    with open(path) as f:
        p = json.load(f).get("parameters", {})
    b, s = p.get("banding", {}), p.get("sketch", {})
    add(f"dupdrift: LSH {b.get('bands')} bands x {b.get('rows')} rows over {s.get('permutations')} "
        f"permutations (its own choice), candidates verified by exact Jaccard of its own shingles")
add(f"wall time and peak RSS by {timer}; peak RSS is the largest single process, not the sum "
    "over a peer's two worker processes")
add("peer times include Python start-up, imports and reading the .jsonl.gz; MB/s = corpus text "
    "bytes / wall time")
print("\n".join(seen))
EOF
echo
"$SYS_PY" "$PEERS_DIR/report.py" table --raw "$RAW" --notes "$NOTES" --out "$OUT/table.md"
echo
note "raw figures: $RAW; table: $OUT/table.md; machine: $OUT/machine.txt"
