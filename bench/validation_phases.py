"""Where ``vzkg.validate`` spends its time: each phase of one validation, timed on its own.

For the bundled graph and synthetic corpora (``bench/corpus.py``), runs the phases of
:func:`vzkg.validate` one after the other, as it does, and prints the median processor time
of each (wall time beside it) and its share of their sum: the copy of the dataset's asserted
triples, pyshacl-turbo on the Core constraints, the whole-graph SPARQL constraints, and vzkg's
value checks; each on an rdflib copy (as before), on a pyoxigraph snapshot (as
``vzkg.validate`` of a Dataset does now) and on an Oxigraph store that holds the data
(``store``: no copy, as ``vzkg validate`` reads it by default), in the same run; the totals
against the first of ``--kinds``. Loading and filling the store are not counted.

    python bench/validation_phases.py [--sizes 10000 100000] [--rounds 3] [--corpora DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import graphs_to_measure
from rdflib import Dataset

import vzkg
from vzkg.checks import values
from vzkg.engines.oxigraph import OxigraphStore
from vzkg.entailment import ENTAILED_GRAPH, asserted
from vzkg.validation import engines, load_shapes, union
from vzkg.validation.snapshot import Snapshot, snapshot
from vzkg.validation.whole_graph import split

KINDS = ["rdflib", "oxigraph", "store"]


def _store(dataset: Dataset) -> OxigraphStore:
    """An in-memory Oxigraph store holding what *dataset* states, as ``vzkg validate`` fills
    one by default."""
    store = OxigraphStore()
    store.load(dataset)
    store.replace_graph(ENTAILED_GRAPH, [])
    return store


def phases(dataset: Dataset, kinds: list[str]) -> dict[str, Callable[[], object]]:
    """The phases of one validation of *dataset*, in order, each the way ``vzkg.validate`` runs
    it on a Dataset (a pyoxigraph snapshot), the way it did before (an rdflib copy), and the
    way it runs on an Oxigraph store that holds the data (``store``: read where it lies, its
    filling not counted); later phases reuse what earlier ones made."""
    core, constraints = split(load_shapes())
    made: dict[str, Any] = {}
    filled = _store(dataset) if "store" in kinds else None

    def copy(kind: str) -> Callable[[], object]:
        def run() -> None:
            if kind == "store":
                made[kind] = Snapshot.of_store(filled)  # type: ignore[arg-type]
            else:
                made[kind] = union(dataset) if kind == "rdflib" else snapshot(dataset)

        return run

    def core_engine(kind: str) -> Callable[[], object]:
        def run() -> None:
            data = made[kind] if kind == "rdflib" else made[kind].store
            made["results"] = engines.run(engines.TURBO, data, core)[1]

        return run

    def whole_graph(kind: str) -> Callable[[], object]:
        return lambda: [c.check(made[kind], made["results"]) for c in constraints]

    def checks(kind: str) -> Callable[[], object]:
        def run() -> None:
            data = made[kind]
            spans = values.Spans(data)
            for name in ("numbers", "speakers", "dates"):
                getattr(values, f"check_{name}")(data, spans)

        return run

    steps: dict[str, Callable[[], object]] = {}
    for kind in kinds:
        steps[f"copy ({kind})"] = copy(kind)
        steps[f"Core, pyshacl-turbo ({kind})"] = core_engine(kind)
        steps[f"whole-graph queries ({kind})"] = whole_graph(kind)
        steps[f"value checks ({kind})"] = checks(kind)
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--kinds", nargs="*", default=KINDS, choices=KINDS, help="copies to run")
    parser.add_argument("--corpora", type=Path, help="a folder to keep the corpora in, and reuse")
    args = parser.parse_args()
    folder = args.corpora or Path(tempfile.mkdtemp(prefix="vzkg-phases-"))
    folder.mkdir(parents=True, exist_ok=True)
    graphs = graphs_to_measure(args.sizes, folder)
    vzkg.validate(vzkg.load())  # imports and parsed queries, as in a long-running program
    for label, loader in graphs:
        dataset = loader()
        steps = phases(dataset, args.kinds)
        wall: dict[str, list[float]] = {name: [] for name in steps}
        used: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(args.rounds):
            for name, step in steps.items():
                start, processor = time.perf_counter(), time.process_time()
                step()
                wall[name].append(time.perf_counter() - start)
                used[name].append(time.process_time() - processor)
        # processor time (pyshacl-turbo's and Oxigraph's threads are this process's): the
        # machine is shared, and its noise stretches wall time most
        medians = {name: statistics.median(t) for name, t in used.items()}
        totals = {
            kind: sum(v for k, v in medians.items() if k.endswith(f"({kind})"))
            for kind in args.kinds
        }
        summary = ", ".join(f"{seconds:.2f}s on {kind}" for kind, seconds in totals.items())
        first = args.kinds[0]
        summary += "".join(
            f"; {kind} {seconds / totals[first]:.2f}× {first}"
            for kind, seconds in totals.items()
            if kind != first
        )
        size = sum(1 for _ in asserted(dataset))
        print(
            f"{label} ({size:,} statements but the entailed), "
            f"load {os.getloadavg()[0]:.1f}, processor time: {summary}"
        )
        for name, seconds in medians.items():
            kind = name.rsplit("(", 1)[1].rstrip(")")
            print(
                f"  {name:<36} {seconds:8.3f}s {seconds / totals[kind]:6.1%} of {kind}"
                f"  (wall {statistics.median(wall[name]):.3f}s)"
            )


if __name__ == "__main__":
    main()
