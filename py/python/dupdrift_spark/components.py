"""Connected components of a graph as DataFrame operations: each node labelled
with the smallest node of its component.

The algorithm is large-star / small-star (Kiveris et al., "Connected Components
in MapReduce and Beyond", 2014). Edges are kept as ``hi > lo``; both steps keep
the components as they are and turn each into a star around its smallest node,
in a number of rounds that grows with the logarithm of the nodes (label
propagation needs about the components' diameter). Each step is one
aggregation and one join over the edges, and is written to Parquet; the rounds
stop when the edges are a forest of stars.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .context import Context

# Rounds past which the job stops. The alternation is proven to settle in
# O(log^2 n) rounds, and takes a handful in practice.
MAX_ROUNDS = 64


def components(ctx: Context, edges: DataFrame) -> DataFrame:
    """``edges`` (``u``, ``v``: longs) -> ``node``, ``label`` for every node."""
    e = edges.select(F.greatest("u", "v").alias("hi"), F.least("u", "v").alias("lo"))
    e = ctx.checkpoint("cc_edges", e.where(F.col("hi") != F.col("lo")).distinct())
    for round in range(1, MAX_ROUNDS + 1):
        e = ctx.checkpoint(f"cc_{round}_large", _large_star(e))
        e = ctx.checkpoint(f"cc_{round}_small", _small_star(e))
        if _is_star_forest(e):
            roots = e.select(F.col("lo").alias("node"), F.col("lo").alias("label")).distinct()
            return e.select(F.col("hi").alias("node"), F.col("lo").alias("label")).unionByName(roots)
    raise RuntimeError(f"connected components did not settle in {MAX_ROUNDS} rounds")


def _smallest_below(e: DataFrame) -> DataFrame:
    """``hi``, ``m``: each node's smallest neighbour, for nodes with a smaller one."""
    return e.groupBy("hi").agg(F.min("lo").alias("m"))


def _large_star(e: DataFrame) -> DataFrame:
    """Each node's larger neighbours linked to the smallest of its
    neighbourhood (itself included)."""
    mins = _smallest_below(e).withColumnsRenamed({"hi": "lo"})
    return e.join(mins, "lo", "left").select("hi", F.coalesce("m", "lo").alias("lo")).distinct()


def _small_star(e: DataFrame) -> DataFrame:
    """Each node and its smaller neighbours linked to the smallest of them."""
    mins = _smallest_below(e)
    below = e.join(mins, "hi").select(F.col("lo").alias("hi"), F.col("m").alias("lo"))
    itself = mins.select("hi", F.col("m").alias("lo"))
    return below.where(F.col("hi") != F.col("lo")).unionByName(itself).distinct()


def _is_star_forest(e: DataFrame) -> bool:
    """True when every node has at most one smaller neighbour, and that one has
    none: each component is then its smallest node with the rest linked to it."""
    two_below = e.groupBy("hi").count().where(F.col("count") > 1).limit(1).count()
    if two_below:
        return False
    his = e.select(F.col("hi").alias("lo")).distinct()
    return e.join(his, "lo", "left_semi").limit(1).count() == 0
