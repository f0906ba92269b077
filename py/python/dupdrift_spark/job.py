"""The Spark job: ``scan``'s pipeline as DataFrame operations over the Spark
Connect API alone (no RDD, no ``sparkContext``), so that it runs on JVM Spark
and on Sail, and gives ``scan``'s reports.

The near-duplicate search is in ``pairs``, sentence alignment, drift and
passages in ``passages``; each stage is written to Parquet under ``work`` and
read back. Nothing is computed per batch that ``scan`` computes over the corpus:
the results do not depend on how the rows are partitioned.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlparse

from pyspark.sql import DataFrame, SparkSession

from . import _dupdrift, pairs, passages, reports
from .context import Context

JSON_SCHEMA = ", ".join(f"{c} STRING" for c in pairs.ARTICLE_COLUMNS) + ", position BIGINT"


@dataclass(frozen=True)
class Params:
    """``scan``'s parameters, under its flags' names, with its defaults."""

    threshold: float = 0.5
    shingle_size: int = 5
    permutations: int = 128
    seed: int = _dupdrift.DEFAULT_SEED
    lang: str = "auto"
    align_threshold: float = 0.3
    min_docs: int = 2
    list_groups_up_to: int = _dupdrift.DEFAULT_LISTED_GROUP
    max_article_mb: int = 16
    stages: str = "all"

    def __post_init__(self) -> None:
        if self.stages not in ("all", "pairs"):
            raise ValueError(f"stages must be 'all' or 'pairs', not {self.stages!r}")


@dataclass
class Summary:
    """What the job did: counts as in ``scan``'s run.json, each stage's
    seconds, and the stages read back from an earlier run."""

    counts: dict = field(default_factory=dict)
    timings_seconds: dict = field(default_factory=dict)
    resumed: list = field(default_factory=list)


def read_articles(spark: SparkSession, inputs: list[str]) -> DataFrame:
    """Parquet files or folders, or JSON Lines (``.jsonl``, ``.json``, also
    compressed), with columns ``id`` and ``text`` (a string, or bytes read as
    ``scan`` reads a file's), optionally the others of ``pairs.ARTICLE_COLUMNS``
    and ``position``: the reading order, which decides which of two articles of
    one id is kept (without it, the order Spark reads the rows in)."""
    parquet = [p for p in inputs if ".json" not in Path(p).name]
    jsonl = [p for p in inputs if ".json" in Path(p).name]
    frames = []
    if parquet:
        frames.append(spark.read.parquet(*parquet))
    if jsonl:
        frames.append(spark.read.schema(JSON_SCHEMA).json(jsonl))
    df = frames[0]
    for other in frames[1:]:
        df = df.unionByName(other, allowMissingColumns=True)
    return df


def fingerprint(articles: DataFrame, params: Params) -> str | None:
    """What the stages depend on: the version, the parameters, the columns and
    the files ``articles`` reads (with their sizes and times where they are
    local; by name elsewhere). None when it reads no files."""
    files = []
    for name in sorted(articles.inputFiles()):
        url = urlparse(name)
        local = Path(unquote(url.path)) if url.scheme in ("", "file") else None
        stat = local.stat() if local is not None and local.is_file() else None
        files.append([name, stat.st_size, stat.st_mtime_ns] if stat else [name])
    if not files:
        return None
    described = {
        "version": _dupdrift.VERSION,
        "parameters": asdict(params),
        "columns": articles.schema.json(),
        "files": files,
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def run(
    spark: SparkSession,
    articles: DataFrame,
    out: str | Path,
    work: str | Path,
    params: Params = Params(),
    inputs: list[str] | None = None,
    resume: bool = False,
    progress: Callable[[str], None] | None = None,
    resumable: bool = True,
) -> Summary:
    """Runs the job on ``articles`` and writes ``scan``'s reports into ``out``
    as one set, replacing it whole (it is left as it was when the job fails);
    ``work`` holds the Parquet of each stage. With ``resume``, the stages an
    earlier run on the same files with the same parameters finished in ``work``
    are read back rather than computed (``Summary.resumed`` names them).
    ``progress`` is told a line as each stage is done. Without ``resumable``
    (``work`` is removed after the run), no markers are written for a later run."""
    report_set = _dupdrift.ReportSet(Path(out))
    started = time.monotonic()
    ctx = Context(
        spark=spark,
        work=str(work),
        settings=asdict(params),
        fingerprint=fingerprint(articles, params) if resumable else None,
        progress=progress,
    )
    try:
        ctx.start(resume)
        found = pairs.search(ctx, articles, params.list_groups_up_to)
        aligned = None
        if params.stages == "all":
            aligned = passages.align(ctx, found.docs, found.members, params.list_groups_up_to)
        writer = reports.ReportWriter(report_set)
        counts = {
            "articles": writer.write("documents.csv", found.document_lines, ["id"]),
            "input_errors": writer.write("errors.csv", found.error_lines, ["position"]),
            "pairs": writer.write("pairs.csv", found.pair_lines, ["doc_a", "doc_b"]),
            "grouped_articles": writer.write("groups.csv", found.group_lines, ["group_id", "doc_id"]),
            **found.counts,
        }
        if aligned is not None:
            by_place = ["doc_a", "doc_b", "a", "b"]
            counts["alignments"] = writer.write("alignments.csv", aligned.alignment_lines, by_place)
            counts["passage_rows"] = writer.write(
                "passages.csv", aligned.passage_lines, ["a", "doc_a", "b"]
            )
            counts["drift_findings"] = writer.write(
                "drift.csv", aligned.drift_lines, ["doc_a", "doc_b", "a_first", "b_first", "k"]
            )
            counts.update(aligned.counts)
        ctx.timings["reports"] = round(time.monotonic() - ctx.clock, 3)
        ctx.timings["total"] = round(time.monotonic() - started, 3)
        writer.write_run(
            {
                "dupdrift_version": _dupdrift.VERSION,
                "command": "spark",
                "inputs": inputs or [],
                "parameters": asdict(params),
                "counts": counts,
                "timings_seconds": ctx.timings,
                "resumed_stages": ctx.resumed,
            }
        )
        report_set.commit()
    except BaseException:
        report_set.abandon()
        raise
    return Summary(counts=counts, timings_seconds=ctx.timings, resumed=ctx.resumed)
