"""The library of named queries is standard SPARQL 1.1: rdflib (through vzkg), pyoxigraph and
Jena ARQ (strict SPARQL 1.1 syntax) give the same answers to every query, with and without
each of its parameters, on the same N-Quads export. Answers compare as lists where the query
orders its rows, else as multisets, with terms written the same way (tests/sparql_engines.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from sparql_engines import (
    Answer,
    assert_same_rows,
    jena_classpath,
    with_jena,
    with_oxigraph,
    with_rdflib,
)

import vzkg
from vzkg.bindings import placeholder
from vzkg.namespaces import new_dataset
from vzkg.parameters import named_query_text
from vzkg.queries import named_queries

# One value for each parameter of the library: a test below fails when a parameter has none.
PARAMETERS = {
    ("claims", "author"): "Trump",
    ("events-by-place", "place"): "El Salvador",
    ("participants", "actor"): "Maduro",
    ("quotes-by-speaker", "speaker"): "Maduro",
    ("roles", "person"): "Rodríguez",
    ("sources-of-fact", "fact"): "vz:event-deportation-to-el-salvador",
    ("timeline", "actor"): "Maduro",
    ("timeline", "from"): "2025-03",
    ("timeline", "to"): "2025-03-22",
}


@dataclass(frozen=True)
class Case:
    name: str
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.name + "".join(f" {key}={value}" for key, value in self.params)


def _cases() -> Iterator[Case]:
    for name, named in named_queries().items():
        yield Case(name)
        for param in named.params:
            yield Case(name, ((param.name, PARAMETERS.get((name, param.name), "")),))
    yield Case("timeline", (("from", "2025-03"), ("to", "2025-03-22")))


CASES = list(_cases())


@dataclass
class Engines:
    folder: Path
    quads: Path
    dataset: Dataset
    store: ox.Store
    texts: dict[Case, str]
    expected: dict[Case, Answer]  # rdflib's, through vzkg


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Engines:
    """rdflib and pyoxigraph on vzkg's N-Quads export, and the text of every case."""
    folder = tmp_path_factory.mktemp("differential")
    quads = folder / "vzkg.nq"
    vzkg.export(vzkg.load(), destination=str(quads))
    dataset = new_dataset()
    dataset.parse(quads, format="nquads")
    store = ox.Store()
    store.bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS)
    texts = {case: named_query_text(dataset, case.name, **dict(case.params)) for case in CASES}
    expected = {case: with_rdflib(dataset, texts[case]) for case in CASES}
    return Engines(folder, quads, dataset, store, texts, expected)


@pytest.fixture(scope="module")
def jena(engines: Engines) -> dict[Case, Answer]:
    """Jena's answers to every case, from one JVM; skipped (or failed) without Java or Jena."""
    classpath = jena_classpath(engines.folder)
    union = engines.folder / "union.nt"  # Jena's default graph: the union, as vzkg's
    merged = ox.Store()
    merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in engines.store)
    merged.dump(str(union), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    files = []
    for number, case in enumerate(CASES):
        files.append(engines.folder / f"{number:03d}-{case.name}.rq")
        files[-1].write_text(engines.texts[case], encoding="utf-8")
    return dict(zip(CASES, with_jena(classpath, engines.quads, union, files), strict=True))


def _same(expected: Answer, answer: Answer, sparql: str) -> None:
    assert answer.variables == expected.variables
    assert_same_rows(expected.rows, answer.rows, sparql)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_pyoxigraph_answers_as_rdflib(engines: Engines, case: Case) -> None:
    text = engines.texts[case]
    _same(engines.expected[case], with_oxigraph(engines.store, text), text)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_jena_answers_as_rdflib(engines: Engines, jena: dict[Case, Answer], case: Case) -> None:
    _same(engines.expected[case], jena[case], engines.texts[case])


def test_a_parameter_narrows_the_answer(engines: Engines) -> None:
    for case in CASES:
        if case.params:
            narrowed = with_oxigraph(engines.store, engines.texts[case]).rows
            whole = with_oxigraph(engines.store, engines.texts[Case(case.name)]).rows
            assert 0 < len(narrowed) < len(whole), case


def test_every_parameter_is_marked_once_and_tested() -> None:
    for name, named in named_queries().items():
        for param in named.params:
            assert len(placeholder(param.name).findall(named.text)) == 1, (name, param.name)
            assert (name, param.name) in PARAMETERS, f"give ?{param.name} of {name} a value"


@pytest.mark.parametrize("name", list(named_queries()))
def test_the_files_declare_their_prefixes(name: str) -> None:
    """Each file parses as it is, without vzkg's curated prefixes."""
    ox.Store().query(named_queries()[name].text)  # a SyntaxError on an undeclared prefix
