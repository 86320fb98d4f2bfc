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

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from rdflib import RDF, RDFS, Dataset, Graph
from rdflib.term import Node

from .namespaces import VZG, new_graph

#: The named graph of what the other graphs entail.
ENTAILED_GRAPH = VZG["entailed"]

Triple = tuple[Node, Node, Node]
_HIERARCHIES = (RDFS.subClassOf, RDFS.subPropertyOf)


def asserted(graph: Graph) -> Iterator[Triple]:
    """Yield the triples of *graph* that it states, not those it only entails.

    For a dataset, that is every graph but :data:`ENTAILED_GRAPH` (a triple stated in two
    graphs comes twice).
    """
    if not isinstance(graph, Dataset):
        yield from graph.triples((None, None, None))  # type: ignore[misc]
        return
    for s, p, o, g in graph.quads((None, None, None, None)):
        if getattr(g, "identifier", g) != ENTAILED_GRAPH:
            yield s, p, o


def _closure(pairs: Iterable[tuple[Node, Node]]) -> dict[Node, frozenset[Node]]:
    """Map each node of the relation *pairs* to everything it reaches, itself excluded."""
    direct: defaultdict[Node, set[Node]] = defaultdict(set)
    for lower, upper in pairs:
        if lower != upper:
            direct[lower].add(upper)
    reach: dict[Node, frozenset[Node]] = {}
    for start in direct:
        found: set[Node] = set()
        pending = list(direct[start])
        while pending:
            node = pending.pop()
            if node in found or node == start:
                continue
            found.add(node)
            pending.extend(direct.get(node, ()))
        reach[start] = frozenset(found)
    return reach


def _hierarchies(triples: Iterable[Triple]) -> dict[Node, dict[Node, frozenset[Node]]]:
    pairs: dict[Node, list[tuple[Node, Node]]] = {h: [] for h in _HIERARCHIES}
    for s, p, o in triples:
        if p in pairs:
            pairs[p].append((s, o))
    return {h: _closure(found) for h, found in pairs.items()}


def _consequences(
    triples: Iterable[Triple], closure: Mapping[Node, Mapping[Node, frozenset[Node]]]
) -> Iterator[Triple]:
    supers, superclasses = closure[RDFS.subPropertyOf], closure[RDFS.subClassOf]
    for s, p, o in triples:
        for q in supers.get(p, ()):
            yield s, q, o
        if p == RDF.type:
            for c in superclasses.get(o, ()):
                yield s, p, c
        elif p in closure:
            for upper in closure[p].get(s, ()):
                yield s, p, upper


def entailed(triples: Iterable[Triple]) -> set[Triple]:
    """Return what *triples* entail beyond themselves (see the module's documentation).

    >>> from rdflib import URIRef
    >>> ex = "http://example.org/"
    >>> a, b, c, x = (URIRef(ex + name) for name in ("A", "B", "C", "x"))
    >>> found = entailed([(a, RDFS.subClassOf, b), (b, RDFS.subClassOf, c), (x, RDF.type, a)])
    >>> sorted((str(s)[-1], str(o)[-1]) for s, p, o in found)
    [('A', 'C'), ('x', 'B'), ('x', 'C')]
    """
    known = set(triples)
    closure = _hierarchies(known)
    derived: set[Triple] = set()
    pending: Iterable[Triple] = known
    while True:
        new = {t for t in _consequences(pending, closure) if t not in known}
        if not new:
            return derived
        known |= new
        derived |= new
        # a statement through a sub-property of rdfs:subClassOf (say) widens a hierarchy:
        # then every triple is looked at again, else only the new ones
        if any(p in closure and o not in closure[p].get(s, ()) for s, p, o in new):
            closure = _hierarchies(known)
            pending = known
        else:
            pending = new


def entail(dataset: Dataset) -> int:
    """Derive :data:`ENTAILED_GRAPH` of *dataset* again from its other graphs; return its size.

    Call it after adding files to a dataset that :func:`vzkg.load` returned.
    """
    dataset.remove_graph(ENTAILED_GRAPH)
    found = entailed(asserted(dataset))
    target = dataset.graph(ENTAILED_GRAPH)
    target.addN((s, p, o, target) for s, p, o in found)  # type: ignore[misc]
    return len(found)


def without_entailed(graph: Graph) -> Graph:
    """Return *graph* as the one graph it states: a dataset's graphs, :data:`ENTAILED_GRAPH`
    left out, merged; any other graph as it is."""
    if not isinstance(graph, Dataset):
        return graph
    union = new_graph()
    for triple in asserted(graph):
        union.add(triple)
    return union
