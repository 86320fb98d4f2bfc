"""The bundled graph read straight into Oxigraph (vzkg.bundled.fill_bundled) is the store that
the checked way (OxigraphStore.fill) makes of the same files, quad for quad: the bundled files
hold nothing that the checks of fill would act on."""

from __future__ import annotations

import logging

import pyoxigraph as ox
import pytest

from vzkg.bundled import ONTOLOGY_IRI, bundled_sources, fill_bundled
from vzkg.engines.oxigraph import OxigraphStore
from vzkg.engines.oxigraph_entailment import ENTAILED
from vzkg.engines.parsing import survey
from vzkg.entailment import ENTAILED_GRAPH, ENTAILED_IRI
from vzkg.input_files import sources
from vzkg.namespaces import ONTOLOGY_GRAPH


def _quads(store: OxigraphStore) -> bytes:
    return b"".join(sorted(store.native.dump(format=ox.RdfFormat.N_QUADS).splitlines(True)))


@pytest.mark.parametrize("entailment", [True, False])
def test_the_bundled_graph_fills_as_the_checked_way_does(
    entailment: bool, caplog: pytest.LogCaptureFixture
) -> None:
    direct = OxigraphStore()
    assert fill_bundled(direct, entailment=entailment)
    checked = OxigraphStore()
    with caplog.at_level(logging.WARNING):
        checked.fill(sources(), entailment=entailment)
    assert caplog.records == []  # nothing ill-typed to warn of
    assert checked.notes == []  # nothing Oxigraph keeps otherwise than written
    assert _quads(direct) == _quads(checked)
    assert len(direct.native) > 2000
    assert direct.native.contains_named_graph(ENTAILED) is entailment


def test_the_bundled_files_are_read_by_oxigraph_as_written() -> None:
    for source in bundled_sources():
        reading = survey(source)
        assert reading is not None, f"{source.name} would need rdflib's parser"
        assert not any(reading.rewritten.values()), source.name


def test_the_graph_names_are_those_of_rdflib_spelling() -> None:
    assert str(ONTOLOGY_GRAPH) == ONTOLOGY_IRI
    assert ENTAILED_IRI == str(ENTAILED_GRAPH) == ENTAILED.value
