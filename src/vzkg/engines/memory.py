"""The rdflib engine: the Dataset :func:`vzkg.load` returns, in memory."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from typing import Any

from rdflib import ConjunctiveGraph, Dataset, Graph, URIRef
from rdflib.paths import Path
from rdflib.term import Identifier

from ..errors import InputError
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
        from ..entailment import ENTAILED_GRAPH

        if not self.entailment:
            return self
        view = RdflibStore(self.dataset)
        if isinstance(self.dataset, Dataset) and len(self.dataset.get_context(ENTAILED_GRAPH)):
            view.dataset = _Without(self.dataset, ENTAILED_GRAPH)
        view.entailment = False
        return view

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        if not isinstance(self.dataset, Dataset):
            raise InputError("a store over an rdflib Graph, or a view of a Dataset, only reads it")
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


class _Without(ConjunctiveGraph):
    """A view of *dataset* without the named graph *left_out*, to be read (a store refuses to
    write it): its union and its named graphs, read where they are, as rdflib's SPARQL engine
    reads a dataset. A triple of *left_out* that another graph states too stays in the union."""

    def __init__(self, dataset: Dataset, left_out: URIRef) -> None:
        super().__init__(store=dataset.store)
        self._left_out = dataset.get_context(left_out)

    def triples(self, pattern: Any, context: Any = None) -> Generator[Any, None, None]:  # type: ignore[override]
        for triple in super().triples(pattern, context):
            # a property path is evaluated through this view's own triples: already left out
            if context is not None or isinstance(pattern[1], Path) or self._kept(triple):
                yield triple

    def _kept(self, triple: Any) -> bool:
        return triple not in self._left_out or any(triple in g for g in self.contexts())

    def contexts(self, triple: Any = None) -> Generator[Graph, None, None]:
        for graph in super().contexts(triple):
            if graph.identifier != self._left_out.identifier:
                yield graph

    def get_context(self, identifier: Any, quoted: bool = False, base: str | None = None) -> Graph:
        if identifier == self._left_out.identifier:
            return Graph(identifier=identifier)  # GRAPH vzg:entailed { … } finds nothing
        return super().get_context(identifier, quoted, base)

    def quads(self, pattern: Any = None) -> Generator[Any, None, None]:
        for s, p, o, g in super().quads(pattern):
            if getattr(g, "identifier", g) != self._left_out.identifier:
                yield s, p, o, g

    def __contains__(self, pattern: Any) -> bool:
        if len(pattern) == 4:
            named = getattr(pattern[3], "identifier", pattern[3])
            return named != self._left_out.identifier and super().__contains__(pattern)
        return next(iter(self.triples(pattern)), None) is not None

    def __len__(self) -> int:
        return sum(1 for _ in self.triples((None, None, None)))


def as_store(graph: Graph | Store) -> Store:
    """*graph* as a :class:`Store`: a store as it is, an rdflib Graph or Dataset (what
    :func:`vzkg.load` returns) read in place by the rdflib engine."""
    if isinstance(graph, Store):
        return graph
    if isinstance(graph, Graph):
        return RdflibStore(graph)
    from ..text import kind_of

    raise InputError(
        "vzkg needs an rdflib Graph or Dataset (see vzkg.load()) or a store (see "
        f"vzkg.open_store()), not {kind_of(graph)}"
    )


def _is_default(name: URIRef) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return name == DATASET_DEFAULT_GRAPH_ID
