"""Truth you can check: corrupted copies of the data that must fail, each with a message that
names the fact, what its words say and where they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import XSD

import vzkg
from vzkg.checks.values import check
from vzkg.evidence import verify_text
from vzkg.namespaces import SCHEMA, SEM, VZ, VZG, expand
from vzkg.validation import ValidationReport, validate
from vzkg.vocab import VZKG

ARTICLE = VZ["article-d4642c25d83ac452"]
NAME = "000_d4642c25d83ac452.txt"
TIME = VZ["time-2025-03-20"]
QUOTE = "who never committed crimes in the United States, much less in El Salvador"


def replace(kg: Dataset, subject: URIRef, predicate: URIRef, *new: object) -> None:
    """Give *subject* the values *new* for *predicate*, in the graph that held the old ones."""
    graphs = [g for g in kg.graphs() if (subject, predicate, None) in g]
    assert graphs, f"{subject} has no {predicate}"
    for graph in graphs:
        graph.remove((subject, predicate, None))
    for value in new:
        graphs[0].add((subject, predicate, value))  # type: ignore[arg-type]


def add_day(kg: Dataset, node: URIRef, day: str) -> None:
    graph = kg.graph(URIRef("urn:test:corruption"))
    graph.add((node, RDF.type, SEM.Time))
    graph.add((node, RDFS.label, Literal(day)))
    graph.add((node, SEM.hasTimeStamp, Literal(day, datatype=XSD.date)))
    graph.add((node, VZKG.timePrecision, URIRef("http://www.w3.org/2006/time#unitDay")))
    graph.add((node, SEM.hasEarliestBeginTimeStamp, Literal(day, datatype=XSD.date)))
    graph.add((node, SEM.hasLatestEndTimeStamp, Literal(day, datatype=XSD.date)))


def messages(report: ValidationReport) -> list[tuple[str, str, str]]:
    return [(v.focus, v.path, v.message) for v in report.violations]


def findings(kg: Dataset) -> list[tuple[str, str, str]]:
    """What vzkg's value checks find, as validate reports it (without the shapes' cost)."""
    return [(f.node, expand(f.path), f.message) for f in check(kg)]


@pytest.fixture
def kg() -> Dataset:
    return vzkg.load()


def test_the_data_passes_every_check(kg: Dataset) -> None:
    report = validate(kg)
    assert report.conforms, report.text()


def test_a_changed_number_fails_against_its_words(kg: Dataset, source_dir: Path) -> None:
    quantity = VZ["quantity-deported-to-el-salvador-238"]
    replace(kg, quantity, SCHEMA.value, Literal(283))
    [(focus, path, message)] = messages(validate(kg))
    assert (focus, path) == (str(quantity), str(SCHEMA.value))
    assert message == (
        "the quantity is 283 (exact), which its evidence '238 Venezuelans' (482-497) does not "
        "give: '238' is 238 (exact)"
    )
    report = vzkg.verify_evidence(kg, source_dir / NAME)
    assert [m.node for m in report.mismatches] == [str(quantity)]
    assert findings(kg) == messages(validate(kg))  # what validate reports is what check finds
    assert not validate(kg).conforms


def test_a_changed_qualifier_fails_against_its_words(kg: Dataset) -> None:
    quantity = VZ["quantity-emigrants-more-than-seven-million"]
    replace(kg, quantity, VZKG.qualifier, VZKG.Exact)
    [(_, _, message)] = findings(kg)
    assert "7000000 (exact)" in message
    assert "'More than seven million' is 7000000 (lower bound)" in message


def test_a_swapped_speaker_fails(kg: Dataset, source_dir: Path) -> None:
    """Its span names Rodriguez: validate needs no text to see that Maduro did not say it."""
    quote = VZ["quote-rodriguez-first-flight-tomorrow"]
    replace(kg, quote, SCHEMA.author, VZ["nicolas-maduro"])
    [(focus, path, message)] = findings(kg)
    assert (focus, path) == (str(quote), str(SCHEMA.author))
    assert message.startswith("its speaker vz:nicolas-maduro is not named as such in its evidence")
    assert "'top negotiator Jorge Rodriguez said' (913-948), which names vz:jorge-rodriguez" in (
        message
    )
    report = vzkg.verify_evidence(kg, source_dir / NAME)
    assert [m.node for m in report.mismatches] == [str(quote)]


def test_a_speaker_named_in_the_sentence_is_checked_by_evidence(
    kg: Dataset, source_dir: Path
) -> None:
    """Maduro's pledge quotes no name: the sentence around its words does, which only
    `vzkg evidence` reads; validate cannot decide it without the text, so it passes it."""
    claim = VZ["claim-maduro-men-will-return"]
    replace(kg, claim, SCHEMA.author, VZ["jorge-rodriguez"])
    assert findings(kg) == []
    report = vzkg.verify_evidence(kg, source_dir / NAME)
    [(node, problem)] = [(m.node, m.problem) for m in report.mismatches]
    assert node == str(claim)
    assert problem.startswith(
        "its speaker vz:jorge-rodriguez is not named as such in its evidence "
        "'be returned to Venezuela' (3097-3121) nor in the sentence around it 'Maduro said "
        "Saturday that those men, “…,“ would eventually be returned to Venezuela.' (2966-3122), "
        "which names vz:nicolas-maduro: "
    )
    assert problem.endswith("[speakers]")


def test_a_speaker_named_in_another_sentence_does_not_count(kg: Dataset, source_dir: Path) -> None:
    """The same words with Maduro's name moved into a sentence of its own: the two claims that
    rest on that sentence lose their speaker (the offsets are unchanged), while the quotation
    whose own span says "Maduro said Saturday" keeps it."""
    said = "Maduro said Saturday that those men,"
    text = (source_dir / NAME).read_text(encoding="utf-8")
    moved = text.replace(said, "Maduro said Saturday. And those men,")
    assert len(moved) == len(text) and moved != text
    report = verify_text(kg, moved, article=ARTICLE)
    sentence = "'And those men, “…,“ would eventually be returned to Venezuela.' (2988-3122)"
    assert sorted((m.node, m.problem.split(": name a speaker")[0]) for m in report.mismatches) == [
        (
            str(VZ[node]),
            f"its speaker vz:nicolas-maduro is not named as such in its evidence {span} nor in "
            f"the sentence around it {sentence}, which names no one",
        )
        for node, span in [
            ("claim-maduro-deportees-innocent", f"'{QUOTE}' (3004-3077)"),
            ("claim-maduro-men-will-return", "'be returned to Venezuela' (3097-3121)"),
        ]
    ]


def test_a_claim_restated_as_plain_fact_fails(kg: Dataset, source_dir: Path) -> None:
    """Trump's claim turned into an event with no author: its words name no one, but the clause
    that leads into them in their sentence does ("… when US President Donald Trump claimed"),
    which `vzkg evidence` reads."""
    claim = VZ["claim-trump-venezuela-broke-promises"]
    replace(kg, claim, RDF.type)
    kg.graph(VZG["d4642c25d83ac452"]).add((claim, RDF.type, SEM.Event))  # a stated type
    replace(kg, claim, SCHEMA.author)
    report = vzkg.verify_evidence(kg, source_dir / NAME)
    [problem] = [m.problem for m in report.mismatches if m.node == str(claim)]
    assert problem.startswith(
        "its evidence 'not lived up to its promises' (353-381) is what vz:donald-trump, "
        "vz:us-government said in "
        "its sentence ('The flights were suspended last month when US President Donald Trump "
        "claimed Venezuela had …'), but it states it as plain fact"
    )
    assert problem.endswith("[speakers]")


def test_a_quotation_restated_as_plain_fact_fails_without_the_text(kg: Dataset) -> None:
    """Its own span names the speaker ("top negotiator Jorge Rodriguez said"): validate sees it."""
    quote = VZ["quote-rodriguez-first-flight-tomorrow"]
    replace(kg, quote, RDF.type)
    kg.graph(VZG["d4642c25d83ac452"]).add((quote, RDF.type, SEM.Event))
    replace(kg, quote, SCHEMA.author)
    [message] = [m for n, p, m in findings(kg) if n == str(quote) and p == str(VZKG.evidence)]
    assert "(913-948) reports what vz:jorge-rodriguez said, but it states it as plain fact" in (
        message
    )


def test_a_plain_fact_the_source_reports_in_its_own_voice_passes(
    kg: Dataset, source_dir: Path
) -> None:
    """The same corruption, with the sentence's reporter made AFP itself (a same-length edit):
    what the publisher says in its own voice is a plain fact, so the clause check lets it be."""
    claim = VZ["claim-trump-venezuela-broke-promises"]
    replace(kg, claim, RDF.type)
    kg.graph(VZG["d4642c25d83ac452"]).add((claim, RDF.type, SEM.Event))
    replace(kg, claim, SCHEMA.author)
    text = (source_dir / NAME).read_text(encoding="utf-8")
    edited = text.replace("US President Donald Trump claimed", "the French news agency AFP stated")
    assert len(edited) == len(text) and edited != text
    assert [m.node for m in verify_text(kg, edited, article=ARTICLE).mismatches] == []


def test_a_plain_fact_in_a_reporting_sentence_passes(kg: Dataset, source_dir: Path) -> None:
    """The suspension stands before Trump's claim in the same sentence: AFP states it, so the
    clause check leaves it alone; so do the agreement's words inside Rodriguez's quotation."""
    report = vzkg.verify_evidence(kg, source_dir / NAME)
    assert report.mismatches == ()
    assert report.checked > 0


def test_a_redated_friday_fails(kg: Dataset) -> None:
    event = VZ["event-us-announces-status-revocation"]
    add_day(kg, TIME, "2025-03-20")
    replace(kg, event, SEM.hasTime, TIME)
    found = findings(kg)
    assert (
        str(event),
        str(SEM.hasTime),
        "'on Friday' against the source's date 2025-03-23 gives 2025-03-21, but the stored "
        "time is 2025-03-20",
    ) in found


def test_last_month_turned_into_a_day_fails(kg: Dataset) -> None:
    event = VZ["event-deportation-flights-suspended"]
    add_day(kg, TIME, "2025-02-10")
    replace(kg, event, SEM.hasTime, TIME)
    assert (
        str(event),
        str(SEM.hasTime),
        "'last month' against the source's date 2025-03-23 gives 2025-02, but the stored time "
        "is 2025-02-10",
    ) in findings(kg)


def test_an_exact_day_for_one_week_after_fails(kg: Dataset) -> None:
    event = VZ["event-deportation-to-el-salvador"]
    replace(kg, event, SEM.hasTime, VZ["time-2025-03-22"])
    found = [m for m in findings(kg) if m[0] == str(event)]
    assert (
        str(event),
        str(SEM.hasTime),
        "'one week after' against the time of vz:event-venezuela-announces-flights-agreement "
        "gives 2025-03-15~, but the stored time is 2025-03-22",
    ) in found


def test_a_time_that_breaks_the_order_of_events_fails(kg: Dataset) -> None:
    event = VZ["event-caracas-refuses-flights"]
    replace(kg, event, SEM.hasTime, VZ["time-2025-01"])
    found = findings(kg)
    assert any(
        focus == str(event) and "comes after vz:event-deportation-flights-suspended" in message
        for focus, _, message in found
    )


def test_a_past_event_may_not_end_after_its_source(kg: Dataset) -> None:
    event = VZ["event-chevron-licence-revoked"]
    add_day(kg, TIME, "2025-03-30")
    replace(kg, event, SEM.hasTime, TIME)
    replace(kg, event, VZKG.timeExpression)
    [(focus, _, message)] = findings(kg)
    assert focus == str(event)
    assert message.startswith("its source, dated 2025-03-23, reports it as past")


def test_a_deportee_group_labelled_gang_members_fails_once(kg: Dataset) -> None:
    group = VZ["venezuelans-deported-to-el-salvador"]
    replace(
        kg,
        group,
        RDFS.label,
        Literal("gang members sent to El Salvador", lang="en"),
        Literal("venezolanos deportados a El Salvador", lang="es"),
    )
    [violation] = validate(kg).violations
    assert (violation.focus, violation.path) == (str(group), str(RDFS.label))
    assert violation.value == "gang members sent to El Salvador"
    assert violation.message.startswith("names a person or group with loaded words")


@pytest.mark.parametrize(
    "words", ["criminals", "Terrorists", "illegal aliens", "pandilleros", "narco-terrorists"]
)
def test_loaded_words_fail_in_any_name(kg: Dataset, words: str) -> None:
    group = VZ["relatives-of-deportees"]
    replace(kg, group, SCHEMA.alternateName, Literal(f"the {words} of Aragua", lang="en"))
    [violation] = validate(kg).violations
    assert violation.path == str(SCHEMA.alternateName)


@pytest.mark.parametrize("words", ["people with no criminal record", "accused of gang membership"])
def test_neutral_words_pass(kg: Dataset, words: str) -> None:
    replace(kg, VZ["parole-immigrants"], SCHEMA.description, Literal(words, lang="en"))
    assert validate(kg).conforms


def test_a_membership_through_a_home_made_sub_property_fails(kg: Dataset) -> None:
    mine = kg.graph(URIRef("urn:test:mine"))
    belongs = URIRef("http://example.org/belongsTo")
    mine.add((belongs, RDFS.subPropertyOf, SCHEMA.memberOf))
    mine.add((VZ["venezuelans-deported-to-el-salvador"], belongs, VZ["tren-de-aragua"]))
    [violation] = validate(kg).violations
    assert violation.focus == str(VZ["tren-de-aragua"])
    assert violation.message == (
        "vz:venezuelans-deported-to-el-salvador http://example.org/belongsTo vz:tren-de-aragua "
        "states as plain fact that someone belongs to this criminal organization: membership of "
        "a criminal organization is an allegation, and lives only as the vzkg:alleges statement "
        "of a vzkg:Accusation that names who makes it"
    )


def test_a_membership_of_a_home_made_class_fails(kg: Dataset) -> None:
    mine = kg.graph(URIRef("urn:test:mine"))
    gang_membership = URIRef("http://example.org/GangMembership")
    in_gang = URIRef("http://example.org/inGang")
    org = "http://www.w3.org/ns/org#"
    mine.add((gang_membership, RDFS.subClassOf, URIRef(org + "Membership")))
    mine.add((in_gang, RDFS.subPropertyOf, URIRef(org + "organization")))
    membership = URIRef("http://example.org/m1")
    mine.add((membership, RDF.type, gang_membership))
    mine.add((membership, in_gang, VZ["tren-de-aragua"]))
    found = [v for v in validate(kg).violations if v.focus == str(VZ["tren-de-aragua"])]
    assert [v.message.split(" states")[0] for v in found] == [
        "http://example.org/m1 http://example.org/inGang vz:tren-de-aragua"
    ]


def test_an_alleged_statement_asserted_through_a_sub_property_fails(kg: Dataset) -> None:
    """Kidnapping alleged by Rodríguez, asserted through a sub-property of the alleged one."""
    mine = kg.graph(URIRef("urn:test:mine"))
    claim, statement = VZ["claim-rodriguez-deportees-kidnapped"], URIRef("urn:test:statement")
    kidnapped, held = URIRef("http://example.org/kidnappedBy"), URIRef("http://example.org/held")
    mine.add((claim, VZKG.alleges, statement))
    mine.add((statement, RDF.type, RDF.Statement))
    mine.add((statement, RDFS.label, Literal("alleged", lang="en")))
    mine.add((statement, RDFS.label, Literal("alegado", lang="es")))
    mine.add((statement, RDF.subject, VZ["venezuelans-deported-to-el-salvador"]))
    mine.add((statement, RDF.predicate, kidnapped))
    mine.add((statement, RDF.object, VZ["us-government"]))
    mine.add((held, RDFS.subPropertyOf, kidnapped))
    mine.add((VZ["venezuelans-deported-to-el-salvador"], held, VZ["us-government"]))
    [violation] = validate(kg).violations
    assert violation.focus == str(claim)
    assert "is also asserted as plain fact (vz:venezuelans-deported-to-el-salvador " in (
        violation.message
    )


def test_the_tren_de_aragua_allegation_is_a_node_of_its_own(kg: Dataset) -> None:
    claim = VZ["claim-deportees-accused-of-tren-de-aragua-membership"]
    assert not vzkg.query(kg, f"ASK {{ <{claim}> rdf:subject ?s }}").boolean
    statement = kg.value(claim, VZKG.alleges)
    assert (statement, RDF.type, RDF.Statement) in kg
    text = str(kg.value(claim, SCHEMA.text))
    assert "were accused" in text and "are members" not in text
    # asserting it is caught, once, by the criminal-organization guard
    kg.graph(URIRef("urn:test:mine")).add(
        (VZ["venezuelans-deported-to-el-salvador"], SCHEMA.memberOf, VZ["tren-de-aragua"])
    )
    assert len(validate(kg).violations) == 1


def test_evidence_reports_time_words_outside_their_paragraph(kg: Dataset, source_dir: Path) -> None:
    event = VZ["event-deportation-flights-suspended"]
    replace(kg, event, VZKG.timeExpression, Literal("last month", lang="en"))
    text = (
        (source_dir / NAME)
        .read_text(encoding="utf-8")
        .replace("suspended last month", "suspended in the spring")
    )
    report = verify_text(kg, text, article=ARTICLE)
    assert (
        str(event),
        "vzkg:timeExpression 'last month' is not in the paragraph of any of its evidence spans",
    ) in [(m.node, m.problem) for m in report.mismatches]
