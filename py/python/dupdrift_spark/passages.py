"""Sentence alignment, drift and passage clusters as DataFrame operations: the
stages of ``scan`` after the pairs, pair of documents by pair of documents.

1. The documents aligned: all but the later copies a large group's first member
   stands for (same text and language), as ``scan`` leaves them out.
2. ``doc_terms``: the corpus statistics by aggregation (sentences holding each
   term), joined back to each document as its terms' frequencies.
3. ``copy_keys`` / ``copy_proposals``: sentences of the same terms grouped, and
   the corpus's decision on each sentence's copies (pairs to align, copies left
   out of the candidate index).
4. ``index_keys``: sentences filed under one key of the candidate index are
   scored (``scored_pairs``, the index's own test); the documents of a pair
   that passes, and of a copy, are the pairs to align.
5. ``align_pairs``: each pair aligned with the corpus's statistics and copies,
   each alignment read for drift.
6. Connected parts of the aligned sentences (``components``), each clustered on
   its own by ``cluster_parts``; the clusters numbered by their first passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from . import _dupdrift, stages
from .components import components
from .context import Context

DOCUMENT = ["id", "lang", "text", "spans", "term_counts", "terms", "number_counts", "numbers"]


@dataclass
class Aligned:
    alignment_lines: DataFrame  # doc_a, doc_b, a, b, line
    passage_lines: DataFrame  # doc_a, doc_b, a, b, line
    drift_lines: DataFrame  # doc_a, doc_b, a_first, b_first, k, line
    counts: dict


def align(ctx: Context, docs: DataFrame, members: DataFrame, listed: int) -> Aligned:
    # 1. The later copies that a large group's first member stands for.
    big = members.where(F.col("size") > listed).select("id", "first_id")
    keys = docs.select("id", "text_key")
    hidden = (
        big.join(keys, "id")
        .join(keys.withColumnsRenamed({"id": "first_id", "text_key": "first_key"}), "first_id")
        .where((F.col("id") != F.col("first_id")) & (F.col("text_key") == F.col("first_key")))
        .select("id")
    )
    shown = ctx.checkpoint("shown", docs.join(hidden, "id", "left_anti"))

    # 2. The statistics.
    sentences = shown.select(F.sum(F.size("term_counts")).alias("n")).collect()[0]["n"] or 0
    settings = ctx.json(sentences=int(sentences))
    doc_terms = ctx.checkpoint(
        "doc_terms",
        shown.select(*DOCUMENT).mapInArrow(stages.call("doc_terms"), _dupdrift.DOC_TERMS_DDL),
    )
    df = doc_terms.groupBy("term").agg(F.sum("n").alias("df"))
    dfs = ctx.checkpoint(
        "dfs",
        doc_terms.join(df, "term")
        .groupBy("id")
        .agg(F.collect_list(F.struct("term", "df")).alias("dfs")),
    )
    with_dfs = shown.select(*DOCUMENT, "position").join(dfs, "id", "left")

    # 3. Copies of sentences.
    copy_keys = with_dfs.mapInArrow(stages.call("copy_keys", settings), _dupdrift.COPY_KEYS_DDL)
    copies = (
        copy_keys.groupBy("key")
        .agg(
            F.collect_list(F.struct("id", "s")).alias("copies"),
            F.first("dfs").alias("dfs"),
            F.count(F.lit(1)).alias("n"),
        )
        .where(F.col("n") > 1)
    )
    proposals = ctx.checkpoint(
        "proposals",
        copies.select("copies", "dfs").mapInArrow(
            stages.call("copy_proposals", settings), _dupdrift.PROPOSALS_DDL
        ),
    )
    copy_pairs = proposals.where(F.col("id_b").isNotNull())
    unindexed = (
        proposals.where(F.col("id_b").isNull())
        .groupBy(F.col("id_a").alias("id"))
        .agg(F.collect_list("sa").alias("unindexed"))
    )
    prepared = ctx.checkpoint("prepared", with_dfs.join(unindexed, "id", "left"))

    # 4. The pairs to align: those of a candidate sentence pair that passes the
    # index's scoring (sentences filed under one key), and those of a copy.
    index = ctx.checkpoint(
        "index_keys",
        prepared.mapInArrow(stages.call("index_keys", settings), _dupdrift.INDEX_KEYS_DDL),
    )
    candidates = (
        index.withColumnsRenamed({"id": "id_a", "s": "sa"})
        .join(index.withColumnsRenamed({"id": "id_b", "s": "sb"}), "key")
        .where(F.col("id_a") < F.col("id_b"))
        .select("id_a", "sa", "id_b", "sb")
        .distinct()
    )
    sentence_rows = ctx.checkpoint(
        "sentences",
        prepared.mapInArrow(stages.call("sentence_rows", settings), _dupdrift.SENTENCES_DDL),
    )
    side = lambda p: sentence_rows.select(  # noqa: E731
        F.col("id").alias(f"id_{p}"),
        F.col("s").alias(f"s{p}"),
        *[F.col(c).alias(f"{p}_{c}") for c in ("terms", "numbers", "dfs")],
    )
    scored = (
        candidates.join(side("a"), ["id_a", "sa"])
        .join(side("b"), ["id_b", "sb"])
        .mapInArrow(stages.call("scored_pairs", settings), _dupdrift.SCORED_DDL)
    )
    doc_pairs = ctx.checkpoint(
        "doc_pairs", scored.unionByName(copy_pairs.select("id_a", "id_b")).distinct()
    )

    # 5. Alignment and drift, pair by pair.
    side = prepared.select(*DOCUMENT, "dfs", "unindexed")
    a = side.select(*[F.col(c).alias(f"a_{c}") for c in side.columns])
    b = side.select(*[F.col(c).alias(f"b_{c}") for c in side.columns])
    given = copy_pairs.groupBy("id_a", "id_b").agg(
        F.collect_list(F.struct("sa", "sb")).alias("copies")
    )
    aligned = ctx.checkpoint(
        "aligned",
        doc_pairs.join(given, ["id_a", "id_b"], "left")
        .join(a, F.col("id_a") == F.col("a_id"))
        .join(b, F.col("id_b") == F.col("b_id"))
        .drop("id_a", "id_b")
        .mapInArrow(stages.call("align_pairs", settings), _dupdrift.ALIGNED_DDL),
    )
    drift_lines = aligned.select(
        "doc_a", "doc_b", "a_first", "b_first", F.posexplode("drift_lines").alias("k", "line")
    )

    # 6. Passage clusters, part by connected part.
    edges = aligned.select(F.col("anchor").alias("u"), F.explode("links").alias("v"))
    labels = components(ctx, edges)
    place = shown.select("id", "position", F.size("term_counts").alias("sentences"))
    located = (
        aligned.join(labels.withColumnsRenamed({"node": "anchor", "label": "part"}), "anchor", "left")
        .withColumn("part", F.coalesce("part", "anchor"))
        .join(place.withColumnsRenamed({"id": "doc_a", "position": "pos_a", "sentences": "sents_a"}), "doc_a")
        .join(place.withColumnsRenamed({"id": "doc_b", "position": "pos_b", "sentences": "sents_b"}), "doc_b")
    )
    clustered = ctx.checkpoint(
        "clustered",
        located.select(
            "part", "doc_a", "doc_b", "a_first", "a_last", "b_first", "b_last",
            "similarity", "pos_a", "pos_b", "sents_a", "sents_b",
        )
        .repartition("part")
        .mapInArrow(stages.whole_partition("cluster_parts", settings), _dupdrift.CLUSTERS_DDL),
    )
    passages = clustered.where(F.col("doc_b").isNull())
    numbered = ctx.checkpoint(
        "cluster_ids",
        passages.select("key_doc", "key_first")
        .distinct()
        .withColumn("cluster_id", F.row_number().over(Window.orderBy("key_doc", "key_first"))),
    )
    of_alignment = (
        clustered.where(F.col("doc_b").isNotNull() & F.col("key_doc").isNotNull())
        .join(numbered, ["key_doc", "key_first"])
        .select("doc_a", "a_first", "doc_b", "b_first", "cluster_id")
    )
    alignment_lines = ctx.checkpoint(
        "alignment_rows",
        aligned.drop("drift_lines", "links")
        .join(of_alignment, ["doc_a", "a_first", "doc_b", "b_first"], "left")
        .mapInArrow(stages.call("alignment_lines"), _dupdrift.LINES_DDL),
    )
    texts = shown.select(F.col("id").alias("doc_a"), "text", "spans")
    passage_lines = ctx.checkpoint(
        "passage_rows",
        passages.join(numbered, ["key_doc", "key_first"])
        .join(texts, "doc_a")
        .mapInArrow(stages.call("passage_lines"), _dupdrift.LINES_DDL),
    )
    return Aligned(
        alignment_lines=alignment_lines,
        passage_lines=passage_lines,
        drift_lines=drift_lines,
        counts={"clusters": numbered.count()},
    )
