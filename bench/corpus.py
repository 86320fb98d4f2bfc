"""Synthetic corpora in vzkg's model that pass the shapes: the bundled source, copied.

Each copy of the bundled article's graph is a new source of its own: a new identifier (16 hex
digits drawn from the seed), a new checksum, and new IRIs for everything the article's graph
describes (events, claims, quotations, times, quantities, roles, evidence); the shared entities
and their graph are reused, as a real second article would reuse them. So a corpus has the
bundled source's mix of events, claims with quotes and evidence, quantities and dates at every
precision, and it conforms wherever the bundled graph does. Same seed and size, same bytes.

    python bench/corpus.py --triples 100000 --seed 1 -o /tmp/corpus-100k.nq
    python bench/corpus.py --sources 1 --seed 2 --first 500 -o /tmp/one-more.nq

The output is N-Quads: the shared entities (unless ``--no-entities``) and the copies, without
the ontology, which ``vzkg.load`` adds. Also importable: :func:`write_corpus`, :func:`sources`.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Dataset, URIRef

import vzkg
from vzkg.namespaces import VZ, VZG
from vzkg.store import load

_ENTITIES = VZG["entities"]
_IRI = re.compile(r"<https://w3id\.org/vzkg/id/([^>]+)>")


class _Template:
    """The bundled source's graph as N-Quads lines, with what each copy must rename."""

    def __init__(self) -> None:
        # the entailed graph is what the copies entail, which vzkg.load derives again
        dataset: Dataset = load(ontology=False, entailment=False)
        graphs = [g for g in dataset.graphs() if str(g.identifier).startswith(str(VZG))]
        source = next(g for g in graphs if g.identifier != _ENTITIES and len(g))
        self.identifier = str(source.identifier).removeprefix(str(VZG))
        entities = dataset.graph(_ENTITIES)
        shared = {str(s) for s in entities.subjects(unique=True) if isinstance(s, URIRef)}
        # everything of the vz: namespace that the article's graph mentions and the shared
        # entities do not describe is the article's own
        self.own = {
            name
            for line in self.lines(source)
            for name in _IRI.findall(line)
            if str(VZ[name]) not in shared
        }
        self.source_lines = self.lines(source)
        self.entity_lines = self.lines(entities)
        self.checksum = next(str(o) for _, p, o in source if str(p) == "https://schema.org/sha256")

    @staticmethod
    def lines(graph: object) -> list[str]:
        data = graph.serialize(format="nt", encoding="utf-8")  # type: ignore[attr-defined]
        name = graph.identifier  # type: ignore[attr-defined]
        return sorted(f"{line[:-2]} <{name}> .\n" for line in data.decode().splitlines() if line)

    def copy(self, number: int, identifier: str, checksum: str) -> Iterator[str]:
        def rename(match: re.Match[str]) -> str:
            name = match.group(1)
            return f"<{VZ}s{number}-{name}>" if name in self.own else match.group(0)

        for line in self.source_lines:
            line = _IRI.sub(rename, line)
            yield line.replace(self.identifier, identifier).replace(self.checksum, checksum)


def sources(count: int, *, seed: int, first: int = 0) -> Iterator[str]:
    """N-Quads lines of *count* copies of the bundled source, numbered from *first*."""
    template, rng = _Template(), random.Random(seed)
    for number in range(first, first + count):
        identifier, checksum = f"{rng.getrandbits(64):016x}", f"{rng.getrandbits(256):064x}"
        yield from template.copy(number, identifier, checksum)


def write_corpus(
    destination: str | Path,
    *,
    triples: int | None = None,
    count: int | None = None,
    seed: int = 1,
    first: int = 0,
    entities: bool = True,
) -> int:
    """Write a corpus of about *triples* triples (or *count* sources) and return its sources."""
    template = _Template()
    if count is None:
        wanted = (triples or 0) - (len(template.entity_lines) if entities else 0)
        count = max(1, round(wanted / len(template.source_lines)))
    with open(destination, "w", encoding="utf-8") as out:
        if entities:
            out.writelines(template.entity_lines)
        out.writelines(sources(count, seed=seed, first=first))
    return count


def graphs_to_measure(
    sizes: Iterable[int], folder: Path
) -> list[tuple[str, Callable[[], Dataset]]]:
    """The bundled graph, then a corpus of each size written into *folder* (seed 1; one already
    there is reused, as the same seed and size give the same bytes): a label and a loader each,
    so that the caller decides when loading happens (and whether it counts)."""
    graphs: list[tuple[str, Callable[[], Dataset]]] = [("bundled", vzkg.load)]
    for size in sizes:
        path = folder / f"corpus-{size}.nq"
        if not path.exists():
            write_corpus(path, triples=size, seed=1)
        graphs.append(
            (f"{size:,}", lambda path=path: vzkg.load(path, bundled=False, max_input_bytes=None))
        )
    return graphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--triples", type=int, help="about this many triples")
    size.add_argument("--sources", type=int, help="exactly this many sources")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="number of the first copy")
    parser.add_argument("--no-entities", action="store_true", help="the copies only")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    count = write_corpus(
        args.output,
        triples=args.triples,
        count=args.sources,
        seed=args.seed,
        first=args.first,
        entities=not args.no_entities,
    )
    print(f"{args.output}: {count} sources")


if __name__ == "__main__":
    main()
