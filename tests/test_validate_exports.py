"""An export validates as the graph it came from, in every format (the README's advice).

In TriG, N-Quads and JSON-LD every statement sits in a named graph: an engine that validates
only the default graph passes such a file without looking at it. ``vzkg validate`` validates the
union of the file's graphs, so a broken export fails in every format.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from vzkg.cli import cli
from vzkg.formats import EXPORT_FORMATS
from vzkg.serialization import export
from vzkg.store import load

STATUS = URIRef("https://w3id.org/vzkg/ontology/eventStatus")
BROKEN = URIRef("https://w3id.org/vzkg/id/event-deportation-to-el-salvador")


def _validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", "--no-bundled", str(path)])
    return result.exit_code, result.output


def _broken() -> Dataset:
    kg = load()
    kg.remove((BROKEN, STATUS, None))
    return kg


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_an_export_conforms_in_every_format(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"vzkg{EXPORT_FORMATS[fmt]}"
    export(load(), format=fmt, destination=path)
    code, output = _validate(path)
    assert (code, output) == (0, "Conforms: the data satisfies every shape.\n")


@pytest.mark.parametrize("fmt", ["jsonld", "nq", "trig"])  # the formats with named graphs
def test_a_broken_export_with_named_graphs_fails(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"vzkg{EXPORT_FORMATS[fmt]}"
    export(_broken(), format=fmt, destination=path)
    code, output = _validate(path)
    assert code == 1
    assert "vz:event-deportation-to-el-salvador\n  path:    vzkg:eventStatus" in output
