"""What validation judges, copied once into a pyoxigraph store: the faster engine does the work.

Validation used to copy a dataset's asserted triples into one rdflib graph, which pyshacl-turbo
then converted again, and ran the whole-graph SPARQL constraints and the value checks' queries
in rdflib's engine, 100 times slower than Oxigraph on the same queries
(``bench/validation_phases.py``). A :class:`Snapshot` is that one copy, in a
:class:`pyoxigraph.Store`: pyshacl-turbo reads it natively, and vzkg's queries run on it. Data
that already lives in Oxigraph (an :class:`~vzkg.engines.oxigraph.OxigraphStore`) is not
copied again: what its stated view's queries read is the snapshot (the store itself, or the copy
of all but its entailed graph that the view's queries share).

Each distinct blank node and literal is converted once, and remembered, so every term an
answer holds comes back as the rdflib term of the data (a blank node keeps its identifier, a
literal its lexical form, even one Oxigraph keeps in canonical form: :meth:`Snapshot.written`).
Oxigraph runs queries in Rust, where neither vzkg's time limit nor its guard on network and
file access reaches: only vzkg's own queries run here (the value checks, the SPARQL
constraints of the bundled shapes), and only those without ``SERVICE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import SH
from rdflib.term import Identifier, Node

from ..engines.lexical import scan
from ..engines.terms import CANONICALISED, canonical_forms, to_oxigraph, to_rdflib
from ..entailment import ENTAILED_GRAPH, asserted
from ..errors import InputError
from ..namespaces import PREFIXES

if TYPE_CHECKING:
    from ..engines.oxigraph import OxigraphStore

Triple = tuple[Node, Node, Node]
_FROM_THE_DATA = (SH.value, SH.focusNode)  # where a report holds the data's own terms


class Snapshot:
    """What validation judges, in a pyoxigraph store: the asserted triples of a graph or dataset
    copied into the default graph of a store of its own (:meth:`copy`), or an Oxigraph store's
    own store, whose named graphs state them (:meth:`of_store`). Either way every triple the
    store holds is judged: pyshacl-turbo reads the union of a store's graphs."""

    def __init__(self, store: Any, *, union: bool = False) -> None:
        self._to: dict[Node, Any] = {}
        self._back: dict[Any, Identifier] = {}
        self._written: dict[Identifier, Identifier] | None = None  # see written()
        self.store = store
        self._dataset = {"use_default_graph_as_union": True} if union else {}

    @classmethod
    def copy(cls, triples: Iterable[Triple]) -> Snapshot:
        """*triples*, copied into the default graph of a new store."""
        import pyoxigraph
        from rdflib import URIRef

        made = cls(pyoxigraph.Store())
        # an IRI is made anew each time: a third of the time of finding it among those made
        # before, as rdflib tests its terms' equality in Python; blank nodes and literals are
        # made once and remembered, so that the copy can give them back (node(), written())
        iri, quad, term = pyoxigraph.NamedNode, pyoxigraph.Quad, made.term
        # extend() takes a generator, so the copy needs no list of a million quads first
        made.store.extend(
            quad(
                iri(s) if type(s) is URIRef else term(s),
                iri(p) if type(p) is URIRef else term(p),
                iri(o) if type(o) is URIRef else term(o),
            )
            for s, p, o in triples
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
        """The rdflib term of a pyoxigraph *term*: the data's own (as written, see
        :meth:`written`), or a new one (a BIND's)."""
        found = self._back.get(term)
        return found if found is not None else self.written(to_rdflib(term))  # type: ignore[arg-type]

    def written(self, term: Identifier) -> Identifier:
        """*term*, read back from the store, as the copied data wrote it: Oxigraph keeps
        numbers, booleans, dates and durations in canonical form and language tags in lower
        case (``"+7"^^xsd:int`` as ``"7"``, see :func:`~vzkg.engines.terms.stored_form`), and
        a report must show the data's own literal. A form that the data holds itself, or that
        two of its literals share, is left as it is: which one is meant cannot be told."""
        if not isinstance(term, Literal) or not self._to:
            return term
        try:
            own = self._back.get(to_oxigraph(term))  # a tag in lower case finds its own
        except InputError:
            return term
        if own is not None:
            return own
        if self._written is None:
            self._written = self._canonicalised()
        return self._written.get(term, term)

    def _canonicalised(self) -> dict[Identifier, Identifier]:
        """The data's literals that the store keeps in canonical form, by that form."""
        literals = {
            found: node
            for node, found in self._to.items()
            if isinstance(node, Literal) and found.datatype in CANONICALISED
        }
        shared: dict[Any, list[Identifier]] = {}
        for before, stored in canonical_forms(literals).items():
            shared.setdefault(stored, []).append(literals[before])  # type: ignore[arg-type]
        return {
            to_rdflib(stored): nodes[0]  # type: ignore[misc]
            for stored, nodes in shared.items()
            if len(nodes) == 1
        }

    def rewrite(self, report: Graph) -> Graph:
        """*report* (an engine's results, read from the store) with the data's literals, its
        results' values and focus nodes, as the data wrote them (:meth:`written`): a new graph
        where one changes, as rdflib keeps the first spelling of terms it holds equal
        (language tags in another case)."""
        found = [
            (s, p, o, self.written(o) if p in _FROM_THE_DATA else o)  # type: ignore[arg-type]
            for s, p, o in report
        ]
        if all(o is written for *_, o, written in found):
            return report
        rewritten = Graph(namespace_manager=report.namespace_manager)
        rewritten.addN((s, p, written, rewritten) for s, p, _, written in found)
        return rewritten

    def _solutions(self, sparql: str) -> Any:
        """The solutions of a SELECT query, the curated prefixes declared."""
        if scan(sparql).remote:
            raise ValueError("a query with SERVICE or FROM runs in rdflib, under vzkg's guard")
        return self.store.query(sparql, prefixes=dict(PREFIXES), **self._dataset)

    def select(self, sparql: str) -> tuple[tuple[str, ...], list[tuple[Identifier | None, ...]]]:
        """The variables and rows of a SELECT query, the curated prefixes declared."""
        solutions = self._solutions(sparql)
        variables = tuple(v.value for v in solutions.variables)
        rows = [
            tuple(None if value is None else self.node(value) for value in solution)
            for solution in solutions
        ]
        return variables, rows

    def texts(self, sparql: str) -> list[tuple[str | None, ...]]:
        """The rows of a SELECT query, each value as ``str()`` of the data's rdflib term gives
        it (an IRI, a literal's lexical form, a blank node's label), None where unbound.

        No rdflib term is made: on a store read in place, where none is remembered, making
        them took half the time of the value checks that read these rows."""
        import pyoxigraph

        back, blank = self._back, pyoxigraph.BlankNode

        def text(term: Any) -> str | None:
            if term is None:
                return None
            if isinstance(term, blank):
                node = back.get(term)  # the data's own label, where the copy changed it
                return term.value if node is None else str(node)
            return term.value  # type: ignore[no-any-return]

        return [tuple(map(text, solution)) for solution in self._solutions(sparql)]

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


def stated(graph: Graph) -> Iterable[Triple]:
    """The triples *graph* states, as :func:`~vzkg.entailment.asserted` gives them; a dataset
    in rdflib's in-memory store (what :func:`vzkg.load` makes) read from the store's own set
    of triples of each graph: its public API makes a generator of graphs for every triple,
    which took a quarter of copying a million triples."""
    store = graph.store
    by_graph = getattr(store, "_Memory__contextTriples", None)
    key = getattr(store, "_Memory__ctx_to_str", None)
    if not (isinstance(graph, Dataset) and isinstance(by_graph, dict) and callable(key)):
        return asserted(graph)
    named = [g for g in graph.graphs() if g.identifier != ENTAILED_GRAPH]
    return chain.from_iterable(by_graph.get(key(g), ()) for g in named)


def snapshot(graph: Graph | Iterable[Triple]) -> Snapshot | None:
    """What *graph* states (a dataset's entailed graph left out; or these triples) as a
    :class:`Snapshot`; None where pyoxigraph is not installed or refuses a term (a malformed
    language tag), and validation keeps to rdflib."""
    try:
        return Snapshot.copy(stated(graph) if isinstance(graph, Graph) else graph)
    except (ImportError, ValueError, TypeError):
        return None
