#!/usr/bin/env bash
# The Spark job's tests (py/tests): builds the dupdrift_spark package with
# maturin into a local virtualenv and runs pytest against `dupdrift scan`'s
# reports, on Sail, first local, then local-cluster (two workers).
#
# Usage: scripts/spark-test.sh           Sail (what CI runs)
#        scripts/spark-test.sh --jvm     JVM Spark 4.2 (pyspark, local[2] through
#                                        Spark Connect; installs Java 17 if missing)
#
# The virtualenv is .venv-spark-sail (.venv-spark-jvm with --jvm); SPARK_VENV
# names another.
set -euo pipefail
cd "$(dirname "$0")/.."
jvm=false
engine=sail
if [ "${1:-}" = "--jvm" ]; then
  jvm=true
  engine=jvm
fi
venv=${SPARK_VENV:-.venv-spark-$engine}
requirements=py/requirements-$engine.txt

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
# The binary the tests compare with, and the package over the same library.
cargo build --release --locked --quiet
VIRTUAL_ENV="$PWD/$venv" "$venv/bin/maturin" develop --release --locked --quiet \
  --manifest-path py/Cargo.toml

# pytest exits 5 when it collected no test: a suite that ran nothing has not passed.
run_pytest() {
  local status=0
  "$venv/bin/python" -m pytest -q -p no:cacheprovider -p no:warnings py/tests || status=$?
  if [ "$status" -eq 5 ]; then
    echo "spark-test: pytest collected no test" >&2
    exit 1
  fi
  return "$status"
}

export RUST_LOG=${RUST_LOG:-error}
if $jvm; then
  java17=/usr/lib/jvm/java-17-openjdk-amd64
  if [ ! -x "$java17/bin/java" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  fi
  echo "== pytest on JVM Spark (local[2])"
  JAVA_HOME=$java17 PYSPARK_PYTHON="$PWD/$venv/bin/python" SPARK_REMOTE="local[2]" run_pytest
else
  echo "== pytest on Sail (local)"
  run_pytest
  echo "== pytest on Sail (local-cluster, 2 workers)"
  SAIL_MODE=local-cluster run_pytest
fi
