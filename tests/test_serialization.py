"""Exporting the graph: lossless round trips, byte-identical output whatever the hash seed,
curated prefixes only, canonical blank nodes, and safe file writing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node
from readers import QUAD_FORMATS, RDFLIB_SYNTAX

import vzkg
from vzkg.errors import InputError
from vzkg.files import atomic_write
from vzkg.formats import EXPORT_FORMATS
from vzkg.namespaces import PREFIXES, new_dataset
from vzkg.serialization import export, format_for, serialize
from vzkg.store import as_written

EX = Namespace("http://example.org/")

#: rdflib's parser name for each export format
SYNTAX = RDFLIB_SYNTAX


def test_every_export_format_has_a_parser() -> None:
    assert set(SYNTAX) == set(EXPORT_FORMATS)


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


def _by_graph(dataset: Graph) -> dict[Node | None, Graph]:
    """Split *dataset* into one graph per graph name; the default graph is ``None``."""
    graphs: dict[Node | None, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):  # type: ignore[union-attr]
        name = getattr(g, "identifier", g)
        key = None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name
        graphs.setdefault(key, Graph()).add((s, p, o))
    return graphs


def _union(graph: Graph) -> Graph:
    """All triples of *graph*, of every named graph if it is a dataset."""
    union = Graph()
    if isinstance(graph, Dataset):
        # a parsed Dataset's default graph is not the union of its graphs
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        for triple in graph:
            union.add(triple)
    return union


def _sample(graph: Graph, lines: int = 5) -> str:
    text = sorted(graph.serialize(format="nt").splitlines())
    return "\n".join(f"  {line}" for line in text[:lines] if line)


def _assert_isomorphic(expected: Graph, actual: Graph, what: str) -> None:
    if isomorphic(expected, actual):
        return
    _, lost, gained = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    pytest.fail(
        f"{what}: {len(lost)} triples lost, {len(gained)} gained\n"
        f"lost:\n{_sample(lost)}\ngained:\n{_sample(gained)}"
    )


def _parse(data: bytes, fmt: str) -> Graph:
    target = Dataset() if fmt in QUAD_FORMATS else Graph()
    with as_written():  # literals as exported, not rewritten by rdflib
        return target.parse(data=data, format=SYNTAX[fmt])


# -- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_round_trip(kg: Dataset, fmt: str) -> None:
    parsed = _parse(serialize(kg, format=fmt), fmt)
    if fmt in QUAD_FORMATS:
        # quad formats keep the named graphs: compare graph by graph
        original, back = _by_graph(kg), _by_graph(parsed)
        assert sorted(map(str, back)) == sorted(map(str, original))
        for name, graph in original.items():
            _assert_isomorphic(graph, back[name], f"{fmt}, graph {name}")
    else:
        # triple formats write the union of the graphs
        _assert_isomorphic(_union(kg), parsed, fmt)


# -- determinism ------------------------------------------------------------------------------

_PRINT = (
    "import sys, vzkg\n"
    "from vzkg.serialization import serialize\n"
    "sys.stdout.buffer.write(serialize(vzkg.load(), format=sys.argv[1]))\n"
)


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_output_does_not_depend_on_the_hash_seed(kg: Dataset, fmt: str) -> None:
    # set and dict order vary with PYTHONHASHSEED; the bytes must not. Run the seeds at once.
    runs = {
        seed: subprocess.Popen(
            [sys.executable, "-c", _PRINT, fmt],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for seed in ("1", "2", "3")
    }
    outputs: dict[str, bytes] = {}
    for seed, run in runs.items():
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err.decode()
        outputs[seed] = out
    assert outputs["1"], "no output"
    assert outputs["1"] == outputs["2"] == outputs["3"]
    # and the same again in this process, with its own seed
    assert serialize(kg, format=fmt) == outputs["1"]


# -- prefixes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_only_curated_prefixes(kg: Dataset, fmt: str) -> None:
    text = serialize(kg, format=fmt).decode()
    declared = dict(re.findall(r"^@prefix (\S*): <([^>]*)> \.$", text, flags=re.MULTILINE))
    assert declared, "no @prefix lines"
    assert text.count("@prefix") == len(declared)
    # no ns1:, schema1: or rdflib defaults such as brick:
    strangers = {p: ns for p, ns in declared.items() if PREFIXES.get(p) != ns}
    assert not strangers
    assert declared["schema"] == "https://schema.org/"


def test_jsonld_context_is_the_curated_prefixes(kg: Dataset) -> None:
    document = json.loads(serialize(kg, format="jsonld"))
    assert document["@context"] == PREFIXES


# -- blank nodes ------------------------------------------------------------------------------


def _addresses() -> Graph:
    """Two people sharing one address (a blank node) that has a blank node of its own."""
    graph = Graph()
    address, geo = BNode(), BNode()
    graph.add((EX.alice, EX.address, address))
    graph.add((EX.bob, EX.address, address))
    graph.add((address, EX.city, Literal("Caracas")))
    graph.add((address, EX.geo, geo))
    graph.add((geo, EX.lat, Literal("10.5")))
    return graph


@pytest.mark.parametrize("fmt", ["nt", "turtle"])
def test_blank_node_labels_are_canonical(fmt: str) -> None:
    graph = _addresses()
    first = serialize(graph, format=fmt)
    # re-parsing mints fresh blank node ids; the output must not change
    again = serialize(Graph().parse(data=first, format=SYNTAX[fmt]), format=fmt)
    assert first == again
    assert serialize(graph, format=fmt) == first
    _assert_isomorphic(graph, Graph().parse(data=first, format=SYNTAX[fmt]), fmt)


@pytest.mark.parametrize("fmt", ["nt", "nq", "turtle"])
def test_blank_nodes_of_different_graphs_stay_apart(fmt: str) -> None:
    # regression: each graph was canonicalised alone, so both blank nodes became _:cb0
    dataset = new_dataset()
    dataset.graph(EX.g1).add((EX.alice, EX.address, BNode()))
    dataset.graph(EX.g2).add((EX.bob, EX.address, BNode()))
    parsed = _parse(serialize(dataset, format=fmt), fmt)
    _assert_isomorphic(_union(dataset), _union(parsed), fmt)


def test_blank_node_shared_by_two_graphs_stays_shared() -> None:
    dataset = new_dataset()
    shared = BNode()
    dataset.graph(EX.g1).add((EX.alice, EX.address, shared))
    dataset.graph(EX.g2).add((shared, EX.city, Literal("Caracas")))
    parsed = _parse(serialize(dataset, format="nq"), "nq")
    _assert_isomorphic(_union(dataset), _union(parsed), "nq")
    for name, graph in _by_graph(dataset).items():
        _assert_isomorphic(graph, _by_graph(parsed)[name], f"nq, graph {name}")


def test_jsonld_keeps_list_order() -> None:
    # regression: values were sorted for stable output, the members of an RDF list included
    graph = Graph()
    members = BNode()
    Collection(graph, members, [EX.c, EX.a, EX.b])
    graph.add((EX.s, EX.steps, members))
    parsed = _parse(serialize(graph, format="jsonld"), "jsonld")
    _assert_isomorphic(graph, _union(parsed), "jsonld")


# -- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kg.trig", "kg.jsonld", "kg.ttl", "kg.rdf"])
def test_export_writes_the_format_its_extension_names(
    kg: Dataset, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    assert export(kg, destination=path) is None
    assert path.read_bytes() == serialize(kg, format=format_for(name))
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_export_returns_bytes_without_a_destination(kg: Dataset) -> None:
    assert export(kg) == serialize(kg, format="turtle")
    assert export(kg, format="nq") == serialize(kg, format="nq")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.ttl", "turtle"),
        ("a.TURTLE", "turtle"),
        ("a.nq", "nq"),
        ("a.owl", "xml"),
        ("a.xml", "xml"),
    ],
)
def test_format_for(name: str, fmt: str) -> None:
    assert format_for(name) == fmt


@pytest.mark.parametrize("name", ["kg.csv", "kg", "kg.json"])
def test_format_for_rejects_an_unknown_extension(name: str) -> None:
    with pytest.raises(InputError, match="cannot tell the export format"):
        format_for(name)


def test_serialize_rejects_an_unknown_format(kg: Dataset) -> None:
    with pytest.raises(InputError, match="unknown export format 'yaml'"):
        serialize(kg, format="yaml")


def test_writing_into_a_missing_folder(kg: Dataset, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        export(kg, destination=tmp_path / "missing" / "kg.ttl")
    with pytest.raises(InputError, match="no such folder"):
        atomic_write(tmp_path / "missing" / "kg.ttl", b"data")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_whole(kg: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "kg.nt"
    path.write_bytes(b"old\n")
    export(kg, destination=path)
    assert path.read_bytes() == serialize(kg, format="nt")
    # no temporary `.kg.nt.*` file is left behind
    assert [p.name for p in tmp_path.iterdir()] == ["kg.nt"]


def test_a_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "kg.rdf"
    path.write_bytes(b"old\n")
    # RDF/XML needs an XML name at the end of every predicate: this one fails before writing
    graph = Graph()
    graph.add((EX.s, URIRef("http://example.org/2025"), Literal("x")))
    with pytest.raises(InputError, match="does not end in an XML name"):
        export(graph, destination=path)
    with pytest.raises(InputError, match="unknown export format"):
        export(graph, format="yaml", destination=path)
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.rdf"]
