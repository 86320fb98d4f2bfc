"""The whole query library on every engine: rdflib, Oxigraph in memory, and a real Oxigraph
server pushed to with ``vzkg push``'s code (see tests/servers.py). Answers are compared as
multisets of rows, and in order where the query has an ORDER BY; terms by their exact form
(a language tag, a datatype) and blank nodes as mere blank nodes. (tests/test_differential.py
holds the queries' text to Jena and to pyoxigraph used directly.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from rdflib import BNode, Dataset
from rdflib.term import Identifier
from servers import oxigraph_server

import vzkg
from vzkg.engines import Store, open_store
from vzkg.queries import named_queries
from vzkg.sparql import QueryResult
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


def _row(row: tuple[Identifier | None, ...]) -> tuple[str, ...]:
    return tuple("_:b" if isinstance(t, BNode) else repr(t) for t in row)


def _rows(result: QueryResult, ordered: bool) -> object:
    rows = [_row(row) for row in result.rows]
    return rows if ordered else Counter(rows)


@pytest.mark.parametrize("name", NAMES)
def test_a_named_query_answers_alike_everywhere(
    name: str, dataset: Dataset, engines: dict[str, Store]
) -> None:
    text = named_queries()[name].text
    ordered = "ORDER BY" in text.upper().split("}")[-1]  # the outermost query's own ORDER BY
    expected = vzkg.query(dataset, text)
    assert expected.kind == "SELECT" and expected.rows, "a named query that finds nothing"
    for engine, store in engines.items():
        got = vzkg.query(store, text)
        assert got.variables == expected.variables, engine
        assert _rows(got, ordered) == _rows(expected, ordered), engine
