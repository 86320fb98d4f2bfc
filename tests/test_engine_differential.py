"""The whole query library on every engine: rdflib, Oxigraph in memory and in a folder, and a
real Oxigraph server pushed to with ``vzkg push``'s code (see tests/servers.py). Answers are
compared as multisets of rows, and in order where the query has an ORDER BY; terms by their
exact form (a language tag, a datatype) and blank nodes as mere blank nodes.
(tests/test_differential.py holds the queries' text to Jena and to pyoxigraph used directly.)

So are the commands built on queries: describe, cite, search and the evidence checks give the
same output from every engine as from the rdflib Dataset a Python user passes, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal
from rdflib.namespace import XSD
from rdflib.term import Identifier
from servers import oxigraph_server
from sparql_engines import assert_same_rows

import vzkg
from vzkg.checks.values import Spans
from vzkg.citation import is_citable, to_bibtex, to_csl_json, to_text
from vzkg.engines import Store, open_store
from vzkg.evidence import verify_sources, verify_text
from vzkg.namespaces import SCHEMA, VZ, VZG
from vzkg.queries import named_queries
from vzkg.store import load

NAMES = sorted(named_queries())


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load()


@pytest.fixture(scope="module")
def engines(
    dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Store]]:
    memory = open_store("oxigraph")
    memory.load(dataset)
    # spanish-labels takes 33 s in Oxigraph on disk (a property path inside FILTER EXISTS)
    with oxigraph_server(tmp_path_factory.mktemp("differential"), timeout=120) as url:
        server = open_store(f"sparql:{url}", timeout=120)
        server.load(dataset)
        yield {"oxigraph": memory, "oxigraph server": server}


@pytest.fixture(scope="module")
def stores(
    dataset: Dataset, engines: dict[str, Store], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Store]:
    """Every engine, each holding what :func:`vzkg.load` gives, vzg:entailed included."""
    folder = tmp_path_factory.mktemp("differential-folder") / "db"
    with open_store(f"oxigraph:{folder}", writable=True) as filling:
        filling.load(dataset)
    rdflib = open_store("rdflib")
    rdflib.load(dataset)
    # describe, cite and evidence open a folder without vzg:entailed: its other graphs copied
    commands = open_store(f"oxigraph:{folder}", entailment=False)
    return {
        "rdflib": rdflib,
        **engines,
        "oxigraph folder": open_store(f"oxigraph:{folder}"),
        "oxigraph folder, as the commands open it": commands,
    }


def _row(row: tuple[Identifier | None, ...]) -> tuple[str, ...]:
    return tuple("_:b" if isinstance(t, BNode) else repr(t) for t in row)


@pytest.mark.parametrize("name", NAMES)
def test_a_named_query_answers_alike_everywhere(
    name: str, dataset: Dataset, engines: dict[str, Store]
) -> None:
    text = named_queries()[name].text
    expected = vzkg.query(dataset, text)
    assert expected.kind == "SELECT"
    for engine, store in engines.items():
        got = vzkg.query(store, text)
        assert got.variables == expected.variables, engine
        assert_same_rows(
            [_row(row) for row in expected.rows], [_row(row) for row in got.rows], text, engine
        )


# -- the commands built on queries --------------------------------------------------------------

#: one node of each kind, and the graph whose titles (@en and @es) once came out in a different
#: order from Oxigraph
NODES = [
    VZ["nicolas-maduro"],
    VZ["jorge-rodriguez"],
    VZ["venezuelan-government"],
    VZ["caracas"],
    VZ["event-deportation-to-el-salvador"],
    VZ["alien-enemies-act"],
    VZ["policy-deportation-flights"],
    VZ["quote-maduro-never-committed-crimes"],
    VZ["claim-trump-venezuela-broke-promises"],
    VZ["claim-maduro-men-will-return"],
    VZ["role-deportation-to-el-salvador--cecot"],
    VZ["membership-rodriguez-national-assembly-president"],
    VZ["quantity-deported-to-el-salvador-238"],
    VZ["time-2018"],
    VZ["article-d4642c25d83ac452"],
    VZG["d4642c25d83ac452"],
    vzkg.VZKG.Deportation,
]


def test_descriptions_and_citations_are_the_same_everywhere(
    dataset: Dataset, stores: dict[str, Store]
) -> None:
    expected = [vzkg.describe(dataset, node).text(cite=True) for node in NODES]
    facts = [node for node in NODES if is_citable(dataset, node)]
    citations = [vzkg.cite(dataset, node) for node in facts]
    assert len(citations) >= 8 and any(c.inference and not c.quotes for c in citations)
    written = [to_text(citations), to_csl_json(citations), to_bibtex(citations)]
    for engine, store in stores.items():
        assert [vzkg.describe(store, node).text(cite=True) for node in NODES] == expected, engine
        again = [vzkg.cite(store, node) for node in facts]
        assert [to_text(again), to_csl_json(again), to_bibtex(again)] == written, engine


@pytest.mark.parametrize(
    "words", ["Maduro", "deportación", "Rodriguez kidnapped", '"Washington deported"', "el*"]
)
def test_search_finds_the_same_everywhere(
    dataset: Dataset, stores: dict[str, Store], words: str
) -> None:
    expected = vzkg.SearchIndex(dataset).search(words, limit=None)
    assert expected.hits
    for engine, store in stores.items():
        index = vzkg.SearchIndex(store)
        assert len(index) == 271, engine
        got = index.search(words, limit=None)
        assert (got.to_json(), got.text()) == (expected.to_json(), expected.text()), engine


def test_evidence_is_checked_the_same_everywhere(
    dataset: Dataset, stores: dict[str, Store], source_dir: Path
) -> None:
    article = VZ["article-d4642c25d83ac452"]
    text = (source_dir / "000_d4642c25d83ac452.txt").read_text(encoding="utf-8")
    expected = [r.text() for r in verify_sources(dataset, [source_dir])]
    moved = verify_text(dataset, "XX" + text, article=article).text()
    assert expected and moved.count("\n") > 90  # every quote moved: each is reported
    spans = Spans(dataset).of
    for engine, store in stores.items():
        assert [r.text() for r in verify_sources(store, [source_dir])] == expected, engine
        assert verify_text(store, "XX" + text, article=article).text() == moved, engine
        assert Spans(store.stated()).of == spans, engine


def test_values_that_disagree_with_their_words_are_found_everywhere(
    tmp_path: Path, source_dir: Path
) -> None:
    """The value checks find the same wrong number in every engine (a server of its own:
    the data differs from the bundled graph)."""
    wrong = load(entailment=False)
    quantity = VZ["quantity-deported-to-el-salvador-238"]
    graph = next(g for g in wrong.graphs() if (quantity, SCHEMA.value, None) in g)
    graph.set((quantity, SCHEMA.value, Literal("239", datatype=XSD.integer)))
    expected = [r.text() for r in verify_sources(wrong, [source_dir])]
    assert "vz:quantity-deported-to-el-salvador-238: the quantity is 239 (exact)" in expected[0]
    with oxigraph_server(tmp_path / "server") as url:
        for spec in ("rdflib", "oxigraph", f"oxigraph:{tmp_path / 'db'}", f"sparql:{url}"):
            store = open_store(spec, writable=True)
            store.load(wrong)
            if spec.startswith("oxigraph:"):  # written, then read as a command opens it
                store.close()
                store = open_store(spec)
            assert [r.text() for r in verify_sources(store, [source_dir])] == expected, spec
