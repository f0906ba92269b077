#!/usr/bin/env bash
# report.html in a real browser: Debian's Chromium, headless, driven by
# playwright-core (tests/browser/report.test.mjs). Installs what is missing
# (chromium with apt-get, playwright-core with npm ci), builds the reports it
# reads, and runs the test. Screenshots land in target/browser/.
#
# Usage: scripts/browser-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "== npm ci (playwright-core, without its browser download)"
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi
cargo build --release --locked --quiet
bin=${CARGO_TARGET_DIR:-target}/release/dupdrift
out=target/browser
rm -rf "$out"
mkdir -p "$out"
"$bin" scan data/seeds --html --quiet --out "$out/seeds"
"$bin" gen --articles 1500 --seed 7 --quiet --out "$out/gen-corpus"
"$bin" scan "$out/gen-corpus/corpus.jsonl" --html --quiet --out "$out/gen"
"$bin" scan data/fixtures/xss.jsonl --html --quiet --out "$out/xss"
"$bin" gen --articles 6000 --seed 11 --quiet --out "$out/many-corpus"
"$bin" scan "$out/many-corpus/corpus.jsonl" --html --quiet --out "$out/many"
node tests/browser/report.test.mjs "$out"
