"""describe: what points at an entity as well as what it points at, for each kind of entity,
with the words or the curators' inference behind each participation."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import vzkg
from vzkg.cli import cli
from vzkg.description import Description, Line
from vzkg.namespaces import VZ


@pytest.fixture(scope="module")
def kg() -> object:
    return vzkg.load()


def section(text: str, heading: str) -> list[str]:
    """The lines of one section of a description's text."""
    lines = text.split("\n\n")
    block = next(b for b in lines if b.startswith(f"{heading}:\n"))
    return block.splitlines()[1:]


def describe(*args: str) -> str:
    result = CliRunner().invoke(cli, ["describe", *args, "--full"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_an_event_its_participants_places_time_claims_and_evidence() -> None:
    text = describe("vz:event-deportation-to-el-salvador")
    assert section(text, "Participants") == [
        "  Venezuelans deported to El Salvador (affected)",
        "      “Washington deported 238 Venezuelans”",
        "  United States government (initiator)",
        "      “Washington deported”",
    ]
    places = section(text, "Places")
    assert places[:2] == [
        "  Terrorism Confinement Center (destination)",
        '      inferred by the curators: The article says the men were sent to "a '
        'maximum-security prison in El Salvador" and, later, that Trump reached a deal to use '
        "CECOT; it does not say in words that the prison was CECOT.",
    ]
    assert places[2:4] == ["  El Salvador (destination)", "      “prison in El Salvador”"]
    assert section(text, "When") == [
        "  2025-03-15~ (between 2025-03-12 and 2025-03-18)",
        "      in the source's words: “one week after”",
    ]
    said = section(text, "Said about it")
    assert said[2] == (
        "  2025-03-22 Jorge Rodríguez: Rodríguez said the Venezuelans held in El Salvador were "
        "kidnapped."
    )
    assert section(text, "Evidence")[:2] == [
        "  “one week after”",
        "      vz:article-d4642c25d83ac452 characters 164-178",
    ]


def test_an_organisation_its_members_and_what_it_took_part_in() -> None:
    text = describe("Venezuelan government")
    assert section(text, "Members") == [
        "  Jorge Rodríguez, chief negotiator (2025-03-23)",
        "      “top negotiator Jorge Rodriguez”",
        "  Nicolás Maduro, president (2025-03-23)",
        "      “Venezuelan President”",
    ]
    took_part = section(text, "Took part in")
    # the role's own evidence or inference, not the event's words
    assert took_part[:2] == [
        "  ../2025-03-23 as party: Deal of the Biden administration for American prisoners and "
        "a promise of free elections",
        "      inferred by the curators: The article does not name the other party to the deal; "
        "a deal over sanctions on Venezuelan oil and free elections in Venezuela is made with "
        "the Venezuelan government.",
    ]
    # an open start is a date too ("before the article's date"), not "undated"
    assert section(text, "Said") == [
        "  ../2025-03-23 pledge: The Venezuelan government promised, as part of the deal, to "
        "hold free elections."
    ]


def test_a_law_its_uses() -> None:
    assert section(describe("Alien Enemies Act"), "Uses") == [
        "  2025-01/2025-03-15 Trump invokes the Alien Enemies Act to target Tren de Aragua",
        "      policy: use of the Alien Enemies Act against Tren de Aragua",
    ]


def test_a_policy_its_history_in_time_order() -> None:
    assert section(describe("vz:policy-deportation-flights"), "History") == [
        "  2025-02 suspended: Deportation flights to Venezuela are suspended",
        "  2025-02/2025-03-18 refused: Caracas says it will no longer accept the deportation "
        "flights",
        "  2025-02/2025-03-22 resumed: Venezuela and the US agree to resume deportation flights",
    ]


def test_an_event_type_its_events() -> None:
    text = describe("vzkg:Agreement")
    events = section(text, "Events of this type")
    assert len(events) == 3
    assert events[-1] == (
        "  2025-02/2025-03-22 Venezuela and the US agree to resume deportation flights"
    )


def test_what_else_links_to_it() -> None:
    result = CliRunner().invoke(cli, ["describe", "vz:san-salvador", "--cite"])
    assert section(result.stdout, "Linked from") == [
        "  gn:nearby of Terrorism Confinement Center",
        "  rdf:object of CECOT lies outside San Salvador",
        "      cite: vz:statement-cecot-outside-san-salvador",
    ]


def test_the_python_description_is_plain_data(kg: object) -> None:
    summary = vzkg.describe(kg, VZ["event-deportation-to-el-salvador"])  # type: ignore[arg-type]
    assert isinstance(summary, Description)
    assert summary.kind == "event"
    participants = summary.sections["Participants"]
    assert participants[1] == Line(
        "United States government (initiator)",
        ("“Washington deported”",),
        str(VZ["role-deportation-to-el-salvador--us-government"]),
    )
    # curated facts have nothing to cite; a reported statement is cited for its fact line
    chevron = vzkg.describe(kg, VZ["chevron"])  # type: ignore[arg-type]
    cites = {line.text: line.cite for line in chevron.sections["Facts"]}
    assert cites["rdfs:label: Chevron @en"] is None
    assert cites["schema:description: oil giant @en"] == str(VZ["statement-chevron-oil-giant"])
