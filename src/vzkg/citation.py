"""Citations a journalist can paste: the fact in plain words, the source's own words, the source.

A fact of vzkg is a node with evidence (``vzkg:evidence``: quoted words of a source), a
curators' inference (``vzkg:inference``) or a source (``prov:wasDerivedFrom``, or the named graph
of one source it lives in). :func:`cite` gathers what a citation needs; :meth:`Citation.text`,
:func:`to_csl_json` (CSL-JSON, the input format of citeproc and of reference managers such as
Zotero) and :func:`to_bibtex` write it. A fact the curators inferred says so and quotes their
note, not the source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDFS

from .engines.memory import as_store
from .errors import InputError
from .kinds import kind_of
from .namespaces import OA, SCHEMA, SEM, compact
from .sparql import query
from .text import printable
from .vocab import VZKG

if TYPE_CHECKING:
    from .engines import Store

_CLAIMS = {"claim", "accusation", "pledge"}  # whose schema:text says the fact in plain words
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
# the sources of the graphs that state something of ?this (an inferred node: its graph's)
_GRAPH_SOURCES = """
SELECT DISTINCT ?source WHERE { GRAPH ?g { ?this ?p ?o } ?g prov:wasDerivedFrom ?source }
"""
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    # BibTeX counts every brace, even \{: an escaped brace must not be one
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass(frozen=True)
class Quote:
    """Words of a source that support a fact, with their character offsets in its text."""

    words: str
    start: int | None
    end: int | None
    source: str


@dataclass(frozen=True)
class Source:
    """The article a fact comes from."""

    iri: str
    title: str
    identifier: str | None
    publisher: str | None
    dateline: str | None
    place: str | None
    date: str | None
    language: str | None


@dataclass(frozen=True)
class Citation:
    """Everything needed to cite one fact of the graph."""

    node: str
    #: what the fact is: "quotation", "event", "role"… (see :func:`vzkg.kinds.kind_of`)
    kind: str
    #: the fact in plain words
    fact: str
    #: when it happened or was said, as the graph dates it (ISO 8601-2), or None
    when: str | None
    #: the source's own words for it
    quotes: tuple[Quote, ...]
    #: what the curators inferred beyond the words, or None
    inference: str | None
    sources: tuple[Source, ...]

    def text(self) -> str:
        """A citation in plain text, ready to paste."""
        about = ", ".join(part for part in (self.kind, self.when) if part)
        lines = [f"{_one_line(self.fact)} ({about})"]
        for quote in self.quotes:
            where = f" (characters {quote.start}-{quote.end})" if quote.start is not None else ""
            lines.append(f"  “{_one_line(quote.words)}”{where}")
        if self.inference is not None:
            lead = "Also inferred" if self.quotes else "Not in the source's words: inferred"
            lines.append(f"  {lead} by the vzkg curators: “{_one_line(self.inference)}”")
        lines.extend(f"Source: {_reference(source)}." for source in self.sources)
        lines.append(f"Fact: {self.node} (vzkg knowledge graph).")
        return printable("\n".join(lines)) + "\n"

    def note(self) -> str:
        """The fact, its words (or the curators' inference) and its node, on one line."""
        parts = [f"Fact: {self.fact}" + (f" ({self.when})" if self.when else "") + "."]
        if self.quotes:
            words = "; ".join(f"“{q.words}”" for q in self.quotes)
            parts.append(f"Words of the source: {words}.")
        if self.inference is not None:
            parts.append(f"Inferred by the vzkg curators: “{self.inference}”.")
        parts.append(f"vzkg: {self.node}")
        return _one_line(" ".join(parts))

    def key(self) -> str:
        """A citation key: ``vzkg-`` and the node's local name, in letters, digits, - and _."""
        local = re.split(r"[/#]", self.node.rstrip("/#"))[-1]
        return "vzkg-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", local).strip("-") or "fact")


def is_citable(graph: Graph | Store, node: URIRef) -> bool:
    """Whether *node* is a fact with something to cite: evidence, an inference or a source."""
    return any(
        (node, link, None) in graph for link in (VZKG.evidence, VZKG.inference, PROV.wasDerivedFrom)
    )


def cite(graph: Graph | Store, node: URIRef) -> Citation:
    """Gather the citation of the fact *node*.

    *graph* is a store of any engine (:func:`vzkg.open_store`), or an rdflib Graph or
    Dataset (:func:`vzkg.load`); what it only entails (``vzg:entailed``) is left out.

    >>> import vzkg
    >>> from vzkg.namespaces import VZ
    >>> kg = vzkg.load()
    >>> citation = vzkg.cite(kg, VZ["quote-maduro-never-committed-crimes"])
    >>> citation.kind, citation.fact, citation.when
    ('quotation', 'Maduro: they never committed crimes', '2025-03-22')
    >>> for quote in citation.quotes:
    ...     print(quote.start, quote.end, quote.words)
    2966 2986 Maduro said Saturday
    3004 3077 who never committed crimes in the United States, much less in El Salvador
    >>> source = citation.sources[0]
    >>> source.publisher, source.dateline, source.date, source.identifier
    ('Agence France-Presse', 'CARACAS', '2025-03-23', '000_d4642c25d83ac452')
    >>> inferred = vzkg.cite(kg, VZ["role-deportation-to-el-salvador--cecot"])
    >>> inferred.kind, inferred.quotes, inferred.fact.split(" in: ")[0]
    ('role', (), 'Terrorism Confinement Center (destination)')
    >>> inferred.inference.startswith("The article says the men were sent to")
    True
    """
    # a plain rdflib Graph has no named graphs to ask for the source of
    named = not isinstance(graph, Graph) or isinstance(graph, ConjunctiveGraph)
    store = as_store(graph).stated()  # an entailed prov:wasDerivedFrom of a span is no source
    if not isinstance(node, URIRef) or not is_citable(store, node):
        raise InputError(
            f"{compact(str(node))} is not a sourced fact (no evidence, inference or source of "
            "its own); 'vzkg describe --cite' shows the facts around it that can be cited"
        )
    kind = kind_of(store, node)
    quotes = _quotes(store, node)
    inference = _first(store.objects(node, VZKG.inference))
    articles = {q.source for q in quotes}
    articles.update(str(a) for a in store.objects(node, PROV.wasDerivedFrom))
    if not articles and named:  # an inferred node: its graph's source
        found = query(store, _GRAPH_SOURCES, bindings={"this": node})
        articles.update(str(a) for a in found.column("source"))
    sources = tuple(_source(store, URIRef(a)) for a in sorted(articles))
    return Citation(
        str(node), kind, _fact(store, node, kind), _when(store, node), quotes, inference, sources
    )


def to_text(citations: Iterable[Citation]) -> str:
    """The plain-text citations, a blank line between them."""
    return "\n".join(citation.text() for citation in citations)


def to_csl_json(citations: Iterable[Citation]) -> str:
    """CSL-JSON: an array of items of type ``article-newspaper``, one per fact and source.

    Each item holds the source (``title``, the publisher as ``author`` and ``publisher``, the
    dateline's place as ``publisher-place``, ``issued``, ``language``, the article's identifier
    as ``number``), and in ``note`` the fact, the source's words or the curators' inference,
    and the fact's IRI; ``source`` is "vzkg".
    """
    items = []
    for citation in citations:
        for number, source in enumerate(citation.sources, 1):
            item: dict[str, object] = {
                "id": citation.key() + (f"-{number}" if len(citation.sources) > 1 else ""),
                "type": "article-newspaper",
                "title": source.title,
            }
            if source.publisher:
                item["author"] = [{"literal": source.publisher}]
                item["publisher"] = source.publisher
            if source.place or source.dateline:
                item["publisher-place"] = source.place or source.dateline
            parts = _date_parts(source.date)
            if parts:
                item["issued"] = {"date-parts": [parts]}
            if source.language:
                item["language"] = source.language
            if source.identifier:
                item["number"] = source.identifier
            item["note"] = citation.note()
            item["source"] = "vzkg"
            items.append(item)
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def to_bibtex(citations: Iterable[Citation]) -> str:
    """BibTeX: one ``@misc`` entry per fact and source, every value braced and escaped."""
    entries = []
    for citation in citations:
        for number, source in enumerate(citation.sources, 1):
            key = citation.key() + (f"-{number}" if len(citation.sources) > 1 else "")
            fields = [("title", "{" + _bibtex(source.title) + "}")]
            if source.publisher:
                fields.append(("author", "{" + _bibtex(source.publisher) + "}"))
                fields.append(("howpublished", _bibtex(source.publisher)))
            if source.place or source.dateline:
                fields.append(("address", _bibtex(source.place or source.dateline or "")))
            parts = _date_parts(source.date)
            if parts:
                fields.append(("year", str(parts[0])))
            if len(parts) > 1:
                fields.append(("month", _MONTHS[parts[1] - 1]))
            if source.date and parts:
                fields.append(("date", _bibtex(source.date)))
            if source.language:
                fields.append(("language", _bibtex(source.language)))
            if source.identifier:
                fields.append(("number", _bibtex(source.identifier)))
            fields.append(("note", _bibtex(citation.note())))
            body = ",\n".join(
                f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
                for name, value in fields
            )
            entries.append(f"@misc{{{key},\n{body}\n}}\n")
    return "\n".join(entries)


def _quotes(graph: Store, node: URIRef) -> tuple[Quote, ...]:
    found = set()
    for evidence in graph.objects(node, VZKG.evidence):
        source = _first(graph.objects(evidence, OA.hasSource)) or ""
        words, start, end = None, None, None
        for selector in graph.objects(evidence, OA.hasSelector):
            words = words or _first(graph.objects(selector, OA.exact))
            start = start if start is not None else _number(graph, selector, OA.start)
            end = end if end is not None else _number(graph, selector, OA.end)
        if words is not None:
            found.add(Quote(words, start, end, source))
    # in the order of the source's text
    return tuple(sorted(found, key=lambda q: (q.source, q.start is None, q.start or 0, q.words)))


def _fact(graph: Store, node: URIRef, kind: str) -> str:
    if kind in _CLAIMS:
        text = _label(graph, node, SCHEMA.text)
        if text:
            return text
    label = _label(graph, node, RDFS.label) or compact(str(node))
    events = [*graph.subjects(SEM.hasActor, node), *graph.subjects(SEM.hasPlace, node)]
    for event in sorted(events, key=str):  # a role: say what it is a role in
        return f"{label} in: {_label(graph, event, RDFS.label) or compact(str(event))}"  # type: ignore[arg-type]
    return label


def _when(graph: Store, node: URIRef) -> str | None:
    events = [*graph.subjects(SEM.hasActor, node), *graph.subjects(SEM.hasPlace, node)]
    for subject in [node, *sorted(events, key=str)]:
        for link in (SEM.hasTime, VZKG.saidAt, ORG.memberDuring):
            for time in sorted(graph.objects(subject, link), key=str):  # type: ignore[arg-type]
                label = _label(graph, time, RDFS.label)  # type: ignore[arg-type]
                if label:
                    return label
    return None


def _source(graph: Store, article: URIRef) -> Source:
    def value(predicate: URIRef) -> str | None:
        return _label(graph, article, predicate)

    publisher = _first(graph.objects(article, SCHEMA.publisher))
    place = _first(graph.objects(article, SCHEMA.locationCreated))
    return Source(
        iri=str(article),
        title=value(SCHEMA.headline) or value(RDFS.label) or compact(str(article)),
        identifier=value(SCHEMA.identifier),
        publisher=_label(graph, URIRef(publisher), RDFS.label) if publisher else None,
        dateline=value(SCHEMA.dateline),
        place=_label(graph, URIRef(place), RDFS.label) if place else None,
        date=value(SCHEMA.datePublished),
        language=value(SCHEMA.inLanguage),
    )


def _label(graph: Store, node: URIRef, predicate: URIRef) -> str | None:
    """The English value of *predicate*, else one without a language, else any; the same one
    every run."""
    values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
    values.sort(key=lambda v: (v.language != "en", v.language is not None, v.language or "", v))
    return _one_line(str(values[0])) if values else None


def _first(values: Iterable[object]) -> str | None:
    ordered = sorted(str(v) for v in values)
    return ordered[0] if ordered else None


def _number(graph: Store, node: object, predicate: URIRef) -> int | None:
    for value in graph.objects(node, predicate):  # type: ignore[arg-type]
        try:
            return int(str(value))
        except ValueError:
            return None
    return None


def _date_parts(date: str | None) -> list[int]:
    match = _DATE.match(date or "")
    if match is None:
        return []
    parts = [int(p) for p in match.groups() if p]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    return parts


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bibtex(text: str) -> str:
    """Escape *text* for a braced BibTeX value: its special characters, and control characters
    shown as symbols."""
    plain = printable(_one_line(text))
    return re.sub(r"[\\{}#$%&_~^]", lambda m: _BIBTEX_SPECIAL[m.group(0)], plain)


def _reference(source: Source) -> str:
    parts = [source.publisher, f"“{source.title}”", source.dateline, source.date]
    article = f"article {source.identifier}; " if source.identifier else ""
    ids = article + source.iri
    return ", ".join(p for p in parts if p) + f" ({ids})"
