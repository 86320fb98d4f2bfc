"""The entailed graph: queries find what the hierarchies mean, validation judges what is stated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

import vzkg
from vzkg.cli import cli
from vzkg.entailment import ENTAILED_GRAPH, entail, entailed
from vzkg.namespaces import VZ, VZG
from vzkg.queries import named_queries
from vzkg.serialization import serialize

EX = "http://example.org/"
CLAIMS = "SELECT (COUNT(*) AS ?n) WHERE { ?c a schema:Claim }"
EVENTS = "SELECT (COUNT(*) AS ?n) WHERE { ?e a sem:Event }"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def entailed_by(triples: object) -> set[tuple[object, ...]]:
    graph = Graph()
    for triple in triples:  # type: ignore[attr-defined]
        graph.add(triple)
    return entailed(graph)  # type: ignore[return-value]


def count(kg: Graph, sparql: str) -> int:
    return int(vzkg.query(kg, sparql).rows[0][0])  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


@pytest.fixture(scope="module")
def stated() -> Dataset:
    return vzkg.load(entailment=False)


def test_every_claim_and_every_event_is_found(kg: Dataset, stated: Dataset) -> None:
    assert count(kg, CLAIMS) == 13  # accusations and pledges are claims
    assert count(kg, EVENTS) == 26  # policy actions are events
    assert count(stated, CLAIMS) == 6
    assert count(stated, EVENTS) == 17
    # the same answers as following the hierarchy by hand
    assert count(stated, CLAIMS.replace("a schema", "a/rdfs:subClassOf* schema")) == 13


def test_super_properties_and_transitive_hierarchies(kg: Dataset) -> None:
    # vzkg:evidence is a sub-property of prov:wasDerivedFrom
    derived = vzkg.query(
        kg,
        "SELECT ?x WHERE { vz:event-chevron-licence-revoked prov:wasDerivedFrom ?x "
        "FILTER NOT EXISTS { ?x a schema:NewsArticle } }",
    )
    spans = vzkg.query(kg, "SELECT ?x WHERE { vz:event-chevron-licence-revoked vzkg:evidence ?x }")
    assert len(spans) == 2
    assert set(derived.column("x")) == set(spans.column("x"))
    assert vzkg.query(kg, "ASK { vzkg:Accusation rdfs:subClassOf schema:CreativeWork }").boolean


def test_no_domain_or_range_entailment(kg: Dataset) -> None:
    # rdfs:range of vzkg:evidence is oa:SpecificResource: a span is one because it says so,
    # and something that only stands at the end of vzkg:evidence is not made one
    extra = Graph()
    extra.add((VZ["x"], URIRef("https://w3id.org/vzkg/ontology/evidence"), VZ["not-a-span"]))
    found = entailed_by([*kg.graph(VZG["ontology"]), *extra])
    assert not any(s == VZ["not-a-span"] for s, _, _ in found)
    assert (VZ["x"], URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), VZ["not-a-span"]) in found


def test_entailed_graph_holds_only_what_no_other_graph_states(kg: Dataset) -> None:
    stated = {(s, p, o) for s, p, o, g in kg.quads() if g != ENTAILED_GRAPH}
    derived = set(kg.graph(ENTAILED_GRAPH))
    assert derived and not derived & stated
    # and nothing it derives is reflexive, as RDFS's axiomatic triples would be
    assert not any(p in (RDFS.subClassOf, RDFS.subPropertyOf) and s == o for s, p, o in derived)


def test_a_users_own_sub_class_and_sub_property_are_honoured(tmp_path: Path) -> None:
    mine = tmp_path / "mine.ttl"
    mine.write_text(
        f"""
        @prefix ex: <{EX}> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix schema: <https://schema.org/> .
        @prefix vzkg: <https://w3id.org/vzkg/ontology/> .
        ex:Rumour rdfs:subClassOf vzkg:Accusation .
        ex:whisperedAt rdfs:subPropertyOf vzkg:saidAt .
        ex:r1 a ex:Rumour ; ex:whisperedAt ex:t1 .
        """,
        encoding="utf-8",
    )
    kg = vzkg.load(mine)
    assert count(kg, CLAIMS) == 14
    assert vzkg.query(kg, "ASK { <http://example.org/r1> vzkg:saidAt <http://example.org/t1> }")
    result = run("query", "--data", str(mine), "-f", "csv", CLAIMS)
    assert result.stdout.splitlines() == ["n", "14"]
    result = run("query", "--data", str(mine), "--no-entailment", "-f", "csv", CLAIMS)
    assert result.stdout.splitlines() == ["n", "6"]


def test_a_sub_property_of_a_hierarchy_widens_it() -> None:
    a, b, x, narrower = (URIRef(EX + name) for name in ("A", "B", "x", "narrower"))
    found = entailed_by(
        [
            (narrower, RDFS.subPropertyOf, RDFS.subClassOf),
            (a, narrower, b),
            (x, RDF.type, a),
        ]
    )
    assert (a, RDFS.subClassOf, b) in found
    assert (x, RDF.type, b) in found


def test_an_inputs_entailed_graph_is_derived_again(tmp_path: Path) -> None:
    smuggled = tmp_path / "smuggled.trig"
    smuggled.write_text(
        f"<{ENTAILED_GRAPH}> {{ <{EX}x> <https://schema.org/memberOf> <{VZ}tren-de-aragua> }}\n",
        encoding="utf-8",
    )
    for entailment in (True, False):
        kg = vzkg.load(smuggled, entailment=entailment)
        assert (URIRef(EX + "x"), None, None) not in kg
    kg = vzkg.load(smuggled)
    assert len(kg.graph(ENTAILED_GRAPH)) == entail(kg) == len(vzkg.load().graph(ENTAILED_GRAPH))


# a statement reported as asserted that the data only entails (through vzkg:evidence ⊂
# prov:wasDerivedFrom), never states: a guard of the bundled shapes must report it
REPORTED = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix vz: <https://w3id.org/vzkg/id/> .
@prefix vzkg: <https://w3id.org/vzkg/ontology/> .
vz:reported-x a vzkg:ReportedStatement ;
    rdf:subject vz:event-chevron-licence-revoked ;
    rdf:predicate prov:wasDerivedFrom ;
    rdf:object vz:evidence-d4642c25d83ac452-1760-1784 .
"""


def test_validation_judges_what_is_stated(kg: Dataset, tmp_path: Path) -> None:
    # a guard must not pass because of an entailed triple: the reported statement is only
    # entailed (through vzkg:evidence ⊂ prov:wasDerivedFrom), never stated
    reported = tmp_path / "reported.ttl"
    reported.write_text(REPORTED, encoding="utf-8")
    both = vzkg.load(reported)
    assert vzkg.query(
        both,
        "ASK { vz:event-chevron-licence-revoked prov:wasDerivedFrom "
        "vz:evidence-d4642c25d83ac452-1760-1784 }",
    ).boolean
    report = vzkg.validate(both, checks=False)
    assert any(
        v.focus == str(VZ["reported-x"]) and "is not asserted" in v.message
        for v in report.violations
    )
    assert report == vzkg.validate(vzkg.load(reported, entailment=False), checks=False)


def test_validation_does_not_fail_because_of_entailed_triples(kg: Dataset) -> None:
    # every event names one source; entailment adds its evidence spans as prov:wasDerivedFrom
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
        <http://example.org/OneSource> a sh:NodeShape ; sh:targetClass sem:Event ;
            sh:property [ sh:path prov:wasDerivedFrom ; sh:maxCount 1 ] .
        """,
        format="turtle",
    )
    assert vzkg.validate(kg, shapes=shapes, checks=False).conforms
    assert (
        count(
            kg,
            "SELECT (MAX(?n) AS ?max) WHERE { { SELECT (COUNT(*) AS ?n) "
            "WHERE { ?e a sem:Event ; prov:wasDerivedFrom ?x } GROUP BY ?e } }",
        )
        > 1
    )


def test_bundled_data_conforms_with_and_without_entailment(kg: Dataset, stated: Dataset) -> None:
    assert vzkg.validate(kg).conforms
    assert vzkg.validate(kg) == vzkg.validate(stated)


def test_export_keeps_the_entailed_graph_apart_and_stays_byte_identical(kg: Dataset) -> None:
    trig = serialize(kg, format="trig")
    assert trig == serialize(vzkg.load(), format="trig")
    assert b"vzg:entailed {" in trig
    assert b"vzg:entailed" not in serialize(vzkg.load(entailment=False), format="trig")
    exported = run("export", "-f", "nq")
    assert exported.stdout_bytes == run("export", "-f", "nq").stdout_bytes
    assert f"<{ENTAILED_GRAPH}> .".encode() in exported.stdout_bytes
    left_out = run("export", "-f", "nq", "--no-entailment").stdout_bytes
    assert f"<{ENTAILED_GRAPH}>".encode() not in left_out
    # a triple format merges it: any engine then counts every claim
    triples = Graph().parse(data=serialize(kg, format="nt"), format="nt")
    assert count(triples, CLAIMS) == 13


def test_stats_count_by_class_membership() -> None:
    import json

    entailed_counts = json.loads(run("stats", "-f", "json").stdout)
    stated_counts = json.loads(run("stats", "-f", "json", "--no-entailment").stdout)
    assert entailed_counts["graphs"]["vzg:entailed"] > 0
    assert "vzg:entailed" not in stated_counts["graphs"]
    assert stated_counts["entities"]["schema:Organization"] == 3
    assert entailed_counts["entities"]["schema:Organization"] == 22
    assert entailed_counts["events"] == stated_counts["events"] == 26


def test_no_entailment_is_a_flag() -> None:
    result = run("query", "--no-entailment=yes", "ASK {}")
    assert result.exit_code == 2
    assert "does not take a value" in result.stderr


def test_literals_and_blank_nodes_are_entailed_as_they_are() -> None:
    p, q, x = URIRef(EX + "p"), URIRef(EX + "q"), URIRef(EX + "x")
    from rdflib import BNode

    blank = BNode()
    found = entailed_by(
        [(p, RDFS.subPropertyOf, q), (x, p, Literal("01", datatype=None)), (blank, p, x)]
    )
    assert found == {(x, q, Literal("01")), (blank, q, x)}


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_a_literal_or_blank_super_property_names_no_predicate(tmp_path: Path, store: str) -> None:
    """``ex:p rdfs:subPropertyOf "x"`` once derived statements with a literal predicate, which
    Oxigraph refused as an internal error: nothing is derived through it, on either engine."""
    data = tmp_path / "odd.ttl"
    data.write_text(
        f'<{EX}p> <{RDFS.subPropertyOf}> "x" , [] .\n<{EX}a> <{EX}p> <{EX}b> .\n',
        encoding="utf-8",
    )
    ask = f"ASK {{ GRAPH <{ENTAILED_GRAPH}> {{ <{EX}a> ?q <{EX}b> }} }}"
    result = run("query", "--data", str(data), "--store", store, ask)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no\n", "")


def test_a_hierarchy_too_deep_to_entail_is_refused(tmp_path: Path) -> None:
    # a chain of n classes entails n²/2 subclass statements: bounded, not filling the memory
    chain = tmp_path / "chain.nt"
    lines = [f"<{EX}C{i}> <{RDFS.subClassOf}> <{EX}C{i + 1}> ." for i in range(2000)]
    chain.write_text("\n".join(lines) + f"\n<{EX}x> <{RDF.type}> <{EX}C0> .\n", encoding="utf-8")
    result = run("query", "--data", str(chain), "ASK { ?s ?p ?o }")
    assert result.exit_code == 2
    assert re.fullmatch(
        r"Error: the data entails more than [\d,]+ triples through rdfs:subClassOf and "
        r"rdfs:subPropertyOf \(a very deep or wide hierarchy\): leave them out with "
        r"--no-entailment \(entailment=False\)\n",
        result.stderr,
    )
    assert run("query", "--data", str(chain), "--no-entailment", "ASK { ?s ?p ?o }").stdout == (
        "yes\n"
    )


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_answer_alike_with_and_without_entailment(
    name: str, kg: Dataset, stated: Dataset
) -> None:
    # a class or property reached through the hierarchy must not come twice
    text = named_queries()[name].text
    assert vzkg.query(kg, text).rows == vzkg.query(stated, text).rows


@pytest.mark.parametrize(
    "node",
    [
        VZ["nicolas-maduro"],
        VZ["tren-de-aragua"],
        VZ["alien-enemies-act"],
        VZ["event-deportation-to-el-salvador"],
    ],
)
def test_describe_shows_what_is_stated_on_an_entailed_graph(
    node: URIRef, kg: Dataset, stated: Dataset
) -> None:
    # an entailed schema:Thing, or a pledge listed again as a claim, is no fact to show
    assert vzkg.describe(kg, node).text() == vzkg.describe(stated, node).text()


@pytest.mark.parametrize(
    "node",
    [
        VZ["event-deportation-to-el-salvador"],
        VZ["quote-rodriguez-first-flight-tomorrow"],
        VZ["role-deportation-to-el-salvador--cecot"],
    ],
)
def test_cite_names_the_article_not_the_spans_on_an_entailed_graph(
    node: URIRef, kg: Dataset, stated: Dataset
) -> None:
    # vzkg:evidence entails prov:wasDerivedFrom: a span must not become a second source
    citation = vzkg.cite(kg, node)
    assert citation == vzkg.cite(stated, node)
    assert len(citation.sources) == 1
