"""What the graph entails: class membership and super-properties, kept in a graph of their own.

A query should find every claim with ``?c a schema:Claim``, accusations and pledges included,
and every event with ``?e a sem:Event``, policy actions included. So :func:`vzkg.load` adds
the RDFS entailment of the hierarchies the graph declares (vzkg's ontology, and any
``rdfs:subClassOf`` or ``rdfs:subPropertyOf`` of a user's data), materialised in the named graph
:data:`ENTAILED_GRAPH` (``vzg:entailed``):

- each resource's types through ``rdfs:subClassOf*`` (RDFS rule rdfs9);
- each statement through every super-property, ``rdfs:subPropertyOf*`` (rdfs7), so that
  ``?fact prov:wasDerivedFrom ?x`` also finds the evidence spans of ``vzkg:evidence``;
- the transitive closure of both hierarchies (rdfs5, rdfs11).

Not entailed, on purpose: what ``rdfs:domain`` and ``rdfs:range`` would give (rdfs2, rdfs3).
The range of ``vzkg:evidence`` would type whatever it points to an ``oa:SpecificResource``,
and the shapes that check that it is one would then pass on anything. Nor the axiomatic
triples of RDFS (every class a subclass of itself, everything an ``rdfs:Resource``).

The entailed graph holds only what no other graph states, and is derived again from the
others on every load: what an input file puts in ``vzg:entailed`` is replaced. Validation
judges the other graphs only (see :func:`asserted`), so an entailed triple can neither make a
shape pass nor fail.

>>> import vzkg
>>> kg = vzkg.load()
>>> query = "SELECT (COUNT(*) AS ?n) WHERE { ?c a schema:Claim }"
>>> int(vzkg.query(kg, query).rows[0][0])
13
>>> int(vzkg.query(vzkg.load(entailment=False), query).rows[0][0])
6
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Hashable, Iterable, Iterator, Mapping

from .errors import InputError
from .prefixes import PREFIXES

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from typing import Any, NamedTuple, TypeVar

    from rdflib import Dataset, Graph, URIRef
    from rdflib.term import Node

    #: The named graph of what the other graphs entail (``vzg:entailed``, an rdflib term).
    ENTAILED_GRAPH: URIRef
    #: The terms the rules name, as rdflib's.
    RDFLIB_TERMS: Vocabulary

# rdflib is imported when its terms are first asked for: Oxigraph derives the entailed graph
# with pyoxigraph's own (vzkg.engines.oxigraph_entailment), and a cold query needs no rdflib
ENTAILED_IRI = PREFIXES["vzg"] + "entailed"

#: The most :func:`entail` derives: this many times the stated triples, plus :data:`MAX_EXTRA`
#: (the bundled graph entails 0.12 times as many as it states).
MAX_RATIO = 2
MAX_EXTRA = 100_000

Triple = tuple["Node", "Node", "Node"]
if TYPE_CHECKING:
    T = TypeVar("T", bound=Hashable)

    class Vocabulary(NamedTuple):
        type: Any
        sub_class_of: Any
        sub_property_of: Any

else:  # typing.NamedTuple costs a cold query the import of typing: the same class
    Vocabulary = namedtuple("Vocabulary", ["type", "sub_class_of", "sub_property_of"])
    Vocabulary.__doc__ = """The three terms the rules name, in the term classes of the graph
    read (rdflib's, or another engine's, so that a store is read without converting every
    term)."""


def _rdflib_terms() -> Vocabulary:
    from rdflib import RDF, RDFS

    return Vocabulary(RDF.type, RDFS.subClassOf, RDFS.subPropertyOf)


def __getattr__(name: str) -> object:
    """``ENTAILED_GRAPH`` and ``RDFLIB_TERMS``, made at their first use."""
    value: object
    if name == "RDFLIB_TERMS":
        value = _rdflib_terms()
    elif name == "ENTAILED_GRAPH":
        from rdflib import URIRef

        value = URIRef(ENTAILED_IRI)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def asserted(graph: Graph) -> Iterator[Triple]:
    """Yield the triples of *graph* that it states, not those it only entails.

    For a dataset, that is every graph but :data:`ENTAILED_GRAPH` (a triple stated in two
    graphs comes twice), read graph by graph: ``quads()`` asks the store for each triple's
    graphs, which took 40% longer.
    """
    from rdflib import Dataset

    if not isinstance(graph, Dataset):
        yield from graph.triples((None, None, None))  # type: ignore[misc]
        return
    for named in graph.graphs():
        if str(named.identifier) != ENTAILED_IRI:
            yield from named.triples((None, None, None))  # type: ignore[misc]


class Budget:
    """How many more triples entailment may derive: a hierarchy's closure grows with the
    square of its depth, and a hostile file could make it fill the memory."""

    def __init__(self, triples: int | None) -> None:
        self.limit = triples
        self.left = triples

    def spend(self, count: int) -> None:
        if self.left is None:
            return
        self.left -= count
        if self.left < 0:
            raise InputError(
                f"the data entails more than {self.limit:,} triples through rdfs:subClassOf and "
                "rdfs:subPropertyOf (a very deep or wide hierarchy): leave them out with "
                "--no-entailment (entailment=False)"
            )


def transitive_closure(pairs: Iterable[tuple[T, T]], budget: Budget) -> dict[T, frozenset[T]]:
    """Map each node of the relation *pairs* to everything it reaches, itself excluded (in
    any engine's terms), spending *budget* on each."""
    direct: defaultdict[T, set[T]] = defaultdict(set)
    for lower, upper in pairs:
        if lower != upper:
            direct[lower].add(upper)
    reach: dict[T, frozenset[T]] = {}
    for start in direct:
        found: set[T] = set()
        pending = list(direct[start])
        while pending:
            node = pending.pop()
            if node in found or node == start:
                continue
            found.add(node)
            pending.extend(direct.get(node, ()))
        budget.spend(len(found))
        reach[start] = frozenset(found)
    return reach


def _hierarchies(
    graph: Graph, derived: set[Triple], budget: Budget, terms: Vocabulary
) -> dict[Node, dict[Node, frozenset[Node]]]:
    return {
        h: transitive_closure(
            [(s, o) for s, _, o in graph.triples((None, h, None))]  # type: ignore[misc]
            + [(s, o) for s, p, o in derived if p == h],
            budget,
        )
        for h in terms[1:]
    }


def _premises(
    graph: Graph, closure: Mapping[Node, Mapping[Node, frozenset[Node]]], terms: Vocabulary
) -> Iterator[Triple]:
    """The triples of *graph* that a rule applies to, found through its indexes: statements
    of a property that has super-properties, types of a class that has super-classes, and the
    hierarchies themselves."""
    for p in {*closure[terms.sub_property_of], *terms[1:]}:
        yield from graph.triples((None, p, None))  # type: ignore[misc]
    for c in closure[terms.sub_class_of]:
        yield from graph.triples((None, terms.type, c))  # type: ignore[misc]


def _consequences(
    triples: Iterable[Triple],
    closure: Mapping[Node, Mapping[Node, frozenset[Node]]],
    terms: Vocabulary,
) -> Iterator[Triple]:
    supers, superclasses = closure[terms.sub_property_of], closure[terms.sub_class_of]
    iri = type(terms.type)  # rdflib's URIRef or pyoxigraph's NamedNode
    for s, p, o in triples:
        for q in supers.get(p, ()):
            if isinstance(q, iri):  # a literal or blank node "super-property" names no predicate
                yield s, q, o
        if p == terms.type:
            for c in superclasses.get(o, ()):
                yield s, p, c
        elif p in closure:
            for upper in closure[p].get(s, ()):
                yield s, p, upper


def entailed(
    graph: Graph, *, max_triples: int | None = None, terms: Vocabulary | None = None
) -> set[Triple]:
    """Return what *graph* entails beyond what it states (see the module's documentation).

    *graph* is anything with rdflib's ``triples(pattern)`` and ``in``, its terms those of
    *terms* (rdflib's unless told). A dataset's union of graphs is read: leave its
    :data:`ENTAILED_GRAPH` out first. Past
    *max_triples* (``None``: no limit), an :class:`~vzkg.errors.InputError` is raised.

    >>> from rdflib import RDF, RDFS, Graph, URIRef
    >>> ex = "http://example.org/"
    >>> a, b, c, x = (URIRef(ex + name) for name in ("A", "B", "C", "x"))
    >>> graph = Graph()
    >>> for triple in [(a, RDFS.subClassOf, b), (b, RDFS.subClassOf, c), (x, RDF.type, a)]:
    ...     graph.add(triple)  # doctest: +ELLIPSIS
    <Graph ...>
    >>> sorted((str(s)[-1], str(o)[-1]) for s, p, o in entailed(graph))
    [('A', 'C'), ('x', 'B'), ('x', 'C')]
    """
    if terms is None:
        terms = _rdflib_terms()
    budget = Budget(max_triples)
    derived: set[Triple] = set()
    closure = _hierarchies(graph, derived, budget, terms)
    pending: Iterable[Triple] = _premises(graph, closure, terms)
    while True:
        new: set[Triple] = set()
        for t in _consequences(pending, closure, terms):
            if t not in new and t not in derived and t not in graph:  # type: ignore[operator]
                new.add(t)
                budget.spend(1)
        if not new:
            return derived
        derived |= new
        # a statement through a sub-property of rdfs:subClassOf (say) widens a hierarchy:
        # then every premise is looked at again, else only the new statements
        if any(p in closure and o not in closure[p].get(s, ()) for s, p, o in new):
            closure = _hierarchies(graph, derived, budget, terms)
            pending = [*_premises(graph, closure, terms), *derived]
        else:
            pending = new


def entail(dataset: Dataset) -> int:
    """Derive :data:`ENTAILED_GRAPH` of *dataset* again from its other graphs; return its size.

    Call it after adding files to a dataset that :func:`vzkg.load` returned. More than
    :data:`MAX_RATIO` times as many triples as the graphs state, plus :data:`MAX_EXTRA`, are
    refused with an :class:`~vzkg.errors.InputError` (see :func:`entailed` for no limit).
    """
    from rdflib import URIRef

    name = URIRef(ENTAILED_IRI)
    dataset.remove_graph(name)
    found = entailed(dataset, max_triples=MAX_RATIO * len(dataset) + MAX_EXTRA)
    target = dataset.graph(name)
    target.addN((s, p, o, target) for s, p, o in found)  # type: ignore[misc]
    return len(found)
