"""vzg:entailed derived inside Oxigraph (vzkg.engines.oxigraph_entailment) against entailment.py."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vzkg.engines.oxigraph import OxigraphStore
from vzkg.engines.oxigraph_entailment import (
    ENTAILED,
    SUB_CLASS_OF,
    SUB_PROPERTY_OF,
    TYPE,
    entail_in_place,
)
from vzkg.entailment import Vocabulary, entailed
from vzkg.errors import InputError
from vzkg.input_files import sources

TERMS = Vocabulary(TYPE, SUB_CLASS_OF, SUB_PROPERTY_OF)
_NODES = [ox.NamedNode(f"http://ex/n{i}") for i in range(5)]
_PROPERTIES = [ox.NamedNode(f"http://ex/p{i}") for i in range(4)]
_GRAPHS = [ox.NamedNode(f"http://ex/g{i}") for i in range(2)]
_term = st.sampled_from([*_NODES, *_PROPERTIES, TYPE])
_object = st.one_of(
    _term, _term, _term, st.sampled_from([ox.Literal("x"), ox.BlankNode("b"), SUB_CLASS_OF])
)
# mostly hierarchies and types, with cycles, sub-properties of rdf:type and of the hierarchies
_predicate = st.sampled_from([SUB_CLASS_OF, SUB_CLASS_OF, SUB_PROPERTY_OF, TYPE, *_PROPERTIES])
_quad = st.builds(
    ox.Quad, st.sampled_from([*_NODES, *_PROPERTIES]), _predicate, _object, st.sampled_from(_GRAPHS)
)
# literal and blank-node super-properties too: they name no predicate, so nothing is derived
# through them (entailment.py once derived statements with a literal predicate and failed)
_quads = st.lists(_quad, max_size=25)


class _Stated:
    """A pyoxigraph store read as entailment.entailed reads a graph (it holds no vzg:entailed)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def triples(self, pattern: tuple[object, ...]) -> object:
        for quad in self.store.quads_for_pattern(*pattern, None):  # type: ignore[misc]
            yield quad.subject, quad.predicate, quad.object

    def __contains__(self, triple: tuple[object, ...]) -> bool:
        return next(iter(self.triples(triple)), None) is not None  # type: ignore[call-overload]


def _python(store: ox.Store, limit: int | None) -> object:
    try:
        return entailed(_Stated(store), max_triples=limit, terms=TERMS)  # type: ignore[arg-type]
    except InputError as error:
        return str(error)


def _native(store: ox.Store, limit: int | None, bulk: bool = False) -> object:
    try:
        count = entail_in_place(store, max_triples=limit, bulk=bulk)
    except InputError as error:
        return str(error)
    if count is None:
        return None
    found = {
        (q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, ENTAILED)
    }
    assert count == len(found)
    return found


_taken = {"native": 0, "left to entailment.py": 0}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_quads, st.one_of(st.none(), st.integers(0, 60)), st.booleans())
def test_the_native_derivation_is_entailment_py(
    quads: list[ox.Quad], limit: int | None, bulk: bool
) -> None:
    store = ox.Store()
    store.extend(quads)
    expected = _python(store, limit)
    found = _native(store, limit, bulk)  # written as a store in a folder writes them, or not
    if found is None:  # left to entailment.py, with nothing written
        _taken["left to entailment.py"] += 1
        assert not store.contains_named_graph(ENTAILED)
        return
    _taken["native"] += 1
    assert found == expected  # the same triples, or the same error where the budget runs out


def test_most_generated_hierarchies_are_derived_natively() -> None:
    # run after the property test: the native path must be what it checked, not the fallback
    if not sum(_taken.values()):
        pytest.skip("the property test did not run")
    assert _taken["native"] > sum(_taken.values()) / 3


def test_the_bundled_graph_is_derived_natively() -> None:
    store = OxigraphStore()
    store.fill(sources(), entailment=False)
    expected = _python(store.native, None)
    assert _native(store.native, None) == expected
    assert len(expected) > 300  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "quads",
    [
        # a sub-property of rdfs:subClassOf widens the class hierarchy
        [(_PROPERTIES[0], SUB_PROPERTY_OF, SUB_CLASS_OF), (_NODES[0], _PROPERTIES[0], _NODES[1])],
        # a blank node in a hierarchy: VALUES cannot name it
        [(ox.BlankNode("c"), SUB_CLASS_OF, _NODES[1]), (_NODES[0], TYPE, ox.BlankNode("c"))],
        # a hierarchy whose closure is past the budget's half: what it may derive is past the rest
        [(_NODES[0], TYPE, _NODES[1]), *((_NODES[1], SUB_CLASS_OF, n) for n in _NODES[2:])],
    ],
)
def test_what_the_native_derivation_leaves_to_entailment_py(
    quads: list[tuple[object, ...]],
) -> None:
    store = ox.Store()
    store.extend(ox.Quad(*q, _GRAPHS[0]) for q in quads)  # type: ignore[misc]
    assert _native(store, 4) is None
    assert not store.contains_named_graph(ENTAILED)
