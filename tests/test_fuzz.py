"""Property-based tests: arbitrary text and bytes as a query, as data in each syntax, as an
entity name, as a date and as arguments of the Python API never end in a traceback; the CLI
exits 0, 1 or 2. Derandomised with a fixed budget, so that CI sees the same examples every run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

import vzkg
from vzkg import store
from vzkg.cli import cli
from vzkg.errors import VzkgError
from vzkg.input_files import syntax_for

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
EXPECTED_EXITS = (0, 1, 2)

# Pieces of SPARQL, so that generated queries get past the parser and into the engine
SPARQL_PIECES = [
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "*", "WHERE", "{", "}", "(", ")", ".", ";", ",",
    "?s", "?p", "?o", "?x", "a", "schema:Person", "rdfs:label", "vz:nicolas-maduro", "<urn:x>",
    "FILTER", "REGEX(", "STR(", "LANG(", "BIND(", "AS", "OPTIONAL", "UNION", "MINUS", "VALUES",
    "GRAPH", "ORDER BY", "LIMIT 3", "OFFSET 1", "COUNT(*)", "GROUP BY", "DISTINCT", "\"x\"",
    "\"\\u00e9\"", "'Nicolás'", "@en", "^^xsd:date", "1", "-2.5e3", "true", "&&", "||", "!", "=",
    "<", "+", "/", "|", "^", "SERVICE <http://127.0.0.1:9/>", "FROM <file:///etc/passwd>",
    "IRI(", "BNODE()", "NOW()", "STRDT(", "xsd:integer(", "SUBSTR(", "CONCAT(", "#", "\n",
]  # fmt: skip
sparql = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(SPARQL_PIECES), max_size=25).map(" ".join),
)

SYNTAX_PIECES = {
    ".ttl": ["@prefix ex: <http://example.org/> .", "ex:s", "ex:p", "<urn:a>", '"x"', "[", "]",
             "(", ")", ";", ",", ".", "a", "@base <file:///> .", '"1"^^xsd:date', "_:b", '"""'],
    ".nt": ["<http://example.org/s>", "<urn:p>", '"o"', '"\\u00e9"@en', "_:b", ".", "\n",
            '"5"^^<http://www.w3.org/2001/XMLSchema#int>', "<>"],
    ".nq": ["<http://example.org/s>", "<urn:p>", '"o"', "<urn:g>", "_:b", ".", "\n"],
    ".trig": ["<urn:g>", "{", "}", "<urn:s>", "<urn:p>", '"o"', ".", "GRAPH", "@prefix : <urn:> ."],
    ".jsonld": ["{", "}", "[", "]", '"@id"', '"@context"', '"@graph"', ":", ",", '"urn:x"',
                '"http://example.org/p"', '"@value"', '"@type"', "1", "null"],
    ".rdf": ['<?xml version="1.0"?>', "<rdf:RDF xmlns:rdf="
             '"http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "</rdf:RDF>",
             '<rdf:Description rdf:about="urn:s">', "</rdf:Description>", "&amp;", "<![CDATA[x]]>",
             "<!DOCTYPE rdf:RDF [<!ENTITY e \"x\">]>", "&e;"],
}  # fmt: skip


def document(suffix: str) -> st.SearchStrategy[bytes]:
    pieces = st.lists(st.sampled_from(SYNTAX_PIECES[suffix]), max_size=30).map(" ".join)
    return st.one_of(st.binary(max_size=300), pieces.map(str.encode), st.text().map(str.encode))


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return vzkg.load()


@pytest.fixture
def cached_graph(bundled: Dataset, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Load the bundled graph once for all examples (queries cannot change it)."""
    real = store.load

    def load(*paths: Any, **options: Any) -> Dataset:
        if not paths and options.get("bundled", True):
            return bundled
        return real(*paths, **options)

    monkeypatch.setattr(store, "load", load)
    yield


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    assert result.exit_code in EXPECTED_EXITS, (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert not result.stderr or result.stderr.startswith(("Error: ", "Warning: ", "Note: "))
    if result.exception is not None:  # click turns the exit code into SystemExit
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@FUZZ
@given(query=sparql)
def test_any_text_as_a_query(cached_graph: None, query: str) -> None:
    invoke("query", "--timeout", "20", query)


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_query_on_stdin(cached_graph: None, data: bytes) -> None:
    invoke("query", "-", "-f", "json", stdin=data)


@pytest.mark.parametrize("suffix", sorted(SYNTAX_PIECES))
def test_any_bytes_as_data(suffix: str, tmp_path: Path) -> None:
    syntax = syntax_for(f"data{suffix}")

    @FUZZ
    @given(data=document(suffix))
    def parse(data: bytes) -> None:  # the library, for many examples
        try:
            store.parse_rdf(Dataset(), data, syntax=syntax, name="data")
        except VzkgError as error:
            assert str(error).startswith(("cannot parse data", "data holds", "refused to"))

    @settings(FUZZ, max_examples=5)
    @given(data=document(suffix))
    def command(data: bytes) -> None:  # and the command line, for a few
        path = tmp_path / f"data{suffix}"
        path.write_bytes(data)
        invoke("query", "--no-bundled", "--data", str(path), "SELECT * { ?s ?p ?o } LIMIT 5")

    parse()
    command()


@settings(FUZZ, max_examples=12)  # each name is looked up among all labels: about 1 s
@given(name=st.text(max_size=100))
def test_any_text_as_an_entity(cached_graph: None, name: str) -> None:
    invoke("describe", name)


@settings(FUZZ, max_examples=30)
@given(date=st.one_of(st.text(max_size=30), st.from_regex(r"\d{4}(-\d{1,2}(-\d{1,2})?)?")))
def test_any_text_as_a_date(cached_graph: None, date: str) -> None:
    invoke("timeline", "--from", date, "-f", "csv")
    invoke("query", "--name", "timeline", "--param", f"to={date}")


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=50),
    st.binary(max_size=50),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)


@FUZZ
@given(
    graph=st.one_of(junk, st.just("kg")),
    query=st.one_of(junk, sparql),
    bindings=junk,
    timeout=st.one_of(junk, st.just(20)),
)
def test_any_arguments_to_query(
    bundled: Dataset, graph: Any, query: Any, bindings: Any, timeout: Any
) -> None:
    try:
        vzkg.query(bundled if graph == "kg" else graph, query, bindings=bindings, timeout=timeout)
    except VzkgError as error:
        assert str(error) and "\n" not in str(error)


@FUZZ
@given(graph=junk, path=junk, size=junk, timeout=junk)
def test_any_arguments_to_validate_load_and_evidence(
    bundled: Dataset, graph: Any, path: Any, size: Any, timeout: Any
) -> None:
    with pytest.raises(VzkgError):
        vzkg.validate(graph, timeout=timeout)
    for call in (
        lambda: vzkg.load(path, bundled=False, ontology=False),
        lambda: vzkg.load(__file__.replace(".py", ".ttl"), bundled=False, max_input_bytes=size),
        lambda: vzkg.verify_evidence(bundled, path),
    ):
        try:
            call()
        except VzkgError as error:
            assert str(error)


@settings(FUZZ, max_examples=2)
@given(query=sparql, name=st.text(max_size=20))
def test_a_real_process_agrees(query: str, name: str) -> None:
    for args in (["query", query], ["describe", name]):
        done = subprocess.run(
            [sys.executable, "-m", "vzkg", *args],
            capture_output=True,
            env={**os.environ, "LC_ALL": "C"},
            timeout=60,
        )
        assert done.returncode in EXPECTED_EXITS, (args, done.stderr)
        assert b"Traceback" not in done.stderr
