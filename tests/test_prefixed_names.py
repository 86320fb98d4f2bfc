"""`prefixed_name` (one regex over the curated namespaces) gives what its rule says: the
longest namespace that covers the IRI and leaves a plain local name, on generated IRIs built
to be near misses (namespaces cut short or nested, local names with `.`, `-`, `/`, `#`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vzkg.namespaces import _LOCAL_NAME, PREFIXES, prefixed_name


def _by_the_rule(iri: str) -> tuple[str, str] | None:
    covering = [
        (len(namespace), prefix)
        for prefix, namespace in PREFIXES.items()
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri, len(namespace))
    ]
    if not covering:
        return None
    length, prefix = min(covering, key=lambda found: (-found[0], found[1]))
    return prefix, iri[length:]


_NAMESPACES = sorted(PREFIXES.values())
_STARTS = st.one_of(
    st.sampled_from(_NAMESPACES),
    st.builds(
        lambda n, cut: n[: max(1, len(n) - cut)], st.sampled_from(_NAMESPACES), st.integers(1, 4)
    ),
    st.just("http://example.org/"),
)
_LOCAL = st.text(alphabet="aZ09_.-/#:é%", max_size=8)


@given(start=_STARTS, local=_LOCAL, more=st.sampled_from(["", "id/", "ontology/", "graph/"]))
def test_prefixed_name_is_the_longest_namespace_with_a_plain_local_name(
    start: str, local: str, more: str
) -> None:
    iri = start + more + local
    assert prefixed_name(iri) == _by_the_rule(iri)
