"""Which named queries grow faster than the graph: each one timed at several sizes, two engines.

For synthetic corpora (``bench/corpus.py``) of about 10k and 100k triples (and 1M if asked),
runs every named query of the library (:func:`vzkg.named_queries`, default parameters) with
``vzkg.query`` on the rdflib dataset ``vzkg.load`` gives, and with pyoxigraph used directly on
the same data (vzkg's N-Quads export loaded into a ``pyoxigraph.Store``, the default graph the
union of the named graphs, as vzkg queries it). It prints the best of ``--runs`` wall times for
each, and the slope of log(time) against log(triples) between the last two sizes: 1 is linear,
2 quadratic. A slope above ``--flag`` (1.2) is flagged as superlinear; under 20 ms at the
largest size a query is "fast", its slope left to the noise. rdflib parses each query once
before the timing starts, as a long-running program would.

A query that takes longer than ``--give-up`` seconds is stopped (rdflib by vzkg's time limit,
pyoxigraph by ending the child process it runs in), not run on larger graphs, and flagged.

    python bench/bench_queries.py [--sizes 10000 100000] [--runs 3] [--give-up 120]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph
from corpus import write_corpus

import vzkg
from vzkg.errors import TimeLimitError
from vzkg.namespaces import PREFIXES

ENGINES = ("rdflib", "oxigraph")
FAST = 0.02  # seconds: below this, the machine's noise outweighs any growth


def _oxigraph_once(store: pyoxigraph.Store, sparql: str) -> float:
    start = time.perf_counter()
    answer = store.query(sparql, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
    if not isinstance(answer, bool):
        for _ in answer:  # type: ignore[union-attr]  # the answer is lazy: read it all
            pass
    return time.perf_counter() - start


def _child(store: pyoxigraph.Store, sparql: str, runs: int, out: Any) -> None:
    out.send(min(_oxigraph_once(store, sparql) for _ in range(runs)))


def time_oxigraph(store: pyoxigraph.Store, sparql: str, runs: int, give_up: float) -> float:
    """Best of *runs* in a forked child, which is ended after *give_up* seconds (Oxigraph runs
    a query in Rust, where no Python time limit reaches); ``math.inf`` if it was."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(store, sparql, runs, send))
    child.start()
    found = receive.poll(give_up * runs)
    seconds = receive.recv() if found else math.inf
    if child.is_alive():
        child.terminate()
    child.join()
    return float(seconds)


def time_rdflib(dataset: Any, sparql: str, runs: int, give_up: float) -> float:
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        try:
            vzkg.query(dataset, sparql, timeout=give_up)
        except TimeLimitError:
            return math.inf
        best = min(best, time.perf_counter() - start)
    return best


def _slope(sizes: list[int], times: list[float]) -> str:
    """The log-log slope between the last two sizes; "gave up" if a size took too long."""
    if any(math.isinf(t) for t in times):
        return "gave up"
    if len(times) < 2:
        return "-"
    if times[-1] < FAST:
        return "fast"  # a few milliseconds: noise, not growth
    (n1, t1), (n2, t2) = zip(sizes[-2:], times[-2:], strict=True)
    return f"{math.log(t2 / t1) / math.log(n2 / n1):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per query; the best counts")
    parser.add_argument("--give-up", type=float, default=120.0)
    parser.add_argument("--flag", type=float, default=1.2, help="slopes above this are flagged")
    args = parser.parse_args()
    queries = vzkg.named_queries()
    folder = Path(tempfile.mkdtemp(prefix="vzkg-queries-"))
    times: dict[tuple[str, str], list[float]] = {(q, e): [] for q in queries for e in ENGINES}
    triples: list[int] = []
    print(f"load average {os.getloadavg()[0]:.1f} at the start, {os.cpu_count()} cores")
    bundled = vzkg.load()
    for named in queries.values():  # rdflib parses each query once, then keeps it: not timed
        vzkg.query(bundled, named.text)
    for size in args.sizes:
        path = folder / f"corpus-{size}.nq"
        write_corpus(path, triples=size, seed=1)
        dataset = vzkg.load(path, bundled=False, max_input_bytes=None)
        store = pyoxigraph.Store()
        store.load(vzkg.export(dataset, format="nq"), format=pyoxigraph.RdfFormat.N_QUADS)
        triples.append(len(store))
        print(f"\n{len(store):,} triples (load average {os.getloadavg()[0]:.1f})")
        print(f"{'query':<20} {'rdflib s':>10} {'oxigraph s':>11} {'ratio':>7}")
        for name, named in queries.items():
            row = {}
            for engine in ENGINES:
                earlier = times[(name, engine)]
                if earlier and math.isinf(earlier[-1]):
                    row[engine] = math.inf  # gave up on a smaller graph
                elif engine == "rdflib":
                    row[engine] = time_rdflib(dataset, named.text, args.runs, args.give_up)
                else:
                    row[engine] = time_oxigraph(store, named.text, args.runs, args.give_up)
                times[(name, engine)].append(row[engine])
            ratio = row["rdflib"] / row["oxigraph"] if math.isfinite(sum(row.values())) else 0
            cells = [f"{row[e]:>10.3f}" if math.isfinite(row[e]) else "    >limit" for e in ENGINES]
            print(f"{name:<20} {cells[0]} {cells[1]:>11} {ratio:>6.1f}×", flush=True)
    if len(triples) < 2:
        return
    print(f"\nlog-log slope of time against triples, {triples[-2]:,} to {triples[-1]:,}:")
    flagged = []
    for name in queries:
        slopes = {e: _slope(triples, times[(name, e)]) for e in ENGINES}
        marks = [
            e for e, s in slopes.items() if s == "gave up" or (s != "-" and float(s) > args.flag)
        ]
        flagged += [f"{name} ({e})" for e in marks]
        note = f"  superlinear on {', '.join(marks)}" if marks else ""
        print(f"{name:<20} rdflib {slopes['rdflib']:>7}  oxigraph {slopes['oxigraph']:>7}{note}")
    print(f"\nsuperlinear (slope > {args.flag}): {', '.join(flagged) or 'none'}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
