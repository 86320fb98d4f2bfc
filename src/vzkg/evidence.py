"""Checking evidence against source texts: every quote must still be where the graph says.

A quote drifts when the source text changes or when someone mistypes a quote or its offsets.
:func:`verify_file` re-finds every quote of one article in its text file and reports each
mismatch with where the words really are, if anywhere, so the fix is one edit away.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef

from .checks import Finding
from .checks.attribution import normalise
from .checks.values import Spans, check, for_source, rows
from .engines.memory import RdflibStore, as_store
from .errors import InputError
from .files import read_text
from .namespaces import SCHEMA, compact
from .sparql import query
from .text import kind_of

if TYPE_CHECKING:
    from .engines import Store

_EVIDENCE = """
SELECT ?evidence ?exact ?start ?end WHERE {
    ?evidence oa:hasSource ?article .
    OPTIONAL { ?evidence oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact . }
    OPTIONAL { ?evidence oa:hasSelector ?p . ?p a oa:TextPositionSelector ;
               oa:start ?start ; oa:end ?end . }
}
ORDER BY ?start ?end ?evidence
"""

_QUOTATIONS = """
SELECT ?quotation ?text ?exact WHERE {
    ?quotation a schema:Quotation ; schema:text ?text ;
        vzkg:evidence ?evidence .
    ?evidence oa:hasSource ?article ;
        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ] .
}
"""

_ARTICLES = """
SELECT ?article ?identifier ?sha256 WHERE {
    ?article a schema:NewsArticle .
    OPTIONAL { ?article schema:identifier ?identifier }
    OPTIONAL { ?article schema:encoding/schema:sha256 ?sha256 }
}
"""

_TIME_WORDS = "SELECT ?node ?expression WHERE { ?node vzkg:timeExpression ?expression }"


@dataclass(frozen=True)
class Mismatch:
    """One piece of evidence (or quotation) that does not match the source text."""

    node: str
    problem: str


@dataclass(frozen=True)
class EvidenceReport:
    """The outcome of checking one article's evidence against its text file."""

    article: str
    source: str
    checked: int
    mismatches: tuple[Mismatch, ...]
    checksum_matches: bool

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def text(self) -> str:
        lines = [f"{compact(self.article)} against {self.source}"]
        lines.extend(f"  {compact(m.node)}: {m.problem}" for m in self.mismatches)
        if not self.checksum_matches:
            lines.append(
                "  note: the file's SHA-256 differs from the schema:sha256 of the article's text"
            )
        verdict = "ok" if self.ok else f"{len(self.mismatches)} mismatched"
        lines.append(f"  {self.checked} quotes checked, {verdict}")
        return "\n".join(lines) + "\n"


def _occurrences(text: str, words: str) -> list[int]:
    found, start = [], text.find(words)
    while start != -1 and words:
        found.append(start)
        start = text.find(words, start + 1)
    return found


def _check_span(
    text: str, exact: Literal | None, start: Literal | None, end: Literal | None
) -> str:
    """Return what is wrong with one span, or an empty string."""
    if exact is None:
        return "has no oa:TextQuoteSelector with oa:exact"
    words = str(exact)
    if start is None or end is None:
        return f"has no oa:TextPositionSelector with oa:start and oa:end for {words!r}"
    try:
        begin, finish = int(start), int(end)
    except ValueError:
        return f"offsets {start}-{end} are not whole numbers"
    if begin == finish - len(words) and begin >= 0 and text[begin:finish] == words:
        return ""
    places = _occurrences(text, words)
    if not places:
        return f"quote {words!r} is not in the source (offsets {begin}-{finish})"
    where = ", ".join(f"{p}-{p + len(words)}" for p in places)
    return f"quote {words!r} is at {where}, not at {begin}-{finish}"


def _paragraph(text: str, at: int) -> str:
    """The paragraph of *text* (between blank lines) holding the character at *at*."""
    start = text.rfind("\n\n", 0, at)
    end = text.find("\n\n", at)
    return text[start + 1 if start != -1 else 0 : end if end != -1 else len(text)]


def _checks(graph: Store, texts: Mapping[str, str] | None = None) -> list[Finding]:
    """The value checks (:func:`vzkg.checks.values.check`) of what *graph* states: an rdflib
    dataset through its fast copy, another engine answering their queries itself. *texts*:
    the sources' texts, for the sentences around speakers' spans."""
    return check(graph.dataset if isinstance(graph, RdflibStore) else graph.stated(), texts)


def _time_words(graph: Store, text: str, article: URIRef) -> list[Mismatch]:
    """Each node's time words stand in the paragraph of one of its spans (of those that are
    where they say: a drifted span is reported as such)."""
    spans = Spans(graph)
    found = []
    for node, expression in sorted(rows(graph, _TIME_WORDS)):
        starts = [
            start
            for words, source, start, _ in spans.of.get(str(node), [])
            if source == str(article) and start is not None and text[start:].startswith(words)
        ]
        wanted = normalise(str(expression)).removesuffix("'s")
        if starts and not any(wanted in normalise(_paragraph(text, s)) for s in starts):
            found.append(
                Mismatch(
                    str(node),
                    f"vzkg:timeExpression {str(expression)!r} is not in the paragraph of any of "
                    "its evidence spans",
                )
            )
    return found


def verify_text(
    graph: Graph | Store,
    text: str,
    *,
    article: URIRef,
    source: str = "<text>",
    findings: Sequence[Finding] | None = None,
) -> EvidenceReport:
    """Check every evidence span of *article* in *graph* against the source *text*.

    Offsets count Unicode code points from the start of the text, as W3C Web Annotation
    TextPositionSelector requires. A quotation's schema:text must also equal one of its spans,
    and a node's time words must stand in the paragraph of one of its spans. The values of the
    article's nodes are checked against their words too (:func:`vzkg.checks.values.check`, with
    *text* as the article's; pass its *findings*, found with the texts, when checking many
    articles of one graph). An *article* that is not a
    schema:NewsArticle, or that no evidence quotes, is an :class:`InputError`: checking nothing
    is not a success. *graph* is a store of any engine, or an rdflib Graph or Dataset.
    """
    graph = as_store(graph)
    if (article, RDF.type, SCHEMA.NewsArticle) not in graph:
        raise InputError(f"{compact(str(article))} is not an article (schema:NewsArticle)")
    mismatches: list[Mismatch] = []
    spans = query(graph, _EVIDENCE, bindings={"article": article})
    if not spans.rows:
        raise InputError(f"no evidence in the graph quotes {compact(str(article))}")
    for evidence, exact, start, end in spans.rows:
        problem = _check_span(text, exact, start, end)  # type: ignore[arg-type]
        if problem:
            mismatches.append(Mismatch(str(evidence), problem))
    quoted: dict[str, tuple[str, set[str]]] = {}
    for quotation, said, exact in query(graph, _QUOTATIONS, bindings={"article": article}).rows:
        entry = quoted.setdefault(str(quotation), (str(said), set()))
        entry[1].add(str(exact))
    for node, (words, spans_of_it) in sorted(quoted.items()):
        if words not in spans_of_it:
            mismatches.append(
                Mismatch(node, f"schema:text {words!r} is not one of its evidence quotes")
            )
    mismatches.extend(_time_words(graph, text, article))
    if findings is None:
        findings = _checks(graph, {str(article): text})
    mismatches.extend(
        Mismatch(f.node, f"{f.message} [{f.check}]") for f in for_source(findings, str(article))
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    stored = {str(row[2]) for row in query(graph, _ARTICLES).rows if row[0] == article and row[2]}
    return EvidenceReport(
        article=str(article),
        source=source,
        checked=len(spans.rows),
        mismatches=tuple(dict.fromkeys(mismatches)),
        checksum_matches=not stored or digest in stored,
    )


def verify_file(
    graph: Graph | Store,
    path: str | Path,
    *,
    article: URIRef | None = None,
    findings: Sequence[Finding] | None = None,
) -> EvidenceReport:
    """Check the evidence of the article whose text is the file at *path*.

    The article is the one whose schema:identifier is the file's name without ``.txt``, else
    the one whose schema:sha256 is the file's checksum, unless *article* names it.

    ``SOURCE_DIR`` below is the folder of article texts (``../shared/source`` in a checkout):

    >>> import vzkg
    >>> report = vzkg.verify_evidence(vzkg.load(), SOURCE_DIR / "000_d4642c25d83ac452.txt")
    >>> report.ok, report.checked > 50
    (True, True)
    """
    text, article = _read(graph, path, article)
    return verify_text(graph, text, article=article, source=str(path), findings=findings)


def _read(graph: Graph | Store, path: str | Path, article: URIRef | None) -> tuple[str, URIRef]:
    """The text of the file at *path* and the article it is the text of (see verify_file)."""
    if not isinstance(path, (str, Path)):
        raise InputError(f"the source text is a path, not {kind_of(path)}")
    path = Path(path)
    text = read_text(path)
    if article is not None:
        return text, article
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    by_name, by_digest = [], []
    for node, identifier, sha256 in query(graph, _ARTICLES).rows:
        if identifier is not None and str(identifier) == path.stem:
            by_name.append(node)
        if sha256 is not None and str(sha256) == digest:
            by_digest.append(node)
    candidates = by_name or by_digest
    if len(candidates) != 1:
        raise InputError(
            f"no single article in the graph has identifier {path.stem!r} or the checksum "
            f"of {path}; name one with --article"
        )
    return text, candidates[0]  # type: ignore[return-value]


def verify_sources(graph: Graph | Store, paths: Iterable[str | Path]) -> list[EvidenceReport]:
    """Check every article that has a text file among *paths* (files, or folders of ``.txt``).

    A folder must hold the text of every article of the graph that has evidence.
    """
    graph = as_store(graph)
    read: list[tuple[Path, str, URIRef]] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            read.append((path, *_read(graph, path, None)))
            continue
        wanted = [
            (node, identifier)
            for node, identifier, _ in query(graph, _ARTICLES).rows
            if identifier is not None
        ]
        missing = [str(i) for _, i in wanted if not (path / f"{i}.txt").is_file()]
        if missing:
            raise InputError(f"{path} has no text for article(s): {', '.join(sorted(missing))}")
        for node, identifier in sorted(wanted, key=lambda pair: str(pair[1])):
            file = path / f"{identifier}.txt"
            read.append((file, *_read(graph, file, node)))  # type: ignore[arg-type]
    texts: dict[str, str] = {}
    for _, text, article in read:
        texts.setdefault(str(article), text)
    findings = _checks(graph, texts)  # once for the graph, with every text it quotes
    return [
        # a second, different text of one article is checked with findings of its own
        verify_text(
            graph,
            text,
            article=article,
            source=str(path),
            findings=findings if texts[str(article)] == text else None,
        )
        for path, text, article in read
    ]
