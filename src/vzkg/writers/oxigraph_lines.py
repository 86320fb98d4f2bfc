"""N-Triples and N-Quads of an Oxigraph store, written by Oxigraph and mended to vzkg's bytes.

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
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, URIRef

from .blank_nodes import blank_node_labels
from .terms import statement_line

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


def _holds_raw(text: bytes) -> bool:
    """Whether *text* holds U+0080–U+009F, U+2028 or U+2029 (found faster than a regex would:
    a search of the bytes for their first byte, which U+00A0–U+00BF share)."""
    if b"\xe2\x80\xa8" in text or b"\xe2\x80\xa9" in text:
        return True
    at = text.find(b"\xc2")
    while at != -1:
        if 0x80 <= text[at + 1] <= 0x9F:
            return True
        at = text.find(b"\xc2", at + 2)
    return False


def oxigraph_lines(store: ox.Store, graphs: Iterable[ox.NamedNode], *, quads: bool) -> bytes:
    """The statements of the named *graphs* of *store*, as vzkg writes them: N-Quads if
    *quads*, else N-Triples of their union (a statement once)."""
    chunks: list[bytes] = []
    blank: dict[ox.NamedNode, bytes] = {}  # the lines of each graph with a blank node
    for graph in graphs:
        chunk = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
        if b"_:" in chunk:  # maybe a blank node (or `_:` in a literal)
            lines = chunk.splitlines(keepends=True)
            blank[graph] = b"".join(line for line in lines if _BLANK.match(line))
            chunk = b"".join(line for line in lines if not _BLANK.match(line))
        if quads:  # every line ends in " .\n": no literal holds a raw line break
            chunk = chunk.replace(b" .\n", b" <" + graph.value.encode() + b"> .\n")
        chunks.append(chunk)
    text = b"".join(chunks)
    if b"\\b" in text or b"\\f" in text or _holds_raw(text):
        text = _MEND.sub(_mend, text)
    lines = text.split(b"\n")[:-1] + _blank_lines(blank, quads=quads)
    lines.sort()  # in runs already (a graph's lines): faster than sorting a set
    if lines and not quads:  # the union: a statement in several graphs once
        before = [b"", *lines[:-1]]
        lines = [line for line, last in zip(lines, before, strict=True) if line != last]
    return b"".join(line + b"\n" for line in lines)


def _blank_lines(found: dict[ox.NamedNode, bytes], *, quads: bool) -> list[bytes]:
    """The lines holding blank nodes, written by vzkg's writer with its stable labels (which
    depend only on the statements that hold blank nodes)."""
    from ..engines.terms import to_rdflib

    statements = [
        (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), URIRef(graph.value))
        for graph, lines in found.items()
        for t in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
    ]
    labels = blank_node_labels(statements)  # type: ignore[arg-type]
    written = [
        statement_line(
            [labels[t] if isinstance(t, BNode) else t for t in statement[: 4 if quads else 3]]
        )
        for statement in statements
    ]
    return [line.encode() for line in written]
