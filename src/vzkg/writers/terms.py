"""RDF terms (rdflib's) in N-Triples syntax; the IRIs and strings that no RDF syntax can
carry are refused and escaped in :mod:`vzkg.writers.syntax`, through which every writer goes.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..sparql import rdflib_parts
from .syntax import RDF_LANG_STRING as RDF_LANG_STRING  # re-exported for the writers
from .syntax import XSD_STRING as XSD_STRING
from .syntax import check_iri as check_iri
from .syntax import check_text as check_text
from .syntax import iri_syntax as iri_syntax
from .syntax import shown as shown
from .syntax import string_syntax as string_syntax
from .syntax import term_syntax
from .syntax import value_of as value_of


def check_terms(quads: Iterable[tuple[Node, ...]]) -> None:
    """Refuse the first IRI or literal of *quads* that no RDF syntax could write unchanged."""
    seen: set[Node] = set()
    for quad in quads:
        for term in quad:
            if term in seen:
                continue
            seen.add(term)
            if isinstance(term, URIRef):
                check_iri(term)
            elif isinstance(term, Literal):
                check_text(term)
                if term.datatype is not None:
                    check_iri(term.datatype)


def term_to_ntriples(term: Node | None) -> str:
    """Write *term* in N-Triples syntax (as N-Triples, N-Quads and the TSV results format do).

    >>> from rdflib import Literal
    >>> print(term_to_ntriples(Literal("two\\nlines", lang="en")))
    "two\\nlines"@en
    """
    return "" if term is None else term_syntax(*rdflib_parts(term))  # type: ignore[arg-type]


def statement_line(terms: Iterable[Node | None]) -> str:
    """One statement of N-Triples or N-Quads (a graph name of None left out), without its
    line break."""
    return " ".join(term_to_ntriples(t) for t in terms if t is not None) + " ."
