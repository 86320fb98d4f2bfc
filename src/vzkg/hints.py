"""Why a query may find nothing: the vzkg IRIs it names that the graph does not hold.

A misspelt term (``vzkg:saidOn``) or an instance guessed from a name (``vz:trump``) matches
nothing, and the query answers with an empty table. :func:`unknown_iris` names each such IRI
of the ``vzkg:`` and ``vz:`` namespaces with the nearest ones the graph holds, so that
:func:`vzkg.query` can say so in :attr:`~vzkg.sparql.QueryResult.notes`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib.paths import Path

from .errors import UnknownEntityError
from .namespaces import VZ, compact
from .text import listing
from .vocab import VZKG

_OURS = (str(VZ), str(VZKG))
_CONSTRUCT_TEMPLATE = "template"  # the IRIs a CONSTRUCT writes need not exist yet


def iris_in(algebra: object) -> Iterator[URIRef]:
    """Yield every IRI of a query's algebra (rdflib's), its CONSTRUCT template left out."""
    pending = [algebra]
    while pending:
        node = pending.pop()
        if isinstance(node, URIRef):
            yield node
        elif isinstance(node, dict):
            pending.extend(v for k, v in node.items() if k != _CONSTRUCT_TEMPLATE)
        elif isinstance(node, (list, tuple, set, frozenset)):
            pending.extend(node)
        elif isinstance(node, Path):
            pending.extend(vars(node).values())


def _known(graph: Graph, iri: URIRef) -> bool:
    return any(
        pattern in graph  # type: ignore[operator]
        for pattern in ((iri, None, None), (None, iri, None), (None, None, iri))
    )


def unknown_iris(graph: Graph, iris: Iterable[URIRef]) -> list[str]:
    """Return a note for each ``vzkg:`` or ``vz:`` IRI of *iris* that *graph* does not hold.

    >>> import vzkg
    >>> kg = vzkg.load()
    >>> for note in unknown_iris(kg, [VZKG.saidAt, URIRef(f"{VZKG}saidOn"), VZ.trump]):
    ...     print(note)
    vz:trump is not in the graph; did you mean vz:donald-trump?
    vzkg:saidOn is not in the graph; did you mean vzkg:saidAt?
    """
    # str(): rdflib's URIRef.startswith ignores a tuple of prefixes
    ours = {iri for iri in iris if str(iri).startswith(_OURS)}
    missing = sorted((iri for iri in ours if not _known(graph, iri)), key=str)
    if not missing:
        return []
    held = _held(graph)
    notes = []
    for iri in missing:
        close = _nearest(graph, iri, held)
        hint = f"; did you mean {listing(close, 'or')}?" if close else "; nothing like it is either"
        notes.append(f"{compact(str(iri))} is not in the graph{hint}")
    return notes


def _held(graph: Graph) -> list[str]:
    """Every IRI of vzkg's namespaces in *graph*, sorted."""
    found: set[str] = set()
    for triple in graph.triples((None, None, None)):
        found.update(str(t) for t in triple if isinstance(t, URIRef) and str(t).startswith(_OURS))
    return sorted(found)


def _nearest(graph: Graph, iri: URIRef, held: list[str]) -> list[str]:
    """Up to three IRIs of *held* in *iri*'s namespace, nearest first: the same name in another
    case (then only that), an entity whose label holds the name's words (``vz:trump``: Donald
    Trump), then names spelt alike."""
    namespace = max((ns for ns in _OURS if str(iri).startswith(ns)), key=len)
    local = str(iri)[len(namespace) :]
    names = [h[len(namespace) :] for h in held if h.startswith(namespace)]
    picks = [name for name in names if name.casefold() == local.casefold()]
    if picks:  # vzkg:accusation: surely vzkg:Accusation
        return [compact(namespace + name) for name in picks][:3]
    if namespace == str(VZ):
        picks += _named(graph, local)
    picks += difflib.get_close_matches(local, names, cutoff=0.6)
    return [compact(namespace + name) for name in dict.fromkeys(picks)][:3]


def _named(graph: Graph, local: str) -> list[str]:
    """The local names of the entities whose names hold the words of *local*."""
    from .entities import match  # entities runs queries: import it only when needed

    words = " ".join(re.split(r"[-_.\s]+", local)).strip()
    try:
        found = match(graph, words).entities if words else ()
    except UnknownEntityError:
        return []
    return [str(e)[len(VZ) :] for e in found if str(e).startswith(str(VZ))]
