"""The functions ``mapInArrow`` runs: each hands every record batch of a
partition to one Rust function of ``_dupdrift`` and yields what it gives.

They are module-level factories, so a worker imports them from the installed
package (``dupdrift_spark`` must be installed where the workers run).
"""

from __future__ import annotations

from typing import Callable, Iterator

import pyarrow as pa

from . import _dupdrift

Batches = Iterator[pa.RecordBatch]


def _each(step: Callable[[pa.RecordBatch], pa.RecordBatch]) -> Callable[[Batches], Batches]:
    def run(batches: Batches) -> Batches:
        for batch in batches:
            yield step(batch)

    return run


def analyze(settings: str) -> Callable[[Batches], Batches]:
    """Articles -> analysed documents, or the reason each was not read."""
    return _each(lambda b: _dupdrift.analyze(b, settings))


def bucket() -> Callable[[Batches], Batches]:
    """LSH buckets -> candidate pairs of groups."""
    return _each(_dupdrift.bucket)


def verify(settings: str) -> Callable[[Batches], Batches]:
    """Candidate pairs with both shingle sets -> pairs at the threshold."""
    return _each(lambda b: _dupdrift.verify(b, settings))


def pair_lines() -> Callable[[Batches], Batches]:
    """Pairs of articles -> rows of pairs.csv."""
    return _each(_dupdrift.pair_lines)


def group_lines() -> Callable[[Batches], Batches]:
    """Members of groups -> rows of groups.csv."""
    return _each(_dupdrift.group_lines)


def error_lines() -> Callable[[Batches], Batches]:
    """Inputs not read -> rows of errors.csv."""
    return _each(_dupdrift.error_lines)
