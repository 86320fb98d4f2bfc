"""What running each Oxigraph query in a forked worker costs (a library call under a time limit
does, so that the deadline stops native work at once; the CLI runs it in a thread instead; see
``vzkg.engines.isolated``).

Fills Oxigraph in memory with the bundled graph as the CLI does, then runs one named query in
place and under :func:`vzkg.limits.always_isolated` (a worker process, outside the
command), alternated, and prints the medians of the
processor time (user + system of this process and its children, ``resource.getrusage``) and of
the wall time, and the forked run's ratio to the run in place. Run from a checkout with vzkg
installed:

    python bench/bench_fork.py [--runs 20] [--query timeline]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from vzkg.engines import open_store
from vzkg.input_files import sources
from vzkg.limits import always_isolated
from vzkg.queries import named_query


def _processor_time() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each side (default 20)")
    parser.add_argument("--query", default="timeline", help="the named query (default timeline)")
    args = parser.parse_args()
    store = open_store("oxigraph")
    store.fill(sources(bundled=True))
    sparql = named_query(args.query).text
    times: dict[str, list[tuple[float, float]]] = {"in place": [], "forked": []}
    for _ in range(args.runs):
        for side, spent in times.items():
            processor, wall = _processor_time(), time.perf_counter()
            if side == "forked":
                with always_isolated():
                    store.query(sparql)
            else:
                store.query(sparql)
            spent.append((_processor_time() - processor, time.perf_counter() - wall))
    base = statistics.median(t[0] for t in times["in place"])
    for side, spent in times.items():
        processor = statistics.median(t[0] for t in spent)
        wall = statistics.median(t[1] for t in spent)
        print(
            f"{side:10} cpu {processor * 1000:6.1f} ms ({processor / base:5.2f}×)"
            f"   wall {wall * 1000:6.1f} ms"
        )


if __name__ == "__main__":
    main()
