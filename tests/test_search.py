"""Keyword search: what it finds, how it ranks and shows matches, from Python and the CLI, and
what it does with words that are not words."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_cli import assert_error

import vzkg
from vzkg.cli import cli
from vzkg.errors import InputError
from vzkg.fulltext import SearchIndex

VZ = "https://w3id.org/vzkg/id/"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(vzkg.load())


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["search", *args], catch_exceptions=False)


def iris(index: SearchIndex, words: str) -> list[str]:
    return [hit.iri.removeprefix(VZ) for hit in index.search(words, limit=None).hits]


def test_case_and_accents_do_not_matter(index: SearchIndex) -> None:
    found = iris(index, "Rodriguez")
    assert found[0] == "jorge-rodriguez"
    assert "quote-rodriguez-first-flight-tomorrow" in found
    for spelling in ("rodríguez", "RODRIGUEZ", "Rodri\u0301guez"):  # the last one decomposed
        assert iris(index, spelling) == found


def test_spanish_labels_and_event_types(index: SearchIndex) -> None:
    found = iris(index, "deportación")
    # through its Spanish label
    assert "event-caracas-criticizes-deportation" in found
    # through its event type's label: the deportation itself
    assert "event-deportation-to-el-salvador" in found
    hit = next(h for h in index.search("deportación").hits if h.iri.endswith("el-salvador"))
    assert (hit.kind, hit.matches[0].field, hit.matches[0].language) == (
        "event",
        "event type",
        "es",
    )
    assert iris(index, "deportacion") == found


def test_each_hit_says_what_it_is_and_where_the_words_are(index: SearchIndex) -> None:
    hit = index.search("kidnapped").hits[0]
    assert hit.iri == VZ + "claim-rodriguez-deportees-kidnapped"
    assert hit.kind == "accusation"
    assert hit.label == "Rodríguez calls the Venezuelans held in El Salvador kidnapped"
    fields = {(m.field, m.language): m for m in hit.matches}
    assert fields["text", "en"].context == ("…Venezuelans held in El Salvador were [kidnapped].")
    assert fields["evidence", ""].words == ("kidnapped",)
    kinds = {h.kind for h in index.search("Maduro", limit=None).hits}
    assert {"person", "quotation", "claim", "event", "membership"} <= kinds


def test_quotation_texts_descriptions_and_evidence_are_searched(index: SearchIndex) -> None:
    # words only a quotation's text holds
    assert iris(index, "perseverance") == ["quote-maduro-resume-flights"]
    # a description: CECOT is a "Maximum-security prison in El Salvador"
    assert "cecot" in iris(index, "maximum security prison")
    # an evidence quote, as a phrase
    found = iris(index, '"Washington deported"')
    assert "event-deportation-to-el-salvador" in found
    assert all(
        m.words == ("Washington deported",)
        for h in index.search('"Washington deported"').hits
        for m in h.matches
    )


def test_every_word_must_match_and_prefixes(index: SearchIndex) -> None:
    both = set(iris(index, "Maduro crimes"))
    assert both == set(iris(index, "Maduro")) & set(iris(index, "crimes"))
    assert both
    assert set(iris(index, "deport*")) > set(iris(index, "deportation"))
    assert iris(index, "nosuchword") == []


def test_ranking_names_first_then_iri_order(index: SearchIndex) -> None:
    hits = index.search("Guaido", limit=None).hits
    assert hits[0].iri == VZ + "juan-guaido"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for a, b in itertools.pairwise(hits):
        assert a.score > b.score or a.iri < b.iri


def test_limit_and_total(index: SearchIndex) -> None:
    result = index.search("Venezuela", limit=3)
    assert len(result.hits) == 3
    assert result.total == len(index.search("Venezuela", limit=None).hits) > 3


def test_the_same_graph_gives_the_same_answer() -> None:
    kg = vzkg.load()
    again = vzkg.load(bundled=False, ontology=False)
    again.parse(data=vzkg.export(kg, format="nq"), format="nquads")
    for words in ("Maduro", "deportación", "flight*"):
        assert vzkg.search(kg, words).to_json() == vzkg.search(again, words).to_json()


@pytest.mark.parametrize(
    "words",
    ["", "   ", "!!!", "* ? ,", '""', "\u0301"],
)
def test_words_without_letters_are_refused(index: SearchIndex, words: str) -> None:
    with pytest.raises(InputError, match="nothing to search for"):
        index.search(words)


@pytest.mark.parametrize(
    "words",
    ['a"b', "NEAR(Maduro", "Maduro OR", "name:Maduro", "-Maduro", "^Maduro", "Maduro AND (", "{x}"],
)
def test_fts_syntax_in_the_words_is_only_words(index: SearchIndex, words: str) -> None:
    index.search(words)  # no error: operators are searched for as words


def test_bad_arguments(index: SearchIndex) -> None:
    with pytest.raises(InputError, match="Graph or Dataset"):
        vzkg.search("not a graph", "Maduro")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="words to search for must be text"):
        index.search(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="at least 1"):
        index.search("Maduro", limit=0)
    with pytest.raises(InputError, match="whole number"):
        index.search("Maduro", limit=2.5)  # type: ignore[arg-type]


HOSTILE = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/x> rdfs:label "evil \\u001b[31m red \\u001b[0m\\u009b name"@en .
<https://example.org/y> rdfs:label "line\\nbreak\\u2028 words" .
"""


def test_control_characters_in_the_data_are_shown_not_obeyed(tmp_path: Path) -> None:
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, encoding="utf-8")
    hit = vzkg.search(vzkg.load(data, bundled=False, ontology=False), "red").hits[0]
    assert hit.matches[0].context == "evil ␛[31m [red] ␛[0m\\x9b name"
    result = run("--no-bundled", "--data", str(data), "red")
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    assert "evil ␛[31m [red] ␛[0m\\x9b name" in result.stdout
    assert vzkg.search(vzkg.load(data), "break words").hits[0].label == "line break words"


# -- the command line ------------------------------------------------------------------------------


def test_cli_table() -> None:
    result = run("Guaido", "--limit", "2", "--full")
    assert result.exit_code == 0
    assert result.stdout == (
        "rank  kind    node                                       label                 matched\n"
        "----  ------  -----------------------------------------  --------------------  "
        "-------------------------------------\n"
        "1     person  vz:juan-guaido                             Juan Guaidó           "
        "label@en: Juan [Guaidó] (+3)\n"
        "2     role    vz:role-us-recognizes-guaido--juan-guaido  Juan Guaidó (target)  "
        "label@en: Juan [Guaidó] (target) (+2)\n"
    )
    assert result.stderr == "Note: showing the 2 best of 4 hits; --limit 0 shows all\n"


def test_cli_csv_and_json() -> None:
    result = run("Rodriguez", "migrating", "-f", "csv")
    assert result.exit_code == 0
    lines = result.stdout_bytes.decode("utf-8").split("\r\n")
    assert lines[0] == "rank,iri,kind,label,score,field,context,words"
    row = lines[1]
    assert row.startswith(f"1,{VZ}quote-rodriguez-migrating-is-not-a-crime,quotation,")
    assert row.endswith(
        ",label,[Rodríguez]: [migrating] is not a crime,Rodríguez migrating Migrating"
    )
    document = json.loads(run("deportación", "-f", "json", "--limit", "0").stdout)
    assert document["words"] == "deportación"
    assert document["total"] == len(document["hits"]) > 5
    first = document["hits"][0]
    assert set(first) == {"iri", "kind", "label", "score", "matches"}
    assert set(first["matches"][0]) == {"field", "language", "context", "words"}


def test_cli_nothing_found_is_a_note() -> None:
    result = run("nosuchword")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Note: nothing matches 'nosuchword'\n"
    as_json = run("nosuchword", "-f", "json")
    assert json.loads(as_json.stdout) == {"words": "nosuchword", "total": 0, "hits": []}
    header = b"rank,iri,kind,label,score,field,context,words\r\n"
    assert run("nosuchword", "-f", "csv").stdout_bytes == header


def test_cli_output_file(tmp_path: Path) -> None:
    target = tmp_path / "hits.json"
    result = run("Bukele", "-f", "json", "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["hits"][0]["iri"] == VZ + "nayib-bukele"


def assert_usage_error(result: Result, text: str) -> None:
    """One ``Error:`` line holding *text*, exit 2 (see test_cli.assert_error)."""
    assert_error(result, 2, re.escape(text))


def test_cli_bad_input() -> None:
    assert_usage_error(run(), "Missing argument 'WORDS...'")
    assert_usage_error(run(""), "nothing to search for in ''")
    assert_usage_error(run("?!", "..."), "nothing to search for in '?! ...'")
    assert_usage_error(run("Maduro", "--limit", "-1"), "Invalid value for '--limit'")
    assert_usage_error(run("Maduro", "-f", "xml"), "Invalid value for '-f'")
    assert_usage_error(run("Maduro", "--data", "missing.ttl"), "missing.ttl")
