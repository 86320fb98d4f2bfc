"""The engines of vzkg.engines answer alike: rdflib, Oxigraph in memory and in a folder, and a
real SPARQL 1.1 server (``oxigraph serve``, see tests/servers.py), pushed to and queried.

Same rows in the same order, the same terms (literals as written, language tags, datatypes),
the same export bytes, the same refusals: SERVICE and FROM reach no listener without
--allow-remote, a runaway query stops at the time limit on every engine.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import PROV, Dataset, Literal, URIRef
from rdflib.term import Identifier
from servers import oxigraph_server
from test_access import Listener

import vzkg
from vzkg.cli import cli
from vzkg.engines import Store, open_store, oxigraph
from vzkg.errors import InputError, QuerySyntaxError, RemoteAccessError, TimeLimitError
from vzkg.input_files import sources
from vzkg.limits import time_limit
from vzkg.serialization import serialize
from vzkg.store import load

ENGINES = ["rdflib", "oxigraph", "oxigraph:PATH", "sparql:URL"]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

# Literals a store must give back as written: other engines' canonical forms are not ours.
HOSTILE = """\
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:thing ex:says "two\\nlines\\r and a \\u2028 separator" , "quoted \\"words\\""@es ,
    "maybe"^^xsd:boolean , "2025-03-23+01:00"^^xsd:date , "plain" ;
  ex:ties [ ex:name "a blank node"@en ] .
"""


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load()


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> Path:
    path = tmp_path_factory.mktemp("oxigraph") / "db"
    with open_store(f"oxigraph:{path}", writable=True) as store:
        store.load(dataset)
    return path


def _open(engine: str, dataset: Dataset, request: pytest.FixtureRequest) -> Store:
    if engine == "oxigraph:PATH":
        return open_store(f"oxigraph:{request.getfixturevalue('folder')}")
    if engine == "sparql:URL":
        store = open_store(f"sparql:{request.getfixturevalue('server_url')}")
        store.load(dataset)
        return store
    store = open_store(engine)
    store.load(dataset)
    return store


@pytest.fixture(scope="module", params=ENGINES)
def store(request: pytest.FixtureRequest, dataset: Dataset) -> Iterator[Store]:
    opened = _open(request.param, dataset, request)
    yield opened
    opened.close()


QUERIES = {
    "labels in order": "SELECT ?p ?label WHERE { ?p a schema:Person ; rdfs:label ?label } "
    "ORDER BY ?p ?label",
    "typed values": "SELECT ?q ?v WHERE { ?q a schema:QuantitativeValue ; schema:value ?v } "
    "ORDER BY ?q",
    "an optional left unbound": "SELECT ?e ?end WHERE { ?e sem:hasTime ?t "
    "OPTIONAL { ?t sem:hasLatestEndTimeStamp ?end } } ORDER BY ?e",
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "entailed types": "SELECT (COUNT(*) AS ?n) WHERE { ?c a schema:Claim }",
    "ask": "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }",
    "select star": "SELECT * WHERE { ?q a schema:Quotation ; schema:text ?t ; schema:author ?a } "
    "ORDER BY ?q",
}


@pytest.mark.parametrize("name", QUERIES)
def test_every_engine_gives_the_same_answer(store: Store, dataset: Dataset, name: str) -> None:
    expected = vzkg.query(dataset, QUERIES[name])
    got = vzkg.query(store, QUERIES[name])
    assert got == expected
    assert len(got) > 0
    # the same terms, not only equal ones: language tags and datatypes too
    assert [[repr(t) for t in row] for row in got.rows] == [
        [repr(t) for t in row] for row in expected.rows
    ]


def test_construct_gives_the_same_graph(store: Store, dataset: Dataset) -> None:
    sparql = "CONSTRUCT { ?q schema:text ?t } WHERE { ?q a schema:Quotation ; schema:text ?t }"
    expected, got = vzkg.query(dataset, sparql), vzkg.query(store, sparql)
    assert got.kind == "CONSTRUCT" and got.graph is not None and expected.graph is not None
    assert set(got.graph) == set(expected.graph) and len(got.graph) == 5


def test_describe_gives_the_same_graph(store: Store, dataset: Dataset) -> None:
    sparql = "DESCRIBE vz:nicolas-maduro"
    expected, got = vzkg.query(dataset, sparql), vzkg.query(store, sparql)
    assert got.kind == "DESCRIBE" and got.graph is not None and expected.graph is not None
    assert set(got.graph) == set(expected.graph) and len(got.graph) > 5


@pytest.mark.parametrize("fmt", ["nq", "trig", "turtle", "nt", "jsonld", "xml"])
def test_every_engine_exports_the_same_bytes(store: Store, dataset: Dataset, fmt: str) -> None:
    assert store.dump(fmt) == serialize(dataset, format=fmt)


def test_stats_and_timeline_agree(store: Store, dataset: Dataset) -> None:
    assert vzkg.stats(store) == vzkg.stats(dataset)
    assert vzkg.timeline(store).rows == vzkg.timeline(dataset).rows
    dated = vzkg.timeline(store, start="2025-02", end="2025-03-21")
    assert dated.rows == vzkg.timeline(dataset, start="2025-02", end="2025-03-21").rows
    assert 0 < len(dated.rows) < 27


# only entailed (vzkg:evidence is a sub-property of prov:wasDerivedFrom), stated nowhere
ENTAILED_ONLY = (
    vzkg.VZ["event-chevron-licence-revoked"],
    PROV.wasDerivedFrom,
    vzkg.VZ["evidence-d4642c25d83ac452-1760-1784"],
)
STATES = "ASK { ?s ?p ?o }"


def _states(store: Store, triple: tuple[Identifier, ...]) -> bool | None:
    """Whether a query on *store* finds *triple*."""
    return vzkg.query(store, STATES, bindings=dict(zip("spo", triple, strict=True))).boolean


def test_what_a_store_states_leaves_out_what_it_entails(store: Store) -> None:
    stated = store.stated()
    assert _states(store, ENTAILED_ONLY) and not _states(stated, ENTAILED_ONLY)
    assert ENTAILED_ONLY in store and ENTAILED_ONLY not in stated
    claims = "SELECT (COUNT(*) AS ?n) WHERE { ?c a schema:Claim }"
    graphs = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    plain = load(entailment=False)
    for sparql in (claims, graphs, "ASK { GRAPH vzg:entailed { ?s ?p ?o } }"):
        assert vzkg.query(stated, sparql) == vzkg.query(plain, sparql), sparql
    assert stated.count() == len(list(plain.quads())) > 2500
    assert vzkg.VZG["entailed"] not in stated.graphs()
    assert int(vzkg.query(store, claims).rows[0][0]) == 13  # the store itself is as it was
    assert stated.stated() is stated


def test_what_an_oxigraph_store_states_is_copied_once_and_again_after_writes(
    dataset: Dataset, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Queries read a copy of the graphs but vzg:entailed (Oxigraph joins over a list of
    default graphs 20-40 times slower): one copy per store, made in this process (not in the
    time limit's worker, which would make one per query), made again after a write."""
    copies = []

    def counted(native: ox.Store) -> ox.Store:
        copies.append(native)
        return stated_copy(native)

    stated_copy = oxigraph.stated_copy
    monkeypatch.setattr(oxigraph, "stated_copy", counted)
    claims = "SELECT (COUNT(*) AS ?n) WHERE { ?c a schema:Claim }"
    # as describe, cite and evidence open a folder: without vzg:entailed, then stated()
    opened = open_store(f"oxigraph:{folder}", entailment=False)
    store = open_store("oxigraph")
    store.load(dataset)
    view = store.stated()
    new = (vzkg.VZ["x"], URIRef("http://example.org/p"), Literal("added after"))
    with time_limit(30):
        # a query on the store opened so reads it where it is (copying reads every statement)
        assert vzkg.query(opened, claims).rows[0][0] == Literal(6) and not copies
        for stated in (opened.stated(), view, store.stated()):
            assert vzkg.query(stated, claims).rows[0][0] == Literal(6), stated
            assert not _states(stated, ENTAILED_ONLY) and not _states(stated, new)
        assert len(copies) == 2  # one for the folder, one for the store and its views
        store.replace_graph(vzkg.VZG["added"], [new])
        assert _states(view, new)
    assert len(copies) == 3


def test_the_stated_copy_holds_every_graph_but_the_entailed_one(dataset: Dataset) -> None:
    native = ox.Store()  # filled by pyoxigraph's own parser, not through vzkg
    native.load(dataset.serialize(format="nquads", encoding="utf-8"), ox.RdfFormat.N_QUADS)
    entailed = ox.NamedNode(str(vzkg.VZG["entailed"]))
    assert native.contains_named_graph(entailed)
    copied = oxigraph.stated_copy(native)
    assert set(copied) == {q for q in native if q.graph_name != entailed}
    assert len(copied) == len(list(load(entailment=False).quads())) > 2500


def test_an_oxigraph_count_is_its_graphs_whatever_else_the_store_holds() -> None:
    store = oxigraph.OxigraphStore()
    store.fill(sources())
    native, entailed = store.native, ox.NamedNode(str(vzkg.VZG["entailed"]))
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    extras = [  # none of which a graph count sees: the default graph, a blank-node graph
        ox.Quad(s, p, ox.Literal("in the default graph")),
        ox.Quad(s, p, ox.Literal("in a blank graph"), ox.BlankNode()),
    ]
    stated = store.stated()
    assert store.count() == sum(store.graphs().values()) == len(native) > 3000
    assert stated.count() == sum(stated.graphs().values()) < len(native)
    for extra in extras:
        native.add(extra)
        assert store.count() == sum(store.graphs().values()) == len(native) - 1
        native.remove(extra)
    assert native.contains_named_graph(entailed)


def test_what_a_dataset_states_is_a_view_not_a_copy() -> None:
    dataset = load()
    stated = open_store("rdflib")
    stated.load(dataset)
    view = stated.stated()
    new = (vzkg.VZ["x"], URIRef("http://example.org/p"), Literal("added after"))
    dataset.graph(vzkg.VZG["d4642c25d83ac452"]).add(new)
    assert new in view
    assert vzkg.describe(dataset, vzkg.VZ["x"]).sections["Facts"][0].text == (
        "http://example.org/p: added after"
    )


def test_hints_name_what_the_graph_lacks(store: Store) -> None:
    notes = vzkg.query(store, "SELECT ?q WHERE { ?q vzkg:saidOn ?time }").notes
    assert notes == ("vzkg:saidOn is not in the graph; did you mean vzkg:saidAt?",)
    prefixed = "PREFIX v: <https://w3id.org/vzkg/ontology/> SELECT ?q { ?q v:saidAt ?t }"
    assert vzkg.query(store, prefixed).notes == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_literals_cross_as_written(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, encoding="utf-8")
    given = load(data, bundled=False, ontology=False, entailment=False)
    if engine == "oxigraph:PATH":
        with open_store(f"oxigraph:{tmp_path / 'db'}", writable=True) as filled:
            assert filled.load_files(data) == 7
        store = open_store(f"oxigraph:{tmp_path / 'db'}")
    elif engine == "sparql:URL":
        store = open_store(f"sparql:{request.getfixturevalue('server_url')}")
        for name in store.graphs():  # this test's graph alone
            store.replace_graph(name, [])
        store.load_files(data)
    else:
        store = open_store(engine)
        store.load_files(data)
    sparql = "SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) } ORDER BY STR(?o)"
    expected = [repr(t) for t in vzkg.query(given, sparql).column("o")]
    assert [repr(t) for t in vzkg.query(store, sparql).column("o")] == expected
    assert Literal(
        "maybe", datatype=URIRef("http://www.w3.org/2001/XMLSchema#boolean"), normalize=False
    ).n3() in " ".join(t.n3() for t in vzkg.query(store, sparql).column("o") if t is not None)
    assert store.dump("nq") == serialize(given, format="nq")


def test_terms_cross_the_time_limits_worker_as_written(store: Store) -> None:
    """Under a time limit, Oxigraph answers in a forked worker (vzkg.engines.isolated): the
    answer crosses back pickled, a literal with its lexical form (rdflib's own pickling
    normalised "…Z" to "…+00:00")."""
    sparql = "SELECT ?t WHERE { ?g prov:generatedAtTime ?t } ORDER BY ?g"
    expected = [repr(t) for t in vzkg.query(store, sparql).column("t")]
    assert expected and all("00:00:00Z'" in t for t in expected)
    assert [repr(t) for t in vzkg.query(store, sparql, timeout=30).column("t")] == expected


@pytest.mark.parametrize("spec", ["rdflib", "oxigraph"])
def test_an_unknown_prefix_is_named_by_every_engine(spec: str) -> None:
    query = "SELECT * WHERE {\n  ?s ?p ?o . ?s nope:a.b ?o }"
    with pytest.raises(QuerySyntaxError, match=r"Unknown namespace prefix : nope$"):
        open_store(spec).query(query)


def test_oxigraph_says_which_literals_it_rewrites() -> None:
    store = open_store("oxigraph")
    number = Literal(
        "01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"), normalize=False
    )
    store.replace_graph(URIRef("http://g"), [(URIRef("http://s"), URIRef("http://p"), number)])
    assert store.notes == [  # type: ignore[attr-defined]
        "Oxigraph keeps 1 literal of http://g in canonical form (such as "
        '"01"^^<http://www.w3.org/2001/XMLSchema#integer> as '
        '"1"^^<http://www.w3.org/2001/XMLSchema#integer>); the rdflib engine keeps them as written'
    ]


# -- the guards ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "ASK {{ ?s ?p ?o . service <{url}/> {{ ?s ?p ?o }} }}",
        # SPARQL decodes \u escapes before parsing: some servers see SERVICE here
        "SELECT * WHERE {{ \\u0053ERVICE <{url}/> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVI\\U00000043E <{url}/> {{ ?s ?p ?o }} }}",
    ],
)
def test_a_query_reaches_no_url(store: Store, clause: str) -> None:
    listener = Listener()
    try:
        with pytest.raises(RemoteAccessError, match="allow it with --allow-remote"):
            vzkg.query(store, clause.format(url=listener.url))
        time.sleep(0.2)  # a server's own request would land meanwhile
        assert listener.connections == []
    finally:
        listener.close()


@pytest.mark.parametrize(
    "update", ["INSERT DATA { <http://x/s> <http://x/p> 1 }", "CLEAR ALL", "DROP DEFAULT"]
)
def test_updates_are_refused(store: Store, update: str) -> None:
    before = store.count()
    with pytest.raises(InputError):
        vzkg.query(store, update)
    assert store.count() == before


def test_service_reaches_out_when_allowed() -> None:
    """The listener does see Oxigraph's own SERVICE request once it is allowed: the test
    above could fail."""
    store = open_store("oxigraph")
    listener = Listener()
    try:
        sparql = f"SELECT * WHERE {{ SERVICE <{listener.url}/> {{ ?s ?p ?o }} }}"
        with pytest.raises((TimeLimitError, InputError)), time_limit(1):
            vzkg.query(store, sparql, allow_remote=True)
        assert len(listener.connections) >= 1
    finally:
        listener.close()


def test_keywords_in_names_strings_and_comments_are_not_refused(store: Store) -> None:
    sparql = 'SELECT ?service ?from WHERE { BIND("SERVICE <x>" AS ?service) } # FROM <y>'
    assert vzkg.query(store, sparql).rows[0][0] == Literal("SERVICE <x>")


def test_a_runaway_query_stops_at_the_time_limit(store: Store) -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitError):
        vzkg.query(store, RUNAWAY, timeout=0.5)
    assert time.monotonic() - started < 3
    # the store still answers afterwards
    assert vzkg.query(store, "ASK { ?s ?p ?o }").boolean is True


# -- the command line --------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, list(args))
    return done.exit_code, done.stdout, done.stderr


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "sqlite",
            "Error: unknown store 'sqlite'; use rdflib, oxigraph, oxigraph:PATH or sparql:URL\n",
        ),
        ("oxigraph:", "Error: oxigraph:PATH needs a folder: oxigraph:./vzkg-db\n"),
        ("sparql:ftp://x/", "Error: sparql:URL needs an http or https URL, not 'ftp://x/'\n"),
    ],
)
def test_bad_specs_are_one_line(spec: str, message: str) -> None:
    assert _run("query", "--store", spec, "ASK {}") == (2, "", message)


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["query", "ASK {}"],
        ["describe", "Maduro"],
        ["cite", "vz:quote-maduro-never-committed-crimes"],
        ["search", "Maduro"],
        ["evidence", "--source", "."],
    ],
)
def test_missing_folder_and_unreachable_server(command: list[str], tmp_path: Path) -> None:
    code, out, err = _run(*command, "--store", f"oxigraph:{tmp_path / 'none'}")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: there is no Oxigraph store at {tmp_path / 'none'}; create one with "
        f"'vzkg load --store oxigraph:{tmp_path / 'none'}'\n"
    )
    listener = Listener()
    port = listener.port
    listener.close()  # a port nobody listens on
    code, out, err = _run(*command, "--store", f"sparql:http://127.0.0.1:{port}/query")
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: cannot reach the SPARQL server at http://127.0.0.1:{port}/query")
    assert err.count("\n") == 1


@functools.cache
def _bundled() -> int:
    """The statements of the bundled graph, its entailed ones included."""
    return len(list(load().quads()))


def test_load_then_query_a_folder(tmp_path: Path) -> None:
    db = tmp_path / "db"
    code, _, err = _run("load", "--store", f"oxigraph:{db}")
    # a slow load (a busy machine) notes its progress first
    assert code == 0 and err.splitlines()[-1].startswith(f"Loaded {_bundled()} triples into ")
    for command in (
        ["query", "--name", "timeline", "-f", "csv"],
        ["stats"],
        ["export", "-f", "nq"],
    ):
        assert _run(*command, "--store", f"oxigraph:{db}") == _run(*command)
    first = open_store(f"oxigraph:{db}").dump("nq")
    assert _run("load", "--store", f"oxigraph:{db}")[0] == 0  # again: the same store
    assert open_store(f"oxigraph:{db}").dump("nq") == first


def test_a_folder_starts_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db"
    assert _run("load", "--store", f"oxigraph:{db}")[0] == 0
    import vzkg.store

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a persistent store must not parse the files again")

    monkeypatch.setattr(vzkg.store, "load", refuse)
    code, out, _ = _run(
        "query", "--store", f"oxigraph:{db}", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    )
    assert (code, out.split()[-1]) == (0, str(_bundled()))


def test_data_goes_into_a_folder_with_load(tmp_path: Path) -> None:
    code, _, err = _run("query", "--store", f"oxigraph:{tmp_path}", "--no-bundled", "ASK {}")
    assert code == 2 and "put files into" in err and "'vzkg load'" in err


def test_runaway_query_exits_3_on_oxigraph() -> None:
    code, out, err = _run("query", "--store", "oxigraph", "--timeout", "0.5", RUNAWAY)
    assert (code, out) == (3, "")
    assert err.startswith("Error: stopped after 0.5 s, the time limit")


def test_push_is_idempotent(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "server") as url:  # an empty server of its own
        _push_twice(f"sparql:{url}")


def _push_twice(spec: str) -> None:
    code, _, err = _run("push", "--store", spec)
    assert code == 0 and f"Loaded {_bundled()} triples into " in err
    first = open_store(spec).dump("nq")
    assert first == _run("export", "-f", "nq")[1].encode()
    assert _run("push", "--store", spec)[0] == 0
    assert open_store(spec).dump("nq") == first
    assert _run("query", "--name", "timeline", "--store", spec) == _run(
        "query", "--name", "timeline"
    )


def test_the_readme_engines_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Engines\n", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md (Engines)", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("((rdflib.term.Literal('13'")
    assert printed[1] == f"{_bundled()} https://w3id.org/vzkg/graph/d4642c25d83ac452"


def test_many_readers_open_a_folder_at_once(folder: Path) -> None:
    first, second = open_store(f"oxigraph:{folder}"), open_store(f"oxigraph:{folder}")
    assert first.count() == second.count() == _bundled()
    with pytest.raises(InputError, match="opened to read, not to write"):
        first.replace_graph(URIRef("http://example.org/g"), [])


@pytest.mark.parametrize("spec", ["rdflib", "oxigraph"])
def test_in_memory_stores_answer_the_commands_alike(spec: str, tmp_path: Path) -> None:
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, encoding="utf-8")
    commands = (
        ["query", "--name", "accusations", "-f", "json"],
        [
            "query",
            "--name",
            "quotes-by-speaker",
            "--param",
            "speaker=vz:nicolas-maduro",
            "-f",
            "csv",
        ],
        # a name two entities answer to (the name look-up is slow in Oxigraph: see DESIGN.md)
        ["timeline", "--actor", "Caracas"],
        ["stats", "-f", "json"],
        ["export", "-f", "trig", "--data", str(data)],
        ["export", "-f", "jsonld", "--no-entailment"],
    )
    for command in commands:
        assert _run(*command, "--store", spec) == _run(*command), command


# the commands built on queries, from every store (tests/test_engine_differential.py compares
# their library functions on more nodes)
ON_QUERIES = (
    ["describe", "Maduro", "--cite"],
    ["describe", "vzg:d4642c25d83ac452"],  # titles in two languages: the order is ours
    [
        "cite",
        "vz:quote-maduro-never-committed-crimes",
        "vz:role-deportation-to-el-salvador--cecot",
        "-f",
        "bibtex",
    ],
    ["search", "deportación", "-f", "json"],
    ["search", "Rodriguez", "--limit", "0"],
)


def test_the_commands_on_queries_answer_alike_from_every_store(
    folder: Path, tmp_path: Path, source_dir: Path
) -> None:
    commands = [*ON_QUERIES, ["evidence", "--source", str(source_dir)]]
    expected = [_run(*command) for command in commands]
    assert all(code == 0 and out for code, out, _ in expected)
    with oxigraph_server(tmp_path / "server") as url:  # an empty server of its own
        assert _run("push", "--store", f"sparql:{url}")[0] == 0
        for spec in ("rdflib", "oxigraph", f"oxigraph:{folder}", f"sparql:{url}"):
            for command, answer in zip(commands, expected, strict=True):
                assert _run(*command, "--store", spec) == answer, (spec, command)


def test_a_folder_describes_without_parsing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import vzkg.store

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a persistent store must not parse the files again")

    monkeypatch.setattr(vzkg.store, "load", refuse)
    for command in ON_QUERIES:
        assert _run(*command, "--store", f"oxigraph:{folder}")[0] == 0, command


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["describe", "Nobody"], "Error: no entity is called 'Nobody'\n"),
        (["cite", "vz:nobody"], "Error: nothing in the graph is called vz:nobody\n"),
        (["cite", "vz:nicolas-maduro"], "Error: vz:nicolas-maduro is not a sourced fact"),
    ],
)
def test_an_unknown_entity_in_a_store_is_one_line(
    command: list[str], message: str, folder: Path
) -> None:
    code, out, err = _run(*command, "--store", f"oxigraph:{folder}")
    assert (code, out, err) == _run(*command)
    assert code == 2 and err.startswith(message) and err.count("\n") == 1
