#!/usr/bin/env python3
"""Times dupdrift-spark against `dupdrift scan` on generated corpora of growing
size, checks that the seven CSVs are the same bytes, and lists the Parquet each
stage wrote (the data that stage handed on).

Usage (the venvs scripts/spark-test.sh makes):
    .venv-spark-sail/bin/python scripts/spark-scale.py 20000 80000 [--mode local-cluster]
    .venv-spark-jvm/bin/python scripts/spark-scale.py 20000 --jvm

On Sail (the default) in this process. With --jvm, on JVM Spark `local[2]`
(Java 17 at JAVA_HOME) through Spark Connect, and the bytes each stage shuffled
as Spark counts them (the shuffle write and read of the Spark stages run while
the job's stage was computed, from Spark's monitoring REST API).

Each corpus is made by `dupdrift gen --seed 1` in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
SAME = ["documents", "pairs", "groups", "errors", "alignments", "passages", "drift"]


def as_parquet(jsonl: Path, parquet: Path) -> None:
    """The articles with the place `scan` reads each at (position, path:line)."""
    columns = ("id", "text", "title", "url", "source", "lang", "published")
    writer = None
    rows = []
    with open(jsonl, encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if line.strip():
                r = json.loads(line)
                rows.append({c: None if r.get(c) is None else str(r[c]) for c in columns}
                            | {"position": n, "input": f"{jsonl}:{n}"})
            if len(rows) == 20000:
                table = pa.Table.from_pylist(rows)
                writer = writer or pq.ParquetWriter(parquet, table.schema)
                writer.write_table(table)
                rows = []
    if rows:
        table = pa.Table.from_pylist(rows)
        writer = writer or pq.ParquetWriter(parquet, table.schema)
        writer.write_table(table)
    writer.close()


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


class ShuffleMeter:
    """The shuffle bytes of the Spark stages completed during each of the job's
    stages (and the counts just before it), from Spark's REST API."""

    def __init__(self, ui: str) -> None:
        self.base = f"{ui.rstrip('/')}/api/v1/applications"
        self.app = self._get(self.base)[0]["id"]
        self.seen = self._stages()
        self.by_stage: dict[str, list[int]] = {}

    def _get(self, url: str):
        with urllib.request.urlopen(url, timeout=60) as r:
            return json.load(r)

    def _stages(self) -> dict:
        done = self._get(f"{self.base}/{self.app}/stages?status=complete")
        return {(s["stageId"], s["attemptId"]): s for s in done}

    def stage_done(self, name: str) -> None:
        now = self._stages()
        new = [s for k, s in now.items() if k not in self.seen]
        self.seen = now
        total = self.by_stage.setdefault("cc rounds" if name.startswith("cc_") else name, [0, 0])
        total[0] += sum(s["shuffleWriteBytes"] for s in new)
        total[1] += sum(s["shuffleReadBytes"] for s in new)

    def report(self) -> str:
        rows = sorted(self.by_stage.items(), key=lambda kv: -kv[1][0])
        return ", ".join(f"{name} {w / 1e6:.1f}/{r / 1e6:.1f}" for name, (w, r) in rows if w or r)


def metered(meter: ShuffleMeter):
    """Context.checkpoint, telling ``meter`` when each stage is done."""
    from dupdrift_spark.context import Context

    checkpoint = Context.checkpoint

    def wrapped(self, name, df):
        out = checkpoint(self, name, df)
        meter.stage_done(name)
        return out

    Context.checkpoint = wrapped


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("articles", nargs="+", type=int)
    p.add_argument("--mode", choices=["local", "local-cluster"], default="local", help="Sail's mode")
    p.add_argument("--jvm", action="store_true", help="JVM Spark local[2], with shuffle sizes")
    p.add_argument("--bin", default=str(ROOT / "target" / "release" / "dupdrift"))
    args = p.parse_args()
    if args.mode == "local-cluster":
        os.environ["SAIL_MODE"] = "local-cluster"
        os.environ.setdefault("SAIL_CLUSTER__WORKER_INITIAL_COUNT", "2")
        os.environ.setdefault("SAIL_EXECUTION__DEFAULT_PARALLELISM", "2")
    os.environ.setdefault("RUST_LOG", "error")
    from pyspark.sql import SparkSession

    import dupdrift_spark

    server = meter = None
    if args.jvm:
        os.environ.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (
            SparkSession.builder.remote("local[2]")
            .config("spark.driver.memory", "8g")
            .config("spark.ui.port", "4040")
            .getOrCreate()
        )
        meter = ShuffleMeter("http://127.0.0.1:4040")
        metered(meter)
    else:
        from pysail.spark import SparkConnectServer

        server = SparkConnectServer("127.0.0.1", 0)
        server.start(background=True)
        host, port = server.listening_address
        spark = SparkSession.builder.remote(f"sc://{host}:{port}").getOrCreate()
    for n in args.articles:
        with tempfile.TemporaryDirectory(prefix=f"spark-scale-{n}-") as tmp:
            tmp = Path(tmp)
            subprocess.run([args.bin, "gen", "--articles", str(n), "--seed", "1", "--out", str(tmp / "gen"), "--quiet"], check=True)
            corpus = tmp / "gen" / "corpus.jsonl"
            as_parquet(corpus, tmp / "articles.parquet")
            t = time.monotonic()
            subprocess.run([args.bin, "scan", str(corpus), "--out", str(tmp / "scan"), "--quiet"], check=True)
            scan_s = time.monotonic() - t
            t = time.monotonic()
            summary = dupdrift_spark.run(spark, spark.read.parquet(str(tmp / "articles.parquet")), tmp / "spark", tmp / "work")
            spark_s = time.monotonic() - t
            if meter is not None:
                meter.stage_done("reports")
            same = all((tmp / "scan" / f"{r}.csv").read_bytes() == (tmp / "spark" / f"{r}.csv").read_bytes() for r in SAME)
            engine = "JVM local[2]" if args.jvm else f"Sail {args.mode}"
            print(f"{n} articles ({engine}): scan {scan_s:.1f} s, spark {spark_s:.1f} s, "
                  f"CSVs {'the same' if same else 'DIFFERENT'}; {summary.counts}")
            # The stages' folders, not the markers of the run (_run, _finished).
            stages = [d for d in (tmp / "work").iterdir() if not d.name.startswith("_")]
            stages.sort(key=lambda d: d.stat().st_mtime)
            print("  stage MB: " + ", ".join(f"{d.name} {size(d) / 1e6:.1f}" for d in stages))
            print("  stage s: " + ", ".join(f"{k} {v}" for k, v in summary.timings_seconds.items()))
            if meter is not None:
                print("  shuffle MB written/read: " + meter.report())
                meter.by_stage.clear()
            sys.stdout.flush()
    spark.stop()
    if server is not None:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
