"""Citations: of a quotation, an event and an inferred role, from Python and the CLI, as plain
text, as CSL-JSON that citeproc-py renders and as BibTeX that pybtex parses; describe's lines
name what to cite; bad input is one Error line."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import URIRef
from test_cli import assert_error

import vzkg
from vzkg.citation import to_bibtex, to_csl_json
from vzkg.cli import cli
from vzkg.errors import InputError
from vzkg.namespaces import VZ

SOURCE = (
    "Source: Agence France-Presse, “AFP, Caracas, 2025-03-23: Venezuela agrees to accept more "
    "US deportation flights”, CARACAS, 2025-03-23 (article 000_d4642c25d83ac452; "
    "https://w3id.org/vzkg/id/article-d4642c25d83ac452).\n"
)
# the item fields of the CSL-JSON schema (csl-data.json, version 1.0) that vzkg writes
CSL_FIELDS = {
    "id",
    "type",
    "title",
    "author",
    "publisher",
    "publisher-place",
    "issued",
    "language",
    "number",
    "note",
    "source",
}


@pytest.fixture(scope="module")
def kg() -> object:
    return vzkg.load()


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cite_a_quotation(kg: object) -> None:
    citation = vzkg.cite(kg, VZ["quote-rodriguez-first-flight-tomorrow"])  # type: ignore[arg-type]
    assert (citation.kind, citation.when) == ("quotation", "2025-03-22")
    assert citation.fact == "Rodríguez: a first flight tomorrow"
    assert citation.inference is None
    result = run("cite", "vz:quote-rodriguez-first-flight-tomorrow")
    assert result.exit_code == 0
    assert (
        result.stdout
        == citation.text()
        == (
            "Rodríguez: a first flight tomorrow (quotation, 2025-03-22)\n"
            "  “In order to ensure the return of our countrymen with the protection of their "
            "human rights, we have agreed with the US government to resume the repatriation of "
            "Venezuelan migrants with a first flight tomorrow” (characters 692-899)\n"
            "  “top negotiator Jorge Rodriguez said” (characters 913-948)\n"
            f"{SOURCE}"
            "Fact: https://w3id.org/vzkg/id/quote-rodriguez-first-flight-tomorrow "
            "(vzkg knowledge graph).\n"
        )
    )


def test_cite_an_event(kg: object) -> None:
    result = run("cite", "https://w3id.org/vzkg/id/event-deportation-to-el-salvador")
    assert result.exit_code == 0
    assert result.stdout == (
        "The US deports 238 Venezuelans to a maximum-security prison in El Salvador "
        "(event, 2025-03-15~)\n"
        "  “one week after” (characters 164-178)\n"
        "  “Washington deported 238 Venezuelans” (characters 462-497)\n"
        "  “prison in El Salvador” (characters 630-651)\n"
        f"{SOURCE}"
        "Fact: https://w3id.org/vzkg/id/event-deportation-to-el-salvador (vzkg knowledge graph).\n"
    )
    python = vzkg.cite(kg, VZ["event-deportation-to-el-salvador"])  # type: ignore[arg-type]
    assert python.text() == result.stdout


def test_an_inferred_fact_quotes_the_curators_not_the_article(kg: object) -> None:
    result = run("cite", "vz:role-deportation-to-el-salvador--cecot")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Terrorism Confinement Center (destination) in: The US deports 238 Venezuelans to a "
        "maximum-security prison in El Salvador (role, 2025-03-15~)"
    )
    assert lines[1].startswith(
        "  Not in the source's words: inferred by the vzkg curators: “The article says the men "
        'were sent to "a maximum-security prison in El Salvador"'
    )
    assert "characters" not in result.stdout  # no words of the article are offered
    assert lines[2] == SOURCE.rstrip("\n")  # from the article's graph, which it lives in
    # a fact with words and an inference gives both
    both = vzkg.cite(kg, VZ["quote-rodriguez-migrating-is-not-a-crime"])  # type: ignore[arg-type]
    assert both.quotes and both.inference
    assert "  Also inferred by the vzkg curators: “The article gives no time" in both.text()


def test_csl_json_renders_in_citeproc(kg: object) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    result = run(
        "cite",
        "vz:quote-maduro-resume-flights",
        "vz:event-chevron-licence-revoked",
        "-f",
        "csl-json",
    )
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [item["id"] for item in items] == [
        "vzkg-quote-maduro-resume-flights",
        "vzkg-event-chevron-licence-revoked",
    ]
    for item in items:
        assert set(item) <= CSL_FIELDS
        assert item["type"] == "article-newspaper"
        assert item["issued"] == {"date-parts": [[2025, 3, 23]]}
        assert item["author"] == [{"literal": "Agence France-Presse"}]
        assert item["publisher-place"] == "Caracas"
        assert item["number"] == "000_d4642c25d83ac452"
    assert items[0]["note"].startswith(
        "Fact: Maduro: tomorrow we will resume flights (2025-03-22). Words of the source: "
        "“Tomorrow, thanks to the perseverance"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about style features it lacks
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    assert rendered[0] == (
        "Agence France-Presse (2025) “AFP, Caracas, 2025-03-23: Venezuela agrees to accept more "
        "US deportation flights”, 23 March."
    )


def test_bibtex_parses_in_pybtex(kg: object) -> None:
    from pybtex.database import parse_string

    result = run("cite", "vz:claim-trump-venezuela-broke-promises", "-f", "bibtex")
    assert result.exit_code == 0
    assert result.stdout.startswith("@misc{vzkg-claim-trump-venezuela-broke-promises,\n")
    entry = parse_string(result.stdout, "bibtex").entries[
        "vzkg-claim-trump-venezuela-broke-promises"
    ]
    assert entry.fields["year"] == "2025"
    assert entry.fields["month"] == "March"
    assert entry.fields["number"] == r"000\_d4642c25d83ac452"
    assert [str(person) for person in entry.persons["author"]] == ["{Agence France-Presse}"]
    assert entry.fields["note"].startswith(
        "Fact: Trump claimed Venezuela had not lived up to its promises. (2025-02)."
    )


HOSTILE = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix vzkg: <https://w3id.org/vzkg/ontology/> .
<https://example.org/fact> rdfs:label "50% of {all} \\\\ $x & y_z #1 ~^ }{ \\u001b[31m"@en ;
    vzkg:inference "made up" ; prov:wasDerivedFrom <https://example.org/article> .
<https://example.org/article> rdfs:label "A } title {"@en ; schema:datePublished "2025-13-40" .
"""


def test_special_characters_are_escaped(tmp_path: Path) -> None:
    from pybtex.database import parse_string

    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, encoding="utf-8")
    graph = vzkg.load(data, bundled=False, ontology=False)
    citation = vzkg.cite(graph, URIRef("https://example.org/fact"))
    assert citation.fact == "50% of {all} \\ $x & y_z #1 ~^ }{ \x1b[31m"
    bibtex = to_bibtex([citation])
    entry = parse_string(bibtex, "bibtex").entries["vzkg-fact"]
    assert entry.fields["title"] == r"{A \textbraceright{} title \textbraceleft{}}"
    assert entry.fields["year"] == "2025" and "month" not in entry.fields  # month 13 is no month
    assert entry.fields["note"].startswith(
        r"Fact: 50\% of \textbraceleft{}all\textbraceright{} \textbackslash{} \$x \& y\_z \#1 "
        r"\textasciitilde{}\textasciicircum{} \textbraceright{}\textbraceleft{} ␛[31m."
    )
    csl = json.loads(to_csl_json([citation]))[0]
    assert csl["issued"] == {"date-parts": [[2025]]}
    assert "\x1b" in csl["note"]  # JSON keeps the data; a terminal is shown symbols
    shown = run("cite", "--no-bundled", "--data", str(data), "<https://example.org/fact>")
    assert "\x1b" not in shown.stdout and "␛[31m" in shown.stdout


def test_cite_from_describe_lines() -> None:
    result = run("describe", "Guaidó", "--cite")
    assert result.exit_code == 0
    cited = [line.split("cite: ")[1] for line in result.stdout.splitlines() if "cite: " in line]
    assert cited == [
        "vz:membership-guaido-opposition-leader",
        "vz:role-us-recognizes-guaido--juan-guaido",
    ]
    assert run("cite", *cited).exit_code == 0
    without = run("describe", "Guaidó").stdout
    assert "cite:" not in without


def assert_usage_error(result: Result, text: str) -> None:
    """One ``Error:`` line holding *text*, exit 2 (see test_cli.assert_error)."""
    assert_error(result, 2, re.escape(text))


def test_bad_input(kg: object) -> None:
    assert_usage_error(run("cite"), "Missing argument 'NODE...'")
    assert_usage_error(run("cite", "vz:nobody"), "nothing in the graph is called vz:nobody")
    assert_usage_error(
        run("cite", "<https://example.org/unknown>"), "nothing in the graph is called"
    )
    assert_usage_error(run("cite", "Maduro"), "vz:nicolas-maduro is not a sourced fact")
    assert_usage_error(
        run("cite", "vz:quote-maduro-resume-flights", "-f", "ris"), "Invalid value for '-f'"
    )
    with pytest.raises(InputError, match="is not a sourced fact"):
        vzkg.cite(kg, VZ["nicolas-maduro"])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="is not a sourced fact"):
        vzkg.cite(kg, "vz:quote-maduro-resume-flights")  # type: ignore[arg-type]
