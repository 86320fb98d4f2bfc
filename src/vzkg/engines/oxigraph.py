"""The Oxigraph engine: pyoxigraph in memory, or persistent in a folder (RocksDB).

A folder is opened, not re-parsed: a command on it starts in milliseconds at any size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from ..bindings import bind_values
from ..errors import InputError, QuerySyntaxError, VzkgError
from ..prefixes import PREFIXES
from ..sparql import QueryResult
from .base import Pattern, Quad, Store, Triple, holding_query, refuse_remote
from .isolated import run_limited
from .lexical import scan
from .terms import NativeRows, OxTerm, stored_form, to_oxigraph, to_rdflib

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import TypeAlias

    from rdflib import URIRef
    from rdflib.term import Identifier

    from ..bundled import Source
    from ..sparql import QueryKind

    _Answer: TypeAlias = "tuple[QueryKind, tuple[str, ...], NativeRows, bool | None, list[Triple]]"

# rdflib is imported where a term must be rdflib's, not here: a query written as text needs
# none (vzg:entailed is vzkg.entailment.ENTAILED_GRAPH, which a test holds to this)
_ENTAILED = ox.NamedNode(PREFIXES["vzg"] + "entailed")
# compiled at first use (re keeps them): a query that parses needs neither
_PREFIXED_NAME = r"([^\s:{}()<>;,.]*):[^\s:]*$"
_SYNTAX = r"(?s)error at (\d+):(\d+): (.*)"


class OxigraphStore(Store):
    """Oxigraph through pyoxigraph. *path*: a folder to open (created if missing, when
    *writable*; else opened read-only), else memory.

    *entailment* false leaves the graph ``vzg:entailed`` out of what queries see.
    """

    engine = "oxigraph"

    def __init__(
        self, path: str | Path | None = None, *, entailment: bool = True, writable: bool = True
    ) -> None:
        self._path = None if path is None else str(path)  # pathlib: not for a cold query
        self.writable = writable or path is None
        try:
            if self.writable:
                self._store = ox.Store(None if path is None else str(path))
            else:  # no lock: readers run side by side
                self._store = ox.Store.read_only(str(path))
        except OSError as error:
            detail = " ".join(str(error).split())
            if "lock" in detail.lower():
                detail = "another command is writing it (vzkg load?); try again when it is done"
            raise InputError(f"cannot open the Oxigraph store {path}: {detail}") from None
        self.entailment = entailment
        #: what loading changed: Oxigraph keeps some literals in canonical form only
        self.notes: list[str] = []
        # the stated copy (see _read), shared with the views of stated(); writing empties it
        self._copies: dict[str, ox.Store] = {}
        # len(store) where fill has just counted it (shared and emptied alike)
        self._sizes: dict[str, int] = {}
        self._from_copy = False

    @property
    def path(self) -> Path | None:
        """The store's folder, None in memory."""
        from pathlib import Path

        return None if self._path is None else Path(self._path)

    def stated(self) -> OxigraphStore:
        """This store without ``vzg:entailed``: where the store holds that graph, a view whose
        queries read a copy of the other graphs in memory (:func:`stated_copy`), made at its
        first query and shared by every view of this store until it is written to."""
        if self._from_copy:
            return self
        import copy

        view = copy.copy(self)  # the same pyoxigraph store and copies, read without vzg:entailed
        view.entailment, view._from_copy = False, True
        return view

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph Store that queries read, for code that reads it in Rust: the store
        itself; for a view of what it states (:meth:`stated`), a store whose union of graphs is
        what it states, the copy its queries read where it holds ``vzg:entailed`` (made here
        if no query made it yet, and then theirs: validation and queries copy once)."""
        return self._read()[0] if self._from_copy else self._store

    def close(self) -> None:
        if self.path is not None and self.writable:
            self._store.flush()
        self._copies.clear()
        del self._store

    # -- queries ------------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Identifier] | None = None,
        allow_remote: bool = False,
    ) -> QueryResult:
        refuse_remote(sparql, allow_remote)
        sparql = bind_values(sparql, bindings or {})
        read = self._read()  # here, not in run_limited's child, which would copy for nothing
        kind, variables, rows, boolean, triples = run_limited(lambda: self._answer(read, sparql))
        if kind in ("CONSTRUCT", "DESCRIBE"):
            from ..namespaces import new_graph

            graph = new_graph()
            for triple in triples:
                graph.add(triple)
            return QueryResult(kind, graph=graph)
        # rdflib's terms only when read: the writers take pyoxigraph's (see QueryResult)
        return QueryResult(kind, variables=variables, rows=rows, boolean=boolean)

    def _read(self) -> tuple[ox.Store, dict[str, object]]:
        """The pyoxigraph store that queries read, and which of its graphs they see."""
        union: dict[str, object] = {"use_default_graph_as_union": True}
        if self.entailment or not self._store.contains_named_graph(_ENTAILED):
            return self._store, union
        if not self._from_copy:
            # a store opened without entailment: nothing to pay up front (copying reads every
            # statement), but Oxigraph joins over a list of graphs 20-40 times slower
            kept = [g for g in self._store.named_graphs() if g != _ENTAILED]
            return self._store, {"default_graph": kept, "named_graphs": kept}
        if "stated" not in self._copies:
            self._copies["stated"] = stated_copy(self._store)
        return self._copies["stated"], union

    def _answer(self, read: tuple[ox.Store, dict[str, object]], sparql: str) -> _Answer:
        """Run the query on *read* (see :meth:`_read`) to its end, in a worker under a time
        limit: a graph's terms converted to rdflib's, a SELECT's kept as pyoxigraph's."""
        try:
            return self._evaluate(*read, sparql)
        except SyntaxError as error:
            raise _syntax_error(error, sparql) from None
        except VzkgError:
            raise
        except Exception as error:  # pyoxigraph: OSError, RuntimeError, ValueError…
            raise InputError(f"the query failed: {' '.join(str(error).split())[:300]}") from None

    def _evaluate(self, store: ox.Store, dataset: dict[str, object], sparql: str) -> _Answer:
        result = store.query(sparql, prefixes=PREFIXES, **dataset)  # type: ignore[arg-type]
        if isinstance(result, ox.QueryBoolean):
            return "ASK", (), NativeRows(()), bool(result), []
        if isinstance(result, ox.QueryTriples):
            kind: QueryKind = "DESCRIBE" if _is_describe(sparql) else "CONSTRUCT"
            triples = [
                (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result
            ]
            return kind, (), NativeRows(()), None, triples
        variables = tuple(v.value for v in result.variables)
        rows = NativeRows(tuple(result))  # type: ignore[arg-type]  # the solutions as they are
        return "SELECT", variables, rows, None, []

    def holds(self, iris: Sequence[str]) -> set[str]:
        """As :meth:`Store.holds`, answered in place: a few index lookups need no worker
        (a fork costs a cold command several milliseconds)."""
        if not iris:
            return set()
        rows = self._answer(self._read(), holding_query(iris))[2].native
        return {row[0].value for row in rows if row[0] is not None}

    # -- contents -----------------------------------------------------------------------------

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        self._writing()
        graph = ox.NamedNode(str(name))
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
        self._add(graph, triples)

    def _writing(self) -> None:
        if not self.writable:
            raise InputError(f"the Oxigraph store {self.path} was opened to read, not to write")
        self._copies.clear()  # what the store states is about to change
        self._sizes.clear()

    def _add(self, graph: ox.NamedNode, triples: Iterable[Triple]) -> None:
        changed: list[str] = []

        def quads() -> Iterator[ox.Quad]:
            for s, p, o in triples:
                stored = to_oxigraph(o)
                form = stored_form(o, stored)
                if form is not None:
                    changed.append(f"{o.n3()} as {form}")
                yield ox.Quad(to_oxigraph(s), to_oxigraph(p), stored, graph)  # type: ignore[arg-type]

        if self.path is None:
            self._store.extend(quads())
        else:
            self._store.bulk_extend(quads())
        self._note(graph.value, changed)

    def _note(self, graph: str, changed: list[str]) -> None:
        if changed:
            self.notes.append(
                f"Oxigraph keeps {len(changed)} literal{'s' if len(changed) > 1 else ''} of "
                f"{graph} in canonical form (such as {changed[0]}); the rdflib engine keeps "
                "them as written"
            )

    def fill(
        self,
        inputs: Iterable[Source],
        *,
        allow_remote: bool = False,
        entailment: bool = True,
        progress: Callable[[str], None] | None = None,
    ) -> int:
        """Read *inputs* straight into the store where pyoxigraph reads them as rdflib does
        (see :mod:`vzkg.engines.parsing`), else through rdflib; each graph replaces the one of
        its name. ``vzg:entailed`` is derived again from all the store then states.

        A skimmed input is loaded as it is read (it writes no graph the store held); if a later
        input turns out bad, what the skimmed ones wrote is taken out again."""
        from .native_files import load_natively
        from .parsing import load_skimmed, read, roll_back, skimmable

        self._writing()
        tell = progress or (lambda step: None)
        store, bulk = self._store, self.path is not None
        held = set(store.named_graphs())
        # skimming learns the graphs from the store: only where its default graph is empty
        plain = next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
        existing = {g.value for g in held} if plain else None
        readings = []
        try:
            for source in inputs:
                tell(f"reading {source.name} ({len(source.data):,} bytes)")
                if existing is not None and skimmable(source, existing):
                    tell(f"writing {source.name} into the store")  # as it is read
                    reading = load_skimmed(store, source, bulk=bulk, allow_remote=allow_remote)
                else:
                    reading = read(source, allow_remote=allow_remote)
                readings.append(reading)
            for reading in readings:
                if reading.dataset is not None:  # pyoxigraph's parser is strict; rdflib's is not
                    from ..writers.terms import check_terms  # rdflib's: only where it read

                    check_terms(reading.dataset.quads((None, None, None, None)))  # type: ignore[arg-type]
        except BaseException:
            if plain:
                roll_back(store, held)
            raise
        touched = {ox.NamedNode(g) for r in readings for g in r.graphs}
        entailed = _ENTAILED
        if entailment:  # derived again below; else the store's stays, as Store.load leaves it
            touched.add(entailed)
        for graph in touched & held:  # the skimmed inputs wrote only graphs it did not hold
            store.remove_graph(graph)
        for reading in readings:
            if reading.skimmed:
                continue
            tell(f"writing {reading.source.name} into the store")
            if reading.dataset is None:
                load_natively(store, reading.source, bulk=bulk)
            else:
                for named in reading.dataset.graphs():
                    if str(named.identifier) in reading.graphs:
                        self._add(ox.NamedNode(str(named.identifier)), named)  # type: ignore[arg-type]
        for graph in sorted(touched, key=lambda g: g.value):
            self._note(graph.value, [f for r in readings for f in r.rewritten.get(graph.value, [])])
        if entailed in touched:  # an input's own is left out
            store.remove_graph(entailed)
        if plain and held <= touched:
            # every graph the store holds is the inputs' (or gone): no need to count them one
            # by one, which took twice as long
            stated = written = len(store)
        else:
            sizes = self.graphs()
            stated = sum(n for g, n in sizes.items() if str(g) != _ENTAILED.value)
            written = sum(n for g, n in sizes.items() if ox.NamedNode(str(g)) in touched)
        if entailment:
            tell("working out what the graph entails")
            written += self._entail(stated)
        elif plain and held <= touched:
            self._sizes["len"] = written  # all the store holds: count() need not count again
        return written

    def _entail(self, stated: int) -> int:
        """Derive ``vzg:entailed`` from the store's other graphs, which hold *stated* triples,
        as :func:`vzkg.load` does: inside Oxigraph where
        :func:`~vzkg.engines.oxigraph_entailment.entail_in_place` can, else on pyoxigraph's
        terms (converting each to rdflib's cost more than the rules)."""
        from ..entailment import MAX_EXTRA, MAX_RATIO, Vocabulary, entailed
        from .oxigraph_entailment import SUB_CLASS_OF, SUB_PROPERTY_OF, TYPE, entail_in_place

        limit = MAX_RATIO * stated + MAX_EXTRA
        done = entail_in_place(self._store, max_triples=limit, bulk=self.path is not None)
        if done is not None:
            return done
        terms = Vocabulary(TYPE, SUB_CLASS_OF, SUB_PROPERTY_OF)
        found = entailed(_Stated(self._store), max_triples=limit, terms=terms)  # type: ignore[arg-type]
        quads = (ox.Quad(s, p, o, _ENTAILED) for s, p, o in found)  # type: ignore[arg-type]
        if self.path is None:
            self._store.extend(quads)
        else:
            self._store.bulk_extend(quads)
        return len(found)

    def count(self) -> int:
        """As :meth:`Store.count`; ``len`` where every quad of the store is in a graph that
        counts (it reads one index: half the time of counting each graph apart)."""
        store = self._store
        if (
            next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None
            or any(type(graph) is not ox.NamedNode for graph in store.named_graphs())
            or (not self.entailment and store.contains_named_graph(_ENTAILED))
        ):
            return super().count()
        return self._sizes["len"] if "len" in self._sizes else len(store)

    def graphs(self) -> dict[URIRef, int]:
        from rdflib import URIRef

        found = self._store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        return {
            URIRef(row["g"].value): int(row["n"].value)  # type: ignore[union-attr]
            for row in found  # type: ignore[union-attr]
            if isinstance(row["g"], ox.NamedNode) and (self.entailment or row["g"] != _ENTAILED)
        }

    def quads(self) -> Iterator[Quad]:
        from rdflib import URIRef

        for quad in self._store.quads_for_pattern(None, None, None, None):
            if not isinstance(quad.graph_name, ox.NamedNode):
                continue
            if not self.entailment and quad.graph_name == _ENTAILED:
                continue
            yield (
                to_rdflib(quad.subject),
                to_rdflib(quad.predicate),
                to_rdflib(quad.object),
                URIRef(quad.graph_name.value),
            )

    def dump(self, format: str = "nq") -> bytes:
        from ..writers.oxigraph_lines import OXIGRAPH_FORMATS, oxigraph_export

        if format not in OXIGRAPH_FORMATS:
            return super().dump(format)
        # Oxigraph's own serialiser, mended to the bytes of vzkg's (several times faster)
        graphs = [
            graph
            for graph in self._store.named_graphs()
            if isinstance(graph, ox.NamedNode) and (self.entailment or graph != _ENTAILED)
        ]
        return oxigraph_export(self._store, graphs, format)

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        s, p, o = (None if t is None else to_oxigraph(t) for t in pattern)
        seen: set[Triple] = set()  # the union graph: a statement once, whatever its graphs
        for quad in self._store.quads_for_pattern(s, p, o, None):  # type: ignore[arg-type]
            if not self.entailment and quad.graph_name == _ENTAILED:
                continue
            triple = (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
            if triple not in seen:
                seen.add(triple)
                yield triple


class _Stated:
    """What a pyoxigraph store states, without ``vzg:entailed``, in pyoxigraph's terms: read
    as :func:`~vzkg.entailment.entailed` reads an rdflib graph."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.entailed = _ENTAILED

    def triples(self, pattern: tuple[OxTerm | None, ...]) -> Iterator[tuple[OxTerm, ...]]:
        s, p, o = pattern
        for quad in self.store.quads_for_pattern(s, p, o, None):  # type: ignore[arg-type]
            if quad.graph_name != self.entailed:
                yield quad.subject, quad.predicate, quad.object  # type: ignore[misc]

    def __contains__(self, triple: tuple[OxTerm, ...]) -> bool:
        return next(self.triples(triple), None) is not None


def stated_copy(store: ox.Store) -> ox.Store:
    """What *store* states: a new store in memory holding each of its named graphs but
    ``vzg:entailed``, under its own name, copied term for term inside pyoxigraph.

    Its union is what the store states. Oxigraph answers a query over a list of default graphs
    (every graph but ``vzg:entailed``) 20-40 times slower than over the union of a store's
    graphs (47 graphs, 127k triples; ``bench/bench_stated.py``), a time the copy pays back at
    the first query that joins; but it reads every statement, about 15 µs each from a folder
    (16 s and 0.6 GB more memory at 1.1M triples). Validation can judge the copy's union."""
    copied = ox.Store()
    copied.bulk_extend(
        quad
        for graph in store.named_graphs()
        if graph != _ENTAILED
        for quad in store.quads_for_pattern(None, None, None, graph)
    )
    return copied


def _is_describe(sparql: str) -> bool:
    return scan(sparql).form == "DESCRIBE"


def _syntax_error(error: SyntaxError, sparql: str) -> QuerySyntaxError:
    found = re.match(_SYNTAX, str(error))
    if found is None:
        return QuerySyntaxError(f"SPARQL error: {' '.join(str(error).split())[:300]}")
    line, column, message = found.groups()
    if message.startswith("expected one of Prefix not found"):
        # Oxigraph lists every character it could have taken; the prefix ends where it stopped
        before = sparql.splitlines()[int(line) - 1][: int(column) - 1]
        prefix = re.search(_PREFIXED_NAME, before)
        if prefix is not None:
            message = f"Unknown namespace prefix : {prefix.group(1)}"  # rdflib's words
    return QuerySyntaxError(
        f"SPARQL syntax error at line {line}, column {column}: {' '.join(message.split())[:300]}"
    )
