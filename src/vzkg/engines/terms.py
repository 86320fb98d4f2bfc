"""Exact conversion between pyoxigraph's terms and rdflib's.

Lexical forms cross unchanged in both directions (rdflib's normalisation off), plain strings
are rdflib's datatype-less literals (RDF 1.1 makes them ``xsd:string``; rdflib tells them
apart, and vzkg's data is read into the datatype-less form), blank nodes keep their labels.
Oxigraph itself writes some literals in canonical form when it stores them (``"01"^^xsd:integer``
as ``"1"``, ``1e400`` as ``INF``, language tags in lower case): :func:`stored_form`
finds those, so that loading can say so.

rdflib is imported at the first conversion, not with this module: a query answered by Oxigraph
keeps pyoxigraph's terms (:class:`NativeRows`) and may never need it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache

import pyoxigraph as ox

from ..errors import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from typing import overload

    from rdflib import BNode, Literal, URIRef
    from rdflib.term import Identifier, Node

    from ..sparql import Parts

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = ox.NamedNode(_XSD + "string")  # writers.syntax's XSD_STRING, not imported:
# its patterns cost a cold query more than converting its terms

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


@cache
def _rdflib() -> tuple[type[URIRef], type[BNode], type[Literal]]:
    """rdflib's term classes, imported at the first conversion."""
    from rdflib import BNode, Literal, URIRef

    return URIRef, BNode, Literal


def to_rdflib(term: object) -> Node:
    """Return the rdflib term for a pyoxigraph term."""
    URIRef, BNode, Literal = _rdflib()
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
    raise _unsupported(term)


def _unsupported(term: object) -> InputError:
    return InputError(f"vzkg cannot use the term {term!r} (RDF-star triples are not supported)")


def term_parts(term: object) -> Parts:
    """Return what the result writers take of a pyoxigraph term (:data:`vzkg.sparql.Parts`)."""
    if isinstance(term, ox.NamedNode):
        return "uri", term.value, None, None
    if isinstance(term, ox.BlankNode):
        return "bnode", term.value, None, None
    if isinstance(term, ox.Literal):
        if term.language:
            return "literal", term.value, term.language, None
        datatype = term.datatype
        return "literal", term.value, None, None if datatype == _XSD_STRING else datatype.value
    raise _unsupported(term)


Row = tuple["Identifier | None", ...]
#: a row as pyoxigraph gives it: a ``QuerySolution`` (indexed and iterated like a tuple), or
#: a tuple of its terms
NativeRow = Sequence[OxTerm | None]


class NativeRows(Sequence[Row]):
    """The rows of a SELECT answered by Oxigraph, held in pyoxigraph's terms.

    Read as a sequence they are rdflib's terms, as every engine gives: all rows are converted
    at the first read (rdflib imported then, about 0.2 s once; then 3–4 µs a term) and
    kept. The result writers take :meth:`parts` instead, which converts nothing. The rows may
    be pyoxigraph's own ``QuerySolution`` objects: taking each term out costs 2–4 times as
    much as the solutions themselves, so that is left to whoever reads them (pickling, for the
    query's worker process, takes them out).
    """

    def __init__(self, native: Sequence[NativeRow]) -> None:
        self.native = native
        self._converted: tuple[Row, ...] | None = None

    def _rows(self) -> tuple[Row, ...]:
        if self._converted is None:
            self._converted = tuple(
                tuple(None if term is None else to_rdflib(term) for term in row)  # type: ignore[misc]
                for row in self.native
            )
        return self._converted

    def parts(self) -> Iterator[tuple[Parts | None, ...]]:
        """Each row with its terms as :func:`term_parts` gives them, ``None`` for unbound."""
        for row in self.native:
            yield tuple(None if term is None else term_parts(term) for term in row)

    def picked(self, positions: Sequence[int]) -> NativeRows:
        """These rows with the values at *positions*, in that order."""
        return NativeRows(tuple(tuple(row[i] for i in positions) for row in self.native))

    def _terms(self) -> tuple[tuple[OxTerm | None, ...], ...]:
        return tuple(tuple(row) for row in self.native)

    def __reduce__(self) -> tuple[type[NativeRows], tuple[object, ...]]:
        return NativeRows, (self._terms(),)  # a QuerySolution cannot be pickled

    def __len__(self) -> int:
        return len(self.native)

    if TYPE_CHECKING:  # typing.overload needs typing at run time

        @overload
        def __getitem__(self, index: int) -> Row: ...
        @overload
        def __getitem__(self, index: slice) -> NativeRows: ...

    def __getitem__(self, index: int | slice) -> Row | NativeRows:
        if isinstance(index, slice):
            return NativeRows(self.native[index])
        return self._rows()[index]

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NativeRows):
            return self._terms() == other._terms()
        if isinstance(other, Sequence):
            return self._rows() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._rows())

    def __repr__(self) -> str:
        return repr(self._rows())


def to_oxigraph(term: Node) -> OxTerm:
    """Return the pyoxigraph term for an rdflib term."""
    URIRef, BNode, Literal = _rdflib()
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
        from ..writers.syntax import RDF_LANG_STRING

        if term.datatype is not None and str(term.datatype) != RDF_LANG_STRING:
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
    ox.NamedNode(_XSD + name)
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
    if not isinstance(term, _rdflib()[2]) or not isinstance(converted, ox.Literal):
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
