"""Content negotiation: which format an answer is written in, from the client's ``Accept``.

SELECT and ASK answers are written in the W3C result formats, CONSTRUCT and DESCRIBE answers
(and the VoID description) in RDF syntaxes; the names are those of :mod:`vzkg.formats`. The
endpoint does not know what kind a query is until it has parsed it, so it negotiates both
kinds up front, refuses at once (406) an ``Accept`` that neither can meet, and lets the worker
pick from the matching list once the kind is known.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Media types of the SPARQL results formats, in the order the endpoint prefers them; the
#: generic JSON and XML types come last, for browsers and simple clients.
RESULT_TYPES: Mapping[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
#: Media types of the RDF syntaxes a graph is written in, in the order the endpoint prefers them.
GRAPH_TYPES: Mapping[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
    "application/turtle": "turtle",  # sent by SPARQLWrapper beside text/turtle
    "application/json": "jsonld",
    "application/xml": "xml",
    "text/xml": "xml",
}
Choices = tuple[tuple[str, str], ...]  # (media type, format), best first


def content_type(media_type: str) -> str:
    """The ``Content-Type`` of an answer in *media_type*: text is always UTF-8."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their weights; a malformed weight makes
    its range count for nothing rather than for everything."""
    ranges = []
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if "/" not in media:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    weight = 0.0
        ranges.append((media.lower(), weight))
    return ranges


def _weight(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The weight the client gives *media_type*: that of its most specific matching range."""
    kind = media_type.split("/")[0]
    best: tuple[int, float] = (-1, 0.0)
    for media, weight in ranges:
        if media == media_type:
            specificity = 2
        elif media == f"{kind}/*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        best = max(best, (specificity, weight), key=lambda pair: pair[0])
    return best[1]


def negotiate(accept: str | None, offered: Mapping[str, str]) -> Choices:
    """The formats of *offered* that the client accepts, each once under the media type it
    matched, best first: by the client's weight, then in the endpoint's order. No ``Accept``
    (or an empty one) accepts everything.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    (('application/sparql-results+xml', 'xml'), ('text/csv', 'csv'))
    >>> negotiate("*/*", GRAPH_TYPES)[0], negotiate("text/html", GRAPH_TYPES)
    (('text/turtle', 'turtle'), ())
    """
    if accept is None or not accept.strip():
        weighted = [(1.0, order, media) for order, media in enumerate(offered)]
    else:
        ranges = _ranges(accept)
        weighted = [(_weight(media, ranges), order, media) for order, media in enumerate(offered)]
    chosen: dict[str, str] = {}
    for weight, _, media in sorted(weighted, key=lambda item: (-item[0], item[1])):
        if weight > 0:
            chosen.setdefault(offered[media], media)
    return tuple((media, fmt) for fmt, media in chosen.items())
