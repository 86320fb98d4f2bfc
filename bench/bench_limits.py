"""What a time limit costs a query, by the two ways of stopping runaway work.

Measures, in one run and interleaved so that machine noise hits every side alike, the median
wall time of the named queries of the library against the bundled graph, and of cheap lookups
(where a fixed cost per query shows most),

  * with no limit: ``vzkg.query(kg, q)``;
  * with vzkg's limit: ``vzkg.query(kg, q, timeout=30)`` (an interval timer and SIGALRM);
  * in a worker process that a server would kill on time-out: a process forked with the graph
    loaded, sent each query and sending back the rows;

and prints each median and its ratio to no limit, then the cost of setting and clearing a
limit around nothing, which is what the limit adds to any query. Run from a checkout with vzkg
installed:

    python bench/bench_limits.py [--runs 10]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time
from collections.abc import Callable

import vzkg
from vzkg.limits import time_limit
from vzkg.queries import named_queries
from vzkg.sparql import QueryResult

_graph = None  # the worker's graph, inherited through fork
CHEAP = [
    "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }",
    "SELECT ?label WHERE { vz:donald-trump rdfs:label ?label }",
    "SELECT ?type WHERE { vz:event-deportation-to-el-salvador a ?type }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?q a schema:Quotation }",
] * 5


def _in_worker(sparql: str) -> QueryResult:
    return vzkg.query(_graph, sparql)  # type: ignore[arg-type]


def main() -> None:
    global _graph
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per way (default 10)")
    args = parser.parse_args()
    _graph = kg = vzkg.load()
    sets = {
        "named queries": [q.text for q in named_queries().values() if not q.params],
        "cheap lookups": CHEAP,
    }
    pool = multiprocessing.get_context("fork").Pool(1)
    ways: dict[str, Callable[[str], object]] = {
        "no limit": lambda q: vzkg.query(kg, q),
        "time limit (SIGALRM)": lambda q: vzkg.query(kg, q, timeout=30),
        "worker process": lambda q: pool.apply(_in_worker, (q,)),
    }
    for texts in sets.values():  # warm up: rdflib's caches, the worker's imports
        for run in ways.values():
            for text in texts:
                run(text)
    for label, texts in sets.items():
        times: dict[str, list[float]] = {name: [] for name in ways}
        for _ in range(args.runs):
            for name, run in ways.items():
                start = time.perf_counter()
                for text in texts:
                    run(text)
                times[name].append(time.perf_counter() - start)
        base = statistics.median(times["no limit"])
        print(f"{len(texts)} {label}, {args.runs} runs, median wall time of the set:")
        for name, measured in times.items():
            median = statistics.median(measured)
            print(f"  {name:22} {median * 1000:8.1f} ms  {median / base:5.3f}x")
    pool.close()
    count = 10_000
    start = time.perf_counter()
    for _ in range(count):
        with time_limit(30):
            pass
    print(f"setting and clearing a limit: {(time.perf_counter() - start) / count * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
