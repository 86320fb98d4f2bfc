"""Running SPARQL queries against a graph, with errors people can act on."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal as KindLiteral

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier

from .errors import QuerySyntaxError
from .namespaces import PREFIXES, new_graph

QueryKind = KindLiteral["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query, independent of the engine that computed it.

    SELECT fills :attr:`variables` and :attr:`rows` (``None`` for an unbound variable), ASK
    fills :attr:`boolean`, CONSTRUCT and DESCRIBE fill :attr:`graph`.
    """

    kind: QueryKind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Identifier | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = field(default=None, compare=False)

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.rows)
        if self.graph is not None:
            return len(self.graph)
        return 1

    def column(self, name: str) -> list[Identifier | None]:
        """Return the values of one SELECT variable, in row order."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]


_SELECT_STAR = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", re.IGNORECASE)


def _in_order_of_appearance(variables: tuple[str, ...], sparql: str) -> tuple[str, ...]:
    """Order the variables of ``SELECT *`` as they first appear in the query, as SPARQL
    engines do (rdflib collects them in a set, whose order changes from run to run)."""

    def first_use(name: str) -> tuple[int, str]:
        match = re.search(rf"[?$]{re.escape(name)}\b", sparql)
        return (match.start() if match else len(sparql), name)

    return tuple(sorted(variables, key=first_use))


def _syntax_error(error: Exception) -> QuerySyntaxError:
    line = getattr(error, "lineno", None)
    column = getattr(error, "col", None)
    message = getattr(error, "msg", None) or " ".join(str(error).split())
    if line is not None and column is not None:
        text = str(getattr(error, "line", "") or "")
        near = " ".join(text[max(column - 1, 0) :].split())[:30]
        where = f" near {near!r}" if near else " at the end of the line"
        return QuerySyntaxError(
            f"SPARQL syntax error at line {line}, column {column}{where}: {message}"
        )
    return QuerySyntaxError(f"SPARQL error: {message}")


def query(
    graph: Graph, sparql: str, *, bindings: Mapping[str, Identifier] | None = None
) -> QueryResult:
    """Run the SPARQL 1.1 query *sparql* against *graph* and return a :class:`QueryResult`.

    The curated prefixes (``vz:``, ``vzkg:``, ``schema:``, ``sem:``…) may be used without
    declaring them. *bindings* fixes variables before the query runs, by name without ``?``.
    Updates are refused: the graph is read-only here.

    >>> import vzkg
    >>> kg = vzkg.load()
    >>> result = vzkg.query(kg, "SELECT ?label WHERE { vz:donald-trump rdfs:label ?label "
    ...                         "FILTER(lang(?label) = 'en') }")
    >>> [str(value) for value in result.column("label")]
    ['Donald Trump']
    >>> vzkg.query(kg, "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }").boolean
    True
    """
    try:
        prepared = prepareQuery(sparql, initNs=PREFIXES)
    except Exception as error:  # pyparsing and rdflib's algebra raise assorted types
        raise _syntax_error(error) from None
    try:
        result = graph.query(prepared, initBindings=dict(bindings or {}))
    except Exception as error:  # evaluation errors (e.g. a bad function call) are query errors
        raise QuerySyntaxError(f"SPARQL error: {' '.join(str(error).split())}") from None
    kind: QueryKind = result.type  # type: ignore[assignment]
    if kind == "ASK":
        return QueryResult(kind, boolean=bool(result.askAnswer))
    if kind in ("CONSTRUCT", "DESCRIBE"):
        answer = new_graph()
        for triple in result.graph or ():  # type: ignore[union-attr]
            answer.add(triple)
        return QueryResult(kind, graph=answer)
    found = tuple(str(v) for v in result.vars or ())
    variables = _in_order_of_appearance(found, sparql) if _SELECT_STAR.search(sparql) else found
    # rdflib's rows follow its own variable order: move each value with its variable
    positions = [found.index(name) for name in variables]
    rows: tuple[tuple[Identifier | None, ...], ...] = tuple(
        tuple(row[i] for i in positions)  # type: ignore[index, misc]
        for row in result
    )
    return QueryResult("SELECT", variables=variables, rows=rows)
