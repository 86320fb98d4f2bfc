"""The curated prefixes every vzkg output uses, and CURIEs made with them.

Kept apart from :mod:`vzkg.namespaces` (rdflib's ``Namespace`` objects) so that a query
answered by Oxigraph and written as text never imports rdflib (about 0.2 s of a cold start).
"""

from __future__ import annotations

import json

from .errors import InputError
from .resources import resource_bytes

_CONTEXT = resource_bytes("data", "context.jsonld")
if _CONTEXT is None:
    raise InputError("bundled file 'data/context.jsonld' is missing from this installation")
#: The prefixes of every serialisation and the ones a query may use without declaring them:
#: the curated JSON-LD context that ships with the package (``vzkg/data/context.jsonld``).
PREFIXES: dict[str, str] = json.loads(_CONTEXT)["@context"]


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
