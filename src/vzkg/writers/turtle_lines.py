"""Turtle and TriG from the N-Triples statements vzkg writes, as text.

:mod:`.turtle` writes rdflib terms, which an Oxigraph store of a million statements takes
minutes to make and sort; its N-Triples come in seconds (:mod:`.oxigraph_lines`), already as
vzkg writes them: stable blank node labels, vzkg's escapes and one statement a line. Here
those statements are regrouped and abbreviated as text, through the same
:class:`.turtle.Terms` and :func:`.turtle.block`, so the bytes are those of :mod:`.turtle`
for the same statements (tests/test_export_native.py holds them together).

The statements come in any order, a statement maybe twice (the union of graphs): they are
grouped by subject and verb in dictionaries (a term ends at a space, which no IRI or blank
node label holds), faster than sorting a million lines as text and grouping the runs; then
subjects, verbs and objects are sorted as Turtle sorts them (:func:`.turtle.term_order`:
IRIs as strings, blank nodes by number, literals by their value), by :func:`_order`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

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


Subjects = dict[str, dict[str, list[str]]]


class _Orders(dict[str, Order]):
    """:func:`_order` of each term asked for, worked out once (objects recur: types, places)."""

    def __missing__(self, term: str) -> Order:
        order = self[term] = _order(term)
        return order


def _group(statements: Iterable[str], subjects: Subjects) -> None:
    """Add *statements* (N-Triples without the final `` .``, in any order) to *subjects*: the
    objects of each verb of each subject, in the order met (a statement met twice, twice).
    A subject is looked up only where it changes: Oxigraph writes a graph's statements
    subject by subject."""
    subject, verbs = "", {}
    for line in statements:
        s, p, o = line.split(" ", 2)
        if s != subject:
            subject, verbs = s, subjects.setdefault(s, {})
        objects = verbs.get(p)
        if objects is None:
            verbs[p] = [o]
        else:
            objects.append(o)


class _Written(Terms):
    """Terms written from their N-Triples, each once."""

    def __init__(self) -> None:
        super().__init__()
        self.terms: dict[str, str] = {}
        self.orders = _Orders()
        # a subject's verbs as met, in their order and written: subjects share a few such sets
        self.shapes: dict[tuple[str, ...], list[tuple[str, str]]] = {}

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

    def _shape(self, verbs: tuple[str, ...]) -> list[tuple[str, str]]:
        def order(verb: str) -> tuple[bool, str]:
            iri = value_of(verb)
            return (iri != RDF_TYPE, iri)

        shape = [(verb, self.verb(value_of(verb))) for verb in sorted(verbs, key=order)]
        self.shapes[verbs] = shape
        return shape

    def subject(self, subject: str, verbs: dict[str, list[str]], indent: str) -> str:
        """The block of *subject*: its verbs in order, each with its objects once, in order."""
        terms, written = self.terms, self.written
        key = tuple(verbs)
        lines = []
        for verb, text in self.shapes.get(key) or self._shape(key):
            objects = verbs[verb]
            if len(objects) > 1:
                ordered = sorted(set(objects), key=self.orders.__getitem__)
                objects = [written(o) for o in ordered]
            elif objects[0][-1] == ">":  # only IRIs and typed literals are written anew
                objects = [terms.get(objects[0]) or written(objects[0])]
            lines.append((text, objects))
        return block(written(subject), lines, indent)

    def blocks(self, subjects: Subjects, indent: str = "") -> list[str]:
        """One block per subject of *subjects*, in order."""
        return [
            self.subject(subject, subjects[subject], indent)
            for subject in sorted(subjects, key=_order)
        ]


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


def turtle_from_statements(statements: Iterable[Iterable[str]]) -> bytes:
    """Turtle for the union of *statements*, runs of N-Triples lines as vzkg writes them
    without the final `` .``, in any order, a statement maybe more than once."""
    terms, subjects = _Written(), Subjects()
    with _without_cycle_collection():
        for run in statements:
            _group(run, subjects)
        return document(terms, terms.blocks(subjects)).encode()


def trig_from_graphs(graphs: Mapping[str, Iterable[Iterable[str]]]) -> bytes:
    """TriG for the statements of each named graph, by the graph's IRI in N-Triples: runs of
    N-Triples lines as vzkg writes them without the final `` .``, in any order."""
    terms = _Written()
    with _without_cycle_collection():
        blocks = []
        for name in sorted(graphs, key=_order):
            subjects: Subjects = {}
            for run in graphs[name]:
                _group(run, subjects)
            if subjects:
                body = terms.blocks(subjects, indent="    ")
                blocks.append(graph_block(terms.written(name), body))
        return document(terms, blocks).encode()
