"""What keyword search costs: building the index once, then each search, against a SPARQL scan.

For the bundled graph and for synthetic graphs of about 100k and 1M triples (copies of the
bundled article's graph and of the shared entities, every vz: IRI renamed per copy and every
label given a word of its copy, ``copy17``), measures in one run

  * the time to build :class:`vzkg.SearchIndex` (once per loaded graph);
  * the median time of each search through the index;
  * the time of the same search as the plain SPARQL scan a user would otherwise write,
    ``FILTER(isLiteral(?o) && CONTAINS(LCASE(STR(?o)), "word"))`` over every triple (the
    baseline, which is neither accent-insensitive nor ranked);

and prints each time, the ratio scan / search and the ratio (build + one search) / scan: what
the first search of a freshly loaded graph costs against a single scan. Beyond 200k triples
only the first search is also scanned (each scan reads every triple; at 1M one takes minutes).
Run from a checkout with vzkg installed:

    python bench/bench_search.py [--sizes 100000 1000000] [--runs 20]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

import vzkg
from vzkg.namespaces import VZ

# (what it shows, the words for the index, the word for the SPARQL scan)
SEARCHES = (
    ("a name in every copy", "Maduro", "maduro"),
    ("accents folded", "deportacion", "deportación"),
    ("two words, one copy", "copy7 Rodriguez", "copy7"),
    ("a phrase", '"Washington deported"', "washington deported"),
)
_SCAN = """
SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(LCASE(STR(?o)), "{word}")) }}
"""


def synthetic(size: int) -> Dataset:
    """About *size* triples: copies of the bundled data graphs, the ontology once."""
    seed = vzkg.load()
    quads = [q for q in seed.quads((None, None, None, None)) if "ontology" not in str(q[3])]
    dataset = vzkg.load(bundled=False)
    copies = max(1, (size - len(dataset)) // len(quads))
    for copy in range(copies):

        def renamed(term: object, copy: int = copy) -> object:
            if isinstance(term, URIRef) and str(term).startswith(str(VZ)):
                return URIRef(f"{term}-c{copy}")
            return term

        for s, p, o, g in quads:
            if p == RDFS.label and isinstance(o, Literal):
                o = Literal(f"{o} copy{copy}", lang=o.language)
            dataset.add((renamed(s), p, renamed(o), g))  # type: ignore[arg-type]
    return dataset


def triples(dataset: Dataset) -> int:
    return sum(1 for _ in dataset.quads((None, None, None, None)))


def measure(name: str, dataset: Dataset, runs: int) -> None:
    size = triples(dataset)
    vzkg.SearchIndex(vzkg.load(bundled=False, ontology=False))  # imports out of the timing
    start = time.perf_counter()
    index = vzkg.SearchIndex(dataset)
    build = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{name}: {size:,} triples, {len(index):,} nodes with words")
    print(f"  build the index        {build * 1000:9.1f} ms   (peak RSS so far {rss:,.0f} MB)")
    for number, (label, words, word) in enumerate(SEARCHES):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = index.search(words)
            times.append(time.perf_counter() - start)
        searched = statistics.median(times)
        line = f"  {label:<22} {searched * 1000:9.2f} ms   ({result.total} hits)"
        if number == 0 or size <= 200_000:  # every scan reads every triple: one says enough
            start = time.perf_counter()
            scanned = vzkg.query(dataset, _SCAN.format(word=word))
            scan = time.perf_counter() - start
            line += (
                f"   scan {scan * 1000:9.1f} ms ({len(scanned.rows)} nodes)"
                f"   ratio scan/index {scan / searched:6.0f}×"
                f"   build+search/scan {(build + searched) / scan:5.2f}"
            )
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=20, help="searches per median (default 20)")
    args = parser.parse_args()
    measure("bundled graph", vzkg.load(), args.runs)
    for size in args.sizes:
        start = time.perf_counter()
        dataset = synthetic(size)
        print(f"\n(made the synthetic graph in {time.perf_counter() - start:.0f} s)")
        measure(f"synthetic ~{size:,}", dataset, args.runs)


if __name__ == "__main__":
    main()
