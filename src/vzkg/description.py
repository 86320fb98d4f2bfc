"""A human summary of one entity: what it points at, and what points at it.

Besides its own facts, a description gathers what the graph says around an entity: the offices
a person holds and the members of an organisation, the events an actor or place takes part in
and how (with the words that say so, or the curators' inference), an event's participants,
places, time, the claims about it and its evidence, the uses of a law, the history of a policy,
the events of a type, what it said and what was said about it, and whatever else links to it.
Each line that rests on a source names the node to cite for it (``vzkg cite``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.term import Identifier

from .citation import is_citable
from .engines.memory import as_store
from .kinds import kind_of
from .namespaces import compact
from .results import cut, display
from .sparql import query

if TYPE_CHECKING:
    from .engines import Store

# the English label of ?x, or nothing: user data may lack one, and then the IRI stands in
_NAME = 'OPTIONAL {{ ?{0} rdfs:label ?{0}_name FILTER(lang(?{0}_name) = "en") }}'
# a time's label, and its bounds for sorting (either is absent for an open end)
_WHEN = """OPTIONAL {{ ?{0} {1} ?{0}_time . ?{0}_time rdfs:label ?when
             OPTIONAL {{ ?{0}_time sem:hasEarliestBeginTimeStamp ?start }}
             OPTIONAL {{ ?{0}_time sem:hasLatestEndTimeStamp ?end }} }}"""
# as the timeline sorts: an open start first, an open end last
_IN_TIME_ORDER = "ORDER BY (BOUND(?start)) ?start (!BOUND(?end)) ?end"

_FACTS = """
SELECT ?property ?value ?statement WHERE {
    ?this ?property ?value .
    FILTER(?property NOT IN (vzkg:evidence, prov:wasDerivedFrom, sem:hasActor, sem:hasPlace))
    OPTIONAL { ?statement a vzkg:ReportedStatement ; rdf:subject ?this ;
                   rdf:predicate ?property ; rdf:object ?value }
}
ORDER BY ?property isLiteral(?value) COALESCE(LANG(?value), "")
    COALESCE(STR(DATATYPE(?value)), "") ?value ?statement
"""
# SPARQL leaves the order of literals of different languages or datatypes to the engine:
# the keys before ?value make it the same in every engine

# the memberships of ?this as a member (its offices) or as the organisation (its members)
_MEMBERSHIPS = """
SELECT ?membership ?role ?other ?when ?quote WHERE {{
    ?membership {this} ?this ; org:role/rdfs:label ?role ; {other}/rdfs:label ?other .
    OPTIONAL {{ ?membership org:memberDuring/rdfs:label ?when }}
    OPTIONAL {{ ?membership vzkg:evidence/oa:hasSelector/oa:exact ?quote }}
    FILTER(lang(?role) = "en" && lang(?other) = "en")
}}
ORDER BY ?other ?role ?membership ?quote
"""
_ROLES = _MEMBERSHIPS.format(this="org:member", other="org:organization")
_MEMBERS = _MEMBERSHIPS.format(this="org:organization", other="org:member")

# who or what took part in this event, and how: sem:hasActor or sem:hasPlace
_PARTICIPANTS = f"""
SELECT ?participation ?who ?who_name ?as ?quote ?inference WHERE {{
    ?this <LINK> ?participation .
    ?participation rdf:value ?who ; sem:roleType/rdfs:label ?as .
    {_NAME.format("who")}
    OPTIONAL {{ ?participation vzkg:evidence/oa:hasSelector/oa:exact ?quote }}
    OPTIONAL {{ ?participation vzkg:inference ?inference }}
    FILTER(lang(?as) = "en")
}}
ORDER BY ?as ?who ?participation ?quote
"""

_WHEN_IT_HAPPENED = """
SELECT ?when ?from ?to ?words WHERE {
    ?this sem:hasTime ?time . ?time rdfs:label ?when .
    OPTIONAL { ?time sem:hasEarliestBeginTimeStamp ?from }
    OPTIONAL { ?time sem:hasLatestEndTimeStamp ?to }
    OPTIONAL { ?this vzkg:timeExpression ?words }
}
ORDER BY ?when ?words
"""

_TOOK_PART = f"""
SELECT ?when ?event ?what ?as ?participation ?quote ?inference WHERE {{
    ?event sem:hasActor|sem:hasPlace ?participation ; rdfs:label ?what .
    ?participation rdf:value ?this ; sem:roleType/rdfs:label ?as .
    {_WHEN.format("event", "sem:hasTime")}
    OPTIONAL {{ ?participation vzkg:evidence/oa:hasSelector/oa:exact ?quote }}
    OPTIONAL {{ ?participation vzkg:inference ?inference }}
    FILTER(lang(?what) = "en" && lang(?as) = "en")
}}
{_IN_TIME_ORDER} ?event ?participation ?quote
"""

# the events that change a policy, and for a law the events of the policies resting on it
_HISTORY = f"""
SELECT ?when ?event ?what ?status WHERE {{
    ?event vzkg:policy ?this ; rdfs:label ?what .
    OPTIONAL {{ ?event vzkg:newStatus/rdfs:label ?status FILTER(lang(?status) = "en") }}
    {_WHEN.format("event", "sem:hasTime")}
    FILTER(lang(?what) = "en")
}}
{_IN_TIME_ORDER} ?event
"""

_USES = f"""
SELECT ?policy ?policy_name ?when ?event ?what WHERE {{
    ?policy vzkg:legalBasis ?this .
    {_NAME.format("policy")}
    OPTIONAL {{ ?event vzkg:policy ?policy ; rdfs:label ?what FILTER(lang(?what) = "en")
               {_WHEN.format("event", "sem:hasTime")} }}
}}
ORDER BY ?policy (BOUND(?start)) ?start (!BOUND(?end)) ?end ?event
"""

_OF_TYPE = f"""
SELECT ?when ?event ?what WHERE {{
    ?event sem:eventType ?this ; rdfs:label ?what .
    {_WHEN.format("event", "sem:hasTime")}
    FILTER(lang(?what) = "en")
}}
{_IN_TIME_ORDER} ?event
"""

_SAID = f"""
SELECT ?when ?statement ?kind ?words WHERE {{
    ?statement schema:author ?this ; a ?class ; schema:text ?words .
    VALUES (?class ?kind) {{ (schema:Quotation "quotation") (schema:Claim "claim")
                            (vzkg:Accusation "accusation") (vzkg:Pledge "pledge") }}
    {_WHEN.format("statement", "vzkg:saidAt")}
}}
{_IN_TIME_ORDER} ?statement ?kind
"""

_SAID_ABOUT = f"""
SELECT DISTINCT ?when ?statement ?who ?words WHERE {{
    ?statement schema:about|vzkg:accused|rdf:object ?this ; schema:author/rdfs:label ?who ;
        schema:text ?words .
    {_WHEN.format("statement", "vzkg:saidAt")}
    FILTER(lang(?who) = "en")
}}
{_IN_TIME_ORDER} ?statement
"""

# what else points here; the links the sections above show, and provenance plumbing, are left
# to those sections (an article is the source of everything in its graph)
_LINKED_FROM = f"""
SELECT ?property ?subject ?subject_name WHERE {{
    ?subject ?property ?this .
    FILTER(isIRI(?subject))
    FILTER(?property NOT IN (rdf:type, rdf:value, org:member, org:organization, schema:author,
        schema:about, vzkg:accused, vzkg:legalBasis, vzkg:policy, sem:eventType, oa:hasSource,
        prov:wasDerivedFrom, vzkg:evidence))
    {_NAME.format("subject")}
}}
ORDER BY ?property ?subject
"""

_EVIDENCE = """
SELECT ?quote ?start ?end ?source WHERE {
    ?this vzkg:evidence ?evidence .
    ?evidence oa:hasSource ?source ;
        oa:hasSelector [ oa:exact ?quote ] , [ oa:start ?start ; oa:end ?end ] .
}
ORDER BY ?source ?start ?end ?quote
"""

_INFERENCE = "SELECT ?note WHERE { ?this vzkg:inference ?note } ORDER BY ?note"


def _words(text: str) -> str:
    return " ".join(text.split())


def _quoted(quote: Identifier | None) -> str:
    return f"“{quote}”" if quote is not None else ""


def _inferred(note: Identifier | None) -> str:
    return f"inferred by the curators: {note}" if note is not None else ""


@dataclass(frozen=True)
class Line:
    """One line of a description: what it says, the lines under it (quotes, inferences), and
    the node to cite for it (``None``: curated by vzkg, not taken from a source)."""

    text: str
    details: tuple[str, ...] = ()
    cite: str | None = None


@dataclass
class Description:
    """What :func:`describe` found, section by section."""

    entity: str
    title: str
    #: what the entity is: "person", "event"… (see :func:`vzkg.kinds.kind_of`)
    kind: str
    sections: dict[str, list[Line]] = field(default_factory=dict)

    def text(self, *, max_width: int | None = 100, cite: bool = False) -> str:
        """The description for people; with *cite*, each line that rests on a source says
        which node to cite (``vzkg cite NODE``)."""
        lines = [f"{self.title} ({compact(self.entity)})"]
        for heading, rows in self.sections.items():
            if not rows:
                continue
            lines.append("")
            lines.append(f"{heading}:")
            for row in rows:
                lines.append(f"  {cut(_words(row.text), max_width)}")
                lines.extend(f"      {cut(_words(more), max_width)}" for more in row.details)
                if cite and row.cite is not None:
                    lines.append(f"      cite: {compact(row.cite)}")
        return "\n".join(lines) + "\n"


def describe(graph: Graph | Store, entity: URIRef) -> Description:
    """Summarise *entity*: its facts, and what the graph says around it (see the module).

    *graph* is a store of any engine (:func:`vzkg.open_store`), or an rdflib Graph or
    Dataset (:func:`vzkg.load`); what it only entails (``vzg:entailed``) is left out.

    >>> import vzkg
    >>> from vzkg.namespaces import VZ
    >>> summary = vzkg.describe(vzkg.load(), VZ["jorge-rodriguez"])
    >>> summary.title, summary.kind
    ('Jorge Rodríguez', 'person')
    >>> for line in summary.sections["Roles"]:
    ...     print(line.text)
    ...     print("   ", compact(line.cite), len(line.details), "quotes")
    president of National Assembly of Venezuela (2025-03-23)
        vz:membership-rodriguez-national-assembly-president 1 quotes
    chief negotiator of Venezuelan government (2025-03-23)
        vz:membership-rodriguez-chief-negotiator 1 quotes
    """
    # the facts stated, not each entailed super-class and super-property
    store = as_store(graph).stated()

    def rows(sparql: str) -> Sequence[tuple[Identifier | None, ...]]:
        return query(store, sparql, bindings={"this": entity}).rows

    def source_of(node: Identifier | None) -> str | None:
        return str(node) if isinstance(node, URIRef) and is_citable(store, node) else None

    facts = rows(_FACTS)
    title = next(
        (
            str(v)
            for p, v, _ in facts
            if compact(str(p)) == "rdfs:label" and getattr(v, "language", None) == "en"
        ),
        compact(str(entity)),
    )
    description = Description(str(entity), title, kind_of(store, entity))
    sections = description.sections
    sections["Facts"] = []
    for p, v, statement in facts:
        language = getattr(v, "language", None)
        text = f"{compact(str(p))}: {display(v)}" + (f" @{language}" if language else "")
        sections["Facts"].append(Line(text, cite=source_of(statement)))
    self = source_of(entity)
    sections["Inferred"] = [Line(_inferred(note), cite=self) for (note,) in rows(_INFERENCE)]
    sections["Roles"] = _grouped(
        (f"{role} of {org}" + (f" ({when})" if when else ""), _quoted(quote), source_of(node))
        for node, role, org, when, quote in rows(_ROLES)
    )
    sections["Members"] = _grouped(
        (f"{member}, {role}" + (f" ({when})" if when else ""), _quoted(quote), source_of(node))
        for node, role, member, when, quote in rows(_MEMBERS)
    )
    for heading, link in (("Participants", "sem:hasActor"), ("Places", "sem:hasPlace")):
        sections[heading] = _grouped(
            (f"{name or display(who)} ({role})", _quoted(quote) or _inferred(note), source_of(node))
            for node, who, name, role, quote, note in rows(_PARTICIPANTS.replace("<LINK>", link))
        )
    sections["When"] = _grouped(
        (
            str(when) + (f" (between {begin} and {end})" if begin != end else ""),
            f"in the source's words: “{words}”" if words else "",
            self,
        )
        for when, begin, end, words in rows(_WHEN_IT_HAPPENED)
    )
    sections["Took part in"] = _grouped(
        (
            f"{when or 'undated'}  as {role}: {what}",
            _quoted(quote) or _inferred(note),
            source_of(node),
        )
        for when, _, what, role, node, quote, note in rows(_TOOK_PART)
    )
    sections["History"] = [
        Line(f"{when or 'undated'}  {status or 'change'}: {what}", cite=source_of(event))
        for when, event, what, status in rows(_HISTORY)
    ]
    sections["Uses"] = [
        Line(
            f"{when or 'undated'}  {what}" if event else f"policy: {name or display(policy)}",
            (f"policy: {name or display(policy)}",) if event else (),
            source_of(event),
        )
        for policy, name, when, event, what in rows(_USES)
    ]
    sections["Events of this type"] = [
        Line(f"{when or 'undated'}  {what}", cite=source_of(event))
        for when, event, what in rows(_OF_TYPE)
    ]
    sections["Said"] = [
        Line(f"{when or 'undated'}  {kind}: {words}", cite=source_of(statement))
        for when, statement, kind, words in rows(_SAID)
    ]
    sections["Said about it"] = [
        Line(f"{when or 'undated'}  {who}: {words}", cite=source_of(statement))
        for when, statement, who, words in rows(_SAID_ABOUT)
    ]
    sections["Linked from"] = [
        Line(f"{compact(str(p))} of {name or display(subject)}", cite=source_of(subject))
        for p, subject, name in rows(_LINKED_FROM)
    ]
    sections["Evidence"] = [
        Line(f"“{quote}”", (f"{compact(str(source))} characters {start}-{end}",), self)
        for quote, start, end, source in rows(_EVIDENCE)
    ]
    return description


def _grouped(rows: Iterable[tuple[str, str, str | None]]) -> list[Line]:
    """One line per distinct (text, node to cite), gathering the distinct details under it."""
    merged: dict[tuple[str, str | None], list[str]] = {}
    for text, detail, cite in rows:
        details = merged.setdefault((text, cite), [])
        if detail and detail not in details:
            details.append(detail)
    return [Line(text, tuple(details), cite) for (text, cite), details in merged.items()]
