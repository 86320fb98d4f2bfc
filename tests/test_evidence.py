"""The evidence verifier, against the real article and against texts that drifted."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

import vzkg
from vzkg.errors import InputError
from vzkg.evidence import verify_sources, verify_text
from vzkg.namespaces import OA, SCHEMA, VZ

ARTICLE = VZ["article-d4642c25d83ac452"]
NAME = "000_d4642c25d83ac452.txt"


@pytest.fixture
def kg() -> Dataset:
    return vzkg.load()


def test_every_quote_is_where_the_graph_says(kg: Dataset, source_dir: Path) -> None:
    report = vzkg.verify_evidence(kg, source_dir / NAME)
    assert report.ok, report.text()
    assert report.checked == 92
    assert report.checksum_matches


def test_offsets_count_code_points(kg: Dataset, source_dir: Path) -> None:
    text = (source_dir / NAME).read_text(encoding="utf-8")
    # a quote after (and holding) a curly apostrophe lines up: offsets are code points, not bytes
    start = int(kg.value(VZ["evidence-d4642c25d83ac452-2037-2062-position"], OA.start))  # type: ignore[arg-type]
    assert text[start:2062] == "during Trump’s first term"
    assert len(text[:start].encode("utf-8")) > start


def test_a_moved_quote_is_reported_with_where_it_is(kg: Dataset, source_dir: Path) -> None:
    text = "XX" + (source_dir / NAME).read_text(encoding="utf-8")
    report = verify_text(kg, text, article=ARTICLE)
    assert not report.ok
    assert len([m for m in report.mismatches if m.problem.startswith("quote ")]) == 92
    problems = {m.node: m.problem for m in report.mismatches}
    assert problems[str(VZ["evidence-d4642c25d83ac452-2905-2913"])] == (
        "quote 'told AFP' is at 2907-2915, not at 2905-2913"
    )
    assert not report.checksum_matches


def test_a_changed_quote_is_reported_missing(kg: Dataset, source_dir: Path) -> None:
    text = (source_dir / NAME).read_text(encoding="utf-8").replace("238", "239")
    report = verify_text(kg, text, article=ARTICLE)
    assert [m.problem for m in report.mismatches] == [
        "quote 'Washington deported 238 Venezuelans' is not in the source (offsets 462-497)",
        "quote '238 Venezuelans' is not in the source (offsets 482-497)",
    ]


def test_a_mistyped_quotation_text_is_caught(kg: Dataset, source_dir: Path) -> None:
    quotation = VZ["quote-trump-rapid-pace"]
    kg.remove((quotation, SCHEMA.text, None))
    kg.graph(URIRef("urn:test")).add((quotation, SCHEMA.text, Literal("at a rapid pace")))
    report = vzkg.verify_evidence(kg, source_dir / NAME)
    assert [(m.node, m.problem) for m in report.mismatches] == [
        (str(quotation), "schema:text 'at a rapid pace' is not one of its evidence quotes")
    ]


def test_wrong_offsets_are_caught(kg: Dataset, source_dir: Path) -> None:
    position = VZ["evidence-d4642c25d83ac452-2905-2913-position"]
    kg.remove((position, OA.end, None))
    kg.graph(URIRef("urn:test")).add((position, OA.end, Literal(2914)))
    report = vzkg.verify_evidence(kg, source_dir / NAME)
    assert [m.problem for m in report.mismatches] == [
        "quote 'told AFP' is at 2905-2913, not at 2905-2914"
    ]


def test_a_folder_must_hold_every_article(kg: Dataset, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="has no text for article"):
        verify_sources(kg, [tmp_path])


@pytest.mark.parametrize("as_folder", [True, False])
def test_checking_a_folder_reads_the_sentences_of_its_texts(
    kg: Dataset, source_dir: Path, as_folder: bool
) -> None:
    """A speaker named only in the sentence around the words is checked there, whether the
    text comes alone or in a folder of texts."""
    claim = VZ["claim-maduro-deportees-innocent"]
    graph = next(g for g in kg.graphs() if (claim, SCHEMA.author, None) in g)
    graph.set((claim, SCHEMA.author, VZ["joe-biden"]))
    [report] = verify_sources(kg, [source_dir if as_folder else source_dir / NAME])
    [mismatch] = report.mismatches
    assert mismatch.node == str(claim)
    assert "its speaker vz:joe-biden is not named as such" in mismatch.problem
    assert "nor in the sentence around it 'Maduro said Saturday that those men," in (
        mismatch.problem
    )
