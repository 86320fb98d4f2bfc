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
FLAG = 1.2  # a slope above this is superlinear


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


def _slope(sizes: list[int], times: list[float], give_up: float) -> tuple[str, bool]:
    """The log-log slope between the last two sizes, and whether it is known to be steep.

    A query stopped at the larger size has at least the slope that *give_up* seconds would
    give (``≥``): flagged only if even that is steep. One stopped at every size is unknown.
    """
    if len(times) < 2 or math.isinf(times[-2]):
        return ("gave up" if times and math.isinf(times[-1]) else "-"), False
    (n1, t1), (n2, t2) = zip(sizes[-2:], times[-2:], strict=True)
    if math.isinf(t2):
        bound = math.log(give_up / t1) / math.log(n2 / n1)
        return f"≥{bound:.2f}", bound > FLAG
    if t2 < FAST:
        return "fast", False  # a few milliseconds: noise, not growth
    slope = math.log(t2 / t1) / math.log(n2 / n1)
    return f"{slope:.2f}", slope > FLAG


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per query; the best counts")
    parser.add_argument("--give-up", type=float, default=120.0)
    parser.add_argument("--engines", nargs="*", choices=ENGINES, default=list(ENGINES))
    args = parser.parse_args()
    engines = tuple(args.engines)
    queries = vzkg.named_queries()
    folder = Path(tempfile.mkdtemp(prefix="vzkg-queries-"))
    times: dict[tuple[str, str], list[float]] = {(q, e): [] for q in queries for e in engines}
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
        print(f"{'query':<20} " + " ".join(f"{e + ' s':>11}" for e in engines))
        for name, named in queries.items():
            row = {}
            for engine in engines:
                earlier = times[(name, engine)]
                if earlier and math.isinf(earlier[-1]):
                    row[engine] = math.inf  # gave up on a smaller graph
                elif engine == "rdflib":
                    row[engine] = time_rdflib(dataset, named.text, args.runs, args.give_up)
                else:
                    row[engine] = time_oxigraph(store, named.text, args.runs, args.give_up)
                times[(name, engine)].append(row[engine])
            cells = [f"{t:>11.3f}" if math.isfinite(t) else "     >limit" for t in row.values()]
            print(f"{name:<20} " + " ".join(cells), flush=True)
    if len(triples) < 2:
        return
    print(f"\nlog-log slope of time against triples, {triples[-2]:,} to {triples[-1]:,}:")
    flagged = []
    for name in queries:
        slopes = {e: _slope(triples, times[(name, e)], args.give_up) for e in engines}
        marks = [e for e, (_, steep) in slopes.items() if steep]
        flagged += [f"{name} ({e})" for e in marks]
        note = f"  superlinear on {', '.join(marks)}" if marks else ""
        cells = "  ".join(f"{e} {slopes[e][0]:>7}" for e in engines)
        print(f"{name:<20} {cells}{note}")
    print(f"\nsuperlinear (slope > {FLAG}): {', '.join(flagged) or 'none'}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
