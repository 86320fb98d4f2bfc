"""rdflib's RDF/XML parser, with the text of each element handed over in one piece.

expat reports text in small pieces (every ``&amp;`` is a piece of its own) and rdflib's
handler appends each to a string, which is quadratic: four megabytes of ``&amp;`` took over
30 s, and a 953-byte "billion laughs" file never finished, although expat (2.4 and later)
stops entity expansion past a hundredfold amplification. Here the pieces are joined first, so
both end in a second: the first parsed, the second refused by expat.
"""

from __future__ import annotations

import pyexpat
from typing import Any

from rdflib import Graph
from rdflib.parser import InputSource
from rdflib.plugins.parsers.rdfxml import RDFXMLHandler, create_parser
from rdflib.plugins.parsers.rdfxml import RDFXMLParser as _RDFXMLParser

from .errors import InputError

#: The name this parser is registered under with rdflib.
PLUGIN = "vzkg-rdfxml"
_JOIN_EVERY = 4096  # pieces; keeps the pending text's memory close to its length


class _JoiningHandler(RDFXMLHandler):
    def reset(self) -> None:
        super().reset()
        self._pieces: list[str] = []

    def characters(self, content: str) -> None:
        self._pieces.append(content)
        if len(self._pieces) >= _JOIN_EVERY:
            self._pieces[:] = ["".join(self._pieces)]

    def _flush(self) -> None:
        if self._pieces:
            text = "".join(self._pieces)
            self._pieces.clear()
            super().characters(text)

    def startElementNS(self, name: Any, qname: Any, attrs: Any) -> None:
        self._flush()
        super().startElementNS(name, qname, attrs)

    def endElementNS(self, name: Any, qname: Any) -> None:
        self._flush()
        super().endElementNS(name, qname)


class RDFXMLParser(_RDFXMLParser):
    """rdflib's RDF/XML parser with a handler that joins text before using it."""

    def parse(self, source: InputSource, sink: Graph, **args: Any) -> None:
        if pyexpat.version_info < (2, 4, 0):
            raise InputError("reading RDF/XML safely needs expat 2.4 or newer")
        self._parser = create_parser(source, sink)
        handler = _JoiningHandler(sink)
        handler.setDocumentLocator(source)  # type: ignore[arg-type]  # as rdflib does
        handler.preserve_bnode_ids = args.get("preserve_bnode_ids") or False
        self._parser.setContentHandler(handler)
        self._parser.parse(source)
