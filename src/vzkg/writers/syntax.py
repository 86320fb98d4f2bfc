"""IRIs and strings in the syntax of N-Triples, Turtle and SPARQL, and those no RDF syntax
can carry: plain text in, plain text out, so that writers of any terms (rdflib's, pyoxigraph's)
escape alike and need not import rdflib.

A line break of any kind (``\\n``, ``\\r``, U+0085, U+2028, U+2029), every other control
character and the non-characters U+FFFE/U+FFFF are written as escapes, which all RDF parsers
read back as the same character.
"""

from __future__ import annotations

import re

from ..errors import InputError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# What Turtle, N-Triples and SPARQL forbid in an IRI, plus the control characters RFC 3987
# leaves out of IRIs; rdflib accepts all of them (a space with a warning, `\u003E` silently).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f\ud800-\udfff\ufffe\uffff]')
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters written as escapes: in strings, quotes, backslashes, line breaks and controls; in
# IRIs (which cannot hold the others), the line breaks that some readers split lines on.
_STRING_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]')
_IRI_ESCAPE = re.compile(r"[\u2028\u2029]")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNESCAPES = {escape: char for char, escape in _SHORT_ESCAPES.items()}
_ESCAPED = re.compile(r"\\(?:u[0-9A-F]{4}|.)")


def shown(text: str) -> str:
    """*text* quoted on one line, every control character escaped, cut at 80 characters."""
    return repr(text if len(text) <= 80 else text[:79] + "…")


def check_iri(iri: str) -> None:
    """Refuse an IRI that would have to be changed to be written in any RDF syntax.

    >>> check_iri("http://x/a b")
    Traceback (most recent call last):
    ...
    vzkg.errors.InputError: cannot use the IRI 'http://x/a b': ' ' is not allowed in an IRI
    """
    bad = _NOT_IN_IRI.search(iri)
    if bad:
        raise InputError(
            f"cannot use the IRI {shown(iri)}: {shown(bad.group())} is not allowed in an IRI"
        )
    if not _SCHEME.match(iri):
        raise InputError(f"cannot use the IRI {shown(iri)}: it is not absolute (no scheme)")
    if iri.count("#") > 1 or _BAD_PERCENT.search(iri):
        # strict readers (Oxigraph, Jena) refuse these, so an export holding one is unreadable
        raise InputError(f"cannot use the IRI {shown(iri)}: a second '#' or a bad %-escape")


def check_text(text: str) -> None:
    """Refuse a string holding a lone surrogate, which UTF-8 cannot encode."""
    if _SURROGATE.search(text):
        raise InputError(f"cannot use the string {shown(text)}: it holds a lone surrogate")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def string_syntax(text: str) -> str:
    """*text* as a quoted string of N-Triples, Turtle and SPARQL, on one line.

    >>> print(string_syntax('say "hi"\\n\\u2028'))
    "say \\"hi\\"\\n\\u2028"
    """
    check_text(text)
    return f'"{_STRING_ESCAPE.sub(_escape, text)}"'


def _unescape(match: re.Match[str]) -> str:
    escape = match.group()
    return _UNESCAPES.get(escape) or chr(int(escape[2:], 16))


def value_of(written: str) -> str:
    """The string that :func:`string_syntax` or the IRI that :func:`iri_syntax` wrote as
    *written*.

    >>> value_of(string_syntax('say "hi"\\n\\u2028')) == 'say "hi"\\n\\u2028'
    True
    """
    text = written[1:-1]
    return _ESCAPED.sub(_unescape, text) if "\\" in text else text


def iri_syntax(iri: str) -> str:
    """*iri* in angle brackets, refused if it cannot be written unchanged."""
    check_iri(iri)
    return f"<{_IRI_ESCAPE.sub(_escape, iri)}>"


def term_syntax(kind: str, value: str, language: str | None, datatype: str | None) -> str:
    """A term given as its plain parts (*kind* "uri", "bnode" or "literal"; *datatype* None
    for a plain string) in N-Triples syntax, which N-Quads and the TSV results format share.

    >>> print(term_syntax("literal", "two\\nlines", "en", None))
    "two\\nlines"@en
    """
    if kind == "uri":
        return iri_syntax(value)
    if kind == "bnode":
        return f"_:{value}"
    if language:
        return f"{string_syntax(value)}@{language}"
    if datatype:
        return f"{string_syntax(value)}^^{iri_syntax(datatype)}"
    return string_syntax(value)
