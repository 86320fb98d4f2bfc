"""Do the values agree with their words? Numbers, speakers and dates, checked across a graph.

The words are in the graph (``oa:exact``), and relative dates are resolved against the source's
``schema:datePublished``, so these need no source text, except to read the sentence around a
span for a speaker its span leaves unnamed. ``vzkg validate`` runs :func:`check` without the
texts, ``vzkg evidence`` with them.

>>> import vzkg
>>> check(vzkg.load())
[]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, TypeVar

from rdflib import Graph

from ..engines.terms import NativeRows
from ..namespaces import compact
from ..validation.snapshot import Snapshot, snapshot
from . import Finding
from .attribution import Names, speakers
from .dates import Stamp, UnknownTimeExpression, When, resolve
from .numbers import MAGNITUDE, NumberMention, mentions, supports
from .sentences import sentence_around

if TYPE_CHECKING:
    from ..engines import Store

Row = tuple[str | None, ...]
Span = tuple[str, str, int | None, int | None]  # words, source, start, end


def rows(graph: Graph | Snapshot | Store, sparql: str) -> list[Row]:
    """The rows of a SELECT query, each value as a string (None where unbound)."""
    if isinstance(graph, Snapshot):
        return graph.texts(sparql)
    from ..sparql import query  # rdflib's SPARQL grammar takes 0.1 s to build

    found = query(graph, sparql).rows
    if isinstance(found, NativeRows):  # Oxigraph's terms, read without making rdflib's
        return [tuple(None if t is None else t.value for t in row) for row in found.native]
    return [tuple(None if value is None else str(value) for value in row) for row in found]


T = TypeVar("T")


def _parsed(parse: Callable[[str], T], value: str | None) -> T | None:
    """*value* read by *parse*, or None when unbound or malformed (the shapes report that)."""
    try:
        return parse(value) if value is not None else None
    except (ValueError, InvalidOperation):
        return None


# Every span, the node it is evidence of, and the source it quotes.
_SPANS = """
SELECT ?node ?exact ?start ?end ?source WHERE {
    ?node vzkg:evidence ?evidence .
    ?evidence oa:hasSource ?source ; oa:hasSelector ?quote .
    ?quote oa:exact ?exact .
    OPTIONAL { ?evidence oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end }
}
"""


class Spans:
    """The evidence words of every node."""

    def __init__(self, graph: Graph | Snapshot | Store) -> None:
        self.of: dict[str, list[Span]] = defaultdict(list)
        for node, exact, start, end, source in rows(graph, _SPANS):
            self.of[str(node)].append(
                (str(exact), str(source), _parsed(int, start), _parsed(int, end))
            )
        for spans in self.of.values():
            spans.sort(key=lambda span: (span[2] or 0, span[0]))

    def words(self, node: str) -> list[str]:
        return [words for words, *_ in self.of.get(node, [])]

    def source(self, node: str) -> str:
        spans = self.of.get(node)
        return spans[0][1] if spans else ""

    def quoted(self, node: str) -> str:
        return "; ".join(f"'{words}' ({start}-{end})" for words, _, start, end in self.of[node])

    def share_words(self, a: str, b: str) -> bool:
        """Whether a span of *a* and a span of *b* quote some of the same words."""
        return any(_overlap(x, y) for x in self.of.get(a, []) for y in self.of.get(b, []))


def _overlap(a: Span, b: Span) -> bool:
    if a[1] != b[1] or None in (a[2], a[3], b[2], b[3]):
        return a[0] == b[0]
    return a[2] < b[3] and b[2] < a[3]  # type: ignore[operator]


# -- numbers ----------------------------------------------------------------------------------

_QUANTITIES = """
SELECT ?quantity ?qualifier ?value ?minimum ?maximum WHERE {
    ?quantity a schema:QuantitativeValue ; vzkg:qualifier ?qualifier .
    OPTIONAL { ?quantity schema:value ?value }
    OPTIONAL { ?quantity schema:minValue ?minimum }
    OPTIONAL { ?quantity schema:maxValue ?maximum }
}
"""


def check_numbers(graph: Graph | Snapshot | Store, spans: Spans) -> list[Finding]:
    """Each quantity's value and qualifier are what the words of its evidence give."""
    found = []
    for quantity, qualifier, value, minimum, maximum in rows(graph, _QUANTITIES):
        node, kind = str(quantity), compact(str(qualifier)).removeprefix("vzkg:")
        stored = NumberMention(
            "", kind, _parsed(Decimal, value), _parsed(Decimal, minimum), _parsed(Decimal, maximum)
        )
        given = [m for words in spans.words(node) for m in mentions(words)]
        if not spans.words(node) or any(
            supports(
                m,
                qualifier=kind,
                value=stored.value,
                minimum=stored.minimum,
                maximum=stored.maximum,
            )
            for m in given
        ):
            continue
        said = "; ".join(f"'{m.words}' is {m.describe()}" for m in given) or "it gives no number"
        found.append(
            Finding(
                node,
                "schema:minValue" if kind == MAGNITUDE else "schema:value",
                f"the quantity is {stored.describe()}, which its evidence "
                f"{spans.quoted(node)} does not give: {said}",
                "numbers",
                spans.source(node),
            )
        )
    return found


# -- speakers ---------------------------------------------------------------------------------

_NAMES = """
SELECT DISTINCT ?thing ?name WHERE {
    ?thing a ?type .
    ?type rdfs:subClassOf* ?kind .
    FILTER(?kind IN (schema:Person, schema:Organization, sem:Actor, prov:Agent))
    {
        ?thing rdfs:label|schema:alternateName ?name
    } UNION {
        # a government speaks by the name of the country it serves ("Venezuela announced")
        ?thing schema:areaServed ?place . ?place rdfs:label|schema:alternateName ?name
    } UNION {
        # the words that are the evidence of a membership name its member
        ?membership org:member ?thing ;
            vzkg:evidence/oa:hasSelector/oa:exact ?name .
    }
}
"""

_SPOKEN = """
SELECT ?node ?author ?inferred ?publisher WHERE {
    ?node a ?type ; schema:author ?author .
    ?type rdfs:subClassOf* ?kind .
    FILTER(?kind IN (schema:Claim, schema:Quotation))
    OPTIONAL { ?node vzkg:inference ?inferred }
    OPTIONAL { ?node prov:wasDerivedFrom/schema:publisher ?publisher }
}
"""

# Everyone a node says took part: actors of an event, members, authors, a role's value.
_INVOLVED = """
SELECT ?node ?who WHERE {
    { ?node sem:hasActor/rdf:value ?who }
    UNION { ?node org:member ?who }
    UNION { ?node schema:author ?who }
    UNION { ?node a sem:Role ; rdf:value ?who }
}
"""

_QUOTATION_TEXTS = "SELECT ?text WHERE { ?q a schema:Quotation ; schema:text ?text }"

# what states a fact in the source's own voice, and so must not be somebody's reported words
_PLAIN_FACTS = """
SELECT DISTINCT ?node ?publisher WHERE {
    ?node a/rdfs:subClassOf* ?kind
    FILTER(?kind IN (sem:Event, vzkg:ReportedStatement, rdf:Statement))
    OPTIONAL { ?node prov:wasDerivedFrom/schema:publisher ?publisher }
}
"""

# a reporting clause ends at a comma, a colon or a dash before the words it reports
_CLAUSE_BREAK = re.compile(r"[,;:()]|--|—|…")


class _Speech:
    """Who each node's words say spoke: in its spans, and in the sentences around them."""

    def __init__(
        self, graph: Graph | Snapshot | Store, spans: Spans, texts: Mapping[str, str] | None
    ) -> None:
        self.names = Names()
        for thing, name in rows(graph, _NAMES):
            self.names.add(str(name), str(thing))
        quotations = {text for (text,) in rows(graph, _QUOTATION_TEXTS)}
        self.spans, self.texts = spans, texts or {}
        # speech quotations say nothing of who said them: their own words are left out
        self.said = {
            node: {
                who
                for words in spans.words(node)
                if words not in quotations
                for who in speakers(words, self.names)
            }
            for node in spans.of
        }
        self.quoted: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for node in spans.of:
            for words, source, start, end in spans.of[node]:
                if words in quotations and start is not None and end is not None:
                    self.quoted[source].add((start, end))

    def sentences(self, node: str) -> list[tuple[str, int, int]]:
        """The sentences around *node*'s spans, where the graph's texts hold the spans as they
        say, each speech quotation in them cut to "…": who speaks is told outside the words."""
        found = []
        for source, text, start, end in self._placed(node):
            begin, finish = sentence_around(text, start, end)
            found.append((self._blanked(source, text, begin, finish), begin, finish))
        return sorted(set(found), key=lambda sentence: sentence[1])

    def leads(self, node: str) -> list[tuple[str, set[str]]]:
        """The clause that leads into each of *node*'s spans in its sentence, and who it says
        spoke ("… when US President Donald Trump claimed [Venezuela had not lived up …]")."""
        found = []
        for source, text, start, end in self._placed(node):
            begin, _ = sentence_around(text, start, end)
            lead = _CLAUSE_BREAK.split(self._blanked(source, text, begin, start))[-1].strip()
            who = speakers(lead, self.names)
            if who:
                found.append((lead, who))
        return found

    def _placed(self, node: str) -> Iterator[tuple[str, str, int, int]]:
        """Each of *node*'s spans whose source text is at hand and holds it where it says: its
        source, that text, and its offsets."""
        for words, source, start, end in self.spans.of.get(node, []):
            text = self.texts.get(source)
            if (
                text is not None
                and start is not None
                and end is not None
                and (text[start:end] == words)
            ):
                yield source, text, start, end

    def _blanked(self, source: str, text: str, begin: int, finish: int) -> str:
        """``text[begin:finish]`` with each speech quotation inside it cut to "…"."""
        pieces, at = [], begin
        for low, high in sorted(self.quoted[source]):
            if begin <= low and high <= finish and at <= low:
                pieces += [text[at:low], "…"]
                at = high
        return "".join([*pieces, text[at:finish]])


def _reported_as_fact(
    node: str, who_spoke: set[str], spans: Spans, lead: str | None = None
) -> Finding:
    """The finding that *node* states as plain fact words *who_spoke* said: in its own spans,
    or in the clause *lead* that leads into them in their sentence."""
    who = ", ".join(sorted(compact(w) for w in who_spoke))
    said = (
        f"reports what {who} said"
        if lead is None
        else f"is what {who} said in its sentence ('{lead} …')"
    )
    return Finding(
        node,
        "vzkg:evidence",
        f"its evidence {spans.quoted(node)} {said}, but it states it as plain fact: make it a "
        f"schema:Claim or schema:Quotation whose schema:author is {who}, or an event {who} "
        "takes part in",
        "speakers",
        spans.source(node),
    )


def check_speakers(
    graph: Graph | Snapshot | Store, spans: Spans, texts: Mapping[str, str] | None = None
) -> list[Finding]:
    """Who said it is who the words say said it; reported words are never plain facts.

    A speaker is named in a span of its node, or, where the node's spans name no speaker at
    all, in the sentence around one of them. That sentence is only known with the source's
    text (*texts* maps a source's IRI to it, as ``vzkg evidence`` has it): without it, a node
    whose spans name no one is not judged here, while one whose spans name somebody else fails
    either way. With the text, an event or reported statement whose words follow a reporting
    clause ("… when Trump claimed [Venezuela had not lived up …]") fails unless the reporter
    takes part in it or is the source's publisher.
    """
    speech = _Speech(graph, spans, texts)
    said = speech.said
    excused: dict[tuple[str, str], bool] = {}
    for node, author, inferred, publisher in rows(graph, _SPOKEN):
        # the source's own voice, or a speaker the curators explain, needs no naming words
        pair = (str(node), str(author))
        excused[pair] = excused.get(pair, False) or inferred is not None or publisher == author
    found = []
    for (node, author), ok in sorted(excused.items()):
        # an unnamed or collective speaker may be introduced by the very words it says
        if ok or author in said.get(node, set()) or spans.share_words(author, node):
            continue
        named = ", ".join(sorted(compact(w) for w in said.get(node, set())))
        where = ""
        if not named:
            sentences = speech.sentences(node)
            if not sentences:
                continue  # no text to read the sentence in: `vzkg evidence` decides
            around = {who for words, *_ in sentences for who in speakers(words, speech.names)}
            if author in around:
                continue
            named = ", ".join(sorted(compact(w) for w in around))
            where = (
                " nor in the sentence around it "
                if len(sentences) == 1
                else " nor in the sentences around them "
            ) + "; ".join(f"'{words}' ({begin}-{end})" for words, begin, end in sentences)
        found.append(
            Finding(
                node,
                "schema:author",
                f"its speaker {compact(author)} is not named as such in its evidence "
                f"{spans.quoted(node)}{where}, which names {named or 'no one'}: name a speaker "
                "by a label, an alternate name or a membership's words next to a verb of speech "
                "such as 'said', or say why in vzkg:inference",
                "speakers",
                spans.source(node),
            )
        )
    involved: dict[str, set[str]] = defaultdict(set)
    for node, who in rows(graph, _INVOLVED):
        involved[str(node)].add(str(who))
    spoken = {node for node, _ in excused}
    for node, who_spoke in sorted(said.items()):
        if node in spoken or not who_spoke or who_spoke & (involved[node] | {node}):
            continue
        found.append(_reported_as_fact(node, who_spoke, spans))
    # with the text: words a plain fact quotes may be reported by the clause that leads into
    # them ("Trump claimed [Venezuela had not lived up to its promises]")
    for node, publisher in rows(graph, _PLAIN_FACTS):
        node = str(node)
        if node in spoken or said.get(node):
            continue
        for lead, who_spoke in speech.leads(node):
            # "AFP reported that …" is the source's own voice
            if who_spoke & (involved[node] | {node}) or who_spoke == {str(publisher)}:
                continue
            found.append(_reported_as_fact(node, who_spoke, spans, lead))
            break
    return found


# -- dates ------------------------------------------------------------------------------------

_TIMES = """
SELECT ?time ?at ?begin ?end ?approximate ?earliest ?latest WHERE {
    ?time a sem:Time .
    OPTIONAL { ?time sem:hasTimeStamp ?at }
    OPTIONAL { ?time sem:hasBeginTimeStamp ?begin }
    OPTIONAL { ?time sem:hasEndTimeStamp ?end }
    OPTIONAL { ?time vzkg:approximate ?approximate }
    OPTIONAL { ?time sem:hasEarliestBeginTimeStamp ?earliest }
    OPTIONAL { ?time sem:hasLatestEndTimeStamp ?latest }
}
"""

_TIMED = """
SELECT ?node ?time ?path WHERE {
    { ?node sem:hasTime ?time . BIND("sem:hasTime" AS ?path) }
    UNION { ?node vzkg:saidAt ?time . BIND("vzkg:saidAt" AS ?path) }
    UNION { ?node org:memberDuring ?time . BIND("org:memberDuring" AS ?path) }
}
"""

_EXPRESSIONS = """
SELECT ?node ?expression ?reference ?published WHERE {
    ?node vzkg:timeExpression ?expression .
    OPTIONAL { ?node vzkg:timeReference ?reference }
    OPTIONAL { ?node prov:wasDerivedFrom/schema:datePublished ?published }
}
"""

# Facts a source reports as having happened, with the date of that source.
_REPORTED = """
SELECT ?node ?published WHERE {
    ?node prov:wasDerivedFrom/schema:datePublished ?published .
    FILTER NOT EXISTS { ?node vzkg:eventStatus vzkg:Planned }
}
"""


class _Times:
    """Every sem:Time (as a :class:`When` with its sortable bounds) and what has one."""

    def __init__(self, graph: Graph | Snapshot | Store) -> None:
        self.times: dict[str, tuple[When, date | None, date | None]] = {}
        for time, at, begin, end, approximate, earliest, latest in rows(graph, _TIMES):
            when = When(
                _parsed(Stamp, at),
                _parsed(Stamp, begin),
                _parsed(Stamp, end),
                approximate in ("true", "1"),
            )
            self.times[str(time)] = (
                when,
                _parsed(date.fromisoformat, earliest),
                _parsed(date.fromisoformat, latest),
            )
        self.of: dict[str, tuple[str, str]] = {}  # node -> (its time, the property)
        for node, time, path in rows(graph, _TIMED):
            self.of.setdefault(str(node), (str(time), str(path)))

    def when(self, node: str) -> tuple[When, date | None, date | None] | None:
        time = self.of.get(node)
        return self.times.get(time[0]) if time else None

    def path(self, node: str) -> str:
        return self.of[node][1] if node in self.of else "sem:hasTime"


def check_dates(graph: Graph | Snapshot | Store, spans: Spans) -> list[Finding]:
    """Relative dates resolve again to the stored times; ordered events have ordered times;
    nothing reported as past ends after its source's date; approximate days have their width."""
    times = _Times(graph)
    found = [
        *_check_expressions(graph, times, spans),
        *_check_order(graph, times, spans),
        *_check_past(graph, times, spans),
    ]
    for time, (when, first, last) in sorted(times.times.items()):
        if when.approximate and when.at is not None and (first, last) != when.bounds():
            low, high = when.bounds()
            found.append(
                Finding(
                    time,
                    "sem:hasEarliestBeginTimeStamp",
                    f"the approximate date {when.label()} has the sortable bounds {low} to "
                    f"{high}, not {first} to {last}",
                    "dates",
                )
            )
    return found


def _check_expressions(
    graph: Graph | Snapshot | Store, times: _Times, spans: Spans
) -> list[Finding]:
    found = []
    for node, expression, reference, published in rows(graph, _EXPRESSIONS):
        node, words, dateline = str(node), str(expression), _parsed(date.fromisoformat, published)

        def finding(path: str, message: str, node: str = node) -> Finding:
            return Finding(node, path, message, "dates", spans.source(node))

        if dateline is None:
            found.append(
                finding(
                    "vzkg:timeExpression",
                    f"'{words}' cannot be resolved: the node names no source "
                    "(prov:wasDerivedFrom) with a schema:datePublished",
                )
            )
            continue
        anchor = times.when(reference) if reference is not None else None
        if reference is not None and anchor is None:
            found.append(
                finding(
                    "vzkg:timeReference",
                    f"'{words}' is said relative to {compact(reference)}, which has no time",
                )
            )
            continue
        try:
            resolved = resolve(words, dateline=dateline, reference=anchor and anchor[0])
        except UnknownTimeExpression as error:
            found.append(finding("vzkg:timeExpression", str(error)))
            continue
        stored = times.when(node)
        if resolved is None or (stored and stored[0] == resolved):
            continue  # words that describe a time without fixing one, or the right time
        against = (
            f"against the time of {compact(reference)}"
            if reference is not None
            else f"against the source's date {dateline.isoformat()}"
        )
        found.append(
            finding(
                times.path(node),
                f"'{words}' {against} gives {resolved.label()}, but the stored time is "
                f"{stored[0].label() if stored else 'missing'}",
            )
        )
    return found


def _check_order(graph: Graph | Snapshot | Store, times: _Times, spans: Spans) -> list[Finding]:
    found = []
    for later, earlier in rows(graph, "SELECT ?e ?x WHERE { ?e vzkg:after ?x }"):
        mine, theirs = times.when(str(later)), times.when(str(earlier))
        if mine is None or theirs is None:
            continue
        (when, first, last), (other, other_first, other_last) = mine, theirs
        too_early = first is not None and other_first is not None and first < other_first
        ends_early = last is not None and other_last is not None and last < other_last
        if too_early or ends_early:
            found.append(
                Finding(
                    str(later),
                    "sem:hasTime",
                    f"it comes after {compact(str(earlier))} (vzkg:after), but its time "
                    f"{when.label()} can {'begin' if too_early else 'end'} before that "
                    f"event's {other.label()} does",
                    "dates",
                    spans.source(str(later)),
                )
            )
    return found


def _check_past(graph: Graph | Snapshot | Store, times: _Times, spans: Spans) -> list[Finding]:
    found = []
    for node, published in rows(graph, _REPORTED):
        dateline, timed = _parsed(date.fromisoformat, published), times.when(str(node))
        if dateline is None or timed is None or timed[2] is None or timed[2] <= dateline:
            continue
        found.append(
            Finding(
                str(node),
                times.path(str(node)),
                f"its source, dated {dateline.isoformat()}, reports it as past, but its time "
                f"{timed[0].label()} can end after that date",
                "dates",
                spans.source(str(node)),
            )
        )
    return found


# -- all --------------------------------------------------------------------------------------


def check(graph: Graph | Snapshot | Store, texts: Mapping[str, str] | None = None) -> list[Finding]:
    """Every finding of the number, speaker and date checks on *graph*, sorted.

    *texts* maps the IRIs of sources to their texts, where the caller has them: the speaker
    check then reads the sentence around a span too (:func:`check_speakers`).

    An rdflib graph is copied into a :class:`~vzkg.validation.snapshot.Snapshot` first where
    pyoxigraph can hold it: its engine answers these queries a hundred times faster than
    rdflib's, which more than pays for the copy. A dataset's entailed graph is left out.
    """
    if isinstance(graph, Graph):
        graph = snapshot(graph) or graph
    spans = Spans(graph)
    found = (
        check_numbers(graph, spans)
        + check_speakers(graph, spans, texts)
        + check_dates(graph, spans)
    )
    return sorted(set(found))


def for_source(findings: Iterable[Finding], source: str) -> list[Finding]:
    """The findings about nodes whose evidence quotes *source*."""
    return [finding for finding in findings if finding.source == source]
