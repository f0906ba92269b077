"""What every stage of the job shares: the session, the settings the Rust
functions read, and the Parquet checkpoint after each stage."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession


@dataclass
class Context:
    spark: SparkSession
    work: str
    settings: dict
    timings: dict = field(default_factory=dict)
    clock: float = field(default_factory=time.monotonic)

    def json(self, **more) -> str:
        """The settings (with ``more``), as the Rust functions take them."""
        return json.dumps({**self.settings, **more})

    def checkpoint(self, name: str, df: DataFrame) -> DataFrame:
        """Writes ``df`` to Parquet under ``work/name`` and reads it back: the
        plan after it starts from there, and the stage's time is recorded."""
        path = f"{self.work.rstrip('/')}/{name}"
        schema = df.schema
        df.write.mode("overwrite").parquet(path)
        now = time.monotonic()
        self.timings[name] = round(self.timings.get(name, 0) + now - self.clock, 3)
        self.clock = now
        if "://" not in path and not Path(path).exists():
            # Sail writes no file for no rows; JVM Spark writes an empty one.
            return self.spark.createDataFrame([], schema)
        return self.spark.read.schema(schema).parquet(path)
