"""Turtle and TriG, written by vzkg rather than by rdflib.

rdflib's writers invent ``ns1:``-style prefixes (per graph, so TriG assembled from them mixed
namespaces up), write multi-line literals in long quotes that any re-indentation alters, and
leave U+2028 and U+0085 raw. Here: only the curated prefixes (IRIs outside them are written in
full), every literal on one line with its escapes (see :mod:`vzkg.terms`), numbers and booleans
as quoted typed literals unless the short form reads back identically, statements grouped by
subject and sorted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..namespaces import PREFIXES, prefixed_name
from .terms import RDF_LANG_STRING, XSD_STRING, iri_syntax, string_syntax

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node | None]

_XSD = "http://www.w3.org/2001/XMLSchema#"
# Lexical forms that the short syntax gives back unchanged (rdflib's reader rewrites `01`,
# `+1`, `.5`; so only canonical integers, and booleans).
_SHORT_FORMS = {
    f"{_XSD}integer": re.compile(r"-?(?:0|[1-9][0-9]*)"),
    f"{_XSD}boolean": re.compile(r"true|false"),
}


def term_order(term: Node | None) -> tuple[int, int, str]:
    """Sort key: IRIs, then blank nodes by their number, then literals, each in a fixed order."""
    if term is None:
        return (-1, 0, "")
    if isinstance(term, URIRef):
        return (0, 0, str(term))
    if isinstance(term, BNode):
        number = str(term)[1:]
        return (1, int(number), "") if number.isdigit() else (1, -1, str(term))
    assert isinstance(term, Literal)
    return (2, 0, f"{term}\x00{term.language or ''}\x00{term.datatype or ''}")


class _Writer:
    """Writes terms, remembering which curated prefixes it used."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        name = prefixed_name(iri)
        if name is None:
            return iri_syntax(iri)
        self.used.add(name[0])
        return f"{name[0]}:{name[1]}"

    def term(self, term: Node) -> str:
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, BNode):
            return f"_:{term}"
        assert isinstance(term, Literal)
        datatype = str(term.datatype) if term.datatype is not None else XSD_STRING
        short = _SHORT_FORMS.get(datatype)
        if short is not None and short.fullmatch(term):
            return str(term)
        text = string_syntax(term)
        if term.language:
            return f"{text}@{term.language}"
        if datatype in (XSD_STRING, RDF_LANG_STRING):
            return text
        return f"{text}^^{self.iri(datatype)}"

    def statements(self, triples: Iterable[Triple], indent: str = "") -> list[str]:
        """One block of lines per subject: predicates in order, `a` first."""
        by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            by_subject[s][p].append(o)
        blocks = []
        for subject in sorted(by_subject, key=term_order):
            predicates = by_subject[subject]
            order = sorted(predicates, key=lambda p: (p != RDF.type, term_order(p)))
            lines = []
            for i, predicate in enumerate(order):
                verb = "a" if predicate == RDF.type else self.iri(str(predicate))
                objects = [self.term(o) for o in sorted(predicates[predicate], key=term_order)]
                lead = f"{self.term(subject)} " if i == 0 else "    "
                lines.append(f"{indent}{lead}{verb} " + f" ,\n{indent}        ".join(objects))
            blocks.append(" ;\n".join(lines) + " .")
        return blocks

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(self.used))


def _document(writer: _Writer, blocks: Sequence[str]) -> str:
    if not blocks:
        return ""
    return writer.header() + "\n" + "\n\n".join(blocks) + "\n"


def write_turtle(triples: Iterable[Triple]) -> str:
    """Turtle for *triples*, whose blank nodes already carry their stable labels."""
    writer = _Writer()
    return _document(writer, writer.statements(triples))


def write_trig(quads: Iterable[Quad]) -> str:
    """TriG for *quads*: the default graph (graph name None) first, then each named graph."""
    by_graph: dict[Node | None, list[Triple]] = defaultdict(list)
    for s, p, o, g in quads:
        by_graph[g].append((s, p, o))
    writer = _Writer()
    blocks: list[str] = []
    for name in sorted(by_graph, key=term_order):
        if name is None:
            blocks.extend(writer.statements(by_graph[name]))
        else:
            body = "\n\n".join(writer.statements(by_graph[name], indent="    "))
            blocks.append(f"{writer.term(name)} {{\n{body}\n}}")
    return _document(writer, blocks)
