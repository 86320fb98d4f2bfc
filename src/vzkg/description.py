"""A human summary of one entity: what it is, what it did, said, and what was said of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from .namespaces import compact
from .results import cut, display
from .sparql import query

_FACTS = """
SELECT ?property ?value WHERE {
    ?this ?property ?value .
    FILTER(?property NOT IN (vzkg:evidence, prov:wasDerivedFrom, sem:hasActor, sem:hasPlace))
}
ORDER BY ?property ?value
"""

_ROLES = """
SELECT ?role ?organization ?when ?quote WHERE {
    ?membership org:member ?this ; org:role/rdfs:label ?role ;
        org:organization/rdfs:label ?organization .
    OPTIONAL { ?membership org:memberDuring/rdfs:label ?when }
    OPTIONAL { ?membership vzkg:evidence/oa:hasSelector/oa:exact ?quote }
    FILTER(lang(?role) = "en" && lang(?organization) = "en")
}
ORDER BY ?organization ?role ?quote
"""

_EVENTS = """
SELECT ?when ?event ?what ?as ?quote WHERE {
    ?event sem:hasActor|sem:hasPlace ?participation ; rdfs:label ?what .
    ?participation rdf:value ?this ; sem:roleType/rdfs:label ?as .
    OPTIONAL { ?event sem:hasTime ?time . ?time rdfs:label ?when ;
               sem:hasEarliestBeginTimeStamp ?start }
    OPTIONAL { ?event vzkg:evidence/oa:hasSelector/oa:exact ?quote }
    FILTER(lang(?what) = "en" && lang(?as) = "en")
}
ORDER BY ?start ?event ?quote
"""

_SAID = """
SELECT ?when ?statement ?kind ?words WHERE {
    ?statement schema:author ?this ; a ?class ; schema:text ?words .
    VALUES (?class ?kind) { (schema:Quotation "quotation") (schema:Claim "claim")
                            (vzkg:Accusation "accusation") (vzkg:Pledge "pledge") }
    OPTIONAL { ?statement vzkg:saidAt ?time . ?time rdfs:label ?when ;
               sem:hasEarliestBeginTimeStamp ?start }
}
ORDER BY ?start ?statement
"""

_SAID_ABOUT = """
SELECT DISTINCT ?when ?statement ?who ?words WHERE {
    ?statement schema:about|vzkg:accused|rdf:object ?this ; schema:author/rdfs:label ?who ;
        schema:text ?words .
    OPTIONAL { ?statement vzkg:saidAt ?time . ?time rdfs:label ?when ;
               sem:hasEarliestBeginTimeStamp ?start }
    FILTER(lang(?who) = "en")
}
ORDER BY ?start ?statement
"""

_EVIDENCE = """
SELECT ?quote ?start ?end ?source WHERE {
    ?this vzkg:evidence ?evidence .
    ?evidence oa:hasSource ?source ;
        oa:hasSelector [ oa:exact ?quote ] , [ oa:start ?start ; oa:end ?end ] .
}
ORDER BY ?source ?start
"""


def _words(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Description:
    """What :func:`describe` found, section by section, each a list of printable lines."""

    entity: str
    title: str
    sections: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def text(self, *, max_width: int | None = 100) -> str:
        lines = [f"{self.title} ({compact(self.entity)})"]
        for heading, rows in self.sections.items():
            if not rows:
                continue
            lines.append("")
            lines.append(f"{heading}:")
            for row in rows:
                first, *rest = row
                lines.append(f"  {cut(_words(first), max_width)}")
                lines.extend(f"      {cut(_words(more), max_width)}" for more in rest if more)
        return "\n".join(lines) + "\n"


def describe(graph: Graph, entity: URIRef) -> Description:
    """Summarise *entity*: its facts, roles, events, what it said and what was said about it.

    >>> import vzkg
    >>> from vzkg.namespaces import VZ
    >>> summary = describe(vzkg.load(), VZ["jorge-rodriguez"])
    >>> summary.title
    'Jorge Rodríguez'
    >>> for row in summary.sections["Roles"]:
    ...     print(row[0])
    president of National Assembly of Venezuela (2025-03-23)
    chief negotiator of Venezuelan government (2025-03-23)
    """
    bindings = {"this": entity}
    facts = query(graph, _FACTS, bindings=bindings).rows
    title = next(
        (
            str(v)
            for p, v in facts
            if compact(str(p)) == "rdfs:label" and getattr(v, "language", None) == "en"
        ),
        compact(str(entity)),
    )
    description = Description(str(entity), title)
    description.sections["Facts"] = []
    for p, v in facts:
        language = getattr(v, "language", None)
        description.sections["Facts"].append(
            (f"{compact(str(p))}: {display(v)}" + (f" @{language}" if language else ""),)
        )
    description.sections["Roles"] = _grouped(
        (
            f"{role} of {organization}" + (f" ({when})" if when else ""),
            f"“{quote}”" if quote else "",
        )
        for role, organization, when, quote in query(graph, _ROLES, bindings=bindings).rows
    )
    description.sections["Took part in"] = _grouped(
        (f"{when or 'undated'}  as {role}: {what}", f"“{quote}”" if quote else "")
        for when, _, what, role, quote in query(graph, _EVENTS, bindings=bindings).rows
    )
    description.sections["Said"] = [
        (f"{when or 'undated'}  {kind}: {words}",)
        for when, _, kind, words in query(graph, _SAID, bindings=bindings).rows
    ]
    description.sections["Said about it"] = [
        (f"{when or 'undated'}  {who}: {words}",)
        for when, _, who, words in query(graph, _SAID_ABOUT, bindings=bindings).rows
    ]
    description.sections["Evidence"] = [
        (f"“{quote}”", f"{compact(str(source))} characters {start}-{end}")
        for quote, start, end, source in query(graph, _EVIDENCE, bindings=bindings).rows
    ]
    return description


def _grouped(rows: object) -> list[tuple[str, ...]]:
    """Merge rows that share their first line, keeping every distinct further line."""
    merged: dict[str, list[str]] = {}
    for first, *rest in rows:  # type: ignore[attr-defined]
        extra = merged.setdefault(str(first), [])
        extra.extend(str(r) for r in rest if r and str(r) not in extra)
    return [(first, *rest) for first, rest in merged.items()]
