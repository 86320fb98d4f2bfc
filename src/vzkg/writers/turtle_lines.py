"""Turtle and TriG from the N-Triples statements vzkg writes, as text.

:mod:`.turtle` writes rdflib terms, which an Oxigraph store of a million statements takes
minutes to make and sort; its N-Triples come in seconds (:mod:`.oxigraph_lines`), already as
vzkg writes them: stable blank node labels, vzkg's escapes and one statement a line. Here
those statements are regrouped and abbreviated as text, through the same
:class:`.turtle.Terms` and :func:`.turtle.block`, so the bytes are those of :mod:`.turtle`
for the same statements (tests/test_export_native.py holds them together).

The statements come sorted, so those of a subject are consecutive (a term ends at a space,
which no IRI or blank node label holds); but sorted as text, where Turtle sorts IRIs
as strings, blank nodes by number and literals by their value (:func:`.turtle.term_order`):
subjects, verbs and objects are sorted again by :func:`_order`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter

from .terms import XSD_STRING, value_of
from .turtle import RDF_TYPE, Terms, block, document, graph_block

Order = tuple[int, int, str]


def _literal(term: str) -> tuple[str, str, str]:
    """The quoted text, language tag and datatype ("" for none) of a literal in N-Triples.

    A datatype is an IRI (which holds no ``"``) and a tag holds no ``"``: the last ``"`` of
    *term* closes its text."""
    if term[-1] == '"':
        return term, "", ""
    if term[-1] == ">":
        at = term.rfind('"^^<')
        return term[: at + 1], "", value_of(term[at + 3 :])
    at = term.rfind('"@')
    return term[: at + 1], term[at + 2 :], ""


def _order(term: str) -> Order:
    """:func:`.turtle.term_order` of the term written *term* in N-Triples."""
    if term[0] == "<":
        return (0, 0, value_of(term))
    if term[0] == "_":
        number = term[3:]
        return (1, int(number), "") if number.isdigit() else (1, -1, term[2:])
    quoted, language, datatype = _literal(term)
    return (2, 0, f"{value_of(quoted)}\x00{language}\x00{datatype}")


class _Written(Terms):
    """Terms written from their N-Triples, each once."""

    def __init__(self) -> None:
        super().__init__()
        self.terms: dict[str, str] = {}
        self.verbs: dict[str, str] = {}
        self.verb_order: dict[str, tuple[bool, str]] = {}

    def written(self, term: str) -> str:
        """*term* in Turtle; only IRIs and typed literals (which end in ``>``) change."""
        if term[-1] != ">":
            return term
        text = self.terms.get(term)
        if text is None:
            if term[0] == "<":
                text = self.iri(value_of(term))
            else:
                quoted, language, datatype = _literal(term)
                text = self.literal(quoted, language, datatype or XSD_STRING)
            self.terms[term] = text
        return text

    def _verb(self, term: str) -> None:
        iri = value_of(term)
        self.verbs[term] = self.verb(iri)
        self.verb_order[term] = (iri != RDF_TYPE, iri)

    def subject(self, subject: str, verbs: dict[str, list[str]], indent: str) -> tuple[Order, str]:
        """The block of *subject*, with its sort key."""
        known, terms, written = self.verbs, self.terms, self.written
        for verb in verbs:
            if verb not in known:
                self._verb(verb)
        lines = []
        for verb in sorted(verbs, key=self.verb_order.__getitem__) if len(verbs) > 1 else verbs:
            objects = verbs[verb]
            if len(objects) > 1:
                objects = [written(o) for o in sorted(objects, key=_order)]
            elif objects[0][-1] == ">":  # only IRIs and typed literals are written anew
                objects = [terms.get(objects[0]) or written(objects[0])]
            lines.append((known[verb], objects))
        return _order(subject), block(written(subject), lines, indent)

    def blocks(self, lines: Iterable[str], indent: str = "") -> list[str]:
        """One block per subject of *lines*, statements without their final `` .``."""
        blocks: list[tuple[Order, str]] = []
        subject = ""
        verbs: dict[str, list[str]] = {}
        for line in lines:
            s, p, o = line.split(" ", 2)
            if s != subject:
                if verbs:
                    blocks.append(self.subject(subject, verbs, indent))
                subject, verbs = s, {p: [o]}
            elif p in verbs:
                verbs[p].append(o)
            else:
                verbs[p] = [o]
        if verbs:
            blocks.append(self.subject(subject, verbs, indent))
        blocks.sort(key=itemgetter(0))
        return [text for _, text in blocks]


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off: the blocks make millions of lists and tuples, none in a
    cycle, and the collector walked the growing heap again and again (a fifth of the time at
    1M statements)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def turtle_from_statements(statements: list[str]) -> bytes:
    """Turtle for the sorted *statements*, as vzkg writes N-Triples without the final `` .``."""
    terms = _Written()
    with _without_cycle_collection():
        return document(terms, terms.blocks(statements)).encode()


def trig_from_graphs(graphs: dict[str, list[str]]) -> bytes:
    """TriG for the *statements* of each named graph, in any order, as vzkg writes N-Triples
    without the final `` .``, by the graph's IRI in N-Triples."""
    terms = _Written()
    with _without_cycle_collection():
        blocks = [
            graph_block(terms.written(name), terms.blocks(sorted(graphs[name]), indent="    "))
            for name in sorted(graphs, key=_order)
            if graphs[name]
        ]
        return document(terms, blocks).encode()
