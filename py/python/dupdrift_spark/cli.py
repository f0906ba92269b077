"""``dupdrift-spark``: the job from the command line."""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import fields

from . import job

EXAMPLES = """\
examples:
  # On this machine, Sail started in-process (pip install 'dupdrift-spark[sail]'):
  dupdrift-spark articles.parquet --out report --sail

  # On a cluster through Spark Connect, stages kept in shared storage:
  dupdrift-spark s3a://news/2026/*.parquet --out report \\
      --remote sc://spark-master:15002 --work s3a://news/dupdrift-work

  # JVM Spark in-process (pip install 'dupdrift-spark[spark]', Java 17):
  dupdrift-spark corpus.jsonl --out report --remote 'local[2]'

  # After a failed run, again from the last stage it finished in --work:
  dupdrift-spark s3a://news/2026/*.parquet --out report \
      --remote sc://spark-master:15002 --work s3a://news/dupdrift-work --resume

inputs: Parquet (files or folders) or JSON Lines, with columns id and text (a
string, or bytes decoded as scan decodes files) and optionally title, url,
source, lang, published, input (the name errors give) and position (the reading
order, which decides which of two articles of one id is kept).

reports (in --out, replaced as a whole): documents.csv, pairs.csv, groups.csv,
errors.csv, alignments.csv, passages.csv, drift.csv and run.json, byte for byte
those of `dupdrift scan` with the same parameters and reading order (run.json
aside).

exit status: 0 when every article was read, 1 when some are in errors.csv, 2 on
a fatal error."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="dupdrift-spark",
        description="dupdrift scan on Apache Spark (Spark Connect): near-duplicates, "
        "shared passages and drift, with the reports of `dupdrift scan`",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="Parquet or JSON Lines")
    p.add_argument("--out", "-o", default="report", help="directory for the reports")
    p.add_argument(
        "--work",
        help="where each stage's Parquet goes (default: a temporary directory, "
        "removed after the run; on a cluster, storage every worker reaches)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="read back the stages the last run in --work finished, when it had the "
        "same input files and parameters, and compute from the first it did not",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no line on stderr as each stage is done")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--remote", help="a Spark Connect address: sc://HOST:PORT, or local[N]")
    where.add_argument("--sail", action="store_true", help="start Sail in this process")
    defaults = job.Params()
    for f in fields(job.Params):
        flag = "--" + f.name.replace("_", "-")
        value = getattr(defaults, f.name)
        p.add_argument(flag, type=type(value), default=value, help=f"as in scan (default {value})")
    return p


def say(line: str) -> None:
    print(f"dupdrift-spark: {line}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.resume and not args.work:
        p.error("--resume needs --work: the folder of the run to resume")
    params = job.Params(**{f.name: getattr(args, f.name) for f in fields(job.Params)})
    server = None
    try:
        from pyspark.sql import SparkSession

        if args.sail:
            from pysail.spark import SparkConnectServer

            server = SparkConnectServer("127.0.0.1", 0)
            server.start(background=True)
            host, port = server.listening_address
            remote = f"sc://{host}:{port}"
        else:
            remote = args.remote
        spark = SparkSession.builder.remote(remote).getOrCreate()
        with tempfile.TemporaryDirectory(prefix="dupdrift-work-") as scratch:
            work = args.work or scratch
            articles = job.read_articles(spark, args.inputs)
            summary = job.run(
                spark,
                articles,
                args.out,
                work,
                params,
                inputs=args.inputs,
                resume=args.resume,
                progress=None if args.quiet else say,
                resumable=args.work is not None,
            )
        c = summary.counts
        say(
            f"{c['articles']} articles, {c['pairs']} near-duplicate pairs, "
            f"{c.get('clusters', 0)} shared passages, {c.get('drift_findings', 0)} drift findings, "
            f"{c['input_errors']} inputs in errors.csv; reports in {args.out}",
        )
        if summary.resumed:
            say(
                f"{len(summary.resumed)} stages read back from {args.work} "
                f"(up to {summary.resumed[-1]})",
            )
        elif args.resume:
            say(
                f"nothing to resume in {args.work} (no stage of a run with "
                "these inputs and parameters): every stage computed",
            )
        if c["crowded_lsh_buckets"]:
            say(
                f"{c['crowded_lsh_buckets']} LSH buckets proposed their "
                "members with their first alone (as scan does past that size)",
            )
        return 1 if c["input_errors"] else 0
    except Exception as e:  # noqa: BLE001 - one line for a user, not a trace
        say(str(e))
        if args.work:
            say(
                f"the stages it finished are in {args.work}; "
                "the same command with --resume starts after them",
            )
        return 2
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
