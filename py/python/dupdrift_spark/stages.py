"""The functions ``mapInArrow`` runs: each hands the record batches of a
partition to one Rust function of ``_dupdrift`` and yields what it gives.

They are made here, in the installed package, so that the workers import them
(``dupdrift_spark`` must be installed where the workers run).
"""

from __future__ import annotations

from typing import Callable, Iterator

import pyarrow as pa

from . import _dupdrift

Batches = Iterator[pa.RecordBatch]


def call(name: str, *args) -> Callable[[Batches], Batches]:
    """Each batch through ``_dupdrift.<name>(batch, *args)``."""

    def run(batches: Batches) -> Batches:
        step = getattr(_dupdrift, name)
        for batch in batches:
            yield step(batch, *args)

    return run


def whole_partition(name: str, *args) -> Callable[[Batches], Batches]:
    """The partition's batches through ``_dupdrift.<name>`` as one batch: for a
    step whose groups of rows (sorted together) must not be cut between
    batches."""

    def run(batches: Batches) -> Batches:
        batches = [b for b in batches if b.num_rows]
        if not batches:
            return
        table = pa.Table.from_batches(batches)
        step = getattr(_dupdrift, name)
        yield step(table.combine_chunks().to_batches()[0], *args)

    return run
