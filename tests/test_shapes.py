"""Data-driven tests of the SHACL shapes: each targeted shape can fail and says why in plain words.

Each targeted node shape has a folder ``tests/shapes/<ShapeName>/`` holding ``valid.ttl``, a small
graph that conforms to all the shapes, and one or more ``invalid*.ttl``: the valid graph with one
defect, whose first line ``# expect: <words>`` gives part of the message the defect must produce.
The cases are found on disk, so a new folder or file is a new test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from vzkg.store import load
from vzkg.validation import ValidationReport, validate

HERE = Path(__file__).parent
CASES = HERE / "shapes"
SHAPES_FILES = sorted((HERE.parent / "shapes").glob("*.ttl"))
SHAPES_NS = "https://w3id.org/vzkg/shapes/"
EXPECT = "# expect:"


def _cases(pattern: str) -> list[Path]:
    return sorted(CASES.glob(f"*/{pattern}"))


def _case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _validate(path: Path) -> ValidationReport:
    # The case and the ontology only: the shapes need its class hierarchy (a vzkg:PolicyAction
    # is a sem:Event), and the bundled data would hide what the case itself does. The shapes
    # only: vzkg's own checks (values against their words) have tests of their own.
    return validate(load(path, bundled=False), checks=False)


def _expected_words(path: Path) -> str:
    """Return the words after ``# expect:`` on the first line; an empty one would match anything."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines[0] if lines else ""
    words = first.removeprefix(EXPECT).strip()
    if not first.startswith(EXPECT) or not words:
        pytest.fail(f"{path} must start with a line '{EXPECT} <part of the expected message>'")
    return words


def _targeted_shapes() -> set[str]:
    """Local names of the node shapes that select focus nodes themselves (untargeted ones are
    only reached through others, e.g. vzsh:DateShape through vzsh:TimeShape)."""
    shapes = Graph()
    for path in SHAPES_FILES:
        shapes.parse(path, format="turtle")
    query = """
        SELECT DISTINCT ?shape WHERE {
            ?shape a sh:NodeShape .
            { ?shape sh:targetClass ?target } UNION { ?shape sh:targetSubjectsOf ?target }
        }
    """
    return {str(row[0]).removeprefix(SHAPES_NS) for row in shapes.query(query, initNs={"sh": SH})}


def _has_cases(folder: Path) -> bool:
    return (folder / "valid.ttl").is_file() and any(folder.glob("invalid*.ttl"))


@pytest.mark.parametrize("case", _cases("valid.ttl"), ids=_case_id)
def test_valid_case_conforms(case: Path) -> None:
    report = _validate(case)
    assert report.conforms, f"{case} should conform to every shape:\n{report.text()}"


@pytest.mark.parametrize("case", _cases("invalid*.ttl"), ids=_case_id)
def test_invalid_case_fails_on_its_shape(case: Path) -> None:
    expected = _expected_words(case)
    shape = SHAPES_NS + case.parent.name
    report = _validate(case)
    assert not report.conforms, f"{case} should not conform:\n{report.text()}"
    # Failing somewhere is not enough: the defect must be caught by the shape the folder is
    # named after, with the message that tells a reader what to fix.
    assert any(v.shape == shape and expected in v.message for v in report.violations), (
        f"{case}: no violation of {shape} with a message containing {expected!r}:\n{report.text()}"
    )


def test_every_targeted_shape_has_cases() -> None:
    targeted = _targeted_shapes()
    assert targeted, "found no targeted node shapes in the shapes"
    missing = sorted(name for name in targeted if not _has_cases(CASES / name))
    assert not missing, (
        f"targeted shapes without a valid.ttl and at least one invalid*.ttl in {CASES}: "
        + ", ".join(missing)
    )


def test_every_case_folder_names_a_targeted_shape() -> None:
    # A misspelt folder would still pass its valid.ttl while testing nothing it claims to.
    folders = sorted(p.name for p in CASES.iterdir() if p.is_dir()) if CASES.is_dir() else []
    unknown = [name for name in folders if name not in _targeted_shapes()]
    assert not unknown, f"case folders that name no targeted shape in the shapes: {unknown}"
