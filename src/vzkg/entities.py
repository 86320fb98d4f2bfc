"""Finding an entity from what a person types: a label in any language, a Wikidata QID, a
CURIE or an IRI."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from .errors import UnknownEntityError
from .namespaces import PREFIXES, WD, compact
from .sparql import query
from .text import listing, require_text

if TYPE_CHECKING:
    from .engines import Store

# Every name of every entity (?kind 0 a label, 1 an alternate name), and apart from them how
# readily a word of its label names an entity (?rank, the lowest counts): 1 people,
# 2 organizations, places and laws, 3 policies and groups; 0 when none. Two plain queries
# joined here: testing the kind with an EXISTS for each name grew with the square of the
# graph in Oxigraph (142 s at 9k triples), and one grouped query took rdflib twice the time
# (bench/README.md).
_NAMES = """
SELECT ?thing ?name ?kind WHERE {
    { ?thing rdfs:label ?name BIND(0 AS ?kind) }
    UNION { ?thing schema:alternateName ?name BIND(1 AS ?kind) }
    FILTER(isIRI(?thing))
}
"""
_RANKS = """
SELECT ?thing ?rank WHERE {
    { ?thing a schema:Person BIND(1 AS ?rank) }
    UNION { ?thing a/rdfs:subClassOf* ?core BIND(2 AS ?rank)
            VALUES ?core { schema:Organization schema:Place schema:Legislation } }
    UNION { ?thing a ?other BIND(3 AS ?rank) VALUES ?other { vzkg:Policy vzkg:PersonGroup } }
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


def _known(graph: Graph | Store, iri: URIRef) -> bool:
    return (iri, None, None) in graph


#: how a name matched an entity, by rank: the first two are exact, the others words of a label
_WAYS = (
    "its label",
    "an alternate name",
    "a word of its label",
    "a word of its label",
    "a word of its label",
)


@dataclass(frozen=True)
class Match:
    """The entities a name stands for, best first, and how each matched.

    An exact label ranks before an exact alternate name, which ranks before words of a label
    (a person's before an organization's, place's or law's, before a policy's or group's).
    :attr:`entities` holds every entity the name names exactly, or else those whose label
    holds it at the best rank found.
    """

    text: str
    entities: tuple[URIRef, ...]
    ranks: tuple[int, ...]

    @property
    def best(self) -> URIRef:
        """The entity a single choice takes: the first, when no other ranks as high."""
        if self.ranks.count(self.ranks[0]) > 1:
            tied = (e for e, r in zip(self.entities, self.ranks, strict=True) if r == self.ranks[0])
            options = ", ".join(compact(str(e)) for e in tied)
            raise UnknownEntityError(f"{self.text!r} could be any of {options}; name one of them")
        return self.entities[0]

    def _listed(self, entities: tuple[URIRef, ...]) -> str:
        ways = dict(zip(self.entities, self.ranks, strict=True))
        shown = [f"{compact(str(e))} ({_WAYS[ways[e]]})" for e in entities]
        return listing(shown)

    def note_all(self) -> str | None:
        """Say which entities a filter that keeps them all uses, when there are several."""
        if len(self.entities) < 2:
            return None
        return (
            f"{self.text!r} names {self._listed(self.entities)}: all of them are used; to use "
            f"one, name it by its CURIE (such as {compact(str(self.entities[-1]))})"
        )

    def note_best(self) -> str | None:
        """Say which entity a single choice takes, when the name matched others too."""
        if len(self.entities) < 2:
            return None
        others = self.entities[1:]
        return (
            f"{self.text!r} also names {self._listed(others)}; using {compact(str(self.best))} "
            f"({_WAYS[self.ranks[0]]}); name another by its CURIE ({compact(str(others[0]))})"
        )


def resolve(graph: Graph | Store, text: str) -> URIRef:
    """Return the IRI of the entity *text* names in *graph*.

    *text* may be an IRI (``<…>`` or ``https://…``), a CURIE (``vz:donald-trump``), a Wikidata
    QID (``Q22686``), or a name: an exact label or alternate name in any language, or words of
    one label ("Trump"). A name that several entities match takes the best (see :class:`Match`;
    :func:`resolve_noted` says which others it matched); one that several match equally well,
    or none, raises :class:`UnknownEntityError`, the latter suggesting the nearest names.

    >>> import vzkg
    >>> kg = vzkg.load()
    >>> resolve(kg, "Maduro")
    rdflib.term.URIRef('https://w3id.org/vzkg/id/nicolas-maduro')
    >>> resolve(kg, "Q22686") == resolve(kg, "vz:donald-trump")
    True
    """
    return resolve_noted(graph, text)[0]


def resolve_noted(graph: Graph | Store, text: str) -> tuple[URIRef, str | None]:
    """Like :func:`resolve`, with a note naming the other entities a name matched, if any.

    >>> import vzkg
    >>> iri, note = resolve_noted(vzkg.load(), "Caracas")
    >>> for part in note.split("; "):
    ...     print(part)
    'Caracas' also names vz:venezuelan-government (an alternate name)
    using vz:caracas (its label)
    name another by its CURIE (vz:venezuelan-government)
    """
    found = match(graph, text)
    return found.best, found.note_best()


def match(graph: Graph | Store, text: str) -> Match:
    """Return every entity *text* names (see :func:`resolve` for what *text* may be).

    An IRI, CURIE or QID names one entity; a name may name several.

    >>> import vzkg
    >>> [str(e) for e in match(vzkg.load(), "Caracas").entities]
    ['https://w3id.org/vzkg/id/caracas', 'https://w3id.org/vzkg/id/venezuelan-government']
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
            return Match(raw, (subject,), (0,))  # type: ignore[arg-type]
        raise UnknownEntityError(f"no entity is linked to Wikidata {qid.group(1).upper()}")
    elif (curie := _CURIE.match(raw)) is not None and curie.group(1) in PREFIXES:
        iri = URIRef(PREFIXES[curie.group(1)] + curie.group(2))
    if iri is not None:
        if _known(graph, iri):
            return Match(raw, (iri,), (0,))
        raise UnknownEntityError(f"nothing in the graph is called {compact(str(iri))}")
    return _by_name(graph, raw)


def _by_name(graph: Graph | Store, text: str) -> Match:
    wanted = fold(text)
    # rank -> entities: 0 an exact label, 1 an exact alternate name, 2-4 words of a label
    found: dict[int, set[URIRef]] = {rank: set() for rank in range(len(_WAYS))}
    names: dict[str, str] = {}  # folded -> as written, for suggestions among named things
    words: dict[str, str] = {}  # a misspelt surname ("Madurro") should still find the name
    ranks: dict[object, int] = {}
    for thing, rank_term in query(graph, _RANKS).rows:
        ranks[thing] = min(ranks.get(thing, 3), int(str(rank_term)))
    for thing, name, kind_term in query(graph, _NAMES).rows:
        folded = fold(str(name))
        kind, named = int(str(kind_term)), ranks.get(thing, 0)
        if named:
            names.setdefault(folded, str(name))
            for word in folded.split():
                words.setdefault(word, str(name))
        if folded == wanted:
            found[kind].add(thing)  # type: ignore[arg-type]
        elif named and wanted and re.search(rf"\b{re.escape(wanted)}\b", folded):
            found[1 + named].add(thing)  # type: ignore[arg-type]
    exact = [(e, 0) for e in sorted(found[0], key=str)]
    exact += [(e, 1) for e in sorted(found[1] - found[0], key=str)]
    if exact:
        return Match(text, tuple(e for e, _ in exact), tuple(r for _, r in exact))
    for rank in range(2, len(_WAYS)):
        if found[rank]:
            entities = tuple(sorted(found[rank], key=str))
            return Match(text, entities, (rank,) * len(entities))
    names = {**words, **names}
    close = difflib.get_close_matches(wanted, sorted(names), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(names[c] for c in close))
    hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if close else ""
    raise UnknownEntityError(f"no entity is called {text!r}{hint}")
