#!/usr/bin/env python3
"""Stand-in for `/usr/bin/time -f "%e %M" -o FILE CMD...` where GNU time is missing.

Usage: timerun.py FILE CMD [ARG...]
Runs CMD, writes "<wall seconds> <peak RSS in KiB>" to FILE and exits with CMD's status.
As with GNU time, the peak RSS is that of the largest single process CMD waited for
(ru_maxrss of the children), not the sum over processes.
"""
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    t = time.perf_counter()
    try:
        rc = subprocess.call(sys.argv[2:])
    except OSError as e:
        sys.exit(f"timerun.py: cannot run {sys.argv[2]}: {e}")
    wall = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write(f"{wall:.2f} {rss}\n")
    sys.exit(rc if rc >= 0 else 128 - rc)


if __name__ == "__main__":
    main()
