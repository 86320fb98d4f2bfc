"""Binding variables by writing a VALUES block into the query (vzkg.bindings)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from sparql_engines import from_oxigraph, from_rdflib

import vzkg
from vzkg.bindings import bind_values, drop_unbound, where_group
from vzkg.cli import cli
from vzkg.errors import InputError, QuerySyntaxError
from vzkg.parameters import named_query_text

A = URIRef("http://example.org/a")


@pytest.mark.parametrize(
    ("sparql", "rest"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
        ("select * {?s ?p ?o}", "?s ?p ?o}"),
        ("ASK { ?s ?p ?o }", " ?s ?p ?o }"),
        ("CONSTRUCT { ?s ?p '}' } WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
        ("DESCRIBE ?s WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
        ("PREFIX x: <http://e.org/#>\n# a { comment\nSELECT * { ?s x:p ?o }", " ?s x:p ?o }"),
        ('SELECT ("{" AS ?b) (EXISTS { ?x ?y ?z } AS ?e) WHERE { ?s ?p ?o }', " ?s ?p ?o }"),
        ('SELECT * WHERE { ?s ?p """a } b""" }', ' ?s ?p """a } b""" }'),
    ],
)
def test_the_where_group_is_found_past_templates_strings_iris_and_comments(
    sparql: str, rest: str
) -> None:
    start = where_group(sparql)
    assert start is not None and sparql[start:] == rest


def test_a_query_without_a_where_group_cannot_be_bound() -> None:
    assert where_group("DESCRIBE <http://example.org/a>") is None
    with pytest.raises(InputError, match=r"cannot bind \?x: the query has no WHERE group"):
        bind_values("DESCRIBE <http://example.org/a>", {"x": A})


def test_the_placeholder_is_filled_where_the_query_puts_it() -> None:
    sparql = "SELECT ?o WHERE { { VALUES ?s { UNDEF } ?s ?p ?o } UNION { ?t ?p ?o } }"
    assert bind_values(sparql, {"s": A}) == (
        "SELECT ?o WHERE { { VALUES ?s { <http://example.org/a> } ?s ?p ?o } UNION { ?t ?p ?o } }"
    )
    with pytest.raises(InputError, match=r"marks \?s for binding 2 times"):
        bind_values(sparql.replace("?t", "VALUES ?s { UNDEF } ?t"), {"s": A})


@pytest.mark.parametrize(
    "term",
    [
        Literal('a "quoted"\nline\r\\ and \u2028 more'),
        Literal("Caracas", lang="es"),
        Literal("2025-03-01", datatype=XSD.date),
        Literal(7),
        URIRef("https://w3id.org/vzkg/id/nicolas-maduro"),
    ],
)
def test_a_bound_term_comes_back_as_it_went_in(term: Literal | URIRef) -> None:
    sparql = bind_values("SELECT ?x WHERE { VALUES ?x { UNDEF } }", {"x": term})
    assert vzkg.query(vzkg.load(bundled=False, ontology=False), sparql).rows == ((term,),)
    solutions = ox.Store().query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [from_oxigraph(s["x"]) for s in solutions] == [from_rdflib(term)]


def test_what_cannot_be_written_is_refused() -> None:
    with pytest.raises(InputError, match="only an IRI or a literal"):
        bind_values("ASK { ?x ?p ?o }", {"x": BNode()})
    with pytest.raises(InputError, match="not a valid IRI"):
        bind_values("ASK { ?x ?p ?o }", {"x": URIRef("http://example.org/a b")})


def test_an_unbound_guard_goes_and_only_when_it_is_a_no_op() -> None:
    query = (
        "SELECT * WHERE {\n"
        "    VALUES ?x { UNDEF }\n"
        "    ?s ?p ?o\n"
        "    FILTER(!BOUND(?x) || ?o = ?x)\n"
        "}"
    )
    assert drop_unbound(query) == "SELECT * WHERE {\n\n    ?s ?p ?o\n\n}"  # lines kept blank
    # ?x bound by a pattern: the filter may reject rows
    used = query.replace("?s ?p ?o", "?s ?p ?x")
    assert drop_unbound(used) == used
    # a second filter on the same line must stay
    joined = query.replace("?o = ?x)", "?o = ?x) FILTER(?o != ?s)")
    assert drop_unbound(joined) == joined
    # not a guard: the OR does not start with !BOUND(?x)
    other = query.replace("!BOUND(?x) || ?o = ?x", "?o = ?x || !BOUND(?x)")
    assert drop_unbound(other) == other
    # a comment that names ?x does not count as a use
    commented = "# ?x is optional\n" + query
    assert drop_unbound(commented) == "# ?x is optional\n" + drop_unbound(query)


def test_the_cli_binds_a_query_of_ones_own_and_reads_its_declarations() -> None:
    runner = CliRunner()
    own = (
        "# Quotes of one speaker.\n"
        "# param ?who entity: the speaker\n"
        "SELECT ?words WHERE { VALUES ?who { UNDEF }\n"
        "  ?q a schema:Quotation ; schema:author ?who ; schema:text ?words }"
    )
    bound = runner.invoke(cli, ["query", own, "--param", "who=Trump", "-f", "csv"])
    assert bound.exit_code == 0, bound.output
    assert bound.stdout.splitlines() == ["words", "at the rapid pace"]
    unknown = runner.invoke(cli, ["query", own, "--param", "whom=Trump"])
    assert unknown.exit_code == 2
    assert unknown.stderr == "Error: this query has no parameter 'whom'; it takes: who\n"
    nowhere = runner.invoke(cli, ["query", "DESCRIBE vz:donald-trump", "--param", "x=1"])
    assert nowhere.exit_code == 2
    assert nowhere.stderr == "Error: cannot bind ?x: the query has no WHERE group\n"


def test_a_syntax_error_names_the_line_and_column_as_written() -> None:
    bad = (
        "SELECT * WHERE {\n"
        "  VALUES ?x { UNDEF }\n"
        "  FILTER(!BOUND(?x) || ?o = ?x)\n"
        "  ?s ?p ?o .\n"
        "  ?s ?p\n"
        "}"
    )
    graph = vzkg.load(bundled=False, ontology=False)
    for bindings in (None, {"s": A}):  # the guard left out; a VALUES block added on line 1
        with pytest.raises(QuerySyntaxError, match=r"at line 5, column 3 near '\?s \?p'"):
            vzkg.query(graph, bad, bindings=bindings)


def test_rdflib_refuses_what_no_engine_could_be_sent() -> None:
    graph = vzkg.load(bundled=False, ontology=False)
    with pytest.raises(InputError, match="only an IRI or a literal"):
        vzkg.query(graph, "ASK { ?x ?p ?o }", bindings={"x": BNode()})


def test_the_readme_query_of_ones_own_runs_as_it_says(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"```sparql\n(.*?)```", readme, re.DOTALL)
    ox.Store().query(shown)  # standard as written: prefixes declared, UNDEF binds nothing
    path = tmp_path / "own.rq"
    path.write_text(shown, encoding="utf-8")
    runner = CliRunner()
    args = ["query", "--file", str(path), "-f", "csv", "--param", "actor=Maduro"]
    every = runner.invoke(cli, args).stdout.splitlines()
    later = runner.invoke(cli, [*args, "--param", "from=2025"]).stdout.splitlines()
    assert every[0] == later[0] == "what"
    assert len(every) == 1 + 2 and len(later) == 1 + 1  # the 2024 election ends before 2025


def test_a_trailing_values_block_is_no_binding() -> None:
    """What the README warns of: after the query, VALUES joins once the filters have run."""
    kg = vzkg.load()
    store = ox.Store()
    store.load(vzkg.export(kg, format="nq"), format=ox.RdfFormat.N_QUADS)
    maduro = "<https://w3id.org/vzkg/id/nicolas-maduro>"
    timeline = vzkg.named_queries()["timeline"].text
    trailing = f"{timeline}\nVALUES ?actor {{ {maduro} }}"
    inside = named_query_text(kg, "timeline", actor="Maduro")
    answers = [store.query(q, use_default_graph_as_union=True) for q in (trailing, inside)]
    counts = [len(list(answer)) for answer in answers]  # type: ignore[arg-type]
    assert counts == [26, 2]


# a letter in any case a case-blind pattern takes for it (ſ for s, ı and İ for i)
_VARIANTS = {"s": "sSſ", "i": "iIıİ"}
_SPELT = st.sampled_from(["service", "from", "undef", "\\u"]).flatmap(
    lambda word: st.tuples(*(st.sampled_from(_VARIANTS.get(c, c + c.upper())) for c in word)).map(
        "".join
    )
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPELT | st.text(max_size=5), max_size=6).map(" ".join))
def test_the_quick_looks_miss_nothing_a_case_blind_pattern_finds(text: str) -> None:
    """refuse_remote skips its scan on plain ``in`` looks: they must hold wherever the
    case-blind pattern they stand in for matches."""
    from vzkg.engines.base import _may_reach

    assert _may_reach(text) == bool(re.search(r"service|from|\\u", text, re.IGNORECASE))


def test_the_case_blind_letters_are_all_there() -> None:
    """_may_reach makes plain letters of the characters beyond ASCII that a case-blind
    pattern takes for one of the keywords' letters: all of them, as Python's re finds them."""
    from vzkg.engines.base import _CASE_BLIND

    letters = re.compile(r"[servicfom\\u]", re.IGNORECASE)
    found = {ord(c) for c in map(chr, range(0x80, 0x110000)) if letters.fullmatch(c)}
    assert found == set(_CASE_BLIND)


@settings(max_examples=100, deadline=None)
@given(_SPELT.filter(lambda word: word.lower().startswith("und")))
def test_an_unbound_marker_in_any_case_goes(undef: str) -> None:
    """drop_unbound looks for ``undef`` in the lowered text before its pattern."""
    query = f"SELECT * {{\n  VALUES ?x {{ {undef} }}\n  ?s ?p ?o\n}}"
    assert drop_unbound(query) == "SELECT * {\n\n  ?s ?p ?o\n}"
