"""RDF/XML, written by vzkg: flat, one ``rdf:Description`` per subject, sorted.

RDF/XML names each predicate as an XML element, so a predicate IRI must end in an XML name
(an NCName); a graph with one that does not is refused, not written wrongly. XML 1.0 cannot
hold most control characters at all, so literals with them are refused too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError
from ..namespaces import PREFIXES
from .terms import RDF_LANG_STRING, XSD_STRING, check_iri, check_text, shown
from .turtle import Triple, term_order

_RDF = PREFIXES["rdf"]
# ASCII NCNames: every XML parser reads them, whatever Unicode version it knows.
_NCNAME_END = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
# Names of RDF/XML's own syntax, which cannot be property elements.
_SYNTAX_NAMES = {
    "RDF",
    "Description",
    "ID",
    "about",
    "parseType",
    "resource",
    "nodeID",
    "datatype",
    "li",
    "aboutEach",
    "aboutEachPrefix",
    "bagID",
}
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# `\r` would be read back as `\n`; the others are escaped so no reader splits a line on them.
_XML_ESCAPES = re.compile("[&<>\r\x7f-\x9f\u2028\u2029]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def xml_text(text: str) -> str:
    """*text* as XML 1.0 character data that reads back unchanged; refused if it cannot be.

    >>> xml_text("a < b\\r\\n")
    'a &lt; b&#13;\\n'
    """
    check_text(text)
    bad = _NOT_IN_XML.search(text)
    if bad:
        raise InputError(
            f"cannot write {text[:40]!r} in XML: XML 1.0 cannot hold the character {bad.group()!r}"
        )
    return _XML_ESCAPES.sub(lambda m: _ENTITIES.get(m.group()) or f"&#{ord(m.group())};", text)


def _attribute(text: str) -> str:
    """*text* as a quoted XML attribute value (where white space would be normalised)."""
    value = xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return f'"{value}"'


def _split(predicate: str) -> tuple[str, str]:
    """Split a predicate IRI into namespace and local name, or refuse it."""
    check_iri(predicate)
    match = _NCNAME_END.search(predicate)  # the longest XML name that ends the IRI
    if match is None:
        raise InputError(
            f"cannot write the predicate {shown(predicate)} in RDF/XML: "
            "it does not end in an XML name"
        )
    namespace, local = predicate[: match.start()], match.group()
    if any(char.isspace() for char in namespace):
        # XML readers (Python's among them) split element names on Unicode white space
        raise InputError(
            f"cannot write the predicate {shown(predicate)} in RDF/XML: it holds white space"
        )
    if namespace == _RDF and local in _SYNTAX_NAMES:
        raise InputError(f"cannot write the predicate rdf:{local} in RDF/XML: it is syntax there")
    return namespace, local


def _prefixes(namespaces: set[str]) -> dict[str, str]:
    """Curated prefixes where they fit, ``ns1``, ``ns2``… (in namespace order) for the rest."""
    curated = {namespace: prefix for prefix, namespace in PREFIXES.items()}
    names: dict[str, str] = {}
    others = 0
    for namespace in sorted(namespaces):
        if namespace in curated:
            names[namespace] = curated[namespace]
        else:
            others += 1
            names[namespace] = f"ns{others}"
    return names


def _subject(term: Node) -> str:
    if isinstance(term, BNode):
        return f"rdf:nodeID={quoteattr(str(term))}"
    return f"rdf:about={_attribute(str(term))}"


def _property(tag: str, term: Node) -> str:
    if isinstance(term, URIRef):
        return f"    <{tag} rdf:resource={_attribute(term)}/>"
    if isinstance(term, BNode):
        return f"    <{tag} rdf:nodeID={quoteattr(str(term))}/>"
    assert isinstance(term, Literal)
    attribute = ""
    if term.language:
        attribute = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and str(term.datatype) not in (XSD_STRING, RDF_LANG_STRING):
        attribute = f" rdf:datatype={_attribute(term.datatype)}"
    return f"    <{tag}{attribute}>{xml_text(term)}</{tag}>"


def write_rdfxml(triples: Iterable[Triple]) -> str:
    """RDF/XML for *triples*, whose blank nodes already carry their stable labels."""
    ordered = sorted(triples, key=lambda t: tuple(map(term_order, t)))
    split = {p: _split(str(p)) for p in {t[1] for t in ordered}}
    prefixes = _prefixes({namespace for namespace, _ in split.values()} | {_RDF})
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines.extend(f"   xmlns:{prefixes[ns]}={_attribute(ns)}" for ns in sorted(prefixes))
    lines[-1] += ">"
    current: Node | None = None
    for s, p, o in ordered:
        if s != current:
            if current is not None:
                lines.append("  </rdf:Description>")
            lines.append(f"  <rdf:Description {_subject(s)}>")
            current = s
        namespace, local = split[p]
        lines.append(_property(f"{prefixes[namespace]}:{local}", o))
    if current is not None:
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return "\n".join(lines) + "\n"
