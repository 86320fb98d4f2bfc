"""Text from strangers: checked to be real Unicode on the way in, made harmless for a
terminal on the way out."""

from __future__ import annotations

import re

from .errors import InputError

# \uD800 or \U0000DC00 in Turtle, N-Triples, TriG or JSON: an escaped surrogate, which no
# output can write; JSON pairs two of them for one character, so the parsed terms decide
ESCAPED_SURROGATE = re.compile(rb"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")


def require_text(value: object, what: str) -> str:
    """Return *value* if it is a string that UTF-8 can hold, else raise :class:`InputError`.

    Lone surrogates are what undecodable bytes of a command-line argument become, and what
    ``\\uD800`` escapes make: no output format can carry them.

    >>> require_text("Nicolás", "the name")
    'Nicolás'
    >>> require_text(None, "the query")
    Traceback (most recent call last):
    ...
    vzkg.errors.InputError: the query must be text, not None
    """
    if not isinstance(value, str):
        raise InputError(f"{what} must be text, not {kind_of(value)}")
    if not value.isascii():
        surrogate = lone_surrogate(value)
        if surrogate is not None:
            raise InputError(
                f"{what} is not valid UTF-8 text: it holds {surrogate!r}, which is not a "
                "character (undecodable bytes, or a \\u escape of a surrogate)"
            )
    return value


def kind_of(value: object) -> str:
    """Name the type of *value* for a message: ``None``, ``str``, ``int``…"""
    return "None" if value is None else type(value).__name__


def listing(items: list[str], conjunction: str = "and") -> str:
    """Join *items* as a sentence lists them.

    >>> listing(["a", "b", "c"], "or")
    'a, b or c'
    """
    if len(items) < 3:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} {items[-1]}"


def lone_surrogate(text: str) -> str | None:
    """Return the first lone surrogate (U+D800 to U+DFFF) in *text*, or None."""
    try:  # UTF-8 refuses exactly those (a pattern cost a cold query a millisecond to compile)
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return text[error.start]
    return None


# compiled at first use (re keeps them): compiling them took a cold query 4-11 ms

# What a terminal obeys instead of showing: C0 controls but tab and line feed (and carriage
# return before a line feed), DEL, C1 controls (ESC's 8-bit forms among them) and the bidi
# overrides that reorder what is shown.
_C0 = r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_OTHER = "[\x80-\x9f\u202a-\u202e\u2066-\u2069]"


def printable(text: str) -> str:
    """Show control characters instead of letting a terminal obey them.

    C0 controls become their Unicode control pictures (one character each, so tables stay
    aligned); C1 controls and bidi overrides become ``\\x9b``-style escapes.

    >>> printable("\\x1b[31mred\\x1b[0m\\n")
    '␛[31mred␛[0m\\n'
    >>> printable("a\\u202eb")
    'a\\\\u202eb'
    """
    if text.isascii() and text.isprintable():
        return text
    text = re.sub(_C0, _picture, text)
    return re.sub(_OTHER, lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return "\u2421" if code == 0x7F else chr(0x2400 + code)
