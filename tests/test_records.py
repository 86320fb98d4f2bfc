"""vzkg's records (vzkg.records: QueryResult, NamedQuery, Param, Scan) behave as the frozen
dataclasses they were: the same repr, equality, hash, match and refusal to change, and the
dataclasses functions work on them."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vzkg
from vzkg.engines.lexical import Scan
from vzkg.queries import NamedQuery, Param
from vzkg.records import Record


@dataclasses.dataclass(frozen=True)
class QueryResult:  # the dataclass QueryResult was, named alike so that the reprs compare
    kind: str
    variables: tuple[str, ...] = ()
    rows: Any = ()
    boolean: bool | None = None
    graph: Any = dataclasses.field(default=None, compare=False)
    notes: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class NamedQueryTwin:
    name: str
    summary: str
    params: tuple[Any, ...]
    text: str


_text = st.text(max_size=5)
_results = st.builds(
    lambda *args: args,
    st.sampled_from(["SELECT", "ASK", "CONSTRUCT"]),
    st.lists(_text, max_size=2).map(tuple),
    st.lists(st.tuples(_text, st.none()), max_size=2).map(tuple),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, "a graph", "another"]),
    st.lists(_text, max_size=2).map(tuple),
)


@given(first=_results, second=_results)
def test_a_query_result_is_the_dataclass_it_was(first: tuple, second: tuple) -> None:
    ours, theirs = vzkg.QueryResult(*first), QueryResult(*first)
    other, other_theirs = vzkg.QueryResult(*second), QueryResult(*second)
    assert repr(ours) == repr(theirs)
    assert (ours == other) == (theirs == other_theirs)  # the graph is not compared
    assert hash(ours) == hash(theirs)
    assert ours != theirs  # another class, as a dataclass's equality has it
    assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
    changed = dataclasses.replace(ours, notes=("x",))
    assert type(changed) is vzkg.QueryResult
    assert repr(changed) == repr(dataclasses.replace(theirs, notes=("x",)))
    assert repr(ours._replace(rows=())) == repr(dataclasses.replace(theirs, rows=()))
    assert pickle.loads(pickle.dumps(ours)) == ours


def test_the_dataclasses_functions_see_the_same_fields() -> None:
    ours, theirs = dataclasses.fields(vzkg.QueryResult), dataclasses.fields(QueryResult)
    assert [(f.name, f.default, f.compare) for f in ours] == [
        (f.name, f.default, f.compare) for f in theirs
    ]
    assert dataclasses.is_dataclass(vzkg.QueryResult("ASK"))
    assert vzkg.QueryResult.__match_args__ == QueryResult.__match_args__
    match vzkg.QueryResult("ASK", boolean=True):
        case vzkg.QueryResult("ASK", (), (), answer):
            assert answer is True
        case _:
            pytest.fail("no match")


@pytest.mark.parametrize(
    "record",
    [
        vzkg.QueryResult("ASK", boolean=True),
        Param("who", "entity", "a person"),
        NamedQuery("x", "What.", (Param("who", "entity", "a person"),), "ASK {}"),
        Scan((), ("http://example.org/a",), "ASK"),
    ],
)
def test_a_record_cannot_change(record: Record) -> None:
    for field in record._fields:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, field, None)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(record, field)
    assert record == pickle.loads(pickle.dumps(record))
    assert record == dataclasses.replace(record)


def test_a_named_query_reads_as_before() -> None:
    query = vzkg.named_queries()["timeline"]
    twin = NamedQueryTwin(query.name, query.summary, query.params, query.text)
    assert repr(query) == repr(twin).replace("NamedQueryTwin(", "NamedQuery(", 1)
    assert query.params[0] == Param(*dataclasses.astuple(query.params[0]))
