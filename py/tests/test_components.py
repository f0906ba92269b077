"""Connected components as DataFrame operations, against a union-find."""

from __future__ import annotations

import random

from dupdrift_spark.components import components
from dupdrift_spark.context import Context


def union_find_labels(edges: list[tuple[int, int]]) -> dict[int, int]:
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u, v in edges:
        ru, rv = root(u), root(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    return {x: root(x) for x in parent}


def graphs() -> list[list[tuple[int, int]]]:
    rng = random.Random(7)
    path = [(i, i + 1) for i in range(200)]  # a long chain: many rounds of label propagation
    shuffled_path = [(perm[i], perm[i + 1]) for perm in [rng.sample(range(1000, 1300), 300)] for i in range(299)]
    star = [(5000, 5000 + i) for i in range(1, 50)]
    cycle = [(7000 + i, 7000 + (i + 1) % 40) for i in range(40)]
    sparse = [(rng.randrange(10_000, 10_600), rng.randrange(10_000, 10_600)) for _ in range(500)]
    loops = [(9, 9), (9, 9), (3, 9), (9, 3)]
    return [path + shuffled_path + star + cycle + sparse + loops, [(1, 2)], [(4, 4)]]


def test_components_equal_a_union_find(spark, tmp_path):
    ctx = Context(spark=spark, work=str(tmp_path / "work"), settings={})
    for n, edges in enumerate(graphs()):
        df = spark.createDataFrame(edges, "u BIGINT, v BIGINT")
        got = {r["node"]: r["label"] for r in components(ctx, df).collect()}
        # A node on a loop alone is in no edge of the graph.
        want = union_find_labels([(u, v) for u, v in edges if u != v])
        assert got == want, f"graph {n}"
