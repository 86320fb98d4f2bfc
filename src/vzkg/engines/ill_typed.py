"""What rdflib logs of the typed literals it cannot convert ("Failed to convert Literal
lexical form to value"), for the files Oxigraph reads itself.

rdflib logs a literal when the converter of its datatype raises. Most literals are in a form
that converter surely takes (``"42"^^xsd:integer``, ``"2025-03-23"^^xsd:date``) or have none
to run (``xsd:gYear``): those are told here without importing rdflib, which took a third of a
second of a load; only the others are built as rdflib builds them.
``tests/test_ill_typed.py`` holds every form said to be taken to rdflib's silence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
# int() takes up to 4,300 digits; Decimal() and float() any number in these forms
_INTEGER = re.compile(r"[+-]?[0-9]{1,300}")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,300}(?:\.[0-9]{1,300})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"
)


def _calendar_date(text: str) -> bool:
    """rdflib reads an xsd:date of this form with ``date.fromisoformat`` (isodate's
    ``parse_date`` before Python 3.11, which takes what it takes)."""
    from datetime import date  # here: importing it (and logging) took a load a tenth longer

    try:
        return _DATE.fullmatch(text) is not None and date.fromisoformat(text) is not None
    except ValueError:
        return False


def _date_time(text: str) -> bool:
    """rdflib reads an xsd:dateTime with ``datetime.fromisoformat`` (isodate before 3.11)."""
    from datetime import datetime

    try:
        return _DATE_TIME.fullmatch(text) is not None and datetime.fromisoformat(text) is not None
    except ValueError:
        return False


def _always(text: str) -> bool:
    return True


_INTEGERS = (
    "integer nonPositiveInteger long nonNegativeInteger negativeInteger int unsignedLong "
    "positiveInteger short unsignedInt byte unsignedShort unsignedByte"
)
#: per datatype, the lexical forms its rdflib converter surely takes (where a call is truthy)
TAKEN: dict[str, Callable[[str], object]] = {
    **{_XSD + name: _INTEGER.fullmatch for name in _INTEGERS.split()},
    **{_XSD + name: _DECIMAL.fullmatch for name in ("decimal", "double", "float")},
    _XSD + "boolean": _always,  # rdflib warns of another word, but logs none
    _XSD + "gYear": _always,  # no converter: kept as text
    _XSD + "gYearMonth": _always,
    _XSD + "date": _calendar_date,
    _XSD + "dateTime": _date_time,
}


def taken(literal: ox.Literal) -> bool:
    """Whether rdflib surely converts *literal* without a word (see :data:`TAKEN`)."""
    check = TAKEN.get(literal.datatype.value)
    return check is not None and bool(check(literal.value))


def log_ill_typed(literals: Iterable[ox.Literal]) -> None:
    """Log what rdflib logs of each of *literals* that does not fit its datatype: each is
    built as rdflib would build it, but one :func:`taken`, or seen to log nothing, is not."""
    counted = _Counted()
    term_log = None
    quiet: set[ox.Literal] = set()
    try:
        for literal in literals:
            if literal in quiet:
                continue
            if taken(literal):
                quiet.add(literal)
                continue
            if term_log is None:  # the first literal in doubt
                import logging

                term_log = logging.getLogger("rdflib.term")
                term_log.addFilter(counted)
            from rdflib import Literal, URIRef

            before = counted.count
            Literal(literal.value, datatype=URIRef(literal.datatype.value))
            if counted.count == before:
                quiet.add(literal)
    finally:
        if term_log is not None:
            term_log.removeFilter(counted)


class _Counted:
    """A logging filter that counts the records it lets through."""

    count = 0

    def filter(self, record: object) -> bool:
        self.count += 1
        return True
