"""A cold ``vzkg query`` answered by Oxigraph, on a folder or in memory (the default): rdflib
is never imported (about 0.2 s of a cold start) and the rows stay pyoxigraph's terms until
Python code reads them; the bytes written are those of the rdflib engine."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import vzkg
from vzkg.cli import cli
from vzkg.engines.terms import NativeRows, to_rdflib
from vzkg.errors import InputError
from vzkg.formats import RESULT_FORMATS
from vzkg.results import format_result
from vzkg.sparql import rdflib_parts

# what a cold query need not import, each costing it 1-20% of the native oxigraph query
_HEAVY = ["csv", "dataclasses", "json", "logging", "pathlib", "pickle", "threading", "typing"]
# runs the command line as `vzkg` does, then says which rdflib modules the process imported,
# and which of _HEAVY
_WRAPPER = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write('\\nIMPORTED ' + repr(sorted(\n"
    f"    m for m in sys.modules if m.split('.')[0] == 'rdflib' or m in {_HEAVY!r})) + '\\n'))\n"
    "sys.argv = ['vzkg', *sys.argv[1:]]\n"
    "from vzkg.entry import main\n"
    "main()\n"
)

_KNOWN_IRI = (
    "SELECT ?label WHERE { vz:donald-trump rdfs:label ?label } ORDER BY ?label"  # notes: none
)
_EVERY_KIND = (  # an IRI, a blank node, a plain, typed and tagged literal, an unbound value
    "SELECT ?iri ?blank ?plain ?typed ?tagged ?none WHERE { "
    "BIND(vz:donald-trump AS ?iri) BIND(BNODE('b') AS ?blank) BIND('a \"b\"\\n' AS ?plain) "
    "BIND('1.50'^^<http://example.org/dt> AS ?typed) BIND('hola'@es AS ?tagged) }"
)


_SAID_ON = "vzkg:saidOn is not in the graph; did you mean vzkg:saidAt?"


@pytest.fixture(scope="module")
def folder(bundled_folder: Path) -> Path:
    return bundled_folder


def _cold(*args: str) -> tuple[bytes, list[str]]:
    """Run ``vzkg ARGS`` in a fresh process: what it wrote, and the rdflib modules it imported."""
    written, imported = _imports(*args)
    return written, [m for m in imported if m not in _HEAVY]


def _imports(*args: str) -> tuple[bytes, list[str]]:
    """Run ``vzkg ARGS`` in a fresh process: what it wrote, and the rdflib modules and those of
    _HEAVY it imported."""
    env = {**os.environ}
    env.pop("VZKG_STORE", None)
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *args], capture_output=True, env=env, timeout=120
    )
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    imported = stderr.rpartition("IMPORTED ")[2]
    return done.stdout, json.loads(imported.replace("'", '"'))


@pytest.mark.parametrize("fmt", ["csv", "table"])
@pytest.mark.parametrize("store", ["default", "folder"])
def test_a_cold_query_imports_nothing_it_can_do_without(folder: Path, store: str, fmt: str) -> None:
    # the floor of a cold query: see bench/README.md, "The cold query's imports"
    where = ["--store", f"oxigraph:{folder}"] if store == "folder" else []
    written, imported = _imports("query", "--name", "timeline", "-f", fmt, *where)
    assert imported == [], "a cold query imported what it can do without"
    assert written.count(b"\n") > 10


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "table"])
@pytest.mark.parametrize(
    "query", [["--name", "timeline"], [_KNOWN_IRI], [_EVERY_KIND]], ids=["named", "iri", "kinds"]
)
def test_a_query_on_oxigraph_imports_no_rdflib(folder: Path, fmt: str, query: list[str]) -> None:
    written, imported = _cold("query", *query, "-f", fmt, "--store", f"oxigraph:{folder}")
    assert imported == [], "vzkg query on Oxigraph imported rdflib: see bench/README.md"
    if query[0] != _EVERY_KIND:  # engines label blank nodes and compute decimals their way
        same = CliRunner().invoke(cli, ["query", *query, "-f", fmt, "--store", "rdflib"])
        assert same.exit_code == 0
        assert written == same.stdout_bytes  # the bytes of the rdflib engine


@pytest.mark.parametrize("fmt", ["csv", "table"])
@pytest.mark.parametrize("query", [["--name", "timeline"], [_KNOWN_IRI]], ids=["named", "iri"])
def test_the_default_store_imports_no_rdflib(fmt: str, query: list[str]) -> None:
    # the bundled graph, read into Oxigraph in memory with what it entails (vzkg.bundled)
    written, imported = _cold("query", *query, "-f", fmt)
    assert imported == [], "vzkg query on the default store imported rdflib"
    same = CliRunner().invoke(cli, ["query", *query, "-f", fmt, "--store", "rdflib"])
    assert same.exit_code == 0
    assert written == same.stdout_bytes


def test_the_check_sees_rdflib_where_it_is_imported(folder: Path) -> None:
    # the rdflib engine, and a note on an IRI the graph does not hold (hints run on rdflib)
    assert _cold("query", _KNOWN_IRI, "--store", "rdflib")[1]
    _, imported = _cold("query", "ASK { vz:nobody ?p ?o }", "--store", f"oxigraph:{folder}")
    assert "rdflib" in imported


def test_notes_on_a_store_name_what_it_does_not_hold(folder: Path) -> None:
    for store in (f"oxigraph:{folder}", "rdflib"):
        done = CliRunner().invoke(
            cli, ["query", "SELECT ?q WHERE { ?q vzkg:saidOn ?t }", "--store", store]
        )
        assert (
            done.stderr == "Warning: vzkg:saidOn is not in the graph; did you mean vzkg:saidAt?\n"
        )


def test_the_entailed_graph_is_named_alike() -> None:
    from vzkg.engines.oxigraph import _ENTAILED
    from vzkg.entailment import ENTAILED_GRAPH

    assert _ENTAILED.value == str(ENTAILED_GRAPH)


# -- rows kept in pyoxigraph's terms -----------------------------------------------------------


@pytest.fixture(scope="module")
def answered() -> tuple[vzkg.QueryResult, vzkg.QueryResult]:
    """The same SELECT on both engines, every kind of term in it."""
    store = vzkg.open_store("oxigraph")
    dataset = vzkg.load()
    store.load(dataset)
    return vzkg.query(store, _EVERY_KIND), vzkg.query(dataset, _EVERY_KIND)


def test_rows_convert_when_read_and_equal_rdflibs(answered: tuple) -> None:
    native, rdflib = answered
    assert isinstance(native.rows, NativeRows)
    rows = NativeRows(native.rows.native)
    assert rows._converted is None
    assert len(rows) == 1 and rows[:1]._converted is None  # neither converts
    assert rows[0][0] == rdflib.rows[0][0]
    assert rows._converted is not None  # converted once, kept
    assert native.rows[0][2:] == rdflib.rows[0][2:]  # the literals exactly, unbound as None
    assert native.rows[0][1] is not None and native.rows[0][1].n3().startswith("_:")
    assert native.rows[0][5] is None
    assert pickle.loads(pickle.dumps(native)) == native  # the query worker sends it back


def test_parts_are_those_of_the_converted_terms(answered: tuple) -> None:
    native, _ = answered
    parts = list(native.parts())
    converted = [
        tuple(None if term is None else rdflib_parts(term) for term in row) for row in native.rows
    ]
    assert parts == converted
    assert parts[0][3] == ("literal", "1.50", None, "http://example.org/dt")
    assert parts[0][2] == ("literal", 'a "b"\n', None, None)  # xsd:string: no datatype
    assert parts[0][4] == ("literal", "hola", "es", None)


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_every_format_writes_the_terms_as_rdflibs_would(answered: tuple, fmt: str) -> None:
    native, _ = answered
    converted = replace(native, rows=tuple(native.rows))  # rdflib's terms, as before
    assert format_result(native, fmt) == format_result(converted, fmt)


def test_head_and_reordering_keep_pyoxigraphs_terms(answered: tuple) -> None:
    native, _ = answered
    assert isinstance(native.head(0).rows, NativeRows) and len(native.head(0)) == 0
    star = vzkg.query(vzkg.open_store("oxigraph"), "SELECT * { BIND(2 AS ?b) BIND(1 AS ?a) }")
    assert star.variables == ("b", "a")
    assert isinstance(star.rows, NativeRows)
    assert [str(v) for v in star.rows[0]] == ["2", "1"]


def test_a_triple_term_is_refused_when_written() -> None:
    triple = ox.Triple(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o"))
    with pytest.raises(InputError, match="RDF-star"):
        to_rdflib(triple)
    with pytest.raises(InputError, match="RDF-star"):
        list(NativeRows(((triple,),)).parts())
