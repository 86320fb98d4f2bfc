"""Export against hostile input (issue 7): values that once changed the structure of the output,
IRIs that injected statements, literals that export rewrote, and blank nodes that made
canonical output take exponential time. Outside parsers judge the output, not vzkg alone."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef
from readers import (
    QUAD_FORMATS,
    dataset_quads,
    lines,
    rapper_reads,
    read_with_oxigraph,
    read_with_rapper,
    read_with_vzkg,
)

from vzkg.cli import cli
from vzkg.errors import InputError
from vzkg.formats import EXPORT_FORMATS
from vzkg.namespaces import VZ, new_dataset
from vzkg.results import format_result
from vzkg.serialization import serialize
from vzkg.sparql import QueryResult
from vzkg.store import load

FORMATS = list(EXPORT_FORMATS)
S = URIRef("http://example.org/s")


def _literal(text: str, **kwargs: object) -> Literal:
    return Literal(text, normalize=False, **kwargs)  # type: ignore[arg-type]


def _assert_read_back(dataset: Graph, fmt: str) -> None:
    """Every reader gives back exactly the statements of *dataset* from its *fmt* export."""
    data = serialize(dataset, format=fmt)
    keep = fmt in QUAD_FORMATS
    expected = lines(dataset_quads(dataset), keep_graphs=keep)  # type: ignore[arg-type]
    assert lines(read_with_vzkg(data, fmt), keep_graphs=keep) == expected, "vzkg"
    assert lines(read_with_oxigraph(data, fmt), keep_graphs=keep) == expected, "pyoxigraph"
    if rapper_reads(dataset_quads(dataset), fmt):  # type: ignore[arg-type]
        assert lines(read_with_rapper(data, fmt), keep_graphs=keep) == expected, "rapper"


# -- values that changed the structure of TriG and Turtle ----------------------------------------


def test_graphs_with_different_unknown_namespaces_keep_them() -> None:
    # regression: each graph's namespace became ns1:, and one graph's predicates were read
    # back in the other's namespace
    dataset = new_dataset()
    dataset.graph(URIRef("http://example.org/g1")).add(
        (S, URIRef("http://one.example/vocab#p"), _literal("1"))
    )
    dataset.graph(URIRef("http://example.org/g2")).add(
        (S, URIRef("http://two.example/vocab#p"), _literal("2"))
    )
    text = serialize(dataset, format="trig").decode()
    assert "ns1" not in text
    for fmt in FORMATS:
        _assert_read_back(dataset, fmt)


HOSTILE_TEXTS = [
    "first\n@prefix vz: <http://evil.example/> .\nlast",
    "line one\n    indented\nline three\n",
    "\r\n\r",
    "U+2028 \u2028 U+2029 \u2029 U+0085 \x85",
    "vertical \v form feed \f tab \t",
    "bell \x07 escape \x1b[31m nul \x00 del \x7f",
    '"""triple quotes""" and \\ backslash \\u0041',
    "} closing brace\n}\n<http://example.org/x> { ",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_literals_read_back_exactly_or_are_refused(fmt: str) -> None:
    dataset = new_dataset()
    graph = dataset.graph(URIRef("http://example.org/g"))
    for i, text in enumerate(HOSTILE_TEXTS):
        graph.add((VZ[f"s{i}"], VZ.says, _literal(text)))
        graph.add((VZ[f"s{i}"], VZ.saysIn, _literal(text, lang="en")))
    if fmt == "xml":
        # XML 1.0 has no way to write \v, \f, \x07, \x1b, \x00
        with pytest.raises(InputError, match=r"XML 1\.0 cannot hold the character"):
            serialize(dataset, format=fmt)
        graph.remove((None, None, None))
        for i, text in enumerate(HOSTILE_TEXTS):
            clean = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
            graph.add((VZ[f"s{i}"], VZ.says, _literal(clean)))
    _assert_read_back(dataset, fmt)


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_a_literal_cannot_add_prefixes_or_lines(fmt: str) -> None:
    dataset = new_dataset()
    dataset.graph(URIRef("http://example.org/g")).add(
        (VZ.x, VZ.says, _literal("a\n@prefix vz: <http://evil.example/> .\n\u2028b"))
    )
    text = serialize(dataset, format=fmt).decode()
    assert re.findall(r"^@prefix vz: <(.*)>", text, re.MULTILINE) == [str(VZ)]
    assert text.splitlines() == text.split("\n")[:-1]  # no raw line break of any other kind
    statement = [line for line in text.splitlines() if "vz:says" in line]
    assert len(statement) == 1 and "@prefix vz: <http://evil" in statement[0]


# -- IRIs that injected statements ----------------------------------------------------------------

BAD_IRIS = {
    # unescaped, this IRI closes itself and writes a statement of its own
    "escaped > and newline": r"<http://x.example/a\u003E\u000A\u003Chttp://evil.example/\u003E "
    r"\u003Chttp://x.example/p\u003E \u003Chttp://x.example/o\u003E ."
    r"\u000A\u003Chttp://x.example/b> ",
    "space": "<http://x.example/a b> ",
    "escaped space": r"<http://x.example/a\u0020b> ",
    "control character": r"<http://x.example/a\u0085b> ",
}


@pytest.mark.parametrize("name", list(BAD_IRIS))
def test_an_iri_no_syntax_can_write_is_refused_at_load(name: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    iri = BAD_IRIS[name]
    path.write_text(f"{iri}<http://x.example/p> <http://x.example/o> .\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "-f", "nt", "--no-bundled", "--data", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: cannot use the IRI"), result.stderr
    with pytest.raises(InputError, match="cannot use the IRI"):
        load(path, bundled=False, ontology=False)


@pytest.mark.parametrize("fmt", FORMATS)
def test_writers_refuse_an_injecting_iri(fmt: str) -> None:
    graph = Graph()
    graph.add((URIRef("http://x.example/a>\n<http://evil.example/"), VZ.p, VZ.o))
    with pytest.raises(InputError, match="'>' is not allowed in an IRI"):
        serialize(graph, format=fmt)


def test_result_formats_refuse_or_carry_an_injecting_iri() -> None:
    iri = "http://x.example/a>\n<http://evil"
    result = QueryResult("SELECT", variables=("x",), rows=((URIRef(iri),),))
    with pytest.raises(InputError, match="not allowed in an IRI"):
        format_result(result, "tsv")
    assert list(csv.reader(io.StringIO(format_result(result, "csv")))) == [["x"], [iri]]
    bindings = json.loads(format_result(result, "json"))["results"]["bindings"]
    assert bindings == [{"x": {"type": "uri", "value": iri}}]
    uri = ET.fromstring(format_result(result, "xml")).find(".//{*}uri")
    assert uri is not None and uri.text == iri


def test_tsv_results_escape_line_breaks_in_literals() -> None:
    result = QueryResult("SELECT", variables=("x",), rows=((_literal("a\tb\nc\u2028d\x85"),),))
    assert format_result(result, "tsv") == '?x\n"a\\tb\\nc\\u2028d\\u0085"\n'


# -- literals that export rewrote ----------------------------------------------------------------

AS_WRITTEN = """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://x.example/s> <http://x.example/p>
    "maybe"^^xsd:boolean, "2025-03-23Z"^^xsd:date, "2025-03-23T10:00:00-04:00"^^xsd:dateTime,
    1e400, "1e400"^^xsd:double, "01"^^xsd:integer, "1.50"^^xsd:decimal, "abc"^^xsd:date,
    "+7"^^xsd:int, "1"^^xsd:boolean, "0.10"^^xsd:float, "P1Y0M"^^xsd:duration .
"""


@pytest.fixture()
def as_written(tmp_path: Path) -> Path:
    path = tmp_path / "as-written.ttl"
    path.write_text(AS_WRITTEN, encoding="utf-8")
    return path


def _lexical_forms(dataset: Dataset) -> set[tuple[str, str]]:
    return {(str(o), str(o.datatype)) for o in dataset.objects() if isinstance(o, Literal)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_keeps_literals_as_written(as_written: Path, fmt: str) -> None:
    expected = {
        (str(q.object.value), q.object.datatype.value) for q in ox.parse(path=str(as_written))
    }
    assert ("maybe", str(XSD.boolean)) in expected and ("1e400", str(XSD.double)) in expected
    kg = load(as_written, bundled=False, ontology=False)
    assert _lexical_forms(kg) == expected
    data = serialize(kg, format=fmt)
    back = {(str(t[2]), str(t[2].datatype)) for t in read_with_oxigraph(data, fmt)}
    assert back == expected


def test_literals_stay_as_written_after_validation(as_written: Path) -> None:
    # pySHACL sets rdflib.NORMALIZE_LITERALS back to True after every validation
    import vzkg

    vzkg.validate(load(as_written, bundled=False, ontology=False))
    kg = load(as_written, bundled=False, ontology=False)
    assert ("maybe", str(XSD.boolean)) in _lexical_forms(kg)
    assert ("2025-03-23Z", str(XSD.date)) in _lexical_forms(kg)


def test_export_of_ill_typed_literals_is_one_warning_a_datatype(as_written: Path) -> None:
    # rdflib logs a traceback for each ill-typed literal; they are kept, and said so once
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vzkg",
            "export",
            "-f",
            "nt",
            "--no-bundled",
            "--data",
            str(as_written),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert lines == ["Warning: 1 literal is not valid xsd:date; kept as written"]
    assert '"maybe"^^<http://www.w3.org/2001/XMLSchema#boolean>' in done.stdout


# -- blank nodes: bounded work, stable labels ------------------------------------------------------


def _run(args: list[str], seed: str, cwd: Path) -> tuple[bytes, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "vzkg", *args],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        timeout=120,
        cwd=cwd,
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout, time.perf_counter() - start


def _similar_blank_nodes(tmp_path: Path) -> dict[str, list[str]]:
    many = tmp_path / "many.nt"
    many.write_text(
        "".join(f"_:x{i} <http://x.example/p> <http://x.example/o> .\n" for i in range(80)),
        encoding="utf-8",
    )
    persons = tmp_path / "persons.ttl"
    persons.write_text(
        "@prefix schema: <https://schema.org/> .\n"
        + "".join('[] a schema:Person ; schema:name "Person" .\n' for _ in range(60)),
        encoding="utf-8",
    )
    construct = 'CONSTRUCT { [] rdfs:comment "x" } WHERE { ?s a ?t } LIMIT 100'
    return {
        "80 blank nodes": ["export", "-f", "nt", "--no-bundled", "--data", str(many)],
        "CONSTRUCT 100": ["query", "-f", "turtle", construct],
        "validate 60 persons": ["validate", "-f", "turtle", str(persons)],
    }


def test_similar_blank_nodes_export_quickly_and_stably(tmp_path: Path) -> None:
    # regression: each of these ran for minutes (exponential canonicalisation); the time
    # limit is generous for a loaded 2-core machine, the cases took ~1-5 s when fixed
    for name, args in _similar_blank_nodes(tmp_path).items():
        outputs = {seed: _run(args, seed, tmp_path) for seed in ("1", "2")}
        assert outputs["1"][0], name
        assert outputs["1"][0] == outputs["2"][0], name
        assert max(seconds for _, seconds in outputs.values()) < 40, name


def _cycle(graph: Graph, size: int) -> None:
    nodes = [BNode() for _ in range(size)]
    for i, node in enumerate(nodes):
        graph.add((node, VZ.next, nodes[(i + 1) % size]))


@pytest.mark.parametrize(
    "build",
    [
        lambda g: _cycle(g, 6),
        lambda g: (_cycle(g, 3), _cycle(g, 4)),
        lambda g: [g.add((BNode(), VZ.p, _literal(str(i % 3)))) for i in range(30)],
    ],
    ids=["6-cycle", "3- and 4-cycles", "30 nodes in 3 kinds"],
)
def test_blank_node_labels_do_not_depend_on_input_order(build: Callable[[Graph], object]) -> None:
    first = Graph()
    build(first)
    # the same statements with other blank node objects, added in another order
    reverse = "".join(reversed(first.serialize(format="nt").splitlines(keepends=True)))
    second = Graph().parse(data=reverse, format="nt")
    assert serialize(first, format="nt") == serialize(second, format="nt")
    back = Graph().parse(data=serialize(first, format="nt"), format="nt")
    assert lines((*t, None) for t in back) == lines((*t, None) for t in first)


def _ring(graph: Graph, size: int) -> None:
    _cycle(graph, size)


def _pairs(graph: Graph, count: int) -> None:
    for _ in range(count):
        _cycle(graph, 2)


def _star(graph: Graph, count: int) -> None:
    for _ in range(count):
        graph.add((BNode(), VZ.p, VZ.o))


@pytest.mark.parametrize(
    ("build", "size"), [(_ring, 120), (_pairs, 500), (_star, 2000)], ids=["ring", "pairs", "star"]
)
def test_larger_blank_node_shapes_stay_fast_and_stable(
    build: Callable[[Graph, int], None], size: int
) -> None:
    graph = Graph()
    build(graph, size)
    start = time.perf_counter()
    first = serialize(graph, format="nt")
    assert time.perf_counter() - start < 30  # ~0.1-3 s here; exponential would never end
    reverse = "".join(reversed(graph.serialize(format="nt").splitlines(keepends=True)))
    assert serialize(Graph().parse(data=reverse, format="nt"), format="nt") == first


@pytest.mark.parametrize(
    ("predicate", "message"),
    [
        ("http://x.example/2025", "does not end in an XML name"),
        ("http://x.example/a\u2028b/name", "holds white space"),
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#li", "it is syntax there"),
    ],
)
def test_rdfxml_refuses_what_it_cannot_name(predicate: str, message: str) -> None:
    graph = Graph()
    graph.add((S, URIRef(predicate), _literal("x")))
    with pytest.raises(InputError, match=message):
        serialize(graph, format="xml")
    _assert_read_back(graph, "nt")  # the other formats write it


def test_jsonld_refuses_an_iri_that_would_read_as_a_prefixed_name() -> None:
    graph = Graph()
    graph.add((URIRef("vz:x"), VZ.p, VZ.o))
    with pytest.raises(InputError, match="vz: is a prefix"):
        serialize(graph, format="jsonld")
    _assert_read_back(graph, "turtle")


def test_a_lone_surrogate_is_refused_at_load(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.nt"
    path.write_text('<http://x.example/s> <http://x.example/p> "a\\uD800b" .\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "-f", "nt", "--no-bundled", "--data", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
