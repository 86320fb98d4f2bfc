"""Validating an added source: its graph and what it touches give what the whole graph gives.

The new sources are copies of the bundled one made by ``bench/corpus.py`` (new IRIs, a new
identifier and checksum), so they conform beside it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from vzkg.cli import cli
from vzkg.errors import InputError
from vzkg.store import add_files, load
from vzkg.validation import validate

ROOT = Path(__file__).parent.parent
CASES = Path(__file__).parent / "shapes"
_spec = importlib.util.spec_from_file_location("corpus", ROOT / "bench" / "corpus.py")
assert _spec is not None and _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


@pytest.fixture(scope="module")
def new_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sources") / "new.nq"
    corpus.write_corpus(path, count=1, seed=7, first=900, entities=False)
    return path


def _graph_of(path: Path) -> URIRef:
    (graph,) = {g.identifier for g in load(path, bundled=False, ontology=False).graphs() if len(g)}
    return URIRef(graph)


def test_an_added_source_conforms_alone(new_source: Path) -> None:
    kg = load(new_source)
    report = validate(kg, only=[_graph_of(new_source)])
    assert report.conforms, report.text()


def test_a_defect_of_the_added_source_is_reported_as_the_whole_graph_reports_it(
    new_source: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.nq"
    lines = new_source.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "/ontology/qualifier>" not in line]  # every quantity's
    assert len(kept) < len(lines)
    broken.write_text("".join(kept), encoding="utf-8")
    kg = load(broken)
    scoped = validate(kg, only=[_graph_of(broken)])
    whole = validate(kg)
    assert not scoped.conforms
    assert scoped.violations == whole.violations


def test_other_sources_are_not_validated_again(new_source: Path, tmp_path: Path) -> None:
    kg = load(new_source)
    bundled = next(g for g in kg.graphs() if str(g.identifier).endswith("d4642c25d83ac452"))
    event = next(bundled.subjects(URIRef("https://w3id.org/vzkg/ontology/eventStatus"), None))
    bundled.remove((event, URIRef("https://w3id.org/vzkg/ontology/eventStatus"), None))
    assert not validate(kg, checks=False).conforms
    assert validate(kg, only=[_graph_of(new_source)]).conforms


def test_asserting_what_an_older_source_alleges_is_caught(tmp_path: Path) -> None:
    older = CASES / "AccusationShape" / "valid.ttl"
    newer = tmp_path / "newer.trig"
    newer.write_text(
        "<urn:x-test:newer> { <https://w3id.org/vzkg/id/test-suspect> "
        "<https://schema.org/memberOf> <https://w3id.org/vzkg/id/test-intelligence-service> }\n",
        encoding="utf-8",
    )
    kg = load(older, bundled=False)
    add_files(kg, [newer])
    report = validate(kg, only=["urn:x-test:newer"], checks=False)
    assert [v.shape.rsplit("/", 1)[-1] for v in report.violations] == ["AccusationShape"]
    assert report.violations == validate(kg, checks=False).violations


def test_only_names_graphs_of_a_dataset() -> None:
    kg = load()
    with pytest.raises(InputError, match="no graph named urn:x-none"):
        validate(kg, only=["urn:x-none"])
    with pytest.raises(InputError, match="names graphs of a Dataset"):
        validate(kg.graph(URIRef("urn:x-none")), only=[])


def test_cli_validates_what_the_files_add(new_source: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(new_source)])
    assert result.exit_code == 0, result.output
    assert result.output == "Conforms: the data satisfies every shape.\n"
