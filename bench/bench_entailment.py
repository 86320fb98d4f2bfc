"""What the entailed graph costs: load time, triples, export time, and a count query.

Measures, in one run and interleaved so that machine noise hits both sides alike, the median
CPU time (this process's: other work on a shared machine weighs less on it than on wall time)
of ``vzkg.load()`` with and without ``vzg:entailed`` (``entailment=False`` is the
baseline), on the bundled graph and on a synthetic one of about 100k triples: the bundled
article's graph copied under new names (its instances renamed, the shared entities and the
ontology kept), so that it has the bundled graph's mix of types and properties; also the
entailment step alone (:func:`vzkg.entailment.entail`) against the same baseline. On the
synthetic graph it also times an N-Quads export, and ``?c a schema:Claim`` on the entailed
graph against the same count without it, written ``?c a/rdfs:subClassOf* schema:Claim``.
Run from a checkout with vzkg installed:

    python bench/bench_entailment.py [--runs 7] [--copies 45]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, URIRef

import vzkg
from vzkg.entailment import ENTAILED_GRAPH, entail
from vzkg.namespaces import VZ, VZG
from vzkg.serialization import serialize

CLAIMS = "SELECT (COUNT(*) AS ?n) WHERE { ?c a schema:Claim }"
CLAIMS_BY_PATH = "SELECT (COUNT(*) AS ?n) WHERE { ?c a/rdfs:subClassOf* schema:Claim }"


def synthetic(copies: int) -> bytes:
    """The bundled source graph *copies* times, each copy's instances renamed, as N-Quads."""
    kg = vzkg.load(entailment=False)
    shared = set(kg.graph(VZG["entities"]).subjects())
    copied = Dataset()
    for copy in range(copies):
        graph = copied.graph(VZG[f"copy-{copy}"])
        blanks: dict[BNode, BNode] = {}

        def renamed(term: Any, copy: int = copy, blanks: dict[BNode, BNode] = blanks) -> Any:
            if isinstance(term, BNode):
                return blanks.setdefault(term, BNode())
            if isinstance(term, URIRef) and str(term).startswith(str(VZ)) and term not in shared:
                return URIRef(f"{term}-copy-{copy}")
            return term

        for s, p, o in kg.graph(VZG["d4642c25d83ac452"]):
            graph.add((renamed(s), p, renamed(o)))
    for s, p, o in kg.graph(VZG["entities"]):
        copied.graph(VZG["entities"]).add((s, p, o))
    return serialize(copied, format="nq")


def median_pair(
    ours: Callable[[], object], baseline: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Median CPU seconds of *ours* and *baseline*, run alternately after one warm-up each."""
    timed: dict[str, list[float]] = {"ours": [], "baseline": []}
    ours(), baseline()
    for _ in range(runs):
        for name, work in (("ours", ours), ("baseline", baseline)):
            start = time.process_time()
            work()
            timed[name].append(time.process_time() - start)
    return statistics.median(timed["ours"]), statistics.median(timed["baseline"])


def report(label: str, ours: float, baseline: float) -> None:
    print(
        f"{label:<46} {ours * 1000:8.0f} ms CPU   baseline {baseline * 1000:8.0f} ms"
        f"   ratio {ours / baseline:5.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (default 7)")
    parser.add_argument("--copies", type=int, default=45, help="copies of the article graph")
    args = parser.parse_args()

    def sizes(kg: Dataset) -> str:
        total = sum(1 for _ in kg.quads((None, None, None, None)))
        entailed = len(kg.graph(ENTAILED_GRAPH))
        return f"{total} triples, {entailed} of them entailed ({entailed / (total - entailed):.1%})"

    bundled = vzkg.load()
    print(f"bundled graph: {sizes(bundled)}")
    report(
        "load() against load(entailment=False)",
        *median_pair(vzkg.load, lambda: vzkg.load(entailment=False), args.runs),
    )
    report(
        "entail() alone against load(entailment=False)",
        *median_pair(lambda: entail(bundled), lambda: vzkg.load(entailment=False), args.runs),
    )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.nq"
        path.write_bytes(synthetic(args.copies))

        def load(entailment: bool) -> Dataset:
            return vzkg.load(path, bundled=False, entailment=entailment, max_input_bytes=None)

        runs = max(args.runs // 2, 3)  # a load of 100k triples takes seconds
        entailed, plain = load(True), load(False)
        print(f"synthetic graph ({args.copies} copies): {sizes(entailed)}")
        report(
            "load(entailment=True) against False",
            *median_pair(lambda: load(True), lambda: load(False), runs),
        )
        report(
            "entail() alone against load(entailment=False)",
            *median_pair(lambda: entail(entailed), lambda: load(False), runs),
        )
        report(
            "export N-Quads, entailed against not",
            *median_pair(
                lambda: serialize(entailed, format="nq"),
                lambda: serialize(plain, format="nq"),
                runs,
            ),
        )
        claims = vzkg.query(entailed, CLAIMS).rows[0][0]
        assert claims == vzkg.query(plain, CLAIMS_BY_PATH).rows[0][0]
        report(
            f"count {claims} claims: a schema:Claim, against a/rdfs:subClassOf*",
            *median_pair(
                lambda: vzkg.query(entailed, CLAIMS),
                lambda: vzkg.query(plain, CLAIMS_BY_PATH),
                args.runs,
            ),
        )


if __name__ == "__main__":
    main()
