"""What to validate when a source is added: its graph and what it touches, not every source.

A source's graph holds only what its article says; the entities and the ontology are shared.
So a new source can break a shape only at its own nodes and at the nodes it mentions, and
everything a shape reads from those is found by following their own statements: the
description of every node the new graphs mention (its statements in any graph), the sub-class
and sub-property chains above them, and the ontology. The work grows with the new source, not
with the corpus: the 500th article costs about what the first did.

The guards that compare statements across graphs (``vzsh:AccusationShape``: an alleged
statement must not be asserted anywhere) also see, for each node the new graphs mention, the
accusations elsewhere that allege something of it, so that a new source cannot assert what an
older one reports as an allegation. Those accusations are only context for the whole-graph
queries; their own shapes were checked when their source was added.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, BNode, Dataset, URIRef
from rdflib.term import Node

from ..entailment import ENTAILED_GRAPH
from ..errors import InputError
from ..namespaces import ONTOLOGY_GRAPH
from ..vocab import VZKG

_CHAINS = (RDFS.subClassOf, RDFS.subPropertyOf)
Triple = tuple[Node, Node, Node]


def _describe(dataset: Dataset, nodes: Iterable[Node], into: set[Triple]) -> None:
    """Add every statement about *nodes* to *into*, and those about the classes and
    properties above them, to the top of their chains."""
    pending, seen = list(nodes), set()
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o, g in dataset.quads((node, None, None, None)):  # type: ignore[arg-type]
            if getattr(g, "identifier", g) == ENTAILED_GRAPH:
                continue  # what the data states is validated, not what it entails
            into.add((s, p, o))
            if p in _CHAINS:
                pending.append(o)


def scope(dataset: Dataset, graphs: Iterable[URIRef | str]) -> tuple[set[Triple], set[Triple]]:
    """The triples to validate the named *graphs* of *dataset* as new ones: those for the
    SHACL engine and the value checks, and those with the context of the whole-graph queries.
    Sets, not rdflib graphs: adding a triple to a graph cost ten times as much, and the
    engines read a copy anyway (:mod:`vzkg.validation.snapshot`)."""
    names = {URIRef(str(name)) for name in graphs}
    missing = names - {g.identifier for g in dataset.graphs()}
    if missing:
        raise InputError(f"no graph named {', '.join(sorted(missing))} to validate")
    data: set[Triple] = set()
    mentioned: set[Node] = set()
    for name in names:
        for triple in dataset.graph(name):
            data.add(triple)
            mentioned.update(triple)
    data.update(dataset.graph(ONTOLOGY_GRAPH))
    _describe(dataset, (n for n in mentioned if isinstance(n, (URIRef, BNode))), data)
    context = set(data)
    for node in mentioned:
        for statement in dataset.subjects(RDF.subject, node):
            for accusation in dataset.subjects(VZKG.alleges, statement):
                context.add((accusation, VZKG.alleges, statement))
                _describe(dataset, [statement], context)
                for kind in dataset.objects(accusation, RDF.type):
                    context.add((accusation, RDF.type, kind))
    return data, context
