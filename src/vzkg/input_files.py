"""The files a load reads, in its order, and the syntax each one's extension names.

Apart from :mod:`vzkg.store` so that an engine that parses files itself (Oxigraph) reads
them without importing rdflib (a third of a second).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .bundled import Source, bundled_sources
from .errors import InputError
from .files import read_bytes
from .limits import MAX_INPUT_BYTES
from .text import kind_of

#: RDF syntaxes rdflib reads, by file extension.
SYNTAX_BY_EXTENSION = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".n3": "n3",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}


def syntax_for(path: str | Path) -> str:
    """Return the rdflib parser name for *path*, from its extension.

    >>> syntax_for("data/extra.ttl")
    'turtle'
    """
    suffix = Path(path).suffix.lower()
    try:
        return SYNTAX_BY_EXTENSION[suffix]
    except KeyError:
        known = ", ".join(sorted(SYNTAX_BY_EXTENSION))
        raise InputError(
            f"cannot tell the RDF syntax of {path} from its extension; use one of {known}"
        ) from None


def sources(
    *paths: str | Path,
    bundled: bool = True,
    ontology: bool = True,
    max_input_bytes: int | None = MAX_INPUT_BYTES,
) -> Iterator[Source]:
    """The inputs :func:`vzkg.load` reads, in its order, each file read only when its turn
    comes (so the errors come in the same order whatever reads them)."""
    yield from bundled_sources(bundled=bundled, ontology=ontology)
    for raw in paths:
        if not isinstance(raw, (str, Path)):
            raise InputError(f"a file to load is a path, not {kind_of(raw)}")
        path = Path(raw)
        syntax = syntax_for(path)
        data = read_bytes(path, max_bytes=max_input_bytes)
        yield Source(data, syntax, str(path), path.resolve().as_uri())
