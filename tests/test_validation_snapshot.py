"""The copy validation judges (:mod:`vzkg.validation.snapshot`): it holds what a dataset states,
its rows read each term as rdflib's ``str()`` does, and a report on it shows the data's literals
as written, though Oxigraph keeps some of them in another form."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import XSD, BNode, Dataset, Graph, Literal, Namespace
from rdflib.namespace import SH

import vzkg
from vzkg.checks.values import rows
from vzkg.engines import open_store
from vzkg.entailment import ENTAILED_GRAPH, asserted
from vzkg.namespaces import new_dataset
from vzkg.validation.snapshot import Snapshot, snapshot, stated

EX = Namespace("http://example.org/")


def test_a_dataset_is_read_as_asserted_reads_it() -> None:
    # the default graph, named graphs (one named by a blank node), the entailed graph left
    # out but for a triple that a stated graph holds too
    data = Dataset()
    data.add((EX.a, EX.p, Literal("in the default graph")))
    data.graph(EX.g).add((EX.a, EX.p, EX.b))
    data.graph(EX.g).add((EX.a, EX.r, Literal("x", lang="en")))
    data.graph(BNode("named")).add((BNode("n"), EX.p, Literal("2", datatype=XSD.integer)))
    data.graph(ENTAILED_GRAPH).add((EX.a, EX.q, EX.b))
    data.graph(ENTAILED_GRAPH).add((EX.a, EX.p, EX.b))
    assert Counter(stated(data)) == Counter(asserted(data))
    assert len(list(stated(data))) == 4 and (EX.a, EX.q, EX.b) not in set(stated(data))
    copy = snapshot(data)
    assert copy is not None and set(copy.triples()) == set(asserted(data))


def _terms(data: Dataset, subject: BNode) -> None:
    graph = data.graph(EX.g)
    for value in (
        EX.o,
        Literal("plain"),
        Literal("x", lang="es"),
        Literal("2025-03-23", datatype=XSD.date),
        BNode("other"),
        subject,
    ):
        graph.add((subject, EX.p, value))


QUERY = "SELECT ?s ?o ?unbound WHERE { ?s <http://example.org/p> ?o OPTIONAL { ?o ?x ?unbound } }"


def test_rows_are_the_texts_rdflib_gives() -> None:
    # a blank node whose label Oxigraph cannot keep comes back with the data's label
    data = new_dataset()  # its default graph the union of the others, as vzkg.load makes it
    _terms(data, BNode("a.b"))
    copy = snapshot(data)
    assert copy is not None
    assert sorted(rows(copy, QUERY)) == sorted(rows(data, QUERY))
    assert ("a.b", "a.b", "plain") in rows(copy, QUERY)


def test_rows_on_a_store_are_the_texts_rdflib_gives() -> None:
    data = new_dataset()
    _terms(data, BNode("subject"))
    store = open_store("oxigraph")
    store.load(data)
    expected = sorted(rows(data, QUERY))
    assert sorted(rows(Snapshot.of_store(store), QUERY)) == expected  # type: ignore[arg-type]
    assert sorted(rows(store, QUERY)) == expected  # the store's own query, as `vzkg evidence`


SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<{EX.StringShape}> a sh:NodeShape ; sh:targetSubjectsOf <{EX.p}> ;
    sh:property [ sh:path <{EX.p}> ; sh:datatype <{XSD.string}> ] .
"""


def _validated(tmp_path: Path, *values: str) -> tuple[vzkg.ValidationReport, Dataset]:
    path = tmp_path / "data.ttl"
    path.write_text(
        f"@prefix xsd: <{XSD}> .\n<{EX.s}> <{EX.p}> {', '.join(values)} .\n", encoding="utf-8"
    )
    data = vzkg.load(path, bundled=False, ontology=False)
    shapes = Graph().parse(data=SHAPES, format="turtle")
    return vzkg.validate(data, shapes=shapes), data


@pytest.mark.parametrize(
    "value",
    ['"+7"^^xsd:int', '"01"^^xsd:integer', '"1"^^xsd:boolean', '"1.50"^^xsd:decimal', '"x"@EN-GB'],
)
def test_a_report_shows_the_literals_as_the_data_wrote_them(tmp_path: Path, value: str) -> None:
    # pyshacl-turbo reads the copy, where Oxigraph keeps "+7"^^xsd:int as "7": the report
    # shows what pySHACL, reading the data itself, shows
    report, data = _validated(tmp_path, value)
    shapes = Graph().parse(data=SHAPES, format="turtle")
    reference = vzkg.validate(data, shapes=shapes, engine="pyshacl")
    assert [v.value for v in report.violations] == [v.value for v in reference.violations]

    def shown(graph: Graph) -> list[str]:
        return sorted(o.n3() for o in graph.objects(None, SH.value))

    assert shown(report.graph) == shown(reference.graph) == [next(data.objects()).n3()]


def test_a_form_two_literals_share_is_left_as_the_store_keeps_it(tmp_path: Path) -> None:
    # "+7" and "07" are both "7" in the store: which one a result means cannot be told
    report, _ = _validated(tmp_path, '"+7"^^xsd:int', '"07"^^xsd:int')
    assert [v.value for v in report.violations] == ["7"]
