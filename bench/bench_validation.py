"""How fast each SHACL engine validates vzkg's graph, in one interleaved run.

For the bundled graph and synthetic corpora of about 10k, 100k and 1M triples in vzkg's model
(``bench/corpus.py``, all of which conform), measures the median wall time of

  * ``pyshacl``: pySHACL with the bundled shapes whole, its SPARQL constraints once per focus
    node (the baseline, what ``vzkg validate`` did before);
  * ``pyshacl+wg``: pySHACL on the Core constraints, the SPARQL ones as whole-graph queries;
  * ``turbo``: pyshacl-turbo (Rust) with the shapes whole;
  * ``turbo+wg``: pyshacl-turbo on the Core constraints, the SPARQL ones as whole-graph
    queries in rdflib (what ``vzkg.validate(…, checks=False)`` did before it copied the data
    into pyoxigraph);
  * ``rudof+wg``: pyrudof (Rust) on the Core constraints, given the graph as N-Triples (the
    conversion counted), the SPARQL ones as whole-graph queries in rdflib;
  * ``vzkg-checks``: ``vzkg.validate(…, checks=False)``: one pyoxigraph copy of the dataset
    (counted), pyshacl-turbo reading it, the whole-graph queries run on it;
  * ``vzkg``: ``vzkg.validate`` of the Dataset, vzkg's value checks included (as
    ``vzkg validate --store rdflib`` runs it);
  * ``vzkg-store``: ``vzkg.validate`` of an in-memory Oxigraph store that already holds what the
    dataset states (as ``vzkg validate`` fills it by default), read where it lies: no copy,
    since the store holds the data;
  * ``vzkg-store+entailed``: the same store with the entailed graph too (as ``vzkg load`` fills
    a folder), whose other graphs validation copies inside Oxigraph (counted: the copy its
    stated view's queries then share);

and prints each against the baseline of the same size. Variants take turns within each round,
so machine noise hits them alike. Loading is not counted (``vzkg.load``, nor filling the
stores), nor, but for the ``vzkg`` variants, the copy of the dataset's graphs into one rdflib
graph; a variant that took
longer than ``--give-up`` seconds (pySHACL: ``--baseline-give-up``) is not run on larger
graphs. Then it measures adding one source to the largest corpus:
``vzkg.validate(…, only=[its graph])``. First, unless ``--cli 0``, ``vzkg validate`` on the
bundled graph, cold, parsed by Oxigraph (the default) and by rdflib, and from an Oxigraph
folder, against ``python -c pass``.

    python bench/bench_validation.py [--sizes 10000 100000 1000000] [--rounds 3]
        [--only turbo vzkg vzkg-store] [--corpora /tmp/vzkg-corpora]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

from corpus import graphs_to_measure, write_corpus
from rdflib import RDF, BNode, Dataset, Graph, URIRef
from rdflib.namespace import SH

import vzkg
from vzkg.engines.oxigraph import OxigraphStore
from vzkg.entailment import ENTAILED_GRAPH
from vzkg.namespaces import new_graph
from vzkg.store import add_files
from vzkg.validation import engines, load_shapes, union
from vzkg.validation.snapshot import Snapshot
from vzkg.validation.whole_graph import split

Variant = Callable[[Dataset, Graph], bool]


def _with_whole_graph(engine: Callable[[Graph, Graph], tuple[bool, Graph]]) -> Variant:
    shapes = load_shapes()
    core, constraints = split(shapes)

    def run(dataset: Dataset, data: Graph) -> bool:
        conforms, results = engine(data, core)
        return all([c.check(data, results) for c in constraints]) and conforms

    return run


def _pyshacl_like(name: str) -> Callable[[Graph, Graph], tuple[bool, Graph]]:
    def run(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
        conforms, results, _ = engines.run(name, data, shapes)
        return conforms, results

    return run


def _rudof(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(data.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes.serialize(format="turtle"))
    report = rudof.validate_shacl()
    results = new_graph()  # a report for the whole-graph queries to add to
    results.add((BNode(), RDF.type, SH.ValidationReport))
    return bool(report.conforms), results


def _stores(dataset: Dataset, wanted: set[str]) -> dict[str, OxigraphStore]:
    """In-memory Oxigraph stores holding *dataset*: with its entailed graph and without."""
    stores = {}
    for name, entailed in (("vzkg-store", False), ("vzkg-store+entailed", True)):
        if name in wanted:
            store = stores[name] = OxigraphStore()
            store.load(dataset)
            if not entailed:
                store.replace_graph(ENTAILED_GRAPH, [])
            in_place = Snapshot.of_store(store).store is store.native
            assert in_place != entailed, "validation reads the store as this variant says"
    return stores


def variants(stores: dict[str, OxigraphStore]) -> dict[str, Variant]:
    shapes = load_shapes()
    whole = {name: _pyshacl_like(name) for name in (engines.PYSHACL, engines.TURBO)}
    return {
        "pyshacl": lambda dataset, data: whole[engines.PYSHACL](data, shapes)[0],
        "pyshacl+wg": _with_whole_graph(whole[engines.PYSHACL]),
        "turbo": lambda dataset, data: whole[engines.TURBO](data, shapes)[0],
        "turbo+wg": _with_whole_graph(whole[engines.TURBO]),
        # pyrudof is no dependency of vzkg: pip install pyrudof to compare it
        **({"rudof+wg": _with_whole_graph(_rudof)} if find_spec("pyrudof") else {}),
        "vzkg-checks": lambda dataset, data: vzkg.validate(dataset, checks=False).conforms,
        "vzkg": lambda dataset, data: vzkg.validate(dataset).conforms,
        **{
            name: lambda dataset, data, name=name: _fresh(stores[name])
            for name in ("vzkg-store", "vzkg-store+entailed")
        },
    }


def _fresh(store: OxigraphStore) -> bool:
    """Validate *store* as a new command would: its stated copy, which the store keeps for
    its next queries and validations, made again in each round."""
    store._copies.clear()
    return vzkg.validate(store).conforms


def _time(run: Variant, dataset: Dataset, data: Graph, processor: list[float]) -> float:
    """Wall seconds of one run; its processor seconds are added to *processor*."""
    start, used = time.perf_counter(), time.process_time()
    conforms = run(dataset, data)
    elapsed = time.perf_counter() - start
    processor.append(time.process_time() - used)
    assert conforms, "the benchmark's graphs all conform"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=3, help="rounds on graphs under 50k")
    parser.add_argument("--give-up", type=float, default=120.0)
    parser.add_argument("--baseline-give-up", type=float, default=600.0)
    parser.add_argument("--only", nargs="*", help="run only these variants")
    parser.add_argument("--cli", type=int, default=5, help="runs of the cold CLI (0: none)")
    parser.add_argument("--corpora", type=Path, help="a folder to keep the corpora in, and reuse")
    args = parser.parse_args()
    stores: dict[str, OxigraphStore] = {}
    chosen = {k: v for k, v in variants(stores).items() if not args.only or k in args.only}
    if args.cli:
        _cli(args.cli)
    folder = args.corpora or Path(tempfile.mkdtemp(prefix="vzkg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    graphs = graphs_to_measure(args.sizes, folder)
    slow: set[str] = set()
    print(f"load average {os.getloadavg()[0]:.1f} at the start, {os.cpu_count()} cores")
    print(f"{'graph':>10} {'triples':>9} " + " ".join(f"{name:>16}" for name in chosen))
    for label, loader in graphs:
        dataset = loader()
        data = union(dataset)
        rounds = args.rounds if len(data) < 50_000 else 1
        times: dict[str, list[float]] = {name: [] for name in chosen if name not in slow}
        used: dict[str, list[float]] = {name: [] for name in times}
        stores.clear()
        stores.update(_stores(dataset, set(times)))
        for _ in range(rounds):
            for name in times:
                times[name].append(_time(chosen[name], dataset, data, used[name]))
        medians = {name: statistics.median(t) for name, t in times.items()}
        # against pySHACL; where it was given up, against the first variant still run
        base_name = next(iter(medians), "")
        base = medians.get(base_name)
        cells = []
        for name in chosen:
            if name not in medians:
                cells.append(f"{'(skipped)':>16}")
                continue
            ratio = f" ({base / medians[name]:5.1f}×)" if base else ""
            cells.append(f"{medians[name]:7.2f}s{ratio:>9}")
        against = f"  (speed-up against {base_name})" if base_name != "pyshacl" else ""
        print(f"{label:>10} {len(data):>9,} " + " ".join(cells) + against, flush=True)
        # pyshacl-turbo and Oxigraph work in this process's threads: processor time is theirs
        processor = " ".join(f"{statistics.median(used[n]):>15.2f}s" for n in times)
        print(f"{'processor':>20} {processor}", flush=True)
        # the baseline has a longer leash: without it no ratio can be given
        slow |= {
            name
            for name, median in medians.items()
            if median > (args.baseline_give_up if name == "pyshacl" else args.give_up)
        }
    _added_source(folder, dataset)


def _cli(runs: int) -> None:
    """``vzkg validate`` on the bundled graph, cold, against ``python -c pass``: median wall
    time and processor time (user + system) of each, alternated; the default (the files parsed
    into Oxigraph in memory) against rdflib's parse (``--store rdflib``, the default before)
    and an Oxigraph folder that ``vzkg load`` filled (``--store oxigraph:PATH``, no parse)."""
    vzkg_cli = shutil.which("vzkg") or str(Path(sys.executable).with_name("vzkg"))
    folder = Path(tempfile.mkdtemp(prefix="vzkg-bench-db-")) / "db"
    subprocess.run([vzkg_cli, "load", "--store", f"oxigraph:{folder}"], check=True)
    commands = {
        "vzkg validate": [vzkg_cli, "validate"],
        "vzkg validate --store rdflib": [vzkg_cli, "validate", "--store", "rdflib"],
        "vzkg validate --store oxigraph:PATH": [
            vzkg_cli,
            "validate",
            "--store",
            f"oxigraph:{folder}",
        ],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for name in commands:
        print(
            f"{name}: wall {statistics.median(wall[name]):.2f}s, "
            f"processor {statistics.median(cpu[name]):.2f}s (median of {runs})"
        )
    shutil.rmtree(folder.parent)


def add_one_source(folder: Path, dataset: Dataset) -> URIRef:
    """Add one more source (written into *folder*) to *dataset*; return its graph's name."""
    path = folder / "one-more.nq"
    write_corpus(path, count=1, seed=2, first=1_000_000, entities=False)
    add_files(dataset, [path])
    added = vzkg.load(path, bundled=False, ontology=False, entailment=False)
    return next(URIRef(g.identifier) for g in added.graphs() if len(g))


def _added_source(folder: Path, dataset: Dataset) -> None:
    """One more source beside the largest corpus: validated alone with what it touches."""
    graph = add_one_source(folder, dataset)
    vzkg.validate(dataset, only=[graph])  # once before, as the variants had their rounds
    start, processor = time.perf_counter(), time.process_time()
    report = vzkg.validate(dataset, only=[graph])
    elapsed, processor = time.perf_counter() - start, time.process_time() - processor
    assert report.conforms
    print(
        f"one added source beside {len(dataset):,} triples: {elapsed:.2f}s wall, "
        f"{processor:.2f}s processor (vzkg.validate only=)"
    )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
