"""The rdflib engine: the Dataset :func:`vzkg.load` returns, in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from rdflib import ConjunctiveGraph, Dataset, Graph, URIRef
from rdflib.term import Identifier

from ..namespaces import new_dataset
from ..sparql import QueryResult
from .base import Pattern, Quad, Store, Triple


class RdflibStore(Store):
    """rdflib's pure-Python engine over *dataset* (a new, empty one if not given).

    A plain rdflib Graph may stand in for the dataset, to be read: its triples are in no
    named graph, so :meth:`graphs` and :meth:`quads` find none.
    """

    engine = "rdflib"

    def __init__(self, dataset: Dataset | Graph | None = None) -> None:
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

    def stated(self) -> RdflibStore:
        from ..entailment import stated

        if not self.entailment:
            return self
        view = RdflibStore(stated(self.dataset))
        view.entailment = False
        return view

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        if not isinstance(self.dataset, Dataset):
            from ..errors import InputError

            raise InputError("a store over an rdflib Graph reads it; it has no named graphs")
        self.dataset.remove_graph(name)
        graph = self.dataset.graph(name)
        graph.addN((s, p, o, graph) for s, p, o in triples)

    def load(self, dataset: Dataset, *, progress: Callable[[str], None] | None = None) -> int:
        if not len(self.dataset):
            self.dataset = dataset  # an empty store takes the dataset as it is, without a copy
            return sum(self.graphs().values())
        return super().load(dataset, progress=progress)

    def graphs(self) -> dict[URIRef, int]:
        if not isinstance(self.dataset, ConjunctiveGraph):
            return {}
        named = (
            self.dataset.graphs() if isinstance(self.dataset, Dataset) else self.dataset.contexts()
        )
        return {
            g.identifier: len(g)
            for g in named
            if isinstance(g.identifier, URIRef) and len(g) and not _is_default(g.identifier)
        }

    def quads(self) -> Iterator[Quad]:
        if not isinstance(self.dataset, ConjunctiveGraph):
            return
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            if isinstance(name, URIRef) and not _is_default(name):
                yield s, p, o, name

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        yield from self.dataset.triples(pattern)  # type: ignore[misc]


def as_store(graph: Graph | Store) -> Store:
    """*graph* as a :class:`Store`: a store as it is, an rdflib Graph or Dataset (what
    :func:`vzkg.load` returns) read in place by the rdflib engine."""
    if isinstance(graph, Store):
        return graph
    if isinstance(graph, Graph):
        return RdflibStore(graph)
    from ..errors import InputError
    from ..text import kind_of

    raise InputError(
        "vzkg needs an rdflib Graph or Dataset (see vzkg.load()) or a store (see "
        f"vzkg.open_store()), not {kind_of(graph)}"
    )


def _is_default(name: URIRef) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return name == DATASET_DEFAULT_GRAPH_ID
