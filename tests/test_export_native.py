"""An Oxigraph store's N-Triples and N-Quads come from Oxigraph's own serialiser, mended
(:mod:`vzkg.writers.oxigraph_lines`): byte for byte what vzkg's writer gives for the same
statements, on generated hostile input (every hard character, ill-typed and non-canonical
literals, IRIs with U+2028, blank nodes in every position) and on the graphs it leaves out."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import example, given
from rdflib import BNode, Dataset, Literal, URIRef
from test_export_properties import _HARD, BUDGET, datasets

from vzkg.engines.oxigraph import OxigraphStore
from vzkg.entailment import ENTAILED_GRAPH
from vzkg.namespaces import new_dataset
from vzkg.serialization import export, serialize

LINE_FORMATS = ("nt", "nq")
G = URIRef("http://example.org/g")
UNNAMED = URIRef("http://example.org/unnamed")  # where generated default-graph statements go


def _writer_bytes(store: OxigraphStore, fmt: str) -> bytes:
    """vzkg's own writer over the statements of *store*, as an rdflib dataset."""
    dataset = new_dataset()
    for quad in store.quads():
        dataset.add(quad)
    return serialize(dataset, format=fmt)


def _store(quads: list[tuple]) -> OxigraphStore | None:  # type: ignore[type-arg]
    """An Oxigraph store of *quads* in named graphs, or None if Oxigraph refuses a term."""
    dataset = Dataset()
    for s, p, o, g in quads:
        dataset.add((s, p, o, g if isinstance(g, URIRef) else UNNAMED))
    store = OxigraphStore()
    try:
        store.load(dataset)
    except ValueError:  # an IRI Oxigraph refuses: the store cannot hold it, nothing to write
        return None
    return store


_ESCAPES = [
    (
        URIRef("http://example.org/s"),
        URIRef("http://example.org/p"),
        Literal("\b \f \\b \\\\f \x85 \x9f \u2028 \u2029 \ufffe \x7f ¿¡ _: <x> . \\u0041"),
        URIRef("http://example.org/g\u2028"),
    ),
    (URIRef("http://example.org/\u2028"), URIRef("http://example.org/p"), BNode("gen-x"), G),
    (BNode("gen-x"), URIRef("http://example.org/p"), Literal("\f\x85", lang="EN-us"), None),
]


@BUDGET
@example(quads=_HARD)
@example(quads=_ESCAPES)
@example(quads=[(URIRef("http://example.org/s"), G, Literal("a\x85b"), None)])
@example(quads=[(URIRef("http://example.org/s"), G, Literal("¿\u2029"), None)])
@given(quads=datasets())
def test_oxigraph_writes_the_bytes_of_vzkg_writer(quads: list[tuple]) -> None:  # type: ignore[type-arg]
    store = _store(quads)
    if store is None:
        return
    for fmt in LINE_FORMATS:
        expected = _writer_bytes(store, fmt)
        assert store.dump(fmt) == expected, fmt
        assert export(store, format=fmt) == expected, fmt


@pytest.mark.parametrize("entailment", [True, False])
def test_the_default_graph_and_the_entailed_graph_are_left_out_alike(entailment: bool) -> None:
    s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    store = OxigraphStore(entailment=entailment)
    store.replace_graph(G, [(s, p, Literal("stated")), (s, p, BNode("b"))])
    store.replace_graph(ENTAILED_GRAPH, [(s, p, Literal("entailed")), (s, p, Literal("stated"))])
    # what another program put in the default graph: no graph of vzkg's, never exported
    store._store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.Literal("default")))
    for fmt in LINE_FORMATS:
        written = store.dump(fmt)
        assert written == _writer_bytes(store, fmt)
        assert b"default" not in written
        assert (b"entailed" in written) == entailment


def test_an_empty_store_writes_nothing() -> None:
    assert [OxigraphStore().dump(fmt) for fmt in LINE_FORMATS] == [b"", b""]
