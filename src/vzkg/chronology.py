"""Events in date order: the ``timeline`` named query with friendly filters."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from .entities import match
from .namespaces import compact
from .parameters import date_bounds
from .queries import named_query
from .sparql import QueryResult, query

# How an entity takes part in events, to say why it has none in a timeline.
_PARTS = """
SELECT (COUNT(DISTINCT ?acted) AS ?as_actor) (COUNT(DISTINCT ?placed) AS ?as_place) WHERE {
    { ?acted sem:hasActor/rdf:value ?who } UNION { ?placed sem:hasPlace/rdf:value ?who }
}
"""


def timeline(
    graph: Graph, *, start: str | None = None, end: str | None = None, actor: str | None = None
) -> QueryResult:
    """Return the events of *graph* in date order, every one of them: an undated event has an
    interval open at both ends, which the source's date closes (``../2025-03-23``).

    *start* and *end* are dates as YYYY, YYYY-MM or YYYY-MM-DD; an event is kept when it may
    overlap them (its latest end is not before *start*, its earliest begin not after *end*; an
    open end overlaps everything on its side).

    *actor* is anything :func:`vzkg.entities.resolve` accepts. A name that several entities
    match (a city's label, and a government's alternate name) keeps the events of each,
    and :attr:`~vzkg.sparql.QueryResult.notes` says which they are; so it does when an actor
    takes part in no event, or in none between *start* and *end*.

    >>> import vzkg
    >>> kg = vzkg.load()
    >>> rows = timeline(kg, start="2025-03-21", end="2025-03-21").rows
    >>> [str(row[0]) for row in rows][-2:]
    ['2025-03-21', '2025-03-21/..']
    >>> result = timeline(kg, actor="Caracas")
    >>> len(result.rows)
    9
    >>> print(result.notes[0].split(": ")[0])
    'Caracas' names vz:caracas (its label) and vz:venezuelan-government (an alternate name)
    """
    bindings: dict[str, Identifier] = {}
    if start is not None:
        bindings["from"] = Literal(date_bounds(start)[0], datatype=XSD.date)
    if end is not None:
        bindings["to"] = Literal(date_bounds(end)[1], datatype=XSD.date)
    text = named_query("timeline").text
    if actor is None:
        return query(graph, text, bindings=bindings)
    found = match(graph, actor)
    if len(found.entities) == 1:
        result = query(graph, text, bindings={**bindings, "actor": found.entities[0]})
    else:  # the query binds one actor: keep, in date order, the events of any of them
        result = query(graph, text, bindings=bindings)
        kept = {
            event
            for entity in found.entities
            for event in query(graph, text, bindings={**bindings, "actor": entity}).column("event")
        }
        index = result.variables.index("event")
        result = result._replace(rows=tuple(row for row in result.rows if row[index] in kept))
    notes = [note for note in (found.note_all(),) if note]
    if not result.rows:
        notes += [_no_events(graph, entity, start, end) for entity in found.entities]
    return result._replace(notes=result.notes + tuple(notes))


def _no_events(graph: Graph, entity: URIRef, start: str | None, end: str | None) -> str:
    """Say why *entity* has no events in a timeline: none at all, or none in the dates."""
    as_actor, as_place = (int(n) for n in query(graph, _PARTS, bindings={"who": entity}).rows[0])  # type: ignore[arg-type]
    name = compact(str(entity))
    if as_actor:
        return (
            f"{name} takes part in {_events(as_actor)}, but in none from {start or '..'} "
            f"to {end or '..'}"
        )
    place = (
        f", but is the place of {_events(as_place)} ('vzkg describe {name}')" if as_place else ""
    )
    return f"{name} takes part in no event{place}"


def _events(count: int) -> str:
    return f"{count} event{'s' if count != 1 else ''}"
