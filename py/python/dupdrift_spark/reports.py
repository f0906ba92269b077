"""The CSV reports of the job, written as ``scan`` writes them: the rows come
formatted by the Rust stages, here they are sorted by ``scan``'s keys and
written under the header of their report, into a set replaced as a whole."""

from __future__ import annotations

import json
from pathlib import Path

from pyspark.sql import DataFrame

from . import _dupdrift


class ReportWriter:
    """Writes reports into a ``_dupdrift.ReportSet`` not yet committed."""

    def __init__(self, report_set: "_dupdrift.ReportSet") -> None:
        self.dir = Path(report_set.dir)

    def write(self, name: str, rows: DataFrame, order: list[str]) -> int:
        """Writes report ``name`` from the ``line`` column of ``rows`` sorted by
        ``order`` (strings compare by their UTF-8 bytes in Spark as in Rust), and
        tells how many rows it holds. The rows reach the driver one partition at
        a time."""
        count = 0
        with open(self.dir / name, "w", encoding="utf-8", newline="") as out:
            out.write(_dupdrift.header(name))
            for row in rows.orderBy(*order).select("line").toLocalIterator():
                out.write(row[0])
                count += 1
        return count

    def write_run(self, run: dict) -> None:
        """run.json."""
        with open(self.dir / "run.json", "w", encoding="utf-8") as out:
            json.dump(run, out, indent=2)
            out.write("\n")
