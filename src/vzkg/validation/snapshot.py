"""What validation judges, copied once into a pyoxigraph store: the faster engine does the work.

Validation used to copy a dataset's asserted triples into one rdflib graph, which pyshacl-turbo
then converted again, and ran the whole-graph SPARQL constraints and the value checks' queries
in rdflib's engine, 100 times slower than Oxigraph on the same queries
(``bench/validation_phases.py``). A :class:`Snapshot` is that one copy, in a
:class:`pyoxigraph.Store`: pyshacl-turbo reads it natively, and vzkg's queries run on it. Data
that already lives in Oxigraph (an :class:`~vzkg.engines.oxigraph.OxigraphStore`) is not
copied again: what its stated view's queries read is the snapshot (the store itself, or the copy
of all but its entailed graph that the view's queries share).

Each distinct rdflib term is converted once, and remembered, so every term an answer holds
comes back as the very rdflib term of the data (a blank node keeps its identifier, a literal
its lexical form). Oxigraph runs queries in Rust, where neither vzkg's time limit nor its
guard on network and file access reaches: only vzkg's own queries run here (the value checks,
the SPARQL constraints of the bundled shapes), and only those without ``SERVICE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.term import Identifier, Node

from ..engines.lexical import scan
from ..engines.terms import to_oxigraph, to_rdflib
from ..entailment import asserted
from ..errors import InputError
from ..namespaces import PREFIXES

if TYPE_CHECKING:
    from ..engines.oxigraph import OxigraphStore

Triple = tuple[Node, Node, Node]


class Snapshot:
    """What validation judges, in a pyoxigraph store: the asserted triples of a graph or dataset
    copied into the default graph of a store of its own (:meth:`copy`), or an Oxigraph store's
    own store, whose named graphs state them (:meth:`of_store`). Either way every triple the
    store holds is judged: pyshacl-turbo reads the union of a store's graphs."""

    def __init__(self, store: Any, *, union: bool = False) -> None:
        self._to: dict[Node, Any] = {}
        self._back: dict[Any, Identifier] = {}
        self.store = store
        self._dataset = {"use_default_graph_as_union": True} if union else {}

    @classmethod
    def copy(cls, triples: Iterable[Triple]) -> Snapshot:
        """*triples*, copied into the default graph of a new store."""
        import pyoxigraph

        made = cls(pyoxigraph.Store())
        # extend() takes a generator, so the copy needs no list of a million quads first
        made.store.extend(
            pyoxigraph.Quad(made.term(s), made.term(p), made.term(o)) for s, p, o in triples
        )
        return made

    @classmethod
    def of_store(cls, store: OxigraphStore) -> Snapshot:
        """What the Oxigraph *store* states, as its queries read it: the union of the graphs of
        its stated view (:meth:`~vzkg.engines.oxigraph.OxigraphStore.stated`). A store without
        ``vzg:entailed`` (what ``vzkg validate`` fills by default) is read where it lies;
        one with it (a folder ``vzkg load`` filled) is read through the copy of its other
        graphs that its stated view's queries share, made once: joins over a list of default
        graphs, one per source, made the value checks 2.5× slower at 100k triples and over 9×
        at 1M."""
        return cls(store.stated().native, union=True)

    def term(self, node: Node) -> Any:
        """*node* as a pyoxigraph term (converted once, then remembered)."""
        found = self._to.get(node)
        if found is None:
            try:
                found = to_oxigraph(node)
            except InputError as error:  # not a term of a triple: validation keeps to rdflib
                raise ValueError(str(error)) from None
            self._to[node] = found
            self._back[found] = node  # type: ignore[assignment]
        return found

    def node(self, term: Any) -> Identifier:
        """The rdflib term of a pyoxigraph *term*: the data's own, or a new one (a BIND's)."""
        found = self._back.get(term)
        return found if found is not None else to_rdflib(term)  # type: ignore[return-value]

    def select(self, sparql: str) -> tuple[tuple[str, ...], list[tuple[Identifier | None, ...]]]:
        """The variables and rows of a SELECT query, the curated prefixes declared."""
        if scan(sparql).remote:
            raise ValueError("a query with SERVICE or FROM runs in rdflib, under vzkg's guard")
        solutions = self.store.query(sparql, prefixes=dict(PREFIXES), **self._dataset)
        variables = tuple(v.value for v in solutions.variables)  # type: ignore[union-attr]
        rows = [
            tuple(None if value is None else self.node(value) for value in solution)
            for solution in solutions  # type: ignore[union-attr]
        ]
        return variables, rows

    def triples(self) -> Iterator[Triple]:
        """Every triple judged, as rdflib terms (a triple stated in two graphs comes twice)."""
        for quad in self.store.quads_for_pattern(None, None, None, None):
            yield self.node(quad.subject), self.node(quad.predicate), self.node(quad.object)

    def __contains__(self, triple: Triple) -> bool:
        pattern = []
        for node in triple:
            found = self._to.get(node)
            if found is None:
                try:
                    found = to_oxigraph(node)
                except InputError:
                    return False  # not a term of a triple, so not one of the data
            pattern.append(found)
        return next(self.store.quads_for_pattern(*pattern, None), None) is not None


def snapshot(graph: Graph | Iterable[Triple]) -> Snapshot | None:
    """What *graph* states (a dataset's entailed graph left out; or these triples) as a
    :class:`Snapshot`; None where pyoxigraph is not installed or refuses a term (a malformed
    language tag), and validation keeps to rdflib."""
    try:
        return Snapshot.copy(asserted(graph) if isinstance(graph, Graph) else graph)
    except (ImportError, ValueError, TypeError):
        return None
