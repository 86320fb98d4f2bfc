"""A second real server: OpenLink Virtuoso 7 (Debian's ``virtuoso-opensource-7-bin``), pushed to
and queried as ``sparql:URL;store=URL`` like any SPARQL 1.1 server (see tests/servers.py).

What differs from the other engines is pinned here, so that a change on either side shows:
Virtuoso keeps an ``xsd:boolean`` as ``1``/``0``, answers an ASK with a one-row table, and
does not finish the named query ``claims`` (a property path ``a/rdfs:subClassOf*`` inside
``FILTER EXISTS``) within its own time limit, holding its HTTP threads meanwhile.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from rdflib import XSD, Dataset, Literal, URIRef
from rdflib.term import Node
from servers import virtuoso_server
from sparql_engines import assert_same_rows

import vzkg
from vzkg.cli import cli
from vzkg.engines import Store, open_store
from vzkg.namespaces import VZ
from vzkg.queries import named_queries
from vzkg.store import load
from vzkg.vocab import VZKG

#: named queries Virtuoso 7.2 does not answer, and why
UNANSWERED = {"claims": "a/rdfs:subClassOf* inside FILTER EXISTS runs past Virtuoso's limit"}
NAMES = sorted(set(named_queries()) - set(UNANSWERED))

Quad = tuple[Node, Node, Node, Node]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load()


@pytest.fixture(scope="module")
def server(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as spec:
        store = open_store(spec, timeout=60)
        store.load(dataset)
        yield store


def _ours(quads: Iterator[Quad], graphs: set[Node]) -> Counter[Quad]:
    return Counter(quad for quad in quads if quad[3] in graphs)


def _spelt(term: Node | None) -> Node | None:
    """*term* as Virtuoso gives it back: an ``xsd:boolean`` as 1 or 0."""
    if isinstance(term, Literal) and term.datatype == XSD.boolean:
        spelt = {"true": "1", "false": "0"}[str(term)]
        return Literal(spelt, datatype=XSD.boolean, normalize=False)
    return term


def _as_virtuoso_spells(quad: Quad) -> Quad:
    return quad[0], quad[1], _spelt(quad[2]), quad[3]  # type: ignore[return-value]


def test_a_push_keeps_every_statement_and_a_second_push_changes_nothing(
    dataset: Dataset, server: Store
) -> None:
    graphs: set[Node] = {g.identifier for g in dataset.graphs() if len(g)}
    expected = Counter(_as_virtuoso_spells(q) for q in dataset.quads((None, None, None, None)))
    assert any(str(q[2]) == "1" and q[2].datatype == XSD.boolean for q in expected)  # type: ignore[union-attr]
    assert _ours(server.quads(), graphs) == expected
    server.load(dataset)  # what `vzkg push` does again
    assert _ours(server.quads(), graphs) == expected
    assert {g: n for g, n in server.graphs().items() if g in graphs} == {
        g.identifier: len(g) for g in dataset.graphs() if len(g)
    }


def test_an_ask_is_read_from_virtuosos_one_row_table(server: Store) -> None:
    assert (None, VZKG.evidence, None) in server
    assert (URIRef(f"{VZ}nobody-at-all"), None, None) not in server
    assert vzkg.query(server, "ASK { ?s vzkg:evidence ?o }").boolean is True
    assert vzkg.query(server, "ASK { vz:nobody-at-all ?p ?o }").boolean is False


@pytest.mark.parametrize("name", NAMES)
def test_a_named_query_answers_as_in_rdflib_with_no_false_warning(
    name: str, dataset: Dataset, server: Store
) -> None:
    text = named_queries()[name].text
    expected = vzkg.query(dataset, text)
    got = vzkg.query(server, text)
    assert got.notes == expected.notes == ()
    assert got.variables == expected.variables
    assert_same_rows([tuple(_spelt(term) for term in row) for row in expected.rows], got.rows, text)


def test_the_timeline_of_an_actor_is_the_same_from_the_command_line(server: Store) -> None:
    spec = f"sparql:{server.url};store={server.store_url}"  # type: ignore[attr-defined]
    runner = CliRunner()
    expected = runner.invoke(cli, ["timeline", "--actor", "vz:donald-trump"])
    got = runner.invoke(cli, ["timeline", "--store", spec, "--actor", "vz:donald-trump"])
    assert expected.exit_code == got.exit_code == 0, got.stderr
    assert len(expected.stdout.splitlines()) >= 6
    assert (got.stdout, got.stderr) == (expected.stdout, expected.stderr)
