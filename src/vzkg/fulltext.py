"""Keyword search: find nodes by the words of their names, statements, descriptions and evidence.

:class:`SearchIndex` reads a graph once into an in-memory SQLite FTS5 index (Python's standard
library): one document per IRI node, whose words fill five fields,

* **name**: ``rdfs:label``, ``schema:alternateName``, ``schema:name``, ``skos:prefLabel``,
  ``skos:altLabel``, ``dcterms:title``, in every language;
* **text**: ``schema:text`` (what a claim or quotation says);
* **description**: ``schema:description``, ``skos:definition``, ``rdfs:comment``,
  ``dcterms:description``;
* **evidence**: the quoted words of its evidence (``vzkg:evidence/oa:hasSelector/oa:exact``);
* **type**: the labels of its event type (``sem:eventType/rdfs:label``), so that
  "deportación" finds the deportation itself as well as the words that name it.

Words match whole, whatever their case and accents ("rodriguez" finds "Rodríguez"; FTS5's
``unicode61`` tokenizer with ``remove_diacritics 2``); a node matches when it holds every word
given, in any of its fields; ``"two words"`` in double quotes must stand together, and ``word*``
matches the words that begin with it. Hits are ranked by BM25 (SQLite's ``bm25()``, which
weighs rare words more and long nodes less) with the fields weighted as :data:`WEIGHTS` says:
10 a name or an event type's label (both say what the node is), 5 a text, 2 a description or
an evidence quote; so a word in a short name outranks the same word in a long quotation. Equal
scores go in IRI order. Blank nodes are not indexed: a hit is something to describe or cite.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from .errors import InputError, VzkgError
from .kinds import kind_of_types
from .namespaces import OA, SCHEMA, SEM, compact
from .results import cut, render_table
from .text import kind_of as type_name
from .text import printable, require_text
from .vocab import VZKG

if TYPE_CHECKING:
    from .engines import Store

#: Where the words of each field come from: a source's name, its field and its predicates
#: (evidence quotes and event-type labels are reached through other nodes).
SOURCES: dict[str, tuple[str, tuple[URIRef, ...]]] = {
    "label": ("name", (RDFS.label, SKOS.prefLabel)),
    "alternate name": ("name", (SCHEMA.alternateName, SKOS.altLabel)),
    "name": ("name", (SCHEMA.name,)),
    "title": ("name", (DCTERMS.title,)),
    "text": ("text", (SCHEMA.text,)),
    "description": ("description", (SCHEMA.description, DCTERMS.description)),
    "definition": ("description", (SKOS.definition,)),
    "comment": ("description", (RDFS.comment,)),
    "evidence": ("evidence", ()),
    "event type": ("type", ()),
}
#: The fields and their BM25 weights (see the module's docstring).
WEIGHTS = {"name": 10.0, "text": 5.0, "description": 2.0, "evidence": 2.0, "type": 10.0}
_NAMES = list(SOURCES)
_COLUMNS = list(WEIGHTS)
_META = ("iri", "kind", "label", "sources")  # stored with each node, not searched
_OPEN, _CLOSE = "\x02", "\x03"  # highlight marks: no indexed text holds a control character
_CONTEXT = 40  # characters of context either side of the matched words
_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Match:
    """Where a hit's words were found: one literal of the node, the words in context."""

    #: what the literal is: "label", "alternate name", "text", "description", "evidence"…
    field: str
    #: its language tag, or ""
    language: str
    #: the literal around the matched words, which stand in [brackets]; "…" where it is cut
    context: str
    #: the matched words as the literal writes them
    words: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """One node that holds the words searched for."""

    iri: str
    #: what the node is: "quotation", "event", "person"… (see :func:`vzkg.kinds.kind_of`)
    kind: str
    label: str
    #: higher is better: minus SQLite's BM25 with the field weights of :data:`WEIGHTS`
    score: float
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class SearchResult:
    """The hits of one search, best first, and how many nodes matched in all."""

    words: str
    hits: tuple[Hit, ...]
    total: int

    def text(self, *, max_width: int | None = 50) -> str:
        """An aligned table: rank, kind, node, label and the first match in context."""
        rows = []
        for rank, hit in enumerate(self.hits, 1):
            first = hit.matches[0] if hit.matches else None
            where = (
                f"{first.field}{'@' + first.language if first.language else ''}" if first else ""
            )
            more = f" (+{len(hit.matches) - 1})" if len(hit.matches) > 1 else ""
            rows.append(
                [
                    str(rank),
                    hit.kind,
                    compact(hit.iri),
                    cut(hit.label, max_width),
                    f"{where}: {first.context}{more}" if first else "",
                ]
            )
        return render_table(("rank", "kind", "node", "label", "matched"), rows, max_width=None)

    def to_csv(self) -> str:
        """One row a hit: rank, node IRI, kind, label, score, the first match's field and
        context, and every matched word (space-separated); CRLF line ends."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(("rank", "iri", "kind", "label", "score", "field", "context", "words"))
        for rank, hit in enumerate(self.hits, 1):
            first = hit.matches[0] if hit.matches else Match("", "", "", ())
            words = dict.fromkeys(word for match in hit.matches for word in match.words)
            writer.writerow(
                (rank, hit.iri, hit.kind, hit.label, f"{hit.score:.4f}", first.field,
                 first.context, " ".join(words))
            )  # fmt: skip
        return buffer.getvalue()

    def to_json(self) -> str:
        """``{"words", "total", "hits": [{"iri", "kind", "label", "score", "matches"}]}``."""
        document = {
            "words": self.words,
            "total": self.total,
            "hits": [asdict(h) for h in self.hits],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


class SearchIndex:
    """The words of *graph*, indexed once for any number of searches.

    *graph* is a store of any engine (:func:`vzkg.open_store`), or an rdflib Graph or Dataset
    (:func:`vzkg.load`); each predicate the index needs is read from it once (see
    :data:`SOURCES`). Build it after the graph is complete: it does not follow later changes.

    >>> import vzkg
    >>> index = SearchIndex(vzkg.load())
    >>> [hit.iri for hit in index.search("Rodriguez", limit=1).hits]
    ['https://w3id.org/vzkg/id/jorge-rodriguez']
    >>> len(index)  # nodes with words
    271
    """

    def __init__(self, graph: Graph | Store) -> None:
        from .engines.base import Store
        from .engines.memory import as_store

        if not isinstance(graph, (Graph, Store)):
            raise InputError(
                "search needs an rdflib Graph or Dataset (see vzkg.load()) or a store (see "
                f"vzkg.open_store()), not {type_name(graph)}"
            )
        store = as_store(graph)
        self._db = _new_database()
        nodes = _collect(store)
        types: dict[object, set[object]] = defaultdict(set)
        for node, _, cls in store.triples((None, RDF.type, None)):
            if node in nodes:
                types[node].add(cls)
        rows = [
            _row(node, kind_of_types(types[node]), fields) for node, fields in sorted(nodes.items())
        ]
        columns = ", ".join((*_META, *_COLUMNS))
        marks = ", ".join("?" * (len(_META) + len(_COLUMNS)))
        with self._db:
            self._db.executemany(
                f"INSERT INTO node (rowid, {columns}) VALUES (?, {marks})",
                [(number, *row) for number, row in enumerate(rows, 1)],
            )
        self._size = len(rows)

    def __len__(self) -> int:
        return self._size

    def search(self, words: str, *, limit: int | None = 20) -> SearchResult:
        """Return the nodes that hold every one of *words*, best first (see :mod:`vzkg.fulltext`).

        At most *limit* hits (``None``: all); :attr:`SearchResult.total` counts them all.
        """
        expression = _expression(words)
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
            raise InputError(f"limit must be a whole number or None, not {type_name(limit)}")
        if limit is not None and limit < 1:
            raise InputError(f"limit must be at least 1 (None for all), not {limit}")
        weights = ", ".join(["0"] * len(_META) + [str(weight) for weight in WEIGHTS.values()])
        try:
            total = self._db.execute(
                "SELECT count(*) FROM node WHERE node MATCH ?", (expression,)
            ).fetchone()[0]
            ranked = self._db.execute(
                f"SELECT rowid, iri, kind, label, bm25(node, {weights}) AS score FROM node "
                "WHERE node MATCH ? ORDER BY score, rowid LIMIT ?",
                (expression, -1 if limit is None else limit),
            ).fetchall()
            hits = tuple(
                Hit(iri, kind, label, round(-score, 4), self._matches(expression, rowid))
                for rowid, iri, kind, label, score in ranked
            )
        except sqlite3.Error as error:  # FTS5 refuses what its query syntax cannot hold
            raise InputError(f"cannot search for {words!r}: {error}") from None
        return SearchResult(words, hits, total)

    def _matches(self, expression: str, rowid: int) -> tuple[Match, ...]:
        marked = ", ".join(
            f"highlight(node, {len(_META) + i}, '{_OPEN}', '{_CLOSE}')"
            for i in range(len(_COLUMNS))
        )
        sources, *columns = self._db.execute(
            f"SELECT sources, {marked} FROM node WHERE node MATCH ? AND rowid = ?",
            (expression, rowid),
        ).fetchone()
        found = []
        for names, text in zip(json.loads(sources), columns, strict=True):
            for name, literal in zip(
                names, _balanced(text.split("\n") if text else []), strict=True
            ):
                if _OPEN in literal:
                    field, _, language = name.partition("@")
                    found.append(Match(field, language, *_in_context(literal)))
        return tuple(found)


def search(
    graph: Graph | Store | SearchIndex, words: str, *, limit: int | None = 20
) -> SearchResult:
    """Find the nodes of *graph* whose words hold every one of *words*, best first.

    *graph* is a graph or a store, indexed for this search, or a :class:`SearchIndex` built
    once for many searches. Matching and ranking: see :mod:`vzkg.fulltext`. At most *limit*
    hits (``None``: all). Words with no letter or digit raise an :class:`~vzkg.errors.InputError`.

    >>> import vzkg
    >>> kg = vzkg.load()
    >>> for hit in vzkg.search(kg, "deportación", limit=2).hits:
    ...     print(f"{hit.kind}: {hit.iri}")
    ...     print("   ", hit.matches[0].context)
    event type: https://w3id.org/vzkg/ontology/Deportation
        [deportación]
    policy: https://w3id.org/vzkg/id/policy-deportation-flights
        vuelos de [deportación] de EE. UU. a Venezuela
    >>> hit = vzkg.search(kg, "Rodriguez kidnapped").hits[0]
    >>> hit.kind, hit.label
    ('accusation', 'Rodríguez calls the Venezuelans held in El Salvador kidnapped')
    >>> [match.words for match in hit.matches if match.field == "evidence"]
    [('kidnapped',)]
    """
    index = graph if isinstance(graph, SearchIndex) else SearchIndex(graph)
    return index.search(words, limit=limit)


def _new_database() -> sqlite3.Connection:
    database = sqlite3.connect(":memory:", check_same_thread=False)
    columns = ", ".join([f"{name} UNINDEXED" for name in _META] + _COLUMNS)
    try:
        database.execute(
            f"CREATE VIRTUAL TABLE node USING fts5({columns}, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError as error:  # a Python built against SQLite without FTS5
        raise VzkgError(f"keyword search needs SQLite's FTS5, which is missing: {error}") from None
    return database


# node -> one list per field of (source number, language, text)
_Fields = list[list[tuple[int, str, str]]]


def _collect(graph: Store) -> dict[URIRef, _Fields]:
    """Gather the words of every IRI node, reading each predicate's triples once."""
    nodes: dict[URIRef, _Fields] = {}

    def add(node: object, source: str, text: str, language: str = "") -> None:
        clean = printable(" ".join(text.split()))
        if isinstance(node, URIRef) and clean:
            fields = nodes.setdefault(node, [[] for _ in _COLUMNS])
            fields[_COLUMNS.index(SOURCES[source][0])].append(
                (_NAMES.index(source), language, clean)
            )

    for source, (_, predicates) in SOURCES.items():
        for predicate in predicates:
            for node, value in _pairs(graph, predicate):
                if isinstance(value, Literal):
                    add(node, source, value, value.language or "")
    quotes: dict[object, list[str]] = defaultdict(list)  # each engine gives them in its order:
    for selector, words in _pairs(graph, OA.exact):  # every one is kept, and _row sorts them
        if isinstance(words, Literal):
            quotes[selector].append(str(words))
    selectors: dict[object, list[str]] = defaultdict(list)
    for evidence, selector in _pairs(graph, OA.hasSelector):
        selectors[evidence].extend(quotes.get(selector, ()))
    for node, evidence in _pairs(graph, VZKG.evidence):
        for quote in selectors.get(evidence, ()):
            add(node, "evidence", quote)
    label = _NAMES.index("label")
    for event, event_type in _pairs(graph, SEM.eventType):
        names = (
            nodes[event_type][0] if isinstance(event_type, URIRef) and event_type in nodes else []
        )
        for number, language, text in names:
            if number == label:
                add(event, "event type", text, language)
    return nodes


def _pairs(graph: Store, predicate: URIRef) -> Iterable[tuple[object, object]]:
    return ((s, o) for s, _, o in graph.triples((None, predicate, None)))


def _row(node: URIRef, kind: str, fields: _Fields) -> tuple[str, ...]:
    """The stored values of one node: its metadata, then one text a field, a line a literal."""
    for column in fields:
        column[:] = sorted(set(column))  # the same words in the same order, run after run
    names = [[_NAMES[s] + (f"@{lang}" if lang else "") for s, lang, _ in f] for f in fields]
    return (
        str(node),
        kind,
        _title(fields),
        json.dumps(names, ensure_ascii=False),
        *("\n".join(text for _, _, text in column) for column in fields),
    )


def _title(fields: _Fields) -> str:
    """What to call a node: its English label, else a label, a name, its text, else nothing."""
    label = _NAMES.index("label")
    names = sorted(fields[0], key=lambda f: (f[0] != label, f[1] != "en", f[0], f[1], f[2]))
    if names:
        return names[0][2]
    return fields[1][0][2] if fields[1] else ""


def _expression(words: str) -> str:
    """Turn what a person typed into an FTS5 query: each word or "quoted phrase" a string that
    must occur (FTS5 tokenizes it as it tokenized the index), ``word*`` a prefix."""
    text = unicodedata.normalize("NFC", require_text(words, "the words to search for"))
    terms = []
    for match in _CHUNK.finditer(text):
        chunk = match.group(1) if match.group(1) is not None else match.group(2)
        prefix = match.group(2) is not None and chunk.endswith("*")
        chunk = chunk.rstrip("*") if prefix else chunk
        if any(c.isalnum() for c in chunk):
            terms.append('"' + chunk.replace('"', '""') + '"' + ("*" if prefix else ""))
    if not terms:
        shown = " ".join(text.split())[:60]
        raise InputError(f"nothing to search for in {shown!r}: give words with letters or digits")
    return " AND ".join(terms)


def _balanced(literals: Iterable[str]) -> list[str]:
    """Close a highlight that runs past the end of a literal (a phrase can span two literals of
    one field) and open it again in the next."""
    out, inside = [], False
    for literal in literals:
        text = (_OPEN if inside else "") + literal
        inside = text.rfind(_OPEN) > text.rfind(_CLOSE)
        out.append(text + (_CLOSE if inside else ""))
    return out


def _in_context(marked: str) -> tuple[str, tuple[str, ...]]:
    """The matched words with up to :data:`_CONTEXT` characters either side, cut at spaces."""
    words = tuple(re.findall(f"{_OPEN}(.*?){_CLOSE}", marked))
    first, last = marked.index(_OPEN), marked.rindex(_CLOSE) + 1
    start, end = max(first - _CONTEXT, 0), min(last + _CONTEXT, len(marked))
    if start > 0:
        space = marked.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    if end < len(marked):
        space = marked.rfind(" ", last, end)
        end = space if space >= 0 else last
    shown = ("…" if start else "") + marked[start:end] + ("…" if end < len(marked) else "")
    return shown.replace(_OPEN, "[").replace(_CLOSE, "]"), words
