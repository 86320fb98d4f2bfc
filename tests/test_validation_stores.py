"""Validation on every store: what a store states is judged, its entailed graph left out, and
the report is the same bytes whether the graph is rdflib's Dataset, Oxigraph in memory or in a
folder (read where it lies, without a copy) or a SPARQL 1.1 server (``oxigraph serve``)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pyshacl_turbo
import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, Graph, Namespace
from rdflib.namespace import SH
from servers import oxigraph_server
from test_cli import BAD_QUANTITY
from test_entailment import REPORTED

import vzkg
from vzkg.cli import cli
from vzkg.engines import Store, open_store, oxigraph
from vzkg.entailment import ENTAILED_GRAPH
from vzkg.errors import InputError
from vzkg.validation.snapshot import Snapshot

EX = Namespace("http://example.org/")
ENGINES = ["dataset", "rdflib", "oxigraph", "oxigraph:PATH", "sparql:URL"]

# ex:a is a ex:C in a source's graph; only the entailed graph says ex:a ex:p and ex:q ex:b
DATA = f"""
@prefix ex: <{EX}> .
ex:source {{ ex:a a ex:C . }}
<{ENTAILED_GRAPH}> {{ ex:a ex:p ex:b ; ex:q ex:b . }}
"""
# each shape would pass (ex:p) or fail (ex:q) on the entailed triples alone: Core constraints
# for the SHACL engine, SPARQL constraints for the whole-graph queries
SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <{EX}> .
ex:CoreShape a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "core: needs ex:p" ] ,
                [ sh:path ex:q ; sh:maxCount 0 ; sh:message "core: no ex:q" ] .
ex:NeedsP a sh:NodeShape ; sh:targetClass ex:C ;
    sh:sparql [ sh:message "sparql: needs ex:p" ;
                sh:select "SELECT $this WHERE {{ FILTER NOT EXISTS {{ $this <{EX.p}> ?x }} }}" ] .
ex:NoQ a sh:NodeShape ; sh:targetClass ex:C ;
    sh:sparql [ sh:message "sparql: no ex:q" ;
                sh:select "SELECT $this WHERE {{ $this <{EX.q}> ?x }}" ] .
"""


def _run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, list(args))
    return done.exit_code, done.stdout, done.stderr


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    data = Dataset()
    data.parse(data=DATA, format="trig")
    return data


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


def _stored(engine: str, dataset: Dataset, request: pytest.FixtureRequest) -> Dataset | Store:
    if engine == "dataset":
        return dataset
    if engine == "oxigraph:PATH":
        path = request.getfixturevalue("tmp_path") / "db"
        with open_store(f"oxigraph:{path}", writable=True) as store:
            store.load(dataset)
        return open_store(f"oxigraph:{path}")
    spec = f"sparql:{request.getfixturevalue('server_url')}" if engine == "sparql:URL" else engine
    store = open_store(spec)
    store.load(dataset)
    return store


def test_pyshacl_turbo_reads_every_graph_of_a_pyoxigraph_store() -> None:
    # why validation copies the stated graphs of a store that holds an entailed graph
    # (Snapshot.of_store): given a store, it validates the union of all its graphs
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TRIG)
    shapes = Graph().parse(data=SHAPES, format="turtle")
    _, results, _ = pyshacl_turbo.validate(store, shacl_graph=shapes, inference="none")
    messages = {str(m) for m in results.objects(None, SH.resultMessage)}
    assert messages == {"core: no ex:q", "sparql: no ex:q"}  # ex:p passes, ex:q fails


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("shacl", ["pyshacl-turbo", "pyshacl"])
def test_an_entailed_triple_neither_passes_nor_fails_a_shape(
    engine: str, shacl: str, dataset: Dataset, request: pytest.FixtureRequest
) -> None:
    shapes = Graph().parse(data=SHAPES, format="turtle")
    report = vzkg.validate(
        _stored(engine, dataset, request), shapes=shapes, engine=shacl, checks=False
    )
    assert {(v.focus, v.message) for v in report.violations} == {
        (str(EX.a), "core: needs ex:p"),
        (str(EX.a), "sparql: needs ex:p"),
    }


@pytest.mark.parametrize("engine", ["oxigraph", "oxigraph:PATH"])
def test_an_oxigraph_store_is_read_without_its_entailed_graph(
    engine: str, dataset: Dataset, request: pytest.FixtureRequest
) -> None:
    # the path of the bundled shapes' whole-graph queries and of the value checks: Oxigraph
    # answers them on the store vzkg was given, or on its stated graphs copied in Rust
    store = _stored(engine, dataset, request)
    snapshot = Snapshot.of_store(store)  # type: ignore[arg-type]
    assert snapshot.store is not store.native  # type: ignore[union-attr]
    assert snapshot.store is store.stated().native  # type: ignore[union-attr]  # the queries' copy
    assert snapshot.select(f"SELECT ?o WHERE {{ <{EX.a}> ?p ?o }}")[1] == [(EX.C,)]
    assert (EX.a, EX.p, EX.b) not in snapshot
    assert (EX.a, RDF.type, EX.C) in snapshot
    assert len(list(snapshot.triples())) == 1


def test_an_oxigraph_store_without_an_entailed_graph_is_read_in_place() -> None:
    store = open_store("oxigraph")
    store.load(vzkg.load(entailment=False))
    snapshot = Snapshot.of_store(store)  # type: ignore[arg-type]
    assert snapshot.store is store.native  # type: ignore[attr-defined]  # no copy
    assert len(list(snapshot.triples())) == store.count()
    assert vzkg.validate(store) == vzkg.validate(vzkg.load())


def test_validation_and_queries_share_one_copy_of_what_a_store_states(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a store holding vzg:entailed is judged through the copy of its other graphs that its
    # stated view's queries read: a command that validates and queries copies once; a write
    # empties it, and the next validation judges what the store then states
    copies: list[ox.Store] = []
    stated_copy = oxigraph.stated_copy

    def counted(native: ox.Store) -> ox.Store:
        copies.append(native)
        return stated_copy(native)

    monkeypatch.setattr(oxigraph, "stated_copy", counted)
    store = open_store("oxigraph")
    store.load(dataset)
    shapes = Graph().parse(data=SHAPES, format="turtle")

    def messages() -> set[str]:
        report = vzkg.validate(store, shapes=shapes, engine="pyshacl-turbo", checks=False)
        return {v.message for v in report.violations}

    assert messages() == {"core: needs ex:p", "sparql: needs ex:p"} and len(copies) == 1
    assert vzkg.query(store.stated(), f"ASK {{ ?s <{EX.q}> ?o }}").boolean is False
    assert messages() == {"core: needs ex:p", "sparql: needs ex:p"}
    assert len(copies) == 1
    store.replace_graph(EX.source, [(EX.a, RDF.type, EX.C), (EX.a, EX.p, EX.b)])
    assert messages() == set() and len(copies) == 2


def test_the_bundled_shapes_judge_a_store_as_the_dataset(tmp_path: Path) -> None:
    # an accusation reported as asserted, which only the entailed graph says: a violation of
    # the bundled shapes' SPARQL constraints, run in Oxigraph on the store (see test_entailment)
    reported = tmp_path / "reported.ttl"
    reported.write_text(REPORTED, encoding="utf-8")
    store = open_store("oxigraph")
    store.load(vzkg.load(reported))  # the entailed graph too
    assert store.graphs()[ENTAILED_GRAPH]
    report = vzkg.validate(store)
    assert any("is not asserted" in v.message for v in report.violations)
    assert report == vzkg.validate(vzkg.load(reported, entailment=False))


def test_only_names_graphs_of_a_dataset() -> None:
    with pytest.raises(InputError, match="names graphs of a Dataset"):
        vzkg.validate(open_store("oxigraph"), only=[EX.source])


# -- the command line --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "bad.ttl"
    path.write_text(BAD_QUANTITY, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "turtle"])
def test_every_store_gives_the_same_report(
    fmt: str, bad: Path, tmp_path: Path, server_url: str
) -> None:
    expected = _run("validate", "--data", str(bad), "-f", fmt)
    assert expected[0] == 1 and "test-quantity" in expected[1]
    db = tmp_path / "db"
    assert _run("load", str(bad), "--store", f"oxigraph:{db}")[0] == 0  # entailed graph too
    assert _run("push", "--data", str(bad), "--store", f"sparql:{server_url}")[0] == 0
    for spec in ("rdflib", "oxigraph"):
        assert _run("validate", "--data", str(bad), "--store", spec, "-f", fmt) == expected
    for spec in (f"oxigraph:{db}", f"sparql:{server_url}"):
        assert _run("validate", "--store", spec, "-f", fmt) == expected


def test_store_errors_are_one_line(tmp_path: Path, bad: Path) -> None:
    db = tmp_path / "db"
    assert _run("load", "--store", f"oxigraph:{db}")[0] == 0
    code, out, err = _run("validate", str(bad), "--store", f"oxigraph:{db}")
    assert (code, out) == (2, "")
    assert err.startswith("Error: FILES are checked against the graph in rdflib") and (
        err.count("\n") == 1
    )
    assert _run("validate", "--store", "sqlite") == (
        2,
        "",
        "Error: unknown store 'sqlite'; use rdflib, oxigraph, oxigraph:PATH or sparql:URL\n",
    )
    code, out, err = _run("validate", "--store", f"oxigraph:{tmp_path / 'none'}")
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert err.startswith(f"Error: there is no Oxigraph store at {tmp_path / 'none'}")


def test_an_oxigraph_store_is_validated_without_an_rdflib_dataset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # once stores are filled without rdflib, `vzkg validate --store oxigraph` builds no copy
    # of the data in rdflib: the report is the one rdflib graph it makes
    store = open_store("oxigraph")
    store.load(vzkg.load(entailment=False))
    expected = vzkg.validate(store)

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation built an rdflib Dataset")

    monkeypatch.setattr(Dataset, "__init__", refused)
    assert vzkg.validate(store) == expected


def test_a_folder_is_validated_without_rdflibs_sparql_engine(tmp_path: Path) -> None:
    # importing rdflib's SPARQL engine (pyparsing's grammar) took 0.15 s of a cold command
    db = tmp_path / "db"
    assert _run("load", "--store", f"oxigraph:{db}")[0] == 0
    code = (
        "import sys, vzkg\n"
        f"report = vzkg.validate(vzkg.open_store({f'oxigraph:{db}'!r}))\n"
        "print(report.conforms, 'rdflib.plugins.sparql' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "True False\n"


def test_validate_reads_the_files_into_oxigraph_by_default(
    bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as every command with --store: parsed by Oxigraph, judged where they lie, no Dataset
    expected = _run("validate", "--data", str(bad), "-f", "json", "--store", "rdflib")
    assert expected[0] == 1 and "test-quantity" in expected[1]

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation built an rdflib Dataset")

    monkeypatch.setattr(Dataset, "__init__", refused)
    assert _run("validate", "--data", str(bad), "-f", "json") == expected


# a literal Oxigraph would keep in canonical form, and a language tag it refuses
REWRITTEN = f'<{EX.s}> <{EX.p}> "+7"^^<http://www.w3.org/2001/XMLSchema#int> .\n'
REFUSED = f'<{EX.s}> <{EX.p}> "x"@a .\n'
STRING_SHAPE = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<{EX.StringShape}> a sh:NodeShape ; sh:targetSubjectsOf <{EX.p}> ;
    sh:property [ sh:path <{EX.p}> ; sh:datatype <http://www.w3.org/2001/XMLSchema#string> ] .
"""


@pytest.mark.parametrize(
    ("statement", "refused"),
    [
        (REWRITTEN, r"^Warning: Oxigraph keeps 1 literal "),
        (REFUSED, r"^Error: Oxigraph cannot store the language tag 'a'$"),
    ],
)
def test_the_default_engine_takes_rdflib_where_oxigraph_would_change_the_data(
    tmp_path: Path, statement: str, refused: str
) -> None:
    # as every command with --store does: silently, and the report is rdflib's (a term
    # pyoxigraph refuses is judged by pySHACL, as pyshacl-turbo would refuse it too)
    data, shapes = tmp_path / "mine.nt", tmp_path / "shapes.ttl"
    data.write_text(statement, encoding="utf-8")
    shapes.write_text(STRING_SHAPE, encoding="utf-8")
    command = ["validate", "--no-bundled", "--data", str(data), "--shapes", str(shapes)]
    default = _run(*command, "-f", "json")
    assert default == _run(*command, "-f", "json", "--store", "rdflib")
    assert default[0] == 1 and default[2] == "" and "StringShape" in default[1]
    chosen = _run(*command, "-f", "json", "--store", "oxigraph")  # said, not hidden
    assert re.search(refused, chosen[2].strip())
