"""Shared pytest set-up for the tests and the doctests in src/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
#: The article texts; CI keeps them beside the checkout. VZKG_SOURCE_DIR overrides.
SOURCE_DIR = Path(os.environ.get("VZKG_SOURCE_DIR", ROOT.parent / "shared" / "source"))


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["SOURCE_DIR"] = SOURCE_DIR


@pytest.fixture
def source_dir() -> Path:
    """The folder of article texts; fails (never skips) when it is missing."""
    if not (SOURCE_DIR / "000_d4642c25d83ac452.txt").is_file():
        pytest.fail(f"article texts not found in {SOURCE_DIR}; set VZKG_SOURCE_DIR")
    return SOURCE_DIR
