"""Serialising the graph: byte-identical output for the same graph, with curated prefixes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from .errors import InputError
from .files import atomic_write
from .formats import EXPORT_FORMATS
from .writers.blank_nodes import blank_node_labels
from .writers.jsonld import write_jsonld
from .writers.oxigraph_lines import OXIGRAPH_FORMATS
from .writers.rdfxml import write_rdfxml
from .writers.terms import check_terms, statement_line
from .writers.turtle import Quad, write_trig, write_turtle

if TYPE_CHECKING:
    from .engines.base import Store


def format_for(path: str | Path) -> str:
    """Return the export format that *path*'s extension names.

    >>> format_for("out/graph.trig")
    'trig'
    """
    suffix = Path(path).suffix.lower()
    for fmt, extension in EXPORT_FORMATS.items():
        if suffix == extension or (fmt == "turtle" and suffix == ".turtle"):
            return fmt
    if suffix in (".xml", ".owl"):
        return "xml"
    known = ", ".join(EXPORT_FORMATS.values())
    raise InputError(f"cannot tell the export format of {path}; use one of {known} or --format")


def _quads(graph: Graph | Store) -> list[Quad]:
    """Every statement of *graph* with its graph name (None for the default graph), blank
    nodes relabelled by :func:`vzkg.writers.blank_nodes.blank_node_labels`, refused if any term
    cannot be written unchanged."""
    from .engines.base import Store

    quads: set[Quad] = set()
    if isinstance(graph, Store):
        quads.update(graph.quads())  # type: ignore[arg-type]
    elif isinstance(graph, Dataset):
        for s, p, o, g in graph.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            key = None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name
            quads.add((s, p, o, key))  # type: ignore[arg-type]
    else:
        quads.update((s, p, o, None) for s, p, o in graph)  # type: ignore[misc]
    check_terms(quads)  # type: ignore[arg-type]
    labels = blank_node_labels(quads)
    return [
        tuple(labels[t] if isinstance(t, BNode) else t for t in quad)  # type: ignore[misc]
        for quad in quads
    ]


def _lines(rows: Iterable[Iterable[Node | None]]) -> bytes:
    """N-Triples or N-Quads: one sorted line a statement."""
    lines = {statement_line(row) for row in rows}
    return "".join(line + "\n" for line in sorted(lines)).encode()


def serialize(graph: Graph | Store, *, format: str = "turtle") -> bytes:
    """Return *graph* in *format* as bytes; the same graph always gives the same bytes.

    Triple formats (``turtle``, ``nt``, ``xml``) write the union of a dataset's graphs; quad
    formats (``nq``, ``trig``, ``jsonld``) keep each named graph.

    >>> import vzkg
    >>> from vzkg.serialization import serialize
    >>> serialize(vzkg.load(), format="nt") == serialize(vzkg.load(), format="nt")
    True
    """
    if format not in EXPORT_FORMATS:
        raise InputError(
            f"unknown export format {format!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    if format in OXIGRAPH_FORMATS and getattr(graph, "engine", "") == "oxigraph":
        return graph.dump(format)  # type: ignore[union-attr]  # Oxigraph's own writer, mended
    quads = _quads(graph)
    triples = {q[:3] for q in quads}
    if format == "nt":
        return _lines(triples)
    if format == "nq":
        return _lines(quads)
    if format == "trig":
        return write_trig(quads).encode()
    if format == "jsonld":
        return write_jsonld(quads).encode()
    if format == "xml":
        return write_rdfxml(triples).encode()
    return write_turtle(triples).encode()


def export(
    graph: Graph | Store, *, format: str | None = None, destination: str | Path | None = None
) -> bytes | None:
    """Serialise *graph*; return the bytes, or write them to *destination* and return None.

    *format* defaults to the one *destination*'s extension names, else ``turtle``. Files are
    written atomically (see :func:`vzkg.files.atomic_write`).
    """
    if format is None:
        format = format_for(destination) if destination is not None else "turtle"
    data = serialize(graph, format=format)
    if destination is None:
        return data
    atomic_write(destination, data)
    return None
