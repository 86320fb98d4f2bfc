"""The curated prefixes every vzkg output uses, and CURIEs made with them.

Kept apart from :mod:`vzkg.namespaces` (rdflib's ``Namespace`` objects) so that a query
answered by Oxigraph and written as text never imports rdflib (about 0.2 s of a cold start).
"""

from __future__ import annotations

import re

from .errors import InputError
from .resources import resource_bytes

# a key and its value, strings without escapes
_PAIR = rb'"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*"([^"\\\x00-\x1f]*)"'


def read_context(data: bytes) -> dict[str, str]:
    """The prefixes of the JSON-LD context *data*, as ``json.loads(data)["@context"]`` gives
    them: a flat context of strings without escapes (the bundled one) read with a pattern,
    anything else by :mod:`json`, whose import costs a cold query more than the query."""
    pairs = re.findall(_PAIR, data)
    # flat: with each pair made a NUL (JSON has none), only the frame, commas and whitespace
    frame = re.sub(_PAIR, b"\0", data) if b"\0" not in data else b""
    flat = b'{"@context":{' + b",".join([b"\0"] * len(pairs)) + b"}}"
    if b'"@context"' in frame and frame.translate(None, b" \t\n\r") == flat:
        try:
            return {key.decode("utf-8"): value.decode("utf-8") for key, value in pairs}
        except UnicodeDecodeError:
            pass  # json says what is wrong
    import json

    return json.loads(data)["@context"]  # type: ignore[no-any-return]


_CONTEXT = resource_bytes("data", "context.jsonld")
if _CONTEXT is None:
    raise InputError("bundled file 'data/context.jsonld' is missing from this installation")
#: The prefixes of every serialisation and the ones a query may use without declaring them:
#: the curated JSON-LD context that ships with the package (``vzkg/data/context.jsonld``).
PREFIXES: dict[str, str] = read_context(_CONTEXT)


def compact(iri: str) -> str:
    """Return *iri* as a CURIE when a curated prefix covers it, else unchanged.

    >>> compact("https://w3id.org/vzkg/id/donald-trump")
    'vz:donald-trump'
    >>> compact("http://example.org/x")
    'http://example.org/x'
    """
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if not best:
        return iri
    local = iri[len(PREFIXES[best]) :]
    if local and all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
        return f"{best}:{local}"
    return iri
