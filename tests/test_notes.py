"""No silent empty answers: unknown terms, names of several entities, actors without events,
and listings that leave nothing out, each said in one ``Warning:`` line (a note in Python)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset

import vzkg
from vzkg.chronology import timeline
from vzkg.cli import cli
from vzkg.queries import named_query


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def warnings(result: Result) -> list[str]:
    lines = result.stderr.splitlines()
    assert all(line.startswith("Warning: ") for line in lines), lines
    return [line.removeprefix("Warning: ") for line in lines]


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


# -- terms the graph does not hold ---------------------------------------------------------------


def test_a_misspelt_term_is_named_with_the_nearest() -> None:
    result = run("query", "SELECT ?q WHERE { ?q vzkg:saidOn ?time }")
    assert result.exit_code == 0
    assert result.stdout == "q\n-\n"
    assert warnings(result) == ["vzkg:saidOn is not in the graph; did you mean vzkg:saidAt?"]


def test_an_unknown_instance_is_named_with_the_entity_it_may_mean() -> None:
    result = run("query", "ASK { vz:trump ?p ?o }")
    assert result.stdout == "no\n"
    assert warnings(result) == ["vz:trump is not in the graph; did you mean vz:donald-trump?"]


def test_every_unknown_term_of_every_part_of_a_query(kg: Dataset) -> None:
    result = vzkg.query(
        kg,
        "SELECT ?x WHERE { ?x (vzkg:evidnce|^vz:nobody-at-all)/rdfs:label ?l "
        "FILTER EXISTS { ?x a vzkg:accusation } } ORDER BY (?x = vz:donald-trump)",
    )
    assert result.notes == (
        "vz:nobody-at-all is not in the graph; nothing like it is either",
        "vzkg:accusation is not in the graph; did you mean vzkg:Accusation?",
        "vzkg:evidnce is not in the graph; did you mean vzkg:evidence?",
    )


def test_known_terms_and_a_construct_template_need_no_note(kg: Dataset) -> None:
    assert run("query", "ASK { vz:donald-trump a schema:Person }").stderr == ""
    made = vzkg.query(kg, "CONSTRUCT { ?q vz:new-term ?t } WHERE { ?q vzkg:saidAt ?t }")
    assert len(made) > 0 and made.notes == ()


def test_a_bound_term_is_checked_too() -> None:
    result = run("query", "SELECT ?p WHERE { ?who ?p ?o } LIMIT 1", "--param", "who=vz:trump")
    assert warnings(result) == ["vz:trump is not in the graph; did you mean vz:donald-trump?"]


# -- names of several entities -------------------------------------------------------------------


def test_a_filter_keeps_every_entity_a_name_names() -> None:
    result = run("timeline", "--actor", "Caracas", "-f", "csv")
    assert result.exit_code == 0
    assert warnings(result) == [
        "'Caracas' names vz:caracas (its label) and vz:venezuelan-government (an alternate "
        "name): all of them are used; to use one, name it by its CURIE (such as "
        "vz:venezuelan-government)"
    ]
    government = run("timeline", "--actor", "vz:venezuelan-government", "-f", "csv")
    assert government.stderr == ""
    assert result.stdout == government.stdout
    assert len(result.stdout.splitlines()) == 1 + 9


def test_a_single_choice_says_what_else_the_name_names() -> None:
    described = run("describe", "Caracas")
    assert described.stdout.startswith("Caracas (vz:caracas)\n")
    assert warnings(described) == [
        "'Caracas' also names vz:venezuelan-government (an alternate name); using vz:caracas "
        "(its label); name another by its CURIE (vz:venezuelan-government)"
    ]
    bound = run("query", "--name", "timeline", "--param", "actor=Caracas")
    assert [w.split(";")[0] for w in warnings(bound)] == [
        "'Caracas' also names vz:venezuelan-government (an alternate name)"
    ]


def test_a_name_several_match_equally_is_still_an_error_for_one_choice() -> None:
    result = run("describe", "Salvador")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: 'Salvador' could be any of vz:el-salvador, vz:relatives-of-deportees, "
    )
    assert result.stderr.endswith("; name one of them\n")
    filtered = run("timeline", "--actor", "Salvador", "-f", "csv")
    assert warnings(filtered)[0].startswith("'Salvador' names vz:el-salvador (a word of its label)")


# -- an actor without events ---------------------------------------------------------------------


def test_an_entity_that_is_no_actor_says_so() -> None:
    result = run("timeline", "--actor", "vz:caracas")
    assert result.exit_code == 0
    assert warnings(result) == [
        "vz:caracas takes part in no event, but is the place of 1 event "
        "('vzkg describe vz:caracas')"
    ]
    assert run("timeline", "--actor", "vz:afp").stderr == (
        "Warning: vz:afp takes part in no event\n"
    )


def test_an_actor_with_no_events_in_the_dates_says_so(kg: Dataset) -> None:
    result = timeline(kg, actor="Guaidó", start="2025")
    assert result.rows == ()
    assert result.notes == ("vz:juan-guaido takes part in 1 event, but in none from 2025 to ..",)
    cli = run("timeline", "--actor", "Guaidó", "--from", "2020", "--to", "2021")
    assert warnings(cli) == ["vz:juan-guaido takes part in 1 event, but in none from 2020 to 2021"]


# -- nothing left out of a listing ---------------------------------------------------------------


def test_the_timeline_lists_every_event_and_stats_agrees() -> None:
    rows = run("timeline", "-f", "csv").stdout.splitlines()[1:]
    counts = json.loads(run("stats", "-f", "json").stdout)
    assert len(rows) == counts["events"] == 26
    assert len({row.split(",")[1] for row in rows}) == 26
    undated = [row for row in rows if row.startswith("../")]
    assert len(undated) == 3 and all(row.startswith("../2025-03-23,") for row in undated)
    assert any(row.startswith("2025-03-21/..,") for row in rows)


def test_deportations_one_row_per_event_with_its_figures_together(kg: Dataset) -> None:
    result = vzkg.query(kg, named_query("deportations").text)
    assert result.variables == ("date", "what", "from", "to", "how_many")
    events = [(str(row[0]), str(row[4]) if row[4] else "") for row in result.rows]
    assert events == [
        ("2025-03-15~", "238 people"),
        ("2025-03-23", ""),
    ]
    assert str(result.rows[0][3]) == "El Salvador, Terrorism Confinement Center"


def test_deportations_lists_keep_their_order_on_another_engine(kg: Dataset) -> None:
    pyoxigraph = pytest.importorskip("pyoxigraph")
    from vzkg.serialization import serialize

    store = pyoxigraph.Store()
    store.load(serialize(kg, format="nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    text = named_query("deportations").text
    # the order of each list is the sub-select's: reversed there, reversed in the answer
    reversed_text = text.replace("ORDER BY ?kind", "ORDER BY DESC(?kind)").replace(
        "ORDER BY ?destination", "ORDER BY DESC(?destination)"
    )
    for sparql in (text, reversed_text):
        ours = [
            tuple("" if v is None else str(v) for v in row) for row in vzkg.query(kg, sparql).rows
        ]
        theirs = [
            tuple(
                "" if s[v] is None else s[v].value
                for v in ("date", "what", "from", "to", "how_many")
            )
            for s in store.query(sparql, use_default_graph_as_union=True)
        ]
        assert ours == theirs
    assert theirs[0][3:] == (
        "Terrorism Confinement Center, El Salvador",
        "238 people",
    )
