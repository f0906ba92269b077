"""What every stage of the job shares: the session, the settings the Rust
functions read, and the Parquet checkpoint after each stage, which a later run
can start from.

Under ``work``, each stage is a Parquet folder and, once it is whole, a marker
``_finished/<stage>`` naming the run. ``_run`` names the run the markers belong
to: its inputs and parameters (the fingerprint) and an id. A run that resumes
takes the id of ``_run`` when the fingerprints agree and reads back the stages
finished in order. A run that computes a stage, fresh or resumed at its first
unfinished stage, first draws a new id (marking the stages it read back anew),
so that a marker left by an earlier run never vouches for a folder a later one
rewrote.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession

MARKER = "run STRING, fingerprint STRING"


@dataclass
class Context:
    spark: SparkSession
    work: str
    settings: dict
    # What the run's results depend on; a run without one cannot be resumed,
    # and marks no stage.
    fingerprint: str | None = None
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    resuming: bool = False
    resumed: list = field(default_factory=list)
    # Told a line as each stage is done.
    progress: Callable[[str], None] | None = None
    timings: dict = field(default_factory=dict)
    clock: float = field(default_factory=time.monotonic)

    def json(self, **more) -> str:
        """The settings (with ``more``), as the Rust functions take them."""
        return json.dumps({**self.settings, **more})

    def start(self, resume: bool) -> None:
        """Takes up the run under ``work`` when ``resume`` and it had the same
        fingerprint; else marks ``work`` as this run's."""
        if resume and self.fingerprint is not None:
            earlier = self._read_marker("_run")
            if earlier is not None and earlier["fingerprint"] == self.fingerprint:
                self.run_id = earlier["run"]
                self.resuming = True
                return
        self._claim()

    def checkpoint(self, name: str, df: DataFrame) -> DataFrame:
        """Writes ``df`` to Parquet under ``work/name`` (unless a run being
        resumed finished it) and reads it back: the plan after it starts from
        there, and the stage's time is recorded."""
        path = self._path(name)
        schema = df.schema
        marker = self._read_marker(f"_finished/{name}") if self.resuming else None
        resumed = marker is not None and marker["run"] == self.run_id
        if resumed:
            self.resumed.append(name)
        else:
            if self.resuming:
                # The stages after one computed afresh are computed afresh, and
                # the earlier run's markers of them vouch for nothing.
                self.resuming = False
                self._claim()
            df.write.mode("overwrite").parquet(path)
            if self.fingerprint is not None:
                self._write_marker(f"_finished/{name}")
        now = time.monotonic()
        self.timings[name] = round(self.timings.get(name, 0) + now - self.clock, 3)
        if self.progress is not None:
            self.progress(f"{name}: " + ("read back" if resumed else f"{now - self.clock:.1f} s"))
        self.clock = now
        # Sail writes no file for no rows, and reads a missing folder, given
        # its schema, as no rows; JVM Spark writes a file without rows.
        return self.spark.read.schema(schema).parquet(path)

    def _claim(self) -> None:
        """Marks ``work`` as a new run's, with the stages read back so far (a
        run without a fingerprint still voids the markers of the last)."""
        self.run_id = uuid.uuid4().hex
        self._write_marker("_run")
        for name in self.resumed:
            self._write_marker(f"_finished/{name}")

    def _path(self, name: str) -> str:
        return f"{self.work.rstrip('/')}/{name}"

    def _write_marker(self, name: str) -> None:
        row = [(self.run_id, self.fingerprint or "")]
        self.spark.createDataFrame(row, MARKER).write.mode("overwrite").json(self._path(name))

    def _read_marker(self, name: str) -> dict | None:
        try:
            rows = self.spark.read.schema(MARKER).json(self._path(name)).collect()
        except AnalysisException as e:
            # JVM Spark fails on a missing path; Sail reads it as no rows.
            if e.getCondition() != "PATH_NOT_FOUND":
                raise
            return None
        return rows[0].asDict() if rows else None
