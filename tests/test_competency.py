"""Competency questions: each numbered statement of the article (issue "The seed knowledge
graph", section 4) retrieved with SPARQL, with its dates, quantities, speakers and evidence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Dataset

import vzkg


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


def rows(kg: Dataset, sparql: str, **bindings: object) -> list[tuple[str, ...]]:
    """Run *sparql* and return its rows as strings ('' for unbound), in result order."""
    result = vzkg.query(kg, sparql, bindings=bindings)  # type: ignore[arg-type]
    return [tuple("" if v is None else str(v) for v in row) for row in result.rows]


def one(kg: Dataset, sparql: str, **bindings: object) -> tuple[str, ...]:
    found = rows(kg, sparql, **bindings)
    assert len(found) == 1, found
    return found[0]


def quotes(kg: Dataset, node: str) -> set[str]:
    return {
        r[0]
        for r in rows(kg, f"SELECT ?q WHERE {{ {node} vzkg:evidence/oa:hasSelector/oa:exact ?q }}")
    }


EVENT = """
SELECT ?type ?status ?date ?precision ?start ?end WHERE {
    ?e sem:eventType ?type ; vzkg:eventStatus ?status ; sem:hasTime ?t .
    ?t rdfs:label ?date ; sem:hasEarliestBeginTimeStamp ?start ; sem:hasLatestEndTimeStamp ?end .
    OPTIONAL { ?t vzkg:timePrecision ?precision }
}
"""

ACTORS = """
SELECT ?actor ?role WHERE { ?e sem:hasActor [ rdf:value ?actor ; sem:roleType ?role ] }
ORDER BY ?actor ?role
"""

PLACES = """
SELECT ?place ?role WHERE { ?e sem:hasPlace [ rdf:value ?place ; sem:roleType ?role ] }
ORDER BY ?place ?role
"""

VZ = "https://w3id.org/vzkg/id/"
K = "https://w3id.org/vzkg/ontology/"
DAY = "http://www.w3.org/2006/time#unitDay"
MONTH = "http://www.w3.org/2006/time#unitMonth"
YEAR = "http://www.w3.org/2006/time#unitYear"


def event(kg: Dataset, name: str) -> tuple[str, ...]:
    return one(kg, EVENT, e=vzkg.VZ[name])


def actors(kg: Dataset, name: str) -> list[tuple[str, str]]:
    return [(a[len(VZ) :], r[len(K) :]) for a, r in rows(kg, ACTORS, e=vzkg.VZ[name])]  # type: ignore[misc]


def places(kg: Dataset, name: str) -> list[tuple[str, str]]:
    return [(p[len(VZ) :], r[len(K) :]) for p, r in rows(kg, PLACES, e=vzkg.VZ[name])]  # type: ignore[misc]


QUANTITY = """
SELECT ?value ?min ?max ?qualifier ?unit WHERE {
    ?q schema:unitText ?unit ; vzkg:qualifier ?qualifier .
    OPTIONAL { ?q schema:value ?value } OPTIONAL { ?q schema:minValue ?min }
    OPTIONAL { ?q schema:maxValue ?max }
}
"""


def quantity(kg: Dataset, name: str) -> tuple[str, ...]:
    value, low, high, qualifier, unit = one(kg, QUANTITY, q=vzkg.VZ[name])
    return value, low, high, qualifier[len(K) :], unit


SPEECH = """
SELECT ?author ?date ?text WHERE {
    ?s schema:author ?author ; schema:text ?text .
    OPTIONAL { ?s vzkg:saidAt/rdfs:label ?date }
}
"""


# The most specific classes of a node: the graph also entails every class above them.
TYPES = """
SELECT ?class WHERE {
    ?x a ?class .
    FILTER NOT EXISTS { ?x a ?narrower . ?narrower rdfs:subClassOf ?class }
}
"""


def types(kg: Dataset, name: str) -> list[str]:
    return sorted(c[len(K) :] for (c,) in rows(kg, TYPES, x=vzkg.VZ[name]))


def speech(kg: Dataset, name: str) -> tuple[str, ...]:
    author, date, text = one(kg, SPEECH, s=vzkg.VZ[name])
    return author[len(VZ) :], date, text


def test_1_venezuela_announces_agreement(kg: Dataset) -> None:
    assert event(kg, "event-venezuela-announces-flights-agreement")[:4] == (
        K + "Statement",
        K + "Occurred",
        "2025-03-22",
        DAY,
    )
    assert actors(kg, "event-venezuela-announces-flights-agreement") == [
        ("venezuelan-government", "Initiator")
    ]
    # the agreement itself: a policy action resuming the flights, between both governments
    assert rows(
        kg,
        "SELECT ?s WHERE { vz:event-agreement-to-resume-flights vzkg:newStatus ?s ; "
        "vzkg:policy vz:policy-deportation-flights }",
    ) == [(K + "Resumed",)]
    assert actors(kg, "event-agreement-to-resume-flights") == [
        ("us-government", "Party"),
        ("venezuelan-government", "Party"),
    ]
    assert quotes(kg, "vz:event-venezuela-announces-flights-agreement") == {"Venezuela announced"}
    assert any(
        "we have agreed with the US government" in q
        for q in quotes(kg, "vz:event-agreement-to-resume-flights")
    )


def test_2_deportation_to_el_salvador_and_accusation(kg: Dataset) -> None:
    # "one week after" the Saturday announcement: about 2025-03-15, not that day for sure
    assert event(kg, "event-deportation-to-el-salvador") == (
        K + "Deportation",
        K + "Occurred",
        "2025-03-15~",
        DAY,
        "2025-03-12",
        "2025-03-18",
    )
    assert ("us-government", "Initiator") in actors(kg, "event-deportation-to-el-salvador")
    assert places(kg, "event-deportation-to-el-salvador") == [
        ("cecot", "Destination"),
        ("el-salvador", "Destination"),
        ("united-states", "Origin"),
    ]
    # 238 exactly on the deported group (the lede's "more than 200" is not quoted: the
    # figure of the next paragraph is the one the graph keeps)
    counted = rows(
        kg,
        "SELECT ?v ?k WHERE { vz:venezuelans-deported-to-el-salvador "
        "vzkg:quantity [ schema:value ?v ; vzkg:qualifier ?k ] } ORDER BY ?v",
    )
    assert counted == [("238", K + "Exact")]
    # the Tren de Aragua membership is an accusation with an accuser, never a plain fact
    accusation = one(
        kg,
        """
        SELECT ?accusation ?accuser WHERE {
            ?accusation a vzkg:Accusation ; schema:author ?accuser ;
                vzkg:alleges [ rdf:subject vz:venezuelans-deported-to-el-salvador ;
                               rdf:predicate schema:memberOf ; rdf:object vz:tren-de-aragua ] .
            ?accuser a vzkg:UnnamedAgent .
        }""",
    )
    assert accusation[0] == VZ + "claim-deportees-accused-of-tren-de-aragua-membership"
    assert not vzkg.query(kg, "ASK { ?x schema:memberOf|org:memberOf vz:tren-de-aragua }").boolean
    # Caracas's criticism, after the deportation
    assert event(kg, "event-caracas-criticizes-deportation")[:3] == (
        K + "Criticism",
        K + "Occurred",
        "2025-03-12/2025-03-23",
    )
    assert quotes(kg, "vz:event-caracas-criticizes-deportation") == {"criticized by Caracas"}


def test_3_flights_suspended_after_trump_claim(kg: Dataset) -> None:
    assert event(kg, "event-deportation-flights-suspended")[:4] == (
        K + "Suspension",
        K + "Occurred",
        "2025-02",
        MONTH,
    )
    assert speech(kg, "claim-trump-venezuela-broke-promises") == (
        "donald-trump",
        "2025-02",
        "Trump claimed Venezuela had not lived up to its promises.",
    )
    assert types(kg, "claim-trump-venezuela-broke-promises") == ["Accusation"]
    refusal = event(kg, "event-caracas-refuses-flights")
    assert refusal[0] == K + "Refusal" and refusal[2] == "2025-02/2025-03-18"
    assert actors(kg, "event-caracas-refuses-flights") == [("venezuelan-government", "Initiator")]


def test_4_tren_de_aragua_designated(kg: Dataset) -> None:
    found = one(
        kg,
        """
        SELECT ?status ?who WHERE {
            ?a vzkg:policy vz:policy-tren-de-aragua-fto-designation ; vzkg:newStatus ?status ;
               sem:hasActor [ rdf:value ?who ; sem:roleType vzkg:Initiator ] ,
                            [ rdf:value vz:tren-de-aragua ; sem:roleType vzkg:Target ] .
        }""",
    )
    assert found == (K + "Designated", VZ + "donald-trump")


def test_5_rodriguez_and_his_statements(kg: Dataset) -> None:
    roles = rows(
        kg,
        "SELECT ?org ?role WHERE { ?m org:member vz:jorge-rodriguez ; "
        "org:organization ?org ; org:role ?role } ORDER BY ?org",
    )
    assert roles == [
        (VZ + "national-assembly-of-venezuela", K + "President"),
        (VZ + "venezuelan-government", K + "ChiefNegotiator"),
    ]
    said = rows(
        kg,
        "SELECT ?text ?date WHERE { ?q a schema:Quotation ; "
        "schema:author vz:jorge-rodriguez ; schema:text ?text ; "
        "vzkg:saidAt/rdfs:label ?date } ORDER BY ?text",
    )
    assert [date for _, date in said] == ["2025-03-22", "2025-03-22"]
    assert said[0][0].endswith("with a first flight tomorrow")
    assert said[1][0].startswith("Migrating is not a crime")


def test_6_sunday_flight_is_fifth_and_planned(kg: Dataset) -> None:
    assert event(kg, "event-repatriation-flight-2025-03-23")[:4] == (
        K + "RepatriationFlight",
        K + "Planned",
        "2025-03-23",
        DAY,
    )
    assert quantity(kg, "quantity-flights-since-january-2025") == ("5", "", "", "Exact", "flights")
    assert event(kg, "event-trump-takes-office-2025")[2:4] == ("2025-01", MONTH)


def test_7_about_900_repatriated_since_february(kg: Dataset) -> None:
    assert event(kg, "event-repatriations-since-february-2025")[:3] == (
        K + "Repatriation",
        K + "Occurred",
        "2025-02/2025-03-23",
    )
    assert quantity(kg, "quantity-repatriated-since-february-about-900") == (
        "900",
        "",
        "",
        "Approximate",
        "people",
    )
    assert places(kg, "event-repatriations-since-february-2025") == [
        ("mexico", "Origin"),
        ("united-states", "Origin"),
        ("venezuela", "Destination"),
    ]
    assert quantity(kg, "quantity-repatriated-most-from-us")[3] == "LowerBound"


def test_8_maduro_statements(kg: Dataset) -> None:
    said = rows(
        kg,
        "SELECT ?text WHERE { ?q a schema:Quotation ; schema:author vz:nicolas-maduro ;"
        " schema:text ?text ; vzkg:saidAt vz:time-2025-03-22 } ORDER BY ?text",
    )
    assert [text.split(",")[0] for (text,) in said] == [
        "Tomorrow",
        "who never committed crimes in the United States",
    ]
    assert speech(kg, "claim-maduro-deportees-innocent")[:2] == ("nicolas-maduro", "2025-03-22")
    assert speech(kg, "claim-maduro-men-will-return") == (
        "nicolas-maduro",
        "2025-03-22",
        "Maduro said the men sent to El Salvador would eventually be returned to Venezuela.",
    )
    assert types(kg, "claim-maduro-men-will-return") == ["Pledge"]


def test_9_chevron_licence_revoked(kg: Dataset) -> None:
    assert event(kg, "event-chevron-licence-revoked")[:4] == (
        K + "Sanction",
        K + "Occurred",
        "2025-02",
        MONTH,
    )
    assert actors(kg, "event-chevron-licence-revoked") == [
        ("chevron", "Target"),
        ("donald-trump", "Initiator"),
    ]
    assert speech(kg, "quote-trump-rapid-pace") == ("donald-trump", "2025-02", "at the rapid pace")
    assert one(
        kg,
        "SELECT ?who WHERE { vz:claim-trump-maduro-failed-to-accept-deportees vzkg:accused ?who }",
    ) == (VZ + "nicolas-maduro",)


def test_10_break_of_relations_2019(kg: Dataset) -> None:
    assert event(kg, "event-break-of-relations-2019")[:4] == (
        K + "BreakOfRelations",
        K + "Occurred",
        "2019",
        YEAR,
    )
    assert rows(kg, "SELECT ?code WHERE { vzkg:BreakOfRelations vzkg:cameoCode ?code }") == [
        ("161",)
    ]
    assert ("juan-guaido", "Target") in actors(kg, "event-us-recognizes-guaido")
    assert one(
        kg,
        "SELECT ?title WHERE { vz:event-us-recognizes-guaido sem:hasActor "
        "[ rdf:value vz:juan-guaido ; schema:roleName ?title ] }",
    ) == ("interim president",)
    assert speech(kg, "claim-2018-elections-not-free-or-fair")[0] == (
        "unnamed-critics-of-2018-elections"
    )
    assert event(kg, "event-venezuelan-elections-2018")[2:4] == ("2018", YEAR)
    assert vzkg.query(
        kg, "ASK { vz:event-break-of-relations-2019 vzkg:after vz:event-us-recognizes-guaido }"
    ).boolean


def test_11_oil_sanctions_relaxed_reforms_never_came(kg: Dataset) -> None:
    found = one(
        kg,
        "SELECT ?status ?type WHERE { vz:event-oil-sanctions-relaxed "
        "vzkg:newStatus ?status ; sem:eventType ?type ; "
        "vzkg:policy vz:policy-oil-sanctions }",
    )
    assert found == (K + "Relaxed", K + "SanctionsRelief")
    assert ("american-prisoners", "Affected") in actors(kg, "event-biden-venezuela-prisoner-deal")
    assert one(kg, "SELECT ?kept WHERE { vz:claim-promise-of-free-elections vzkg:kept ?kept }") == (
        "false",
    )
    assert "promised reforms never came" in quotes(kg, "vz:claim-promise-of-free-elections")


def test_12_maduro_2024_reelection_not_recognised(kg: Dataset) -> None:
    assert event(kg, "event-venezuelan-election-2024")[2:4] == ("2024", YEAR)
    assert actors(kg, "event-us-rejects-2024-reelection") == [
        ("nicolas-maduro", "Target"),
        ("us-government", "Initiator"),
    ]


def test_13_us_envoys_in_caracas(kg: Dataset) -> None:
    assert event(kg, "event-us-envoys-talks-in-caracas")[0] == K + "Negotiation"
    assert places(kg, "event-us-envoys-talks-in-caracas") == [("caracas", "Location")]


def test_14_alien_enemies_act_and_cecot_deal(kg: Dataset) -> None:
    found = one(
        kg,
        "SELECT ?law ?status WHERE { vz:event-alien-enemies-act-invoked "
        "vzkg:policy/vzkg:legalBasis ?law ; vzkg:newStatus ?status }",
    )
    assert found == (VZ + "alien-enemies-act", K + "Invoked")
    assert ("tren-de-aragua", "Target") in actors(kg, "event-alien-enemies-act-invoked")
    assert actors(kg, "event-trump-bukele-cecot-deal") == [
        ("donald-trump", "Party"),
        ("nayib-bukele", "Party"),
    ]


def test_15_relatives_told_afp(kg: Dataset) -> None:
    author, date, text = speech(kg, "claim-relatives-men-told-going-to-venezuela")
    assert (author, date) == ("relatives-of-deportees", "2025-03-12/2025-03-23")
    assert "taken to Venezuela" in text


def test_16_parole_status_revoked_30_days(kg: Dataset) -> None:
    # the United States said on Friday it was revoking the status: an announcement, of a
    # revocation the article reports as under way, not as done
    assert event(kg, "event-us-announces-status-revocation")[:4] == (
        K + "Statement",
        K + "Occurred",
        "2025-03-21",
        DAY,
    )
    revocation = one(
        kg,
        "SELECT ?type ?status ?policy ?date WHERE { vz:event-parole-status-revoked "
        "sem:eventType ?type ; vzkg:eventStatus ?status ; vzkg:policy ?policy ; "
        "sem:hasTime/rdfs:label ?date }",
    )
    assert revocation == (
        K + "StatusRevocation",
        K + "Planned",
        VZ + "policy-legal-status-of-2022-plan-entrants",
        "2025-03-21/..",
    )
    assert quantity(kg, "quantity-days-to-leave") == ("30", "", "", "Exact", "days")
    assert quantity(kg, "quantity-parole-immigrants-hundreds-of-thousands") == (
        "",
        "100000",
        "999999",
        "OrderOfMagnitude",
        "people",
    )
    assert event(kg, "event-parole-programme-launched")[2:4] == ("2022", YEAR)
    assert actors(kg, "event-parole-programme-launched") == [("joe-biden", "Initiator")]


def test_17_trump_pledge(kg: Dataset) -> None:
    author, _, text = speech(kg, "claim-trump-largest-deportation-campaign")
    assert author == "donald-trump" and "largest deportation campaign" in text


def test_18_seven_million_fled(kg: Dataset) -> None:
    assert event(kg, "event-venezuelan-exodus")[2] == "2015/2025-03-23"
    assert quantity(kg, "quantity-emigrants-more-than-seven-million") == (
        "7000000",
        "",
        "",
        "LowerBound",
        "people",
    )


@pytest.mark.parametrize(
    ("entity", "kind", "qid"),
    [
        ("donald-trump", "Person", "Q22686"),
        ("nicolas-maduro", "Person", "Q58132"),
        ("jorge-rodriguez", "Person", ""),
        ("nayib-bukele", "Person", "Q17712353"),
        ("joe-biden", "Person", "Q6279"),
        ("juan-guaido", "Person", "Q58833335"),
        ("us-government", "GovernmentOrganization", ""),
        ("venezuelan-government", "GovernmentOrganization", ""),
        ("national-assembly-of-venezuela", "GovernmentOrganization", "Q1585014"),
        ("tren-de-aragua", "CriminalOrganization", ""),
        ("chevron", "Corporation", "Q319642"),
        ("afp", "NewsMediaOrganization", "Q40464"),
        ("venezuela", "Country", "Q717"),
        ("caracas", "City", "Q1533"),
        ("united-states", "Country", "Q30"),
        ("el-salvador", "Country", "Q792"),
        ("san-salvador", "City", "Q3110"),
        ("mexico", "Country", "Q96"),
        ("cecot", "Place", ""),
        ("alien-enemies-act", "Legislation", ""),
    ],
)
def test_19_actors_and_places(kg: Dataset, entity: str, kind: str, qid: str) -> None:
    found = one(
        kg,
        """
        SELECT ?type ?en ?es (SAMPLE(?link) AS ?wikidata) WHERE {
            ?x a ?type ; rdfs:label ?en , ?es .
            FILTER NOT EXISTS { ?x a ?narrower . ?narrower rdfs:subClassOf ?type }
            OPTIONAL { ?x owl:sameAs ?link }
            FILTER(lang(?en) = "en" && lang(?es) = "es")
        } GROUP BY ?type ?en ?es""",
        x=vzkg.VZ[entity],
    )
    assert found[0].rsplit("/", 1)[-1] == kind
    assert found[1] and found[2]
    assert found[3] == (f"http://www.wikidata.org/entity/{qid}" if qid else "")


def test_19_trump_is_us_president_and_republican(kg: Dataset) -> None:
    roles = rows(
        kg,
        "SELECT ?org ?role ?date WHERE { ?m org:member vz:donald-trump ; "
        "org:organization ?org ; org:role ?role . "
        "OPTIONAL { ?m org:memberDuring/rdfs:label ?date } } ORDER BY ?org ?date",
    )
    # president now and, "during Trump's first term", in 2019
    assert roles == [
        (VZ + "republican-party", K + "PartyMember", ""),
        (VZ + "us-government", K + "President", "2019"),
        (VZ + "us-government", K + "President", "2025-03-23"),
    ]


def test_article_is_a_news_article_in_its_own_graph(kg: Dataset) -> None:
    found = one(
        kg,
        """
        SELECT ?publisher ?published ?language ?dateline ?graph WHERE {
            vz:article-d4642c25d83ac452 a schema:NewsArticle ; schema:publisher ?publisher ;
                schema:datePublished ?published ; schema:inLanguage ?language ;
                schema:dateline ?dateline .
            GRAPH ?graph { vz:event-deportation-to-el-salvador a sem:Event }
        }""",
    )
    assert found == (
        VZ + "afp",
        "2025-03-23",
        "en",
        "CARACAS",
        "https://w3id.org/vzkg/graph/d4642c25d83ac452",
    )


def _facts(kg: Dataset) -> Iterator[str]:
    for (node,) in rows(
        kg,
        """
        SELECT DISTINCT ?n WHERE {
            ?n a ?c . VALUES ?c { sem:Event vzkg:PolicyAction schema:Claim vzkg:Accusation
                                  vzkg:Pledge schema:Quotation schema:QuantitativeValue
                                  org:Membership }
        }""",
    ):
        yield node


def test_every_fact_quotes_its_source(kg: Dataset) -> None:
    facts = list(_facts(kg))
    assert len(facts) > 50
    for node in facts:
        assert quotes(kg, f"<{node}>"), f"{node} has no evidence quote"
