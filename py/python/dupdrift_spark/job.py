"""The Spark job: the near-duplicate search of ``dupdrift scan`` as DataFrame
operations (Spark Connect API only: no RDD, no ``sparkContext``), so it runs on
JVM Spark and on Sail.

The plan, each stage written to Parquet under ``work`` and read back:

1. ``analyzed``: articles -> ``mapInArrow(analyze)``: per article its shingle
   set, the key of that set, its LSH band keys and its documents.csv row, or
   the reason it was not read. The first of each id (by ``position``) is kept.
2. ``groups``: the articles of one shingle set (identical texts) are a group;
   the search runs over groups, as ``scan``'s does.
3. ``candidates``: band keys exploded, ``groupBy(band, key)``, each bucket's
   pairs by ``mapInArrow(bucket)`` (a bucket past ``MAX_BUCKET`` groups gives
   its first with each other, as ``scan``, and is counted in the summary).
4. ``verified``: each candidate joined to both shingle sets, exact Jaccard by
   ``mapInArrow(verify)``.
5. pairs between the shown members of verified groups and within groups, each
   formatted as ``scan`` formats it, sorted by the ids.

Nothing is computed per batch that ``scan`` computes over the corpus: the
results do not depend on how the rows are partitioned.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from . import _dupdrift, reports, stages

# Columns an article may have; ``id`` and ``text`` are required.
ARTICLE_COLUMNS = ("id", "text", "title", "url", "source", "lang", "published", "input")

JSON_SCHEMA = ", ".join(f"{c} STRING" for c in ARTICLE_COLUMNS) + ", position BIGINT"


@dataclass(frozen=True)
class Params:
    """``scan``'s parameters, under its flags' names, with its defaults."""

    threshold: float = 0.5
    shingle_size: int = 5
    permutations: int = 128
    seed: int = _dupdrift.DEFAULT_SEED
    lang: str = "auto"
    list_groups_up_to: int = _dupdrift.DEFAULT_LISTED_GROUP
    max_article_mb: int = 16
    stages: str = "pairs"

    def settings(self) -> str:
        """The JSON the Rust stages read."""
        return json.dumps(
            {
                "threshold": self.threshold,
                "shingle_size": self.shingle_size,
                "permutations": self.permutations,
                "seed": self.seed,
                "lang": self.lang,
                "stages": self.stages,
                "max_article_mb": self.max_article_mb,
            }
        )


@dataclass
class Summary:
    """What the job did: the counts of ``scan``'s run.json, and the time of each
    stage in seconds."""

    counts: dict = field(default_factory=dict)
    timings_seconds: dict = field(default_factory=dict)


def read_articles(spark: SparkSession, inputs: list[str]) -> DataFrame:
    """Parquet files or folders, or JSON Lines (``.jsonl``, ``.json``, also
    compressed), with columns ``id`` and ``text`` (a string, or bytes read as
    ``scan`` reads a file's) and optionally the others of ARTICLE_COLUMNS and
    ``position`` (the reading order that decides which of two articles of one
    id is kept)."""
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


def run(
    spark: SparkSession,
    articles: DataFrame,
    out: str | Path,
    work: str | Path,
    params: Params = Params(),
    inputs: list[str] | None = None,
) -> Summary:
    """Runs the job on ``articles`` and writes the reports of ``scan --stages
    pairs`` into ``out`` as one set (documents, pairs, groups, errors, run.json);
    ``work`` holds the Parquet of each stage."""
    if params.stages != "pairs":
        raise ValueError("the Spark job runs the pair stage (stages='pairs') so far")
    settings = params.settings()
    report_set = _dupdrift.ReportSet(Path(out))
    summary = Summary()
    started = time.monotonic()
    clock = started

    def stage(name: str, df: DataFrame) -> DataFrame:
        nonlocal clock
        path = f"{str(work).rstrip('/')}/{name}"
        schema = df.schema
        df.write.mode("overwrite").parquet(path)
        now = time.monotonic()
        summary.timings_seconds[name] = round(now - clock, 3)
        clock = now
        if "://" not in path and not Path(path).exists():
            # Sail writes no file for no rows; JVM Spark writes an empty one.
            return spark.createDataFrame([], schema)
        return spark.read.schema(schema).parquet(path)

    if "position" not in articles.columns:
        articles = articles.withColumn("position", F.monotonically_increasing_id())
    kept = [c for c in ARTICLE_COLUMNS if c in articles.columns]
    analyzed = stage(
        "analyzed",
        articles.select("position", *kept).mapInArrow(
            stages.analyze(settings), _dupdrift.ANALYZE_DDL
        ),
    )

    read = analyzed.where(F.col("error").isNull()).drop("error")
    firsts = read.groupBy("id").agg(F.min("position").alias("first"))
    ranked = read.join(firsts, "id")
    docs = ranked.where(F.col("position") == F.col("first")).drop("first")
    first_inputs = docs.select("id", F.col("input").alias("first_input"))
    duplicates = (
        ranked.where(F.col("position") != F.col("first"))
        .select("position", "id", "input")
        .join(first_inputs, "id")
    )
    unread = analyzed.where(F.col("error").isNotNull()).select(
        "position", "input", F.col("error").alias("reason")
    )
    errors = stage(
        "errors",
        unread.unionByName(duplicates, allowMissingColumns=True).mapInArrow(
            stages.error_lines(), _dupdrift.ERROR_LINES_DDL
        ),
    )

    # One row per shingle set; its members' sets and band keys are all the same.
    groups = stage(
        "groups",
        docs.groupBy("set_key").agg(
            F.min("position").alias("g"),
            F.count(F.lit(1)).alias("size"),
            F.min("id").alias("first_id"),
            F.first("shingles").alias("shingles"),
            F.first("band_keys").alias("band_keys"),
        ),
    )
    members = stage(
        "members",
        docs.select("id", "set_key", "document_line").join(
            groups.select("set_key", "g", "size", "first_id"), "set_key"
        ),
    )

    buckets = (
        groups.select("g", F.posexplode("band_keys").alias("band", "key"))
        .groupBy("band", "key")
        .agg(F.collect_list("g").alias("members"), F.count(F.lit(1)).alias("n"))
        .where(F.col("n") > 1)
    )
    candidates = stage(
        "candidates",
        buckets.select("members", "n")
        .mapInArrow(stages.bucket(), _dupdrift.BUCKET_DDL)
        .distinct(),
    )
    crowded = buckets.where(F.col("n") > _dupdrift.MAX_BUCKET).count()

    sets = groups.select("g", "shingles")
    verified = stage(
        "verified",
        candidates.join(sets.withColumnsRenamed({"g": "g1", "shingles": "shingles1"}), "g1")
        .join(sets.withColumnsRenamed({"g": "g2", "shingles": "shingles2"}), "g2")
        .mapInArrow(stages.verify(settings), _dupdrift.VERIFY_DDL),
    )

    # A group of more than list_groups_up_to members is listed through its
    # first member (by id) alone; a smaller one member by member.
    listed = params.list_groups_up_to
    shown = members.where((F.col("size") <= listed) | (F.col("id") == F.col("first_id")))
    between = (
        verified.join(shown.select(F.col("g").alias("g1"), F.col("id").alias("x")), "g1")
        .join(shown.select(F.col("g").alias("g2"), F.col("id").alias("y")), "g2")
        .select(
            "x",
            "y",
            "estimate",
            "shared",
            F.col("len1").alias("len_x"),
            F.col("len2").alias("len_y"),
        )
    )
    set_sizes = groups.select("g", F.size("shingles").alias("len"))
    grouped = members.where(F.col("size") > 1).join(set_sizes, "g")
    within = (
        grouped.select("g", "size", "first_id", "len", F.col("id").alias("x"))
        .join(grouped.select("g", F.col("id").alias("y")), "g")
        .where(
            ((F.col("size") <= listed) & (F.col("x") < F.col("y")))
            | ((F.col("size") > listed) & (F.col("x") == F.col("first_id")) & (F.col("y") != F.col("x")))
        )
        .select(
            "x",
            "y",
            F.lit(1.0).alias("estimate"),
            F.col("len").alias("shared"),
            F.col("len").alias("len_x"),
            F.col("len").alias("len_y"),
        )
    )
    pairs = stage(
        "pairs",
        between.unionByName(within).mapInArrow(stages.pair_lines(), _dupdrift.PAIR_LINES_DDL),
    )

    numbered = (
        groups.where(F.col("size") > 1)
        .select("g", "first_id")
        .withColumn("group_id", F.row_number().over(_by("first_id")))
    )
    group_rows = stage(
        "group_rows",
        grouped.join(numbered, "g")
        .select("group_id", F.col("id").alias("doc_id"), "size")
        .mapInArrow(stages.group_lines(), _dupdrift.GROUP_LINES_DDL),
    )

    writer = reports.ReportWriter(report_set)
    counts = summary.counts
    documents = members.select("id", F.col("document_line").alias("line"))
    counts["articles"] = writer.write("documents.csv", documents, ["id"])
    counts["input_errors"] = writer.write("errors.csv", errors, ["position"])
    counts["candidates"] = candidates.count()
    counts["crowded_lsh_buckets"] = crowded
    counts["pairs"] = writer.write("pairs.csv", pairs, ["doc_a", "doc_b"])
    counts["groups"] = numbered.count()
    counts["grouped_articles"] = writer.write("groups.csv", group_rows, ["group_id", "doc_id"])
    summary.timings_seconds["reports"] = round(time.monotonic() - clock, 3)
    summary.timings_seconds["total"] = round(time.monotonic() - started, 3)
    writer.write_run(
        {
            "dupdrift_version": _dupdrift.VERSION,
            "command": "spark",
            "inputs": inputs or [],
            "parameters": asdict(params),
            "counts": counts,
            "timings_seconds": summary.timings_seconds,
        }
    )
    report_set.commit()
    return summary


def _by(column: str):
    from pyspark.sql import Window

    return Window.orderBy(column)
