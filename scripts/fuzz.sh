#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/ with libFuzzer (cargo-fuzz, nightly toolchain).
#
# Usage: scripts/fuzz.sh SECONDS [TARGET ...]    (all targets when none is named)
#
# Each target starts from the project's own fixtures as seeds (data/) and keeps
# what it finds in fuzz/corpus/TARGET (not committed); a crash is written to
# fuzz/artifacts/TARGET and ends the script with its status: make it a
# regression test in tests/ before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET ...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
seeds_of() {
  case "$1" in
    ingest_jsonl) echo data/reprints.jsonl ;;
    ingest_csv) echo data/fixtures ;;
    ingest_html | feed) echo data/watch ;;
    segment | numbers | drift) echo data/seeds ;;
  esac
}
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  # Seed files are copied in: libFuzzer reads a directory of inputs.
  for seed in $(seeds_of "$target"); do
    if [ -d "$seed" ]; then cp -n "$seed"/* "$corpus"/ 2>/dev/null || true; else cp -n "$seed" "$corpus"/; fi
  done
  echo "== fuzz $target for ${seconds} s"
  log=$(mktemp)
  status=0
  cargo +nightly fuzz run "$target" "$corpus" -- -max_total_time="$seconds" -rss_limit_mb=4096 \
    >"$log" 2>&1 || status=$?
  # The start, the end (runs, coverage) and any crash, not every new unit.
  grep -E "INITED|DONE|Done [0-9]+ runs|SUMMARY|panicked|Test unit written|ERROR" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
    rm -f "$log"
    exit "$status"
  fi
  rm -f "$log"
done
