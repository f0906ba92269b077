#!/usr/bin/env python3
"""Times dupdrift-spark on Sail against `dupdrift scan` on generated corpora of
growing size, checks that the seven CSVs are the same bytes, and lists the
Parquet each stage wrote (the data that stage handed on).

Usage (the venv scripts/spark-test.sh makes):
    .venv-spark-sail/bin/python scripts/spark-scale.py 20000 80000 [--mode local-cluster]

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


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("articles", nargs="+", type=int)
    p.add_argument("--mode", choices=["local", "local-cluster"], default="local")
    p.add_argument("--bin", default=str(ROOT / "target" / "release" / "dupdrift"))
    args = p.parse_args()
    if args.mode == "local-cluster":
        os.environ["SAIL_MODE"] = "local-cluster"
        os.environ.setdefault("SAIL_CLUSTER__WORKER_INITIAL_COUNT", "2")
        os.environ.setdefault("SAIL_EXECUTION__DEFAULT_PARALLELISM", "2")
    os.environ.setdefault("RUST_LOG", "error")
    from pysail.spark import SparkConnectServer
    from pyspark.sql import SparkSession

    import dupdrift_spark

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
            same = all((tmp / "scan" / f"{r}.csv").read_bytes() == (tmp / "spark" / f"{r}.csv").read_bytes() for r in SAME)
            print(f"{n} articles ({args.mode}): scan {scan_s:.1f} s, spark {spark_s:.1f} s, "
                  f"CSVs {'the same' if same else 'DIFFERENT'}; {summary.counts}")
            stages = sorted((tmp / "work").iterdir(), key=lambda d: d.stat().st_mtime)
            print("  stage MB: " + ", ".join(f"{d.name} {size(d) / 1e6:.1f}" for d in stages))
            print("  stage s: " + ", ".join(f"{k} {v}" for k, v in summary.timings_seconds.items()))
            sys.stdout.flush()
    spark.stop()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
