"""An Oxigraph store's N-Triples and N-Quads come from Oxigraph's own serialiser, mended
(:mod:`vzkg.writers.oxigraph_lines`), and its Turtle and TriG from those lines
(:mod:`vzkg.writers.turtle_lines`): byte for byte what vzkg's writer gives for the same
statements, on generated hostile input (every hard character, ill-typed and non-canonical
literals, IRIs with U+2028, blank nodes in every position; for Turtle, terms that sort apart
as text and as values, and IRIs a prefix covers but cannot abbreviate) and on the graphs it
leaves out; and read back exactly by pyoxigraph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Literal, URIRef
from readers import lines, read_with_oxigraph
from test_export_properties import _HARD, BUDGET, datasets, literals

from vzkg.engines.oxigraph import OxigraphStore
from vzkg.entailment import ENTAILED_GRAPH
from vzkg.namespaces import PREFIXES, new_dataset
from vzkg.serialization import export, serialize

FORMATS = ("nt", "nq", "turtle", "trig")
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
    for fmt in FORMATS:
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
    for fmt in FORMATS:
        written = store.dump(fmt)
        assert written == _writer_bytes(store, fmt)
        assert b"default" not in written
        assert (b"entailed" in written) == entailment


def test_an_empty_store_writes_nothing() -> None:
    assert [OxigraphStore().dump(fmt) for fmt in FORMATS] == [b""] * len(FORMATS)


# -- Turtle and TriG: few terms, so that subjects, verbs and objects meet and must be sorted ----

EX, VZ, XSD = "http://example.org/", PREFIXES["vz"], PREFIXES["xsd"]
# `<…a>` sorts after `<…a/b>` as N-Triples, before it as a string; local names a prefix covers
# but Turtle cannot write (`.` at the end, `-` first, `/`, `é`, empty)
_IRIS = st.sampled_from(
    [
        *(EX + "a", EX + "a/b", EX + "a-", EX + "a#", EX + "a\u2028", EX + "A"),
        *(VZ + "x", VZ + "x.", VZ + "-x", VZ + "x/y", VZ + "x.y", VZ + "é", VZ, VZ + "_"),
        PREFIXES["rdf"] + "type",
    ]
).map(URIRef)
_VERBS = st.sampled_from(
    [PREFIXES["rdf"] + "type", EX + "p", EX + "p/q", EX + "p\u2028", PREFIXES["vzkg"] + "p"]
).map(URIRef)
# b2 sorts after b10 as text, before it by number
_BLANKS = st.integers(0, 11).map(lambda n: BNode(f"gen-{n}"))
_TYPED = st.builds(
    lambda text, datatype: Literal(text, datatype=URIRef(datatype), normalize=False),
    st.sampled_from(["1", "01", "-0", "0", "+1", "-12", "true", "false", "True", "a", "a\n"]),
    st.sampled_from([XSD + "integer", XSD + "boolean", XSD + "string", EX + "a", VZ + "x."]),
)
# the same text plain, tagged and typed; escapes that sort apart from what they stand for
_TEXTS = st.builds(
    lambda text, lang: Literal(text, lang=lang),
    st.sampled_from(
        ["a", "a\n", 'a"', "a\\", "a\x85", "a\u2028", "a\r", "a\v", "ab", "a b", "a\x00"]
    ),
    st.sampled_from([None, "en", "en-US", "EN"]),
)
_GRAPHS = st.sampled_from([EX + "g", EX + "g/h", EX + "g\u2028", PREFIXES["vzg"] + "x"]).map(URIRef)


@st.composite
def turtle_datasets(draw: st.DrawFn) -> list[tuple]:  # type: ignore[type-arg]
    objects = st.one_of(_IRIS, _BLANKS, _TYPED, _TEXTS, literals())
    statement = st.tuples(st.one_of(_IRIS, _BLANKS), _VERBS, objects, st.one_of(st.none(), _GRAPHS))
    return draw(st.lists(statement, min_size=1, max_size=40))


_SORTED_APART = [
    (URIRef(s), URIRef(EX + "p"), o, None)
    for s in (EX + "a", EX + "a/b")
    for o in (
        Literal("a"),
        Literal("a", lang="en"),
        Literal("a\n"),
        Literal("a!"),
        URIRef(EX + "a"),
    )
] + [(BNode(f"gen-{n}"), URIRef(EX + "p"), URIRef(EX + "a/b"), G) for n in range(12)]


@BUDGET
@example(quads=_SORTED_APART)
@example(quads=_HARD)
@given(quads=turtle_datasets())
def test_turtle_and_trig_from_oxigraph_lines_are_those_of_vzkg_writer(quads: list[tuple]) -> None:  # type: ignore[type-arg]
    store = _store(quads)
    if store is None:
        return
    for fmt in ("turtle", "trig"):
        written = store.dump(fmt)
        assert written == _writer_bytes(store, fmt), fmt
        keep = fmt == "trig"
        assert lines(read_with_oxigraph(written, fmt), keep_graphs=keep) == lines(
            store.quads(), keep_graphs=keep
        ), fmt
