"""Every example a newcomer may copy runs: the Python scripts and every named query."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.plugins.sparql import prepareQuery

import vzkg
from vzkg.queries import named_queries

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "examples").glob("*.py"))
QUERIES = sorted(named_queries())


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_script_runs(script: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "an example should show its result"
    assert "Traceback" not in done.stderr


def test_there_are_examples() -> None:
    assert len(SCRIPTS) >= 3
    assert len(QUERIES) >= 15


@pytest.mark.parametrize("name", QUERIES)
def test_named_query_runs_and_answers(kg: Dataset, name: str) -> None:
    named = named_queries()[name]
    assert named.summary, f"{name}.rq needs a header comment saying what it answers"
    # each .rq declares its own prefixes, so it also works in other SPARQL tools
    prepareQuery(named.text)
    result = vzkg.query(kg, named.text)
    assert len(result) > 0, f"{name} returned nothing"
