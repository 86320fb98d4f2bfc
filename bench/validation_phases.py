"""Where ``vzkg.validate`` spends its time: each phase of one validation, timed on its own.

For the bundled graph and synthetic corpora (``bench/corpus.py``), runs the phases of
:func:`vzkg.validate` one after the other, as it does, and prints the median seconds of each
and its share of their sum: the copy of the dataset's asserted triples into one graph, the
SHACL engine on the Core constraints, the whole-graph SPARQL constraints, and each of vzkg's
value checks. Loading is not counted.

    python bench/validation_phases.py [--sizes 10000 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import write_corpus
from rdflib import Dataset, Graph

import vzkg
from vzkg.checks import values
from vzkg.validation import engines, load_shapes, union
from vzkg.validation.whole_graph import split


def phases(dataset: Dataset) -> dict[str, Callable[[], object]]:
    """The phases of one validation of *dataset*, in order; later ones reuse what earlier made."""
    shapes = load_shapes()
    core, constraints = split(shapes)
    made: dict[str, Graph] = {}

    def copy() -> None:
        made["data"] = union(dataset)

    def core_engine() -> None:
        made["results"] = engines.run(engines.default_engine(core), made["data"], core)[1]

    def whole_graph() -> None:
        for constraint in constraints:
            constraint.check(made["data"], made["results"])

    def spans() -> None:
        made["spans"] = values.Spans(made["data"])  # type: ignore[assignment]

    def check(name: str) -> Callable[[], object]:
        run = getattr(values, f"check_{name}")
        return lambda: run(made["data"], made["spans"])

    return {
        "union copy": copy,
        f"Core ({engines.default_engine(core)})": core_engine,
        "whole-graph queries": whole_graph,
        "checks: evidence spans": spans,
        "checks: numbers": check("numbers"),
        "checks: speakers": check("speakers"),
        "checks: dates": check("dates"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vzkg-phases-"))
    graphs: list[tuple[str, Callable[[], Dataset]]] = [("bundled", vzkg.load)]
    for size in args.sizes:
        path = folder / f"corpus-{size}.nq"
        write_corpus(path, triples=size, seed=1)
        graphs.append((f"{size:,}", lambda path=path: vzkg.load(path, bundled=False)))
    vzkg.validate(vzkg.load())  # imports and parsed queries, as in a long-running program
    for label, loader in graphs:
        dataset = loader()
        steps = phases(dataset)
        times: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(args.rounds):
            for name, step in steps.items():
                start = time.perf_counter()
                step()
                times[name].append(time.perf_counter() - start)
        medians = {name: statistics.median(t) for name, t in times.items()}
        total = sum(medians.values())
        print(f"{label} ({len(union(dataset)):,} asserted triples): {total:.2f}s in all")
        for name, seconds in medians.items():
            print(f"  {name:<26} {seconds:8.3f}s {seconds / total:6.1%}")


if __name__ == "__main__":
    main()
