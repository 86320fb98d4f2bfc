"""N-Triples and N-Quads of an Oxigraph store, written by Oxigraph and mended to vzkg's bytes;
and its Turtle and TriG, made from those lines (:mod:`.turtle_lines`).

vzkg's writer (:func:`vzkg.serialization.serialize`) turns every term into an rdflib term and
back into text in Python; Oxigraph's own serialiser writes a million statements several times
faster (bench/README.md). It writes each statement as vzkg does, but for

- escapes: it writes ``\\b`` and ``\\f`` short, and U+0080–U+009F, U+2028 and U+2029 raw,
  where vzkg writes ``\\uXXXX`` (readers split lines on some of them): mended in one pass over
  the bytes;
- blank node labels: its own, where vzkg gives stable ones (:mod:`.blank_nodes`): the lines
  holding a blank node are read back and written by vzkg's writer;
- order: its own; the lines are sorted as bytes, which sort as their text does (UTF-8 keeps
  the order of code points).

What vzkg's writer refuses (:func:`.terms.check_terms`) cannot be in an Oxigraph store:
Oxigraph refuses such IRIs when a term is made, and its strings hold no lone surrogate.
tests/test_export_native.py holds both writers to the same bytes on generated hostile input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

import pyoxigraph as ox
from rdflib import BNode, URIRef

from .blank_nodes import blank_node_labels
from .terms import iri_syntax, statement_line
from .turtle_lines import trig_from_graphs, turtle_from_statements

T = TypeVar("T", str, bytes)

# an escaped backslash is matched whole, so that `\\b` (a backslash, then b) stays as it is
_MEND = re.compile(rb"\\\\|\\b|\\f|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]")
_MENDED = {b"\\b": b"\\u0008", b"\\f": b"\\u000C"}
# a line whose subject or object is a blank node (an IRI holds no `>` and no space)
_BLANK = re.compile(rb"_:|<[^>]*> <[^>]*> _:")


def _mend(match: re.Match[bytes]) -> bytes:
    found = match.group()
    if found.startswith(b"\\"):
        return _MENDED.get(found, found)
    return b"\\u%04X" % ord(found.decode())


def _holds(text: bytes, lead: bytes, pattern: re.Pattern[bytes]) -> bool:
    """Whether *pattern*, which starts with the byte *lead*, matches somewhere in *text*:
    found by searching for *lead* alone and matching there, as fast as a search for one byte
    (a search for several bytes, or a regex, is several times slower when their later bytes
    are common: `:`, `b`)."""
    at = text.find(lead)
    while at != -1:
        if pattern.match(text, at):
            return True
        at = text.find(lead, at + 1)
    return False


# what may need mending, by the byte each starts with; and what may start a blank node
_MAY_MEND = (
    (b"\\", re.compile(rb"\\[bf]")),
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),
    (b"\xe2", re.compile(rb"\xe2\x80[\xa8\xa9]")),
)
_MAY_BE_BLANK = re.compile(rb"_:")


#: the export formats of an Oxigraph store that Oxigraph's own serialiser writes
OXIGRAPH_FORMATS = ("nt", "nq", "turtle", "trig")


def oxigraph_export(store: ox.Store, graphs: Sequence[ox.NamedNode], format: str) -> bytes:
    """The named *graphs* of *store* in *format*, one of :data:`OXIGRAPH_FORMATS`, as vzkg's
    writer writes them."""
    if format == "turtle":
        return turtle_from_statements(union_statements(store, graphs))
    if format == "trig":
        return trig_from_graphs(graph_statements(store, graphs))
    return oxigraph_lines(store, graphs, quads=format == "nq")


def _dumped(
    store: ox.Store, graphs: Iterable[ox.NamedNode]
) -> tuple[dict[ox.NamedNode, bytes], dict[ox.NamedNode, list[bytes]]]:
    """Each named graph's N-Triples as vzkg writes them: the lines Oxigraph wrote without a
    blank node, mended; and the lines with a blank node, written by vzkg's writer (without
    their line break)."""
    chunks: dict[ox.NamedNode, bytes] = {}
    blank: dict[ox.NamedNode, bytes] = {}
    for graph in graphs:
        chunk = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
        if _holds(chunk, b"_", _MAY_BE_BLANK):  # maybe a blank node (or `_:` in a literal)
            lines = chunk.splitlines(keepends=True)
            blank[graph] = b"".join(line for line in lines if _BLANK.match(line))
            chunk = b"".join(line for line in lines if not _BLANK.match(line))
        if any(_holds(chunk, lead, pattern) for lead, pattern in _MAY_MEND):
            chunk = _MEND.sub(_mend, chunk)
        chunks[graph] = chunk
    return chunks, _blank_lines(blank)


def _name(graph: ox.NamedNode) -> bytes:
    return iri_syntax(graph.value).encode()


def _once(lines: list[T]) -> list[T]:
    """*lines* sorted, each once (in runs already, a graph's: faster than sorting a set)."""
    lines.sort()
    return list(dict.fromkeys(lines))


def oxigraph_lines(store: ox.Store, graphs: Iterable[ox.NamedNode], *, quads: bool) -> bytes:
    """The statements of the named *graphs* of *store*, as vzkg writes them: N-Quads if
    *quads*, else N-Triples of their union (a statement once)."""
    chunks, blank = _dumped(store, graphs)
    if quads:  # every line ends in " .\n": no literal holds a raw line break
        text = b"".join(c.replace(b" .\n", b" %s .\n" % _name(g)) for g, c in chunks.items())
        extra = [line[:-1] + _name(g) + b" ." for g, lines in blank.items() for line in lines]
    else:
        text = b"".join(chunks.values())
        extra = [line for lines in blank.values() for line in lines]
    lines = text.split(b"\n")[:-1] + extra
    if quads:
        lines.sort()
    else:  # the union: a statement in several graphs once
        lines = _once(lines)
    return b"\n".join(lines) + b"\n" if lines else b""


def _statements(chunk: bytes, blank: list[bytes]) -> list[list[str]]:
    """The statements of *chunk* and *blank*, without the `` .`` that ends each: two runs."""
    return [chunk.decode().split(" .\n")[:-1], [line[:-2].decode() for line in blank]]


def union_statements(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> list[list[str]]:
    """The statements of the named *graphs* of *store*, as N-Triples writes them without the
    final `` .``, in runs in no set order (a statement in several graphs in each)."""
    chunks, blank = _dumped(store, graphs)
    return [run for g, chunk in chunks.items() for run in _statements(chunk, blank.get(g, []))]


def graph_statements(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> dict[str, list[list[str]]]:
    """The statements of each named graph of *store* as N-Triples writes them without the
    final `` .``, in runs in no set order, by the graph's IRI in N-Triples."""
    chunks, blank = _dumped(store, graphs)
    return {
        _name(graph).decode(): _statements(chunk, blank.get(graph, []))
        for graph, chunk in chunks.items()
    }


def _blank_lines(found: dict[ox.NamedNode, bytes]) -> dict[ox.NamedNode, list[bytes]]:
    """The lines holding blank nodes, written by vzkg's writer with its stable labels (which
    depend only on the statements that hold blank nodes), by graph."""
    from ..engines.terms import to_rdflib

    quads = [
        (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), URIRef(graph.value))
        for graph, lines in found.items()
        for t in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
    ]
    labels = blank_node_labels(quads)  # type: ignore[arg-type]
    written: dict[ox.NamedNode, list[bytes]] = {graph: [] for graph in found}
    for *triple, graph in quads:
        line = statement_line([labels[t] if isinstance(t, BNode) else t for t in triple])
        written[ox.NamedNode(graph)].append(line.encode())
    return written
