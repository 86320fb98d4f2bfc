"""Turtle and TriG, written by vzkg rather than by rdflib.

rdflib's writers invent ``ns1:``-style prefixes (per graph, so TriG assembled from them mixed
namespaces up), write multi-line literals in long quotes that any re-indentation alters, and
leave U+2028 and U+0085 raw. Here: only the curated prefixes (IRIs outside them are written in
full), every literal on one line with its escapes (see :mod:`vzkg.terms`), numbers and booleans
as quoted typed literals unless the short form reads back identically, statements grouped by
subject and sorted.

The rules of the layout live here; :mod:`.turtle_lines` writes the same bytes from the
N-Triples lines of an Oxigraph store, through :class:`Terms` and :func:`block`.
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

RDF_TYPE = str(RDF.type)
_XSD = "http://www.w3.org/2001/XMLSchema#"
# Lexical forms that the short syntax gives back unchanged (rdflib's reader rewrites `01`,
# `+1`, `.5`; so only canonical integers, and booleans). None holds a character that a quoted
# string escapes, so they match the quoted text as they match the lexical form.
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


class Terms:
    """Writes terms, remembering which curated prefixes it used."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        name = prefixed_name(iri)
        if name is None:
            return iri_syntax(iri)
        self.used.add(name[0])
        return f"{name[0]}:{name[1]}"

    def verb(self, iri: str) -> str:
        return "a" if iri == RDF_TYPE else self.iri(iri)

    def literal(self, quoted: str, language: str | None, datatype: str) -> str:
        """A literal of *quoted* text (:func:`.terms.string_syntax`), *language* and
        *datatype* (``xsd:string`` for a plain one)."""
        short = _SHORT_FORMS.get(datatype)
        if short is not None and short.fullmatch(quoted, 1, len(quoted) - 1):
            return quoted[1:-1]
        if language:
            return f"{quoted}@{language}"
        if datatype in (XSD_STRING, RDF_LANG_STRING):
            return quoted
        return f"{quoted}^^{self.iri(datatype)}"

    def term(self, term: Node) -> str:
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, BNode):
            return f"_:{term}"
        assert isinstance(term, Literal)
        datatype = str(term.datatype) if term.datatype is not None else XSD_STRING
        return self.literal(string_syntax(term), term.language, datatype)

    def statements(self, triples: Iterable[Triple], indent: str = "") -> list[str]:
        """One block of lines per subject: predicates in order, `a` first."""
        by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            by_subject[s][p].append(o)
        blocks = []
        for subject in sorted(by_subject, key=term_order):
            predicates = by_subject[subject]
            order = sorted(predicates, key=lambda p: (p != RDF.type, term_order(p)))
            verbs = [
                (
                    self.verb(str(p)),
                    [self.term(o) for o in sorted(predicates[p], key=term_order)],
                )
                for p in order
            ]
            blocks.append(block(self.term(subject), verbs, indent))
        return blocks


def block(subject: str, verbs: Iterable[tuple[str, Sequence[str]]], indent: str) -> str:
    """The statements of *subject*: each verb with its objects, in the order given."""
    between = f" ,\n{indent}        "
    lines = [f"{verb} {between.join(objects)}" for verb, objects in verbs]
    return f"{indent}{subject} " + f" ;\n{indent}    ".join(lines) + " ."


def graph_block(name: str, blocks: Sequence[str]) -> str:
    """A named graph of TriG, its *blocks* written with the indent ``"    "``."""
    body = "\n\n".join(blocks)
    return f"{name} {{\n{body}\n}}"


def document(terms: Terms, blocks: Sequence[str]) -> str:
    """The prefixes *terms* used, then *blocks*; nothing at all for no statements."""
    if not blocks:
        return ""
    header = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(terms.used))
    return header + "\n" + "\n\n".join(blocks) + "\n"


def write_turtle(triples: Iterable[Triple]) -> str:
    """Turtle for *triples*, whose blank nodes already carry their stable labels."""
    terms = Terms()
    return document(terms, terms.statements(triples))


def write_trig(quads: Iterable[Quad]) -> str:
    """TriG for *quads*: the default graph (graph name None) first, then each named graph."""
    by_graph: dict[Node | None, list[Triple]] = defaultdict(list)
    for s, p, o, g in quads:
        by_graph[g].append((s, p, o))
    terms = Terms()
    blocks: list[str] = []
    for name in sorted(by_graph, key=term_order):
        if name is None:
            blocks.extend(terms.statements(by_graph[name]))
        else:
            body = terms.statements(by_graph[name], indent="    ")
            blocks.append(graph_block(terms.term(name), body))
    return document(terms, blocks)
