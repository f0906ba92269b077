"""The near-duplicate search as DataFrame operations: the stage of ``scan
--stages pairs``.

1. ``analyzed``: articles -> ``analyze``: per article its shingle set, its key,
   its LSH band keys, its documents.csv row (and its sentences and terms when
   the later stages run), or the reason it was not read. The first of each id
   (by ``position``, the reading order) is kept; a later one is an error.
2. ``groups``: the articles of one shingle set are a group; the search runs over
   groups, as ``scan``'s does.
3. ``candidates``: band keys exploded, ``groupBy(band, key)``, each bucket's
   pairs by ``bucket`` (past ``MAX_BUCKET`` groups its first with each other, as
   ``scan``, counted in the summary).
4. ``verified``: each candidate with both shingle sets joined in, exact Jaccard
   by ``verify``.
5. pairs between the shown members of verified groups, and within groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F
from pyspark.sql.types import BinaryType, StringType

from . import _dupdrift, stages
from .context import Context

# Columns an article may have; ``id`` and ``text`` are required.
ARTICLE_COLUMNS = ("id", "text", "title", "url", "source", "lang", "published", "input")


@dataclass
class Found:
    """What the search found, as DataFrames, and its counts."""

    docs: DataFrame  # the first article of each id, analysed
    members: DataFrame  # id, set_key, g, size, first_id
    error_lines: DataFrame  # position, line
    pair_lines: DataFrame  # doc_a, doc_b, line
    group_lines: DataFrame  # group_id, doc_id, line
    document_lines: DataFrame  # id, line
    counts: dict


def search(ctx: Context, articles: DataFrame, listed: int) -> Found:
    settings = ctx.json()
    if "position" not in articles.columns:
        articles = articles.withColumn("position", F.monotonically_increasing_id())
    # Strings, or bytes decoded as scan decodes a file; a column of numbers (an
    # id) as its text, and one that is all null (written as such) as strings.
    kept = [
        F.col(f.name)
        if isinstance(f.dataType, (StringType, BinaryType))
        else F.col(f.name).cast("string").alias(f.name)
        for f in articles.schema.fields
        if f.name in ARTICLE_COLUMNS
    ]
    analyzed = ctx.checkpoint(
        "analyzed",
        articles.select(F.col("position").cast("long").alias("position"), *kept).mapInArrow(
            stages.call("analyze", settings), _dupdrift.ANALYZE_DDL
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
    error_lines = ctx.checkpoint(
        "errors",
        unread.unionByName(duplicates, allowMissingColumns=True).mapInArrow(
            stages.call("error_lines"), _dupdrift.ERROR_LINES_DDL
        ),
    )
    docs = ctx.checkpoint("docs", docs)

    # One row per shingle set; its members' sets and band keys are all the same.
    groups = ctx.checkpoint(
        "groups",
        docs.groupBy("set_key").agg(
            F.min("position").alias("g"),
            F.count(F.lit(1)).alias("size"),
            F.min("id").alias("first_id"),
            F.first("shingles").alias("shingles"),
            F.first("band_keys").alias("band_keys"),
        ),
    )
    members = ctx.checkpoint(
        "members",
        docs.select("id", "set_key").join(
            groups.select("set_key", "g", "size", "first_id"), "set_key"
        ),
    )

    buckets = (
        groups.select("g", F.posexplode("band_keys").alias("band", "key"))
        .groupBy("band", "key")
        .agg(F.collect_list("g").alias("members"), F.count(F.lit(1)).alias("n"))
        .where(F.col("n") > 1)
    )
    candidates = ctx.checkpoint(
        "candidates",
        buckets.select("members")
        .mapInArrow(stages.call("bucket"), _dupdrift.BUCKET_DDL)
        .distinct(),
    )
    crowded = buckets.where(F.col("n") > _dupdrift.MAX_BUCKET).count()

    sets = groups.select("g", "shingles")
    verified = ctx.checkpoint(
        "verified",
        candidates.join(sets.withColumnsRenamed({"g": "g1", "shingles": "shingles1"}), "g1")
        .join(sets.withColumnsRenamed({"g": "g2", "shingles": "shingles2"}), "g2")
        .mapInArrow(stages.call("verify", settings), _dupdrift.VERIFY_DDL),
    )

    # A group of more than `listed` members is listed through its first member
    # (by id) alone; a smaller one member by member.
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
    x, y, first = F.col("x"), F.col("y"), F.col("first_id")
    small = F.col("size") <= listed
    within = (
        grouped.select("g", "size", "first_id", "len", F.col("id").alias("x"))
        .join(grouped.select("g", F.col("id").alias("y")), "g")
        .where((small & (x < y)) | (~small & (x == first) & (y != x)))
        .select(
            "x",
            "y",
            F.lit(1.0).alias("estimate"),
            F.col("len").alias("shared"),
            F.col("len").alias("len_x"),
            F.col("len").alias("len_y"),
        )
    )
    pair_lines = ctx.checkpoint(
        "pairs",
        between.unionByName(within).mapInArrow(
            stages.call("pair_lines"), _dupdrift.PAIR_LINES_DDL
        ),
    )

    numbered = (
        groups.where(F.col("size") > 1)
        .select("g", "first_id")
        .withColumn("group_id", F.row_number().over(Window.orderBy("first_id")))
    )
    group_lines = ctx.checkpoint(
        "group_rows",
        grouped.join(numbered, "g")
        .select("group_id", F.col("id").alias("doc_id"), "size")
        .mapInArrow(stages.call("group_lines"), _dupdrift.GROUP_LINES_DDL),
    )
    return Found(
        docs=docs,
        members=members,
        error_lines=error_lines,
        pair_lines=pair_lines,
        group_lines=group_lines,
        document_lines=docs.select("id", F.col("document_line").alias("line")),
        counts={
            "candidates": candidates.count(),
            "crowded_lsh_buckets": crowded,
            "groups": numbered.count(),
        },
    )
