"""Connected components of a graph as DataFrame operations: each node labelled
with the smallest node of its component, by label propagation with pointer
jumping (a node takes the label of its label), a Parquet checkpoint after each
round, until no label changes."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .context import Context

# Rounds past which the job stops: propagation with jumping needs about the
# logarithm of the components' diameter.
MAX_ROUNDS = 100


def components(ctx: Context, edges: DataFrame) -> DataFrame:
    """``edges`` (``u``, ``v``: longs) -> ``node``, ``label`` for every node."""
    both = edges.select("u", "v").unionByName(edges.select(F.col("v").alias("u"), F.col("u").alias("v")))
    both = ctx.checkpoint("cc_edges", both.where(F.col("u") != F.col("v")).distinct())
    labels = both.groupBy("u").agg(F.least(F.first("u"), F.min("v")).alias("label"))
    labels = ctx.checkpoint("cc_labels", labels.withColumnRenamed("u", "node"))
    for _ in range(MAX_ROUNDS):
        # The smallest label among a node's neighbours and its own.
        seen = both.join(labels.withColumnsRenamed({"node": "v", "label": "near"}), "v")
        near = seen.groupBy("u").agg(F.min("near").alias("near")).withColumnRenamed("u", "node")
        moved = labels.join(near, "node", "left").select(
            "node", F.least("label", F.coalesce("near", "label")).alias("label")
        )
        # Then the label of that label.
        jumped = moved.join(
            moved.select(F.col("node").alias("label"), F.col("label").alias("far")), "label", "left"
        ).select("node", F.least("label", F.coalesce("far", "label")).alias("label"))
        jumped = ctx.checkpoint("cc_next", jumped)
        changed = (
            jumped.join(labels.withColumnRenamed("label", "before"), "node")
            .where(F.col("label") != F.col("before"))
            .count()
        )
        labels = ctx.checkpoint("cc_labels", jumped)
        if changed == 0:
            return labels
    raise RuntimeError(f"connected components did not settle in {MAX_ROUNDS} rounds")
