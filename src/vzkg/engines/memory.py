"""The rdflib engine: the Dataset :func:`vzkg.load` returns, in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from rdflib import Dataset, URIRef
from rdflib.term import Identifier

from ..namespaces import new_dataset
from ..sparql import QueryResult
from .base import Pattern, Quad, Store, Triple


class RdflibStore(Store):
    """rdflib's pure-Python engine over *dataset* (a new, empty one if not given)."""

    engine = "rdflib"

    def __init__(self, dataset: Dataset | None = None) -> None:
        self.dataset = new_dataset() if dataset is None else dataset

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Identifier] | None = None,
        allow_remote: bool = False,
    ) -> QueryResult:
        from ..sparql import query

        # rdflib runs in Python: the audit hook and SIGALRM guard it (vzkg.access, vzkg.limits)
        return query(self.dataset, sparql, bindings=bindings, allow_remote=allow_remote)

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        self.dataset.remove_graph(name)
        graph = self.dataset.graph(name)
        graph.addN((s, p, o, graph) for s, p, o in triples)

    def load(self, dataset: Dataset, *, progress: Callable[[str], None] | None = None) -> int:
        if not len(self.dataset):
            self.dataset = dataset  # an empty store takes the dataset as it is, without a copy
            return sum(self.graphs().values())
        return super().load(dataset, progress=progress)

    def graphs(self) -> dict[URIRef, int]:
        return {
            g.identifier: len(g)
            for g in self.dataset.graphs()
            if isinstance(g.identifier, URIRef) and len(g) and not _is_default(g.identifier)
        }

    def quads(self) -> Iterator[Quad]:
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            if isinstance(name, URIRef) and not _is_default(name):
                yield s, p, o, name

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        yield from self.dataset.triples(pattern)  # type: ignore[misc]


def _is_default(name: URIRef) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return name == DATASET_DEFAULT_GRAPH_ID
