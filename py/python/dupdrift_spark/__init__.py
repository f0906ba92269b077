"""dupdrift on Apache Spark: the near-duplicate search of ``dupdrift scan`` as a
Spark job over the Spark Connect DataFrame API (JVM Spark or Sail), giving the
same reports.

- ``_dupdrift`` (Rust, ``py/src``): the library's own stages over Arrow record
  batches, called in ``mapInArrow``.
- ``stages``: those calls as the functions ``mapInArrow`` takes.
- ``job``: the DataFrame plan between them (shuffles, joins, sorts), with a
  Parquet checkpoint after each stage.
- ``reports``: the CSV reports, written as a set as ``scan`` writes them.
- ``cli``: the ``dupdrift-spark`` command.
"""

from ._dupdrift import VERSION as __version__
from .job import Params, run

__all__ = ["Params", "run", "__version__"]
