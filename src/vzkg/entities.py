"""Finding an entity from what a person types: a label in any language, a Wikidata QID, a
CURIE or an IRI."""

from __future__ import annotations

import difflib
import re
import unicodedata

from rdflib import Graph, URIRef

from .errors import UnknownEntityError
from .namespaces import PREFIXES, WD, compact
from .sparql import query
from .text import require_text

_NAMES = """
SELECT ?thing ?name ?kind ?named WHERE {
    { ?thing rdfs:label ?name BIND(0 AS ?kind) }
    UNION { ?thing schema:alternateName ?name BIND(1 AS ?kind) }
    # how readily a word of its label names it: 1 people, 2 organizations, places and laws,
    # 3 policies and groups, 0 anything else
    BIND(IF(EXISTS { ?thing a schema:Person }, 1,
         IF(EXISTS { ?thing a/rdfs:subClassOf* ?core VALUES ?core { schema:Organization
                         schema:Place schema:Legislation } }, 2,
         IF(EXISTS { ?thing a ?other VALUES ?other { vzkg:Policy vzkg:PersonGroup } }, 3, 0)))
         AS ?named)
    FILTER(isIRI(?thing))
}
"""
_QID = re.compile(r"^(?:wd:)?(Q[1-9][0-9]*)$", re.IGNORECASE)
_CURIE = re.compile(r"^([A-Za-z][\w-]*):(\S*)$")


def fold(text: str) -> str:
    """Lower-case *text* and strip its accents, for matching names as people type them.

    >>> fold("Nicolás  MADURO")
    'nicolas maduro'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _known(graph: Graph, iri: URIRef) -> bool:
    return (iri, None, None) in graph


def resolve(graph: Graph, text: str) -> URIRef:
    """Return the IRI of the entity *text* names in *graph*.

    *text* may be an IRI (``<…>`` or ``https://…``), a CURIE (``vz:donald-trump``), a Wikidata
    QID (``Q22686``), or a name: an exact label or alternate name in any language, or words of
    one label ("Trump"). An unknown name raises :class:`UnknownEntityError` suggesting the
    nearest names.

    >>> import vzkg
    >>> kg = vzkg.load()
    >>> resolve(kg, "Maduro")
    rdflib.term.URIRef('https://w3id.org/vzkg/id/nicolas-maduro')
    >>> resolve(kg, "Q22686") == resolve(kg, "vz:donald-trump")
    True
    """
    raw = require_text(text, "an entity name").strip()
    iri: URIRef | None = None
    if raw.startswith("<") and raw.endswith(">"):
        iri = URIRef(raw[1:-1])
    elif raw.startswith(("http://", "https://")):
        iri = URIRef(raw)
    elif (qid := _QID.match(raw)) is not None:
        link = WD[qid.group(1).upper()]
        for subject in sorted(graph.subjects(URIRef(PREFIXES["owl"] + "sameAs"), link), key=str):
            return subject  # type: ignore[return-value]
        raise UnknownEntityError(f"no entity is linked to Wikidata {qid.group(1).upper()}")
    elif (curie := _CURIE.match(raw)) is not None and curie.group(1) in PREFIXES:
        iri = URIRef(PREFIXES[curie.group(1)] + curie.group(2))
    if iri is not None:
        if _known(graph, iri):
            return iri
        raise UnknownEntityError(f"nothing in the graph is called {compact(str(iri))}")
    return _by_name(graph, raw)


def _by_name(graph: Graph, text: str) -> URIRef:
    wanted = fold(text)
    exact: dict[int, set[URIRef]] = {0: set(), 1: set()}
    within: dict[int, set[URIRef]] = {1: set(), 2: set(), 3: set()}
    names: dict[str, str] = {}  # folded -> as written, for suggestions among named things
    words: dict[str, str] = {}  # a misspelt surname ("Madurro") should still find the name
    for thing, name, kind_term, named_term in query(graph, _NAMES).rows:
        folded = fold(str(name))
        kind, named = int(str(kind_term)), int(str(named_term))
        if named:
            names.setdefault(folded, str(name))
            for word in folded.split():
                words.setdefault(word, str(name))
        if folded == wanted:
            exact[kind].add(thing)  # type: ignore[arg-type]
        elif named and wanted and re.search(rf"\b{re.escape(wanted)}\b", folded):
            within[named].add(thing)  # type: ignore[arg-type]
    for found in (exact[0], exact[1], within[1], within[2], within[3]):
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            options = ", ".join(sorted(compact(str(f)) for f in found))
            raise UnknownEntityError(f"{text!r} could be any of {options}; name one of them")
    names = {**words, **names}
    close = difflib.get_close_matches(wanted, sorted(names), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(names[c] for c in close))
    hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if close else ""
    raise UnknownEntityError(f"no entity is called {text!r}{hint}")
