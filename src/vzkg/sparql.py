"""Running SPARQL queries against a graph, with errors people can act on."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from .errors import InputError, QuerySyntaxError, VzkgError
from .limits import time_limit
from .prefixes import PREFIXES
from .records import Record
from .text import kind_of, require_text

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from typing import Literal

    from rdflib import Graph
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.term import Identifier

    from .engines.base import Store

    QueryKind = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

#: a term as the result writers take it, whichever engine's it is: kind (``"uri"``,
#: ``"bnode"`` or ``"literal"``), value (IRI, label or lexical form), language tag, datatype
#: IRI (``None`` for a plain string, ``xsd:string`` included)
Parts = tuple[str, str, str | None, str | None]


class QueryResult(Record):
    """The answer to a query, independent of the engine that computed it.

    SELECT fills :attr:`variables` and :attr:`rows` (``None`` for an unbound variable), ASK
    fills :attr:`boolean`, CONSTRUCT and DESCRIBE fill :attr:`graph`. :attr:`notes` says what
    may have made the answer smaller than meant, one sentence each: a ``vzkg:`` or ``vz:`` IRI
    the graph does not hold, a name that matched several entities.

    :attr:`rows` holds rdflib terms whichever engine answered. Oxigraph's rows keep
    pyoxigraph's terms until they are first read (:class:`vzkg.engines.terms.NativeRows`):
    reading them imports rdflib (about 0.2 s, once) and converts every term (3–4 µs each),
    which the result writers of :mod:`vzkg.results`, ``len()`` and :meth:`head` do not.

    A frozen dataclass in all but its making (:class:`vzkg.records.Record`): equality ignores
    :attr:`graph`, and ``dataclasses.replace`` makes a changed copy.
    """

    kind: QueryKind
    variables: tuple[str, ...]
    rows: Sequence[tuple[Identifier | None, ...]]
    boolean: bool | None
    graph: Graph | None
    notes: tuple[str, ...]
    _fields = ("kind", "variables", "rows", "boolean", "graph", "notes")
    _uncompared = frozenset({"graph"})

    def __init__(
        self,
        kind: QueryKind,
        variables: tuple[str, ...] = (),
        rows: Sequence[tuple[Identifier | None, ...]] = (),
        boolean: bool | None = None,
        graph: Graph | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        self._set(
            kind=kind, variables=variables, rows=rows, boolean=boolean, graph=graph, notes=notes
        )

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.rows)
        if self.graph is not None:
            return len(self.graph)
        return 1

    def head(self, count: int) -> QueryResult:
        """The same result with only its first *count* rows."""
        return self._replace(rows=self.rows[:count])

    def parts(self) -> Iterator[tuple[Parts | None, ...]]:
        """Each SELECT row with its terms as :data:`Parts` (``None`` for an unbound variable):
        what the writers of :mod:`vzkg.results` take, Oxigraph's terms not made rdflib's."""
        native = getattr(self.rows, "parts", None)
        if native is not None:
            yield from native()
            return
        for row in self.rows:
            yield tuple(None if term is None else rdflib_parts(term) for term in row)

    def column(self, name: str) -> list[Identifier | None]:
        """Return the values of one SELECT variable, in row order."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]


def rdflib_parts(term: Identifier) -> Parts:
    """Return the :data:`Parts` of an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    from .writers.syntax import XSD_STRING

    if isinstance(term, URIRef):
        return "uri", str(term), None, None
    if isinstance(term, BNode):
        return "bnode", str(term), None, None
    if not isinstance(term, Literal):
        raise InputError(f"cannot write {term!r} as an RDF term")
    if term.language:
        return "literal", str(term), term.language, None
    datatype = None if term.datatype is None else str(term.datatype)
    return "literal", str(term), None, None if datatype == XSD_STRING else datatype


# SPARQL reads \uXXXX and \UXXXXXXXX escapes anywhere; a surrogate's is not a character
# compiled at first use (re keeps them), by a query that holds a backslash or a star
_ESCAPED_SURROGATE = r"(\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2})"
_SELECT_STAR = r"(?i)\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*"


def _selects_all(sparql: str) -> bool:
    """Whether *sparql* is a ``SELECT *``."""
    return "*" in sparql and re.search(_SELECT_STAR, sparql) is not None


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
    graph: Graph | Store,
    sparql: str,
    *,
    bindings: Mapping[str, Identifier] | None = None,
    timeout: float | None = None,
    allow_remote: bool = False,
) -> QueryResult:
    """Run the SPARQL 1.1 query *sparql* against *graph* and return a :class:`QueryResult`.

    *graph* is an rdflib Graph or Dataset (:func:`vzkg.load`), or a store of any engine
    (:func:`vzkg.open_store`: Oxigraph, a SPARQL server), which answers alike.

    The curated prefixes (``vz:``, ``vzkg:``, ``schema:``, ``sem:``…) may be used without
    declaring them. *bindings* binds variables, by name without ``?``, with a VALUES block
    written into the query: in place of its ``VALUES ?name { UNDEF }`` where it has one, else
    at the start of its WHERE group (see :mod:`vzkg.bindings`).
    Updates are refused: the graph is read-only here.

    The query is stopped with a :class:`~vzkg.errors.TimeLimitError` after *timeout* seconds
    (``None``: no limit; see :func:`vzkg.limits.time_limit`). ``SERVICE``, ``FROM`` and
    ``FROM NAMED`` reach no URL or file unless *allow_remote* (see :mod:`vzkg.access`).

    A ``vzkg:`` or ``vz:`` IRI that the query or *bindings* name and the graph does not hold
    is named in :attr:`QueryResult.notes`, with the nearest ones it does hold.

    A store answers with its own terms: Oxigraph's rows become rdflib's when first read (see
    :class:`QueryResult`), so that writing them (:mod:`vzkg.results`) converts nothing.

    >>> import vzkg
    >>> kg = vzkg.load()
    >>> result = vzkg.query(kg, "SELECT ?label WHERE { vz:donald-trump rdfs:label ?label "
    ...                         "FILTER(lang(?label) = 'en') }")
    >>> [str(value) for value in result.column("label")]
    ['Donald Trump']
    >>> vzkg.query(kg, "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }").boolean
    True
    >>> vzkg.query(kg, "SELECT ?q WHERE { ?q vzkg:saidOn ?time }").notes
    ('vzkg:saidOn is not in the graph; did you mean vzkg:saidAt?',)
    """
    from .engines.base import Store

    if isinstance(graph, Store) and graph.engine == "rdflib":
        graph = graph.dataset  # type: ignore[attr-defined]  # an RdflibStore: its Dataset
    if not isinstance(graph, Store) and not _is_graph(graph):
        raise InputError(
            "query() needs an rdflib Graph or Dataset (see vzkg.load()) or a store "
            f"(see vzkg.open_store()), not {kind_of(graph)}"
        )
    sparql = require_text(sparql, "the query")
    escaped = re.search(_ESCAPED_SURROGATE, sparql) if "\\" in sparql else None
    if escaped:
        raise QuerySyntaxError(
            f"the query escapes a surrogate ({escaped.group(1)}), which is not a character"
        )
    initial = _checked_bindings(bindings)
    if isinstance(graph, Store):
        return _query_store(graph, sparql, initial, timeout, allow_remote)
    from rdflib import URIRef

    from .bindings import template
    from .hints import iris_in, unknown_iris

    written = template(sparql, list(initial))  # the same for every value: prepared once
    with time_limit(timeout):
        try:
            prepared = _prepared(written)
        except Exception as error:  # pyparsing and rdflib's algebra raise assorted types
            raise _syntax_error(error) from None
        from .access import remote_access  # an audit hook: only rdflib's engine needs it

        try:
            with remote_access(allow_remote):
                result = _evaluate(graph, _filled(prepared, initial), sparql)
        except VzkgError:
            raise
        except Exception as error:  # evaluation errors (e.g. a bad function call)
            raise InputError(f"the query failed: {' '.join(str(error).split())[:300]}") from None
        named = [
            *iris_in(prepared.algebra),
            *(v for v in initial.values() if isinstance(v, URIRef)),
        ]
        notes = unknown_iris(graph, named)
        return result._replace(notes=tuple(notes)) if notes else result


def _is_graph(value: object) -> bool:
    """Whether *value* is an rdflib Graph (rdflib is imported already if it can be one)."""
    import sys

    rdflib = sys.modules.get("rdflib")
    return rdflib is not None and isinstance(value, rdflib.Graph)


def _query_store(
    store: Store,
    sparql: str,
    bindings: dict[str, Identifier],
    timeout: float | None,
    allow_remote: bool,
) -> QueryResult:
    """Run *sparql* on an engine that parses it natively (see :mod:`vzkg.engines`)."""
    from .engines.lexical import scan

    with time_limit(timeout):
        result = store.query(sparql, bindings=bindings, allow_remote=allow_remote)
        if result.kind == "SELECT" and _selects_all(sparql):  # as rdflib's, below
            result = _reordered(result, _in_order_of_appearance(result.variables, sparql))
        named = list(scan(sparql).iris)
        if bindings:  # rdflib terms: rdflib is imported already
            from rdflib import URIRef

            named += [str(v) for v in bindings.values() if isinstance(v, URIRef)]
        notes = _unknown_in_store(store, named)
    return result._replace(notes=tuple(notes)) if notes else result


_OURS = (PREFIXES["vz"], PREFIXES["vzkg"])


def _unknown_in_store(store: Store, iris: list[str]) -> list[str]:
    """The notes of :func:`vzkg.hints.unknown_iris` for the ``vz:`` and ``vzkg:`` IRIs of
    *iris* that *store* does not hold: the store says which it holds (:meth:`Store.holds`),
    so that a query whose IRIs are all known (the usual case) needs no rdflib."""
    ours = sorted({iri for iri in iris if iri.startswith(_OURS)})
    if not ours:
        return []
    found = store.holds(ours)
    missing = [iri for iri in ours if iri not in found]
    if not missing:
        return []
    from rdflib import URIRef

    from .hints import unknown_iris

    return unknown_iris(store, [URIRef(iri) for iri in missing])  # type: ignore[arg-type]


def _reordered(result: QueryResult, variables: tuple[str, ...]) -> QueryResult:
    """*result* with its variables in the order given, each value moved with its variable."""
    positions = [result.variables.index(name) for name in variables]
    picked = getattr(result.rows, "picked", None)  # Oxigraph's rows, kept in its terms
    if picked is not None:
        return result._replace(variables=variables, rows=picked(positions))
    rows = tuple(tuple(row[i] for i in positions) for row in result.rows)
    return result._replace(variables=variables, rows=rows)


@lru_cache(maxsize=128)
def _prepared(sparql: str) -> Query:
    """The parsed query, kept: rdflib takes 20–200 ms to parse one, and validation and the
    value checks run the same queries on every graph they are given."""
    # rdflib's SPARQL grammar takes a third of a cold start to build: only its engine needs it
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(sparql, initNs=PREFIXES)


def _filled(prepared: Query, bindings: dict[str, Identifier]) -> Query:
    """*prepared* with the values of *bindings* in place of the ``UNDEF`` of their ``VALUES``
    blocks: the query :func:`vzkg.bindings.bind_values` writes, without parsing it again (rdflib
    takes 20–200 ms to parse a query; ``describe`` runs 15). The nodes on the way to each block
    are copied, the prepared query is shared."""
    if not bindings:
        return prepared
    from rdflib import Variable
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import Query

    from .bindings import sparql_term

    for term in bindings.values():
        sparql_term(term)  # what no engine could be sent is refused here too
    values = {Variable(name): term for name, term in bindings.items()}
    filled: set[Variable] = set()

    def fill(node: object) -> object:
        if isinstance(node, CompValue):
            rows = node.get("res")
            if node.name == "values" and isinstance(rows, list) and len(rows) == 1:
                row = rows[0]
                if set(row) <= set(values) and all(v == "UNDEF" for v in row.values()):
                    filled.update(row)
                    return CompValue("values", **{**node, "res": [{v: values[v] for v in row}]})
            parts = {key: fill(part) for key, part in node.items()}
            if all(parts[key] is node[key] for key in parts):
                return node
            return CompValue(node.name, **parts)
        if isinstance(node, list):
            items = [fill(item) for item in node]
            return node if all(a is b for a, b in zip(items, node, strict=True)) else items
        return node

    algebra = fill(prepared.algebra)
    if filled != set(values):  # template() puts a block for each: rdflib must have kept it
        missing = ", ".join(f"?{v}" for v in sorted(set(values) - filled))
        raise InputError(f"cannot bind {missing}: rdflib does not evaluate the VALUES marking it")
    copy = Query(prepared.prologue, algebra)  # type: ignore[arg-type]
    copy.__dict__.update({k: v for k, v in vars(prepared).items() if k not in vars(copy)})
    return copy


def _checked_bindings(bindings: Mapping[str, Identifier] | None) -> dict[str, Identifier]:
    if bindings is None:
        return {}
    if not isinstance(bindings, Mapping):
        raise InputError(f"bindings must be a mapping, not {kind_of(bindings)}")
    if not bindings:
        return {}
    from rdflib.term import Identifier

    for name, value in bindings.items():
        if not isinstance(name, str) or not isinstance(value, Identifier):
            raise InputError(
                f"bindings map variable names to rdflib terms, not {name!r} to {value!r}"
            )
    return dict(bindings)


def _evaluate(graph: Graph, prepared: Query, sparql: str) -> QueryResult:
    """Run *prepared* to the end: rdflib evaluates lazily, and every step must happen under
    the time limit and the access guard."""
    result = graph.query(prepared)
    kind: QueryKind = result.type  # type: ignore[assignment]
    if kind == "ASK":
        return QueryResult(kind, boolean=bool(result.askAnswer))
    if kind in ("CONSTRUCT", "DESCRIBE"):
        from .namespaces import new_graph

        answer = new_graph()
        for triple in result.graph or ():  # type: ignore[union-attr]
            answer.add(triple)
        return QueryResult(kind, graph=answer)
    found = tuple(str(v) for v in result.vars or ())
    variables = _in_order_of_appearance(found, sparql) if _selects_all(sparql) else found
    # rdflib's rows follow its own variable order: move each value with its variable
    positions = [found.index(name) for name in variables]
    rows: tuple[tuple[Identifier | None, ...], ...] = tuple(
        tuple(row[i] for i in positions)  # type: ignore[index, misc]
        for row in result
    )
    return QueryResult("SELECT", variables=variables, rows=rows)
