"""The fact-check's corrections, each pinned against what the article says, and how little of
the article the evidence quotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

import vzkg
from vzkg.namespaces import VZ

#: Share of the article's characters the evidence spans may cover together, so that the data
#: cannot rebuild the article (the issue's bound); speech quotations stay whole (0.17 alone).
MAX_COVERAGE = 0.60
ARTICLE = "000_d4642c25d83ac452.txt"


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


def values(kg: Dataset, sparql: str) -> list[tuple[str, ...]]:
    result = vzkg.query(kg, sparql)
    return sorted(tuple("" if v is None else str(v) for v in row) for row in result.rows)


def label(kg: Dataset, node: str, path: str) -> str:
    [(found,)] = values(kg, f"SELECT ?l WHERE {{ vz:{node} {path}/rdfs:label ?l }}")
    return found


# -- precision ------------------------------------------------------------------------------


def test_the_accusation_is_not_dated_to_a_day(kg: Dataset) -> None:
    # the article never says when the men were accused, only that it was before its date
    node = "claim-deportees-accused-of-tren-de-aragua-membership"
    assert label(kg, node, "vzkg:saidAt") == "../2025-03-23"


def test_guaido_then_is_the_time_of_the_recognition(kg: Dataset) -> None:
    assert label(kg, "membership-guaido-opposition-leader", "org:memberDuring") == "2018/2019"
    assert label(kg, "event-us-recognizes-guaido", "sem:hasTime") == "2018/2019"
    assert values(
        kg, "SELECT ?r WHERE { vz:membership-guaido-opposition-leader vzkg:timeReference ?r }"
    ) == [(str(VZ["event-us-recognizes-guaido"]),)]


def test_widely_rejected_is_bounded_only_by_the_elections_and_the_article(kg: Dataset) -> None:
    assert label(kg, "claim-2018-elections-not-free-or-fair", "vzkg:saidAt") == "2018/2025-03-23"


def test_the_criticism_by_caracas_runs_to_the_article_date(kg: Dataset) -> None:
    assert label(kg, "event-caracas-criticizes-deportation", "sem:hasTime") == (
        "2025-03-12/2025-03-23"
    )


def test_one_week_after_is_approximate(kg: Dataset) -> None:
    assert values(
        kg,
        "SELECT ?approximate ?from ?to WHERE { vz:event-deportation-to-el-salvador sem:hasTime "
        "[ vzkg:approximate ?approximate ; sem:hasEarliestBeginTimeStamp ?from ; "
        "sem:hasLatestEndTimeStamp ?to ] }",
    ) == [("true", "2025-03-12", "2025-03-18")]


# -- scope ----------------------------------------------------------------------------------


def test_friday_is_an_announcement_of_a_revocation_of_legal_status(kg: Dataset) -> None:
    assert values(
        kg,
        "SELECT ?type ?status WHERE { vz:event-us-announces-status-revocation sem:eventType "
        "?type ; vzkg:eventStatus ?status ; schema:about vz:event-parole-status-revoked }",
    ) == [(str(vzkg.VZKG.Statement), str(vzkg.VZKG.Occurred))]
    # what is revoked is the beneficiaries' legal status, not the plan, and not yet done
    assert values(
        kg,
        "SELECT ?policy ?status WHERE { vz:event-parole-status-revoked vzkg:policy ?policy ; "
        "vzkg:eventStatus ?status }",
    ) == [(str(VZ["policy-legal-status-of-2022-plan-entrants"]), str(vzkg.VZKG.Planned))]


# -- unsupported ----------------------------------------------------------------------------


def test_interim_president_is_a_title_not_a_quotation(kg: Dataset) -> None:
    assert (
        values(kg, "SELECT ?q WHERE { ?q a schema:Quotation ; schema:author vz:us-government }")
        == []
    )
    assert values(kg, "SELECT ?t WHERE { ?r schema:roleName ?t }") == [("interim president",)]


def test_about_900_repatriated_is_not_a_deportation(kg: Dataset) -> None:
    assert values(
        kg, "SELECT ?t WHERE { vz:event-repatriations-since-february-2025 sem:eventType ?t }"
    ) == [(str(vzkg.VZKG.Repatriation),)]


def test_curator_knowledge_stays_out_of_the_article_words(kg: Dataset) -> None:
    [(prisoners,)] = values(
        kg, "SELECT ?l WHERE { vz:american-prisoners rdfs:label ?l FILTER(lang(?l) = 'en') }"
    )
    assert prisoners == "American prisoners"
    parole = values(
        kg,
        "SELECT ?x ?text WHERE { ?x rdfs:label|schema:description|schema:text ?text "
        "FILTER(CONTAINS(LCASE(STR(?text)), 'parole')) }",
    )
    assert parole == []


@pytest.mark.parametrize(
    "role",
    [
        "role-biden-venezuela-prisoner-deal--venezuelan-government",
        "role-oil-sanctions-relaxed--venezuelan-government",
        "role-us-envoys-talks-in-caracas--venezuelan-government",
        "role-deportation-to-el-salvador--cecot",
    ],
)
def test_counterparties_the_article_does_not_name_are_inferred(kg: Dataset, role: str) -> None:
    found = values(
        kg,
        f"SELECT ?why ?evidence WHERE {{ vz:{role} vzkg:inference ?why "
        f"OPTIONAL {{ vz:{role} vzkg:evidence ?evidence }} }}",
    )
    assert len(found) == 1 and found[0][0] and not found[0][1]


def test_every_role_is_evidenced_or_inferred(kg: Dataset) -> None:
    assert (
        values(
            kg,
            "SELECT ?r WHERE { ?r a sem:Role "
            "FILTER NOT EXISTS { ?r vzkg:evidence|vzkg:inference ?x } }",
        )
        == []
    )


# -- gaps -----------------------------------------------------------------------------------


def test_cecot_lies_outside_san_salvador(kg: Dataset) -> None:
    assert values(
        kg,
        "SELECT ?words WHERE { vz:cecot gn:nearby vz:san-salvador . "
        "?s a vzkg:ReportedStatement ; rdf:subject vz:cecot ; rdf:predicate gn:nearby ; "
        "rdf:object vz:san-salvador ; vzkg:evidence/oa:hasSelector/oa:exact ?words }",
    ) == [("outside San Salvador",)]


def test_venezuelans_are_among_the_immigrants(kg: Dataset) -> None:
    assert values(
        kg,
        "SELECT ?words WHERE { vz:event-parole-status-revoked sem:hasActor [ "
        "rdf:value vz:venezuelan-2022-plan-entrants ; sem:roleType vzkg:Affected ; "
        "vzkg:evidence/oa:hasSelector/oa:exact ?words ] }",
    ) == [("including from Venezuela",)]


def test_the_break_came_during_trumps_first_term(kg: Dataset) -> None:
    assert values(
        kg,
        "SELECT ?date ?words WHERE { vz:membership-trump-us-president-first-term "
        "org:memberDuring/rdfs:label ?date ; vzkg:evidence/oa:hasSelector/oa:exact ?words }",
    ) == [("2019", "during Trump’s first term")]


def test_chevron_is_the_oil_giant(kg: Dataset) -> None:
    assert values(kg, "SELECT ?d WHERE { vz:chevron schema:description ?d }") == [("oil giant",)]
    assert values(
        kg,
        "SELECT ?words WHERE { ?s rdf:subject vz:chevron ; rdf:predicate schema:description ; "
        "vzkg:evidence/oa:hasSelector/oa:exact ?words }",
    ) == [("oil giant Chevron",)]


def test_afp_assessments_are_claims_by_afp(kg: Dataset) -> None:
    assert values(
        kg,
        "SELECT ?words WHERE { ?c a schema:Claim ; schema:author vz:afp ; "
        "vzkg:evidence/oa:hasSelector/oa:exact ?words }",
    ) == [
        ("blow to Caracas's wobbly economy",),
        ("economy implodes under Maduro",),
        ("glimmers of hope",),
    ]


def test_the_relatives_told_afp(kg: Dataset) -> None:
    assert values(
        kg,
        "SELECT ?to WHERE { vz:claim-relatives-men-told-going-to-venezuela schema:recipient ?to }",
    ) == [(str(VZ["afp"]),)]


@pytest.mark.parametrize(
    "event",
    [
        "event-tren-de-aragua-designated",
        "event-oil-sanctions-relaxed",
        "event-biden-venezuela-prisoner-deal",
    ],
)
def test_undated_events_happened_before_the_article(kg: Dataset, event: str) -> None:
    assert values(
        kg,
        f"SELECT ?date ?to ?from WHERE {{ vz:{event} sem:hasTime ?t . ?t rdfs:label ?date ; "
        f"sem:hasLatestEndTimeStamp ?to OPTIONAL {{ ?t sem:hasEarliestBeginTimeStamp ?from }} }}",
    ) == [("../2025-03-23", "2025-03-23", "")]


def test_every_event_has_a_time(kg: Dataset) -> None:
    assert (
        values(
            kg,
            "SELECT ?e WHERE { ?e a/rdfs:subClassOf* sem:Event "
            "FILTER NOT EXISTS { ?e sem:hasTime ?t } }",
        )
        == []
    )


# -- vocabulary -----------------------------------------------------------------------------


def test_memberships_last_a_time_interval(kg: Dataset) -> None:
    assert (
        values(
            kg,
            "SELECT ?m WHERE { ?m org:memberDuring ?t FILTER NOT EXISTS { ?t a time:Interval } }",
        )
        == []
    )


def test_the_checksum_belongs_to_the_text_file(kg: Dataset) -> None:
    assert values(kg, "SELECT ?a WHERE { ?a a schema:NewsArticle ; schema:sha256 ?x }") == []
    [(name, sha)] = values(
        kg,
        "SELECT ?name ?sha WHERE { vz:article-d4642c25d83ac452 schema:encoding ?m . "
        "?m a schema:MediaObject ; schema:name ?name ; schema:sha256 ?sha }",
    )
    assert name == ARTICLE and len(sha) == 64


def test_authors_are_persons_or_organizations(kg: Dataset) -> None:
    assert (
        values(
            kg,
            "SELECT ?who WHERE { ?c schema:author ?who FILTER NOT EXISTS { ?who a/rdfs:subClassOf* "
            "?kind FILTER(?kind IN (schema:Person, schema:Organization)) } }",
        )
        == []
    )


def test_no_unused_nodes(kg: Dataset) -> None:
    """Every entity, time and group is pointed at by something; every evidence span is used."""
    unused = values(
        kg,
        """
        SELECT ?x WHERE {
            { GRAPH vzg:entities { ?x a ?t } } UNION { ?x a sem:Time } UNION
            { ?x a vzkg:PersonGroup } UNION { ?x a oa:SpecificResource }
            FILTER(?x != vzg:entities)
            FILTER NOT EXISTS { ?y ?p ?x FILTER(?y != ?x) }
        }""",
    )
    assert unused == []


def test_every_visible_node_is_labelled_in_english_and_spanish(kg: Dataset) -> None:
    missing = values(
        kg,
        """
        SELECT DISTINCT ?x WHERE {
            ?x a ?type .
            FILTER(?type IN (schema:QuantitativeValue, sem:Role, org:Membership,
                             schema:NewsArticle, schema:MediaObject, rdf:Statement,
                             vzkg:ReportedStatement))
            FILTER(NOT EXISTS { ?x rdfs:label ?en FILTER(lang(?en) = "en") }
                || NOT EXISTS { ?x rdfs:label ?es FILTER(lang(?es) = "es") })
        }""",
    )
    assert missing == []


def test_the_dataset_says_who_curated_it_and_when(kg: Dataset) -> None:
    assert values(
        kg,
        "SELECT ?g ?who ?when WHERE { ?g a prov:Entity ; prov:wasAttributedTo ?who ; "
        "prov:generatedAtTime ?when }",
    ) == [
        (str(vzkg.VZG["d4642c25d83ac452"]), str(VZ["vzkg-curators"]), "2026-11-28T00:00:00Z"),
        (str(vzkg.VZG["entities"]), str(VZ["vzkg-curators"]), "2026-11-28T00:00:00Z"),
    ]


# -- quote little ---------------------------------------------------------------------------


def test_the_quoted_words_are_not_ours_to_license(kg: Dataset) -> None:
    [(rights,)] = values(kg, "SELECT ?r WHERE { vzg:d4642c25d83ac452 dcterms:rights ?r }")
    assert "belong to their authors and to AFP" in rights


def test_the_evidence_quotes_little_of_the_article(
    kg: Dataset, source_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (source_dir / ARTICLE).read_text(encoding="utf-8")
    covered: set[int] = set()
    quoted: set[int] = set()
    for start, end, speech in vzkg.query(
        kg,
        "SELECT ?start ?end ?speech WHERE { ?e oa:hasSource vz:article-d4642c25d83ac452 ; "
        "oa:hasSelector [ oa:start ?start ; oa:end ?end ] , [ oa:exact ?exact ] "
        "OPTIONAL { ?speech a schema:Quotation ; schema:text ?said "
        "FILTER(STR(?said) = STR(?exact)) } }",
    ).rows:
        span = range(int(start), int(end))  # type: ignore[arg-type]
        covered.update(span)
        if speech is not None:
            quoted.update(span)
    share = len(covered) / len(text)
    with capsys.disabled():
        print(
            f"\nevidence spans cover {len(covered)} of {len(text)} characters of the article "
            f"({share:.1%}); speech quotations {len(quoted) / len(text):.1%}"
        )
    assert share <= MAX_COVERAGE
    assert len(quoted) / len(text) < 0.2
