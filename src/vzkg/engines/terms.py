"""Exact conversion between pyoxigraph's terms and rdflib's.

Lexical forms cross unchanged in both directions (rdflib's normalisation off), plain strings
are rdflib's datatype-less literals (RDF 1.1 makes them ``xsd:string``; rdflib tells them
apart, and vzkg's data is read into the datatype-less form), blank nodes keep their labels.
Oxigraph itself writes some literals in canonical form when it stores them (``"01"^^xsd:integer``
as ``"1"``, ``1e400`` as ``INF``, language tags in lower case): :func:`stored_form`
finds those, so that loading can say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import InputError

_XSD_STRING = ox.NamedNode(str(XSD.string))
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def to_rdflib(term: object) -> Node:
    """Return the rdflib term for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        if term.datatype == _XSD_STRING:
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise InputError(f"vzkg cannot use the term {term!r} (RDF-star triples are not supported)")


def to_oxigraph(term: Node) -> OxTerm:
    """Return the pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(_bnode_label(str(term)))
    if isinstance(term, Literal):
        if term.language:
            try:
                return ox.Literal(str(term), language=term.language)
            except ValueError:  # rdflib takes tags BCP 47 does not, such as @a
                raise InputError(
                    f"Oxigraph cannot store the language tag {term.language!r}"
                ) from None
        if term.datatype is not None and str(term.datatype) != _LANG_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise InputError(f"vzkg cannot store the term {term!r}")


def _bnode_label(label: str) -> str:
    # Oxigraph's labels are N-Triples blank node labels; rdflib's may hold other characters
    if label and all(c.isalnum() or c in "_-" for c in label):
        return label
    return "x" + label.encode("utf-8").hex()


#: the datatypes whose literals Oxigraph stores as values, and gives back in canonical form
CANONICALISED = frozenset(
    ox.NamedNode(str(XSD[name]))
    for name in (
        "integer decimal double float int long short byte nonNegativeInteger "
        "nonPositiveInteger negativeInteger positiveInteger unsignedLong unsignedInt "
        "unsignedShort unsignedByte boolean dateTime dateTimeStamp date time gYearMonth gYear "
        "gMonthDay gDay gMonth duration yearMonthDuration dayTimeDuration"
    ).split()
)
_SCRATCH = ox.NamedNode("urn:vzkg:scratch")


def stored_form(term: Node, converted: OxTerm) -> str | None:
    """How Oxigraph keeps the literal *term*, when not as written (see the module's note):
    it lowercases language tags and writes numbers, booleans, dates and durations in
    canonical form, which only storing shows (the literal object still holds the written
    form)."""
    if not isinstance(term, Literal) or not isinstance(converted, ox.Literal):
        return None
    if term.language and term.language != term.language.lower():
        return str(converted)
    if converted.datatype not in CANONICALISED:
        return None
    return _stored(converted)


@lru_cache(maxsize=4096)
def _stored(literal: ox.Literal) -> str | None:
    changed = canonical_forms([literal])
    return str(changed[literal]) if literal in changed else None


def canonical_forms(literals: Iterable[ox.Literal]) -> dict[ox.Literal, ox.Literal]:
    """What storing makes of each of *literals* that it changes: they go through one scratch
    store, each the object of a subject of its own."""
    written = list(dict.fromkeys(literals))
    scratch = ox.Store()
    scratch.extend(
        ox.Quad(ox.NamedNode(f"urn:vzkg:scratch:{i}"), _SCRATCH, literal)
        for i, literal in enumerate(written)
    )
    changed = {}
    for quad in scratch:
        before = written[int(quad.subject.value.rpartition(":")[2])]
        if quad.object != before:
            changed[before] = quad.object
    return changed  # type: ignore[return-value]
