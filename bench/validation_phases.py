"""Where ``vzkg.validate`` spends its time: each phase of one validation, timed on its own.

For the bundled graph and synthetic corpora (``bench/corpus.py``), runs the phases of
:func:`vzkg.validate` one after the other, as it does, and prints the median seconds of each
and its share of their sum: the copy of the dataset's asserted triples, pyshacl-turbo on the
Core constraints, the whole-graph SPARQL constraints, and vzkg's value checks; each on an
rdflib copy (as before) and on a pyoxigraph snapshot (as now), in the same run. Loading is not
counted.

    python bench/validation_phases.py [--sizes 10000 100000] [--rounds 3]
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
from vzkg.entailment import asserted
from vzkg.validation import engines, load_shapes, union
from vzkg.validation.snapshot import snapshot
from vzkg.validation.whole_graph import split

KINDS = ["rdflib", "oxigraph"]


def phases(dataset: Dataset, kinds: list[str]) -> dict[str, Callable[[], object]]:
    """The phases of one validation of *dataset*, in order, each the way ``vzkg.validate`` runs
    it (on a pyoxigraph snapshot) and the way it did before (on an rdflib copy); later phases
    reuse what earlier ones made."""
    core, constraints = split(load_shapes())
    made: dict[str, Any] = {}

    def copy(kind: str) -> Callable[[], object]:
        def run() -> None:
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
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vzkg-phases-"))
    graphs = graphs_to_measure(args.sizes, folder)
    vzkg.validate(vzkg.load())  # imports and parsed queries, as in a long-running program
    for label, loader in graphs:
        dataset = loader()
        steps = phases(dataset, args.kinds)
        times: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(args.rounds):
            for name, step in steps.items():
                start = time.perf_counter()
                step()
                times[name].append(time.perf_counter() - start)
        medians = {name: statistics.median(t) for name, t in times.items()}
        totals = {
            kind: sum(v for k, v in medians.items() if k.endswith(f"({kind})"))
            for kind in args.kinds
        }
        summary = ", ".join(f"{seconds:.2f}s on {kind}" for kind, seconds in totals.items())
        if len(totals) == 2:
            summary += f" ({totals['oxigraph'] / totals['rdflib']:.2f}×)"
        size = sum(1 for _ in asserted(dataset))
        print(
            f"{label} ({size:,} statements but the entailed), "
            f"load {os.getloadavg()[0]:.1f}: {summary}"
        )
        for name, seconds in medians.items():
            kind = name.rsplit("(", 1)[1].rstrip(")")
            print(f"  {name:<36} {seconds:8.3f}s {seconds / totals[kind]:6.1%} of {kind}")


if __name__ == "__main__":
    main()
