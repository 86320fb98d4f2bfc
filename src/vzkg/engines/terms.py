"""Exact conversion between pyoxigraph's terms and rdflib's.

Lexical forms cross unchanged in both directions (rdflib's normalisation off), plain strings
are rdflib's datatype-less literals (RDF 1.1 makes them ``xsd:string``; rdflib tells them
apart, and vzkg's data is read into the datatype-less form), blank nodes keep their labels.
Oxigraph itself writes some literals in canonical form when it stores them (``"01"^^xsd:integer``
as ``"1"``, ``1e400`` as ``INF``, language tags in lower case): :func:`stored_form`
finds those, so that loading can say so.
"""

from __future__ import annotations

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
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _LANG_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise InputError(f"vzkg cannot store the term {term!r}")


def _bnode_label(label: str) -> str:
    # Oxigraph's labels are N-Triples blank node labels; rdflib's may hold other characters
    if label and all(c.isalnum() or c in "_-" for c in label):
        return label
    return "x" + label.encode("utf-8").hex()


_NUMERIC = {
    str(XSD[name])
    for name in (
        "integer decimal double float int long short byte nonNegativeInteger "
        "nonPositiveInteger negativeInteger positiveInteger unsignedLong unsignedInt "
        "unsignedShort unsignedByte"
    ).split()
}
_SCRATCH = ox.NamedNode("urn:vzkg:scratch")


def stored_form(term: Node, converted: OxTerm) -> str | None:
    """How Oxigraph keeps the literal *term*, when not as written (see the module's note):
    it lowercases language tags and writes numbers in canonical form, which only storing
    shows (the literal object still holds the written form)."""
    if not isinstance(term, Literal) or not isinstance(converted, ox.Literal):
        return None
    if term.language and term.language != term.language.lower():
        return str(converted)
    if str(term.datatype) not in _NUMERIC:
        return None
    return _stored_number(str(term), str(term.datatype))


@lru_cache(maxsize=4096)
def _stored_number(lexical: str, datatype: str) -> str | None:
    """What storing does to a number (a scratch store; the same numbers recur)."""
    scratch = ox.Store()
    scratch.add(ox.Quad(_SCRATCH, _SCRATCH, ox.Literal(lexical, datatype=ox.NamedNode(datatype))))
    stored = next(iter(scratch.quads_for_pattern(None, None, None))).object
    if not isinstance(stored, ox.Literal) or stored.value == lexical:
        return None
    return str(stored)
