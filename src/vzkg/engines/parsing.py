"""Reading RDF files straight into Oxigraph, with no rdflib Dataset on the way.

pyoxigraph's own parsers read Turtle, TriG, N-Triples and N-Quads into the same quads that
vzkg's rdflib path (:func:`vzkg.store.load`, then :meth:`Store.load`) puts in the store, which
``tests/test_parsing.py`` checks on hostile literals and IRIs: lexical forms as written, base
IRIs resolved against the file, blank nodes apart in each file, a triple file (and a quad
file's default graph) in the graph named after the file. What pyoxigraph would read otherwise
goes through rdflib, file by file:

- RDF/XML (vzkg's own reader), JSON-LD (its contexts may name URLs) and N3;
- a file with an upper-case language tag: pyoxigraph lowercases it while parsing, so the note
  that the store keeps it in lower case could not be given;
- a file with an escaped surrogate, or one naming a graph by a blank node;
- a Turtle or TriG file with a literal that the store keeps in canonical form: rdflib writes
  a bare ``01`` as ``1`` itself, and keeps ``"01"^^xsd:integer``, so only it can say which;
- any file pyoxigraph refuses, so that the error is rdflib's, word for word.

pyoxigraph keeps an ill-typed literal (``"abc"^^xsd:date``) as written, as rdflib does, but
silently: rdflib logs it, which the CLI counts into one warning, so the fast path builds each
typed literal as rdflib would, to the same log.

None of these formats lets pyoxigraph fetch anything. Each file is read twice: once in Python,
to learn the graphs it writes and which of its literals the store will keep in canonical form
(see :func:`~vzkg.engines.terms.canonical_forms`), then natively into the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..store import ESCAPED_SURROGATE, Source
from .terms import CANONICALISED, canonical_forms

if TYPE_CHECKING:
    from rdflib import Dataset

#: the rdflib syntaxes pyoxigraph reads into the same quads, and its name for each
FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
}
QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}
_UNCHECKED = {  # plain and language-tagged strings: always well typed
    ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"),
    ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"),
}
# conservative: '@' then a tag with a capital letter, anywhere (a string or IRI only costs speed)
_UPPER_CASE_TAG = re.compile(rb"@[A-Za-z0-9-]*[A-Z]")


@dataclass
class Reading:
    """What one input writes: its graphs, and either the quads to load natively (*dataset* is
    None) or the Dataset rdflib read. *rewritten*: per graph, the literals that the store keeps
    in canonical form, each ``written as stored``."""

    source: Source
    graphs: set[str]
    dataset: Dataset | None = None
    rewritten: dict[str, list[str]] = field(default_factory=dict)


def read(source: Source, *, allow_remote: bool = False) -> Reading:
    """Read *source*: with pyoxigraph where it reads the same quads, else with rdflib."""
    fast = survey(source)
    if fast is not None:
        return fast
    from rdflib import URIRef

    from ..namespaces import new_dataset
    from ..store import parse_source

    dataset = new_dataset()
    parse_source(dataset, source, allow_remote=allow_remote)
    graphs = {
        str(g.identifier) for g in dataset.graphs() if isinstance(g.identifier, URIRef) and len(g)
    }
    graphs.discard(str(dataset.default_graph.identifier))
    return Reading(source, graphs, dataset)


def survey(source: Source) -> Reading | None:
    """Parse *source* with pyoxigraph in Python: the graphs it writes and the literals the
    store will rewrite; None when rdflib must read it (see the module's documentation)."""
    format = FORMATS.get(source.syntax)
    data = source.data
    if format is None or _UPPER_CASE_TAG.search(data) or ESCAPED_SURROGATE.search(data):
        return None
    own = ox.NamedNode(source.graph)
    graphs: set[ox.NamedNode] = set()
    candidates: list[tuple[ox.NamedNode, ox.Triple]] = []
    typed: list[ox.Literal] = []  # the others with a datatype rdflib may check
    try:
        for quad in ox.parse(data, format, base_iri=source.graph):
            graph = quad.graph_name
            if type(graph) is ox.DefaultGraph:
                graph = own
            elif type(graph) is not ox.NamedNode:
                return None  # a graph named by a blank node: rdflib's rules
            graphs.add(graph)  # type: ignore[arg-type]
            value = quad.object
            if type(value) is ox.Literal and value.datatype in CANONICALISED:
                candidates.append((graph, quad.triple))  # type: ignore[arg-type]
            elif type(value) is ox.Literal and value.datatype not in _UNCHECKED:
                typed.append(value)
    except (SyntaxError, ValueError):
        return None
    changed = canonical_forms(triple.object for _, triple in candidates)  # type: ignore[misc]
    if changed and format not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return None  # rdflib rewrites a bare 01 itself, and a "01"^^xsd:integer not: its notes
    rewritten: dict[str, dict[ox.Triple, str]] = {}
    for graph, triple in candidates:
        stored = changed.get(triple.object)  # type: ignore[arg-type]
        if stored is not None:
            shown = f"{triple.object} as {stored}"
            rewritten.setdefault(graph.value, {}).setdefault(triple, shown)
    _log_ill_typed([*(triple.object for _, triple in candidates), *typed])  # type: ignore[misc, list-item]
    return Reading(
        source,
        {g.value for g in graphs},
        rewritten={g: list(forms.values()) for g, forms in rewritten.items()},
    )


def _log_ill_typed(literals: Iterable[ox.Literal]) -> None:
    """Log what rdflib logs of each of *literals* that does not fit its datatype."""
    from rdflib import Literal, URIRef

    for literal in literals:
        Literal(literal.value, datatype=URIRef(literal.datatype.value))


def load_natively(store: ox.Store, source: Source, *, bulk: bool) -> None:
    """Load *source*, which :func:`survey` read, into *store* (``bulk_load`` when *bulk*); a
    quad file's default graph goes into the file's graph."""
    format = FORMATS[source.syntax]
    own = ox.NamedNode(source.graph)
    load = store.bulk_load if bulk else store.load
    if format not in QUAD_FORMATS:
        load(source.data, format, base_iri=source.graph, to_graph=own)
        return
    load(source.data, format, base_iri=source.graph)
    default = ox.DefaultGraph()
    moved = [
        ox.Quad(q.subject, q.predicate, q.object, own)
        for q in store.quads_for_pattern(None, None, None, default)
    ]
    if moved:
        store.extend(moved)
        store.clear_graph(default)
