"""Typed parameters of the named queries: ``name=value`` text from the command line, or Python
values, turned into SPARQL bindings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from .bindings import bind_values
from .errors import InputError
from .prefixes import PREFIXES
from .queries import Param, named_query
from .sparql import QueryResult, query
from .text import kind_of, require_text

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Identifier

# rdflib (the terms bound) and vzkg.entities are imported only when there is a value to bind:
# a named query run without parameters on Oxigraph needs neither
_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bounds(text: str) -> tuple[date, date]:
    """Return the first and last day of a date given as YYYY, YYYY-MM or YYYY-MM-DD.

    >>> date_bounds("2025-02")
    (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    """
    match = _DATE.match(require_text(text, "a date").strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            import calendar  # locale and more: only for a month's last day

            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        exact = date(year, month, day)
        return exact, exact
    except ValueError:
        raise InputError(f"bad date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from None


def _guess(graph: Graph, value: str) -> Identifier:
    """Bind an undeclared parameter: an IRI, CURIE or QID, a number, a date, else text."""
    from rdflib import Literal, URIRef

    from .entities import resolve

    if (
        value.startswith("<")
        or value.startswith(("http://", "https://"))
        or re.match(r"^(wd:)?Q[1-9][0-9]*$", value)
    ):
        return resolve(graph, value)
    prefix, _, local = value.partition(":")
    if local and prefix in PREFIXES:
        return URIRef(PREFIXES[prefix] + local)
    if re.fullmatch(r"-?\d+", value):
        return Literal(int(value))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(date_bounds(value)[0], datatype=URIRef(_XSD_DATE))
    return Literal(value)


def bind(
    graph: Graph,
    assignments: Iterable[str],
    declared: Sequence[Param] | None = None,
    *,
    notes: list[str] | None = None,
) -> dict[str, Identifier]:
    """Parse ``name=value`` *assignments* into bindings, typed by the *declared* parameters.

    An entity parameter binds the entity its name names best (see
    :func:`vzkg.entities.resolve`); when the name matched others too, a sentence saying so is
    appended to *notes*.

    >>> import vzkg
    >>> from vzkg.queries import Param
    >>> bind(vzkg.load(), ["who=Maduro"], [Param("who", "entity", "a person")])
    {'who': rdflib.term.URIRef('https://w3id.org/vzkg/id/nicolas-maduro')}
    """
    types = {param.name: param.type for param in declared or ()}
    bindings: dict[str, Identifier] = {}
    assignments = list(assignments)
    if not assignments:
        return bindings
    from rdflib import Literal, URIRef

    from .entities import resolve_noted

    xsd_date = URIRef(_XSD_DATE)
    for assignment in assignments:
        name, equals, value = require_text(assignment, "a parameter").partition("=")
        name = name.strip().lstrip("?$")
        if not equals or not re.fullmatch(r"\w+", name):
            raise InputError(f"bad parameter {assignment!r}: write name=value")
        if declared is not None and name not in types:
            known = ", ".join(sorted(types)) or "none"
            raise InputError(f"this query has no parameter {name!r}; it takes: {known}")
        kind = types.get(name)
        if kind == "entity":
            bindings[name], note = resolve_noted(graph, value)
            if note and notes is not None:
                notes.append(note)
        elif kind == "start":
            bindings[name] = Literal(date_bounds(value)[0], datatype=xsd_date)
        elif kind == "end":
            bindings[name] = Literal(date_bounds(value)[1], datatype=xsd_date)
        elif kind == "text":
            bindings[name] = Literal(value)
        else:
            bindings[name] = _guess(graph, value)
    return bindings


def run_named_query(
    graph: Graph, name: str, /, *, timeout: float | None = None, **params: object
) -> QueryResult:
    """Run the named query *name* (see :func:`vzkg.named_queries`) with typed *params*.

    Each parameter takes the type its query declares: an ``entity`` a name, QID, CURIE or IRI
    (or an rdflib ``URIRef``), resolved as :func:`vzkg.entities.resolve` does; a ``start`` or
    ``end`` date a :class:`datetime.date` or text as YYYY, YYYY-MM or YYYY-MM-DD (its first or
    last day); ``text`` a string. A name that Python reserves takes a trailing underscore
    (``from_="2025-03"``). An unknown query or parameter, or a value of the wrong type,
    raises an :class:`~vzkg.errors.InputError`.

    >>> import vzkg
    >>> kg = vzkg.load()
    >>> result = vzkg.run_named_query(kg, "quotes-by-speaker", speaker="Rodriguez")
    >>> sorted({str(row[0]) for row in result.rows})
    ['Jorge Rodríguez']
    >>> rows = vzkg.run_named_query(kg, "timeline", from_="2025-03-22", to="2025-03-22").rows
    >>> [str(row[0]) for row in rows][-2:]
    ['2025-03-21/..', '2025-03-22']
    """
    return query(graph, named_query_text(graph, name, **params), timeout=timeout)


def named_query_text(graph: Graph, name: str, /, **params: object) -> str:
    """Return the text of the named query *name* with *params* (typed as for
    :func:`run_named_query`) written into it: standard SPARQL that any engine answers alike.

    >>> import vzkg
    >>> text = named_query_text(vzkg.load(), "quotes-by-speaker", speaker="Q22686")
    >>> "VALUES ?speaker { <https://w3id.org/vzkg/id/donald-trump> }" in text
    True
    """
    from rdflib import URIRef

    named = named_query(require_text(name, "the query name"))
    types = {param.name: param.type for param in named.params}
    bindings: dict[str, Identifier] = {}
    for key, value in params.items():
        if key.endswith("_") and key[:-1] in types:  # from_ for the query's ?from
            key = key[:-1]
        if key not in types:
            known = ", ".join(sorted(types)) or "none"
            raise InputError(f"the query {name!r} has no parameter {key!r}; it takes: {known}")
        kind = types[key]
        if kind == "entity" and isinstance(value, URIRef):
            value = str(value)
        elif kind in ("start", "end") and isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, str):
            raise InputError(f"parameter {key!r} ({kind}) must be text, not {kind_of(value)}")
        bindings.update(bind(graph, [f"{key}={value}"], named.params))
    return bind_values(named.text, bindings)
