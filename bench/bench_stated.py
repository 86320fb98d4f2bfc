"""What describe, cite and the evidence checks cost on an Oxigraph folder holding vzg:entailed.

They read what the data states (:meth:`vzkg.engines.Store.stated`), the store without
``vzg:entailed``. Each way of reading it runs in a process of its own, the ways alternated
round by round, on the folder as the commands open it (read-only, ``entailment=False``):

  * ``copy``: vzkg as it is, the stated graphs copied once into a store in memory
    (:func:`vzkg.engines.oxigraph.stated_copy`), whose union the queries read;
  * ``list``: every graph but vzg:entailed named as the default graph, as vzkg read it before
    (and still reads a store opened without entailment, outside ``stated()``);
  * ``union``: the union of every graph, vzg:entailed included. Its answers are wrong (an
    entailed ``schema:Thing`` among the facts): it is the least that queries over the union
    excluding entailed statements per pattern (``FILTER NOT EXISTS { GRAPH vzg:entailed
    {…} }``) could cost, since each filter only adds look-ups.

Each process opens the folder and runs describe of ENTITY, cite of NODE and the value checks
of ``vzkg evidence`` (with ``--source``: all of ``vzkg evidence``), each under a time limit,
and prints processor time (getrusage), wall and peak memory; the parent prints medians and
ratios against ``copy``. Fill a folder first:

    python bench/corpus.py --triples 110000 --seed 1 -o /tmp/c110k.nq
    vzkg load /tmp/c110k.nq --store oxigraph:/tmp/e-110k
    python bench/bench_stated.py /tmp/e-110k [--rounds 3] [--limit 120]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from vzkg.engines.oxigraph import OxigraphStore
from vzkg.errors import VzkgError
from vzkg.limits import time_limit
from vzkg.namespaces import VZ

WAYS = ("copy", "list", "union")
WORK = ("open", "describe", "cite", "checks")


def _opened(way: str, folder: str) -> OxigraphStore:
    store = OxigraphStore(folder, entailment=False, writable=False)
    if way == "copy":
        store = store.stated()
        store._read()  # the copy, timed with opening
        return store
    union = {"use_default_graph_as_union": True}
    if way == "union":
        store._read = lambda: (store._store, union)  # type: ignore[method-assign]
    # describe and the checks read this store as it is opened, not a stated() copy
    store.stated = lambda: store  # type: ignore[method-assign]
    return store


def _timed(work: Callable[[], object], limit: float) -> dict[str, float | bool]:
    start, before = time.perf_counter(), _processor()
    stopped = False
    try:
        with time_limit(limit):
            work()
    except VzkgError:  # the time limit
        stopped = True
    return {"cpu": _processor() - before, "wall": time.perf_counter() - start, "stopped": stopped}


def _processor() -> float:
    """Processor time of this process and its waited-for children (the time limit's workers)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def one(options: argparse.Namespace) -> None:
    """Run the work one way, in this process, and print its figures as JSON."""
    import vzkg
    from vzkg.checks.values import check

    figures: dict[str, Any] = {}
    store: list[OxigraphStore] = []
    source, limit = options.source, options.limit
    work: dict[str, Callable[[], object]] = {
        "open": lambda: store.append(_opened(options.one, options.folder)),
        "describe": lambda: vzkg.describe(store[0], VZ[options.entity]),
        "cite": lambda: vzkg.cite(store[0], VZ[options.node]),
        # with a source, what 'vzkg evidence --source SOURCE' does
        "checks": lambda: vzkg.verify_evidence(store[0], source) if source else check(store[0]),
    }
    for name in ("open", *options.work):
        figures[name] = _timed(work[name], limit)
    figures["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--entity", default="nicolas-maduro")
    parser.add_argument("--node", default="membership-maduro-president")
    parser.add_argument("--source", default="", help="an article's text: check its evidence")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=120, help="seconds for each piece")
    parser.add_argument("--ways", nargs="+", default=list(WAYS), choices=WAYS)
    parser.add_argument("--work", nargs="+", default=list(WORK[1:]), choices=WORK[1:])
    parser.add_argument("--one", choices=WAYS, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        one(options)
        return
    runs: dict[str, list[dict[str, Any]]] = {way: [] for way in options.ways}
    for round_ in range(options.rounds):
        for way in options.ways if round_ % 2 == 0 else reversed(options.ways):
            command = [sys.executable, __file__, options.folder, "--one", way]
            command += ["--entity", options.entity, "--node", options.node]
            command += ["--source", options.source, "--limit", str(options.limit)]
            command += ["--work", *options.work]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            runs[way].append(json.loads(done.stdout))
            print(f"round {round_ + 1} {way}: {done.stdout.strip()}", file=sys.stderr)
    _report(runs, options)


def _report(runs: dict[str, list[dict[str, Any]]], options: argparse.Namespace) -> None:
    print(f"{options.folder}, {options.rounds} rounds, medians; ratio: against copy, same run")
    base = runs.get("copy")
    print(f"{'way':6} {'work':9} {'cpu s':>8} {'wall s':>8} {'cpu ×':>7} {'wall ×':>7}")
    for way, figures in runs.items():
        for work in ("open", *options.work, "total"):
            cpu, wall = _median(figures, work, "cpu"), _median(figures, work, "wall")
            ratios = ""
            if base is not None:
                ratios = f"{cpu / _median(base, work, 'cpu'):7.1f} "
                ratios += f"{wall / _median(base, work, 'wall'):7.1f}"
            stopped = sum(bool(f[work]["stopped"]) for f in figures if work in f)
            note = f"  stopped at the {options.limit:g} s limit {stopped}×" if stopped else ""
            print(f"{way:6} {work:9} {cpu:8.2f} {wall:8.2f} {ratios}{note}")
        peak = statistics.median(f["peak MB"] for f in figures)
        print(f"{way:6} peak memory {peak:.0f} MB")


def _median(figures: list[dict[str, Any]], work: str, what: str) -> float:
    if work == "total":
        return statistics.median(sum(f[w][what] for w in WORK if w in f) for f in figures)
    return statistics.median(f[work][what] for f in figures)


if __name__ == "__main__":
    main()
