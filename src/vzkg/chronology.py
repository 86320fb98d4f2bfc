"""Events in date order: the ``timeline`` named query with friendly filters."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Identifier

from .entities import resolve
from .parameters import date_bounds
from .queries import named_query
from .sparql import QueryResult, query


def timeline(
    graph: Graph, *, start: str | None = None, end: str | None = None, actor: str | None = None
) -> QueryResult:
    """Return the dated events of *graph* in date order.

    *start* and *end* are dates as YYYY, YYYY-MM or YYYY-MM-DD; an event is kept when it may
    overlap them (its latest end is not before *start*, its earliest begin not after *end*; an
    open end overlaps everything on its side).
    *actor* is anything :func:`vzkg.entities.resolve` accepts.

    >>> import vzkg
    >>> rows = timeline(vzkg.load(), start="2025-03-21", end="2025-03-21").rows
    >>> [str(row[0]) for row in rows][-2:]
    ['2025-03-21', '2025-03-21/..']
    """
    bindings: dict[str, Identifier] = {}
    if start is not None:
        bindings["from"] = Literal(date_bounds(start)[0], datatype=XSD.date)
    if end is not None:
        bindings["to"] = Literal(date_bounds(end)[1], datatype=XSD.date)
    if actor is not None:
        bindings["actor"] = resolve(graph, actor)
    return query(graph, named_query("timeline").text, bindings=bindings)
