"""The Spark session the tests run on, and the `dupdrift` binary they compare
with.

- Sail (default): started in this process; `SAIL_MODE=local-cluster` (with
  `SAIL_CLUSTER__WORKER_INITIAL_COUNT` and `SAIL_EXECUTION__DEFAULT_PARALLELISM`,
  2 by default here) runs the tasks on workers.
- JVM Spark: `SPARK_REMOTE=local[2]` (pyspark with its Spark Connect jar, Java 17).
- `DUPDRIFT_BIN`: the binary (default: the workspace's target/release/dupdrift,
  which `cargo build --release` makes).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def dupdrift_bin() -> Path:
    path = Path(os.environ.get("DUPDRIFT_BIN", ROOT / "target" / "release" / "dupdrift"))
    if not path.is_file():
        pytest.fail(f"no dupdrift binary at {path}: run `cargo build --release` or set DUPDRIFT_BIN")
    return path


@pytest.fixture(scope="session")
def remote() -> str:
    """The Spark Connect address the session and the command line use."""
    if os.environ.get("SPARK_REMOTE"):
        yield os.environ["SPARK_REMOTE"]
        return
    if os.environ.get("SAIL_MODE") == "local-cluster":
        os.environ.setdefault("SAIL_CLUSTER__WORKER_INITIAL_COUNT", "2")
        os.environ.setdefault("SAIL_EXECUTION__DEFAULT_PARALLELISM", "2")
    from pysail.spark import SparkConnectServer

    server = SparkConnectServer("127.0.0.1", 0)
    server.start(background=True)
    host, port = server.listening_address
    yield f"sc://{host}:{port}"
    server.stop()


@pytest.fixture(scope="session")
def spark(remote):
    from pyspark.sql import SparkSession

    session = SparkSession.builder.remote(remote).getOrCreate()
    yield session
    session.stop()
