"""What an Oxigraph store entails, derived inside Oxigraph with SPARQL queries.

The same triples as :func:`vzkg.entailment.entailed` (``tests/test_entailment_native.py``
holds the two together on generated hierarchies), without reading each statement into Python,
which took longer than storing it: only what is derived is read, and written at once. The
hierarchies are small: their closures are worked out in Python by
:func:`~vzkg.entailment.transitive_closure`, spending the same budget, and their transitive
triples (rdfs5, rdfs11) added from there. The rest is, on the store's statements
``G`` with every super-property ``S(p)`` and super-class ``C(c)``:

- types: ``(s type d)`` for each ``(s p c)`` with ``p`` rdf:type or one of its sub-properties
  and ``d`` in ``C(c)`` (rdfs9);
- super-properties: ``(s q o)`` for each ``(s p o)`` of ``G``, of the types and of the
  hierarchies, with ``q`` in ``S(p)`` (rdfs7).

As both closures are transitive, that is everything :func:`~vzkg.entailment.entailed` reaches,
save where a statement can widen a hierarchy (a sub-property of ``rdfs:subClassOf`` or
``rdfs:subPropertyOf``, or ``rdfs:subClassOf`` a sub-property of rdf:type), where a hierarchy
holds a blank node or a literal (SPARQL's ``VALUES`` cannot name a blank node), or where the
most the rules could derive is past the budget: :func:`entail_in_place` leaves those to
:func:`~vzkg.entailment.entailed`, which derives them step by step and stops at the budget.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox

from ..entailment import ENTAILED_IRI, Budget, transitive_closure

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from typing import Any

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
TYPE = ox.NamedNode(_RDF + "type")
SUB_CLASS_OF = ox.NamedNode(_RDFS + "subClassOf")
SUB_PROPERTY_OF = ox.NamedNode(_RDFS + "subPropertyOf")
ENTAILED = ox.NamedNode(ENTAILED_IRI)

Closure = Mapping["Any", frozenset["Any"]]


def entail_in_place(store: ox.Store, *, max_triples: int | None, bulk: bool = False) -> int | None:
    """Write what *store* entails into its graph ``vzg:entailed``, which it must not hold, and
    return how many triples that is; past *max_triples* (counting the closures as
    :func:`~vzkg.entailment.entailed` does), the same :class:`~vzkg.errors.InputError`. None,
    with nothing written, where :func:`~vzkg.entailment.entailed` must do it (see the module's
    documentation)."""
    if store.contains_named_graph(ENTAILED) or _any(store, None, None, None, ox.DefaultGraph()):
        return None
    budget = Budget(max_triples)
    classes = transitive_closure(_pairs(store, SUB_CLASS_OF), budget)
    properties = transitive_closure(_pairs(store, SUB_PROPERTY_OF), budget)
    terms = {*classes, *properties}.union(*classes.values(), *properties.values())
    if any(type(term) is not ox.NamedNode for term in terms):
        return None
    if any({SUB_CLASS_OF, SUB_PROPERTY_OF} & supers for supers in properties.values()):
        return None  # a statement may widen a hierarchy
    hierarchies = {SUB_CLASS_OF: classes, SUB_PROPERTY_OF: properties}
    if any(TYPE in properties.get(h, ()) for h in hierarchies):
        return None
    transitive = [
        ox.Quad(lower, h, upper, ENTAILED)
        for h, reach in hierarchies.items()
        for lower, uppers in reach.items()
        for upper in uppers
        if not _any(store, lower, h, upper)  # type: ignore[arg-type]
    ]
    typing = [p for p, supers in properties.items() if TYPE in supers] + [TYPE]
    if (  # without a budget, no bound to work out (29 counts on the bundled graph)
        budget.left is not None
        and _most(store, classes, properties, typing, transitive) > budget.left  # type: ignore[arg-type]
    ):
        return None
    write = store.bulk_extend if bulk else store.extend
    write(transitive)
    # what is derived, less what a graph holds: MINUS, a hash join over the statements of the
    # derived predicates, took a fifth of the time of a FILTER NOT EXISTS probe per row. Read
    # with SELECT and written at once: INSERT wrote row by row (into RocksDB's log, flushed
    # again on closing), about twice the time
    types: dict[ox.Quad, None] = {}
    if classes:
        ups = _values("c", "d", ((c, d) for c, supers in classes.items() for d in supers))
        uppers = _values("d", None, ((d, None) for d in set().union(*classes.values())))
        for p in typing:
            found = _select(
                store,
                f"SELECT ?s ?d WHERE {{ "
                f"{{ SELECT DISTINCT ?s ?d {{ {ups} GRAPH ?g {{ ?s {p} ?c }} }} }} "
                f"MINUS {{ {uppers} GRAPH ?h {{ ?s {TYPE} ?d }} }} }}",
            )
            types.update((ox.Quad(s, TYPE, d, ENTAILED), None) for s, d in found)
    write(types)  # before the super-properties: rdf:type's read them too
    # each super-property apart, so that rows carry no ?q to decode (a third of the time)
    statements: list[ox.Quad] = []
    below: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    for p, supers in properties.items():
        for q in supers:
            below.setdefault(q, []).append(p)
    for q, lower in below.items():
        found = _select(
            store,
            f"SELECT ?s ?o WHERE {{ "
            f"{{ SELECT DISTINCT ?s ?o {{ {_values('p', None, ((p, None) for p in lower))} "
            f"GRAPH ?g {{ ?s ?p ?o }} }} }} MINUS {{ GRAPH ?h {{ ?s {q} ?o }} }} }}",
        )
        statements.extend(ox.Quad(s, q, o, ENTAILED) for s, o in found)
    write(statements)
    return len(transitive) + len(types) + len(statements)


def _most(
    store: ox.Store,
    classes: Closure,
    properties: Closure,
    typing: list[ox.NamedNode],
    transitive: list[ox.Quad],
) -> int:
    """The most triples the rules can derive: each statement times its super-properties, each
    type times its super-classes and those times rdf:type's super-properties."""
    deepest = max(map(len, classes.values()), default=0)
    types = sum(
        _count(store, f"GRAPH ?g {{ ?s {TYPE} {c} }}") * len(supers)
        for c, supers in classes.items()
    ) + deepest * sum(_count(store, f"GRAPH ?g {{ ?s {p} ?o }}") for p in typing[:-1])
    statements = sum(
        _count(store, f"GRAPH ?g {{ ?s {p} ?o }}") * len(supers) for p, supers in properties.items()
    ) + sum(len(properties.get(q.predicate, ())) for q in transitive)  # type: ignore[arg-type]
    return len(transitive) + types * (1 + len(properties.get(TYPE, ()))) + statements


def _pairs(store: ox.Store, predicate: ox.NamedNode) -> list[tuple[Any, Any]]:
    return [(q.subject, q.object) for q in store.quads_for_pattern(None, predicate, None, None)]


def _any(store: ox.Store, s: object, p: object, o: object, g: object = None) -> bool:
    return next(store.quads_for_pattern(s, p, o, g), None) is not None  # type: ignore[arg-type]


def _select(store: ox.Store, query: str) -> Iterator[tuple[Any, ...]]:
    """The rows of the SELECT *query*, each a tuple of terms."""
    found = store.query(query)
    assert isinstance(found, ox.QuerySolutions)
    return (tuple(row) for row in found)


def _count(store: ox.Store, pattern: str) -> int:
    found = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(next(iter(found))[0].value)  # type: ignore[index, arg-type, call-overload]


def _values(
    first: str, second: str | None, rows: Iterable[tuple[ox.NamedNode, ox.NamedNode | None]]
) -> str:
    """A SPARQL ``VALUES`` block binding ?*first* (and ?*second*) to *rows* of IRIs."""
    if second is None:
        return f"VALUES ?{first} {{ {' '.join(str(a) for a, _ in rows)} }}"
    return f"VALUES (?{first} ?{second}) {{ {' '.join(f'({a} {b})' for a, b in rows)} }}"
