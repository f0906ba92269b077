"""dupdrift on Apache Spark: the pipeline of ``dupdrift scan`` (near-duplicates,
shared passages, drift) as a Spark job over the Spark Connect DataFrame API (JVM
Spark or Sail), giving the same reports.

- ``_dupdrift`` (Rust, ``py/src``): the library's own stages over Arrow record
  batches, called in ``mapInArrow``.
- ``stages``: those calls as the functions ``mapInArrow`` takes.
- ``job``: the run; ``pairs`` and ``passages`` the DataFrame plan between the
  calls (shuffles, joins, sorts), ``components`` the connected parts.
- ``context``: the Parquet checkpoint after each stage, and the markers a
  failed run resumes from.
- ``reports``: the CSV reports, written as a set as ``scan`` writes them.
- ``cli``: the ``dupdrift-spark`` command.
"""

from ._dupdrift import VERSION as __version__
from .job import Params, run

__all__ = ["Params", "run", "__version__"]
