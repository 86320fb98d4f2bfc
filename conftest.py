"""Shared pytest set-up for the tests and the doctests in src/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
#: The article texts; CI keeps them beside the checkout. VZKG_SOURCE_DIR overrides.
SOURCE_DIR = Path(os.environ.get("VZKG_SOURCE_DIR", ROOT.parent / "shared" / "source"))
ARTICLE = "000_d4642c25d83ac452.txt"
#: CI sets VZKG_REQUIRE_SOURCE=1: there a test that needs the texts fails instead of skipping.
REQUIRED = os.environ.get("VZKG_REQUIRE_SOURCE") == "1"


def _need_source_texts() -> Path:
    """The folder of article texts; skips the test (fails it under CI) when it is missing."""
    if not (SOURCE_DIR / ARTICLE).is_file():
        reason = (
            f"needs the article text {ARTICLE}, which is not in {SOURCE_DIR} "
            "(the texts are not part of vzkg; set VZKG_SOURCE_DIR to their folder)"
        )
        if REQUIRED:
            pytest.fail(f"VZKG_REQUIRE_SOURCE=1 but the test {reason}")
        pytest.skip(reason)
    return SOURCE_DIR


@pytest.fixture(autouse=True)
def _doctest_names(request: pytest.FixtureRequest, doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["SOURCE_DIR"] = SOURCE_DIR
    test = getattr(request.node, "dtest", None)  # a doctest that reads the texts needs them
    if test is not None and any("SOURCE_DIR" in example.source for example in test.examples):
        _need_source_texts()


@pytest.fixture
def source_dir() -> Path:
    """The folder of article texts (see :func:`_need_source_texts`)."""
    return _need_source_texts()


@pytest.fixture(scope="session")
def bundled_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Oxigraph folder that ``vzkg load`` filled with the bundled graph."""
    from click.testing import CliRunner

    from vzkg.cli import cli

    path = tmp_path_factory.mktemp("bundled") / "db"
    done = CliRunner().invoke(cli, ["load", "--store", f"oxigraph:{path}"])
    assert done.exit_code == 0, done.output
    return path
