"""Namespaces and the curated prefixes every vzkg output uses.

The vzkg ontology itself is :class:`vzkg.vocab.VZKG`; the rest are the standard vocabularies
the data reuses, plus the namespaces of vzkg's own instances (``VZ``) and named graphs (``VZG``).
"""

from __future__ import annotations

import re

from rdflib import Dataset, Graph
from rdflib.namespace import SDO, Namespace, NamespaceManager

# their home is vzkg.prefixes, which rdflib-free code imports
from .prefixes import PREFIXES as PREFIXES
from .prefixes import compact as compact

#: vzkg's instances: people, events, claims, quantities, evidence…
VZ = Namespace("https://w3id.org/vzkg/id/")
#: vzkg's named graphs: one per source, plus shared entities and the ontology.
VZG = Namespace("https://w3id.org/vzkg/graph/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = SDO

ONTOLOGY_GRAPH = VZG["ontology"]
#: vzkg's shapes, and the names under which its own checks report (vzsh:DatesCheck…).
VZSH = Namespace(PREFIXES["vzsh"])


def bind_prefixes(graph: Graph) -> None:
    """Bind exactly the curated prefixes on *graph*, replacing rdflib's defaults."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def new_dataset() -> Dataset:
    """Return an empty dataset whose default graph is the union of its named graphs."""
    dataset = Dataset(default_union=True)
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
    bind_prefixes(dataset)
    return dataset


def new_graph() -> Graph:
    """Return an empty graph with the curated prefixes and no others."""
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    return graph


def expand(curie: str) -> str:
    """Return *curie* as a full IRI when its prefix is a curated one, else unchanged.

    >>> expand("schema:value")
    'https://schema.org/value'
    """
    prefix, colon, local = curie.partition(":")
    return PREFIXES[prefix] + local if colon and prefix in PREFIXES else curie


# A local name that every RDF syntax with prefixed names (Turtle, TriG, SPARQL, JSON-LD) reads
# back unchanged: ASCII letters, digits, `_`, `-` and inner `.`, never starting with `-` or `.`.
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def prefixed_name(iri: str) -> tuple[str, str] | None:
    """Return (prefix, local name) when a curated prefix covers *iri* with a plain local name.

    The longest covering namespace wins.

    >>> prefixed_name("https://w3id.org/vzkg/ontology/Claim")
    ('vzkg', 'Claim')
    >>> prefixed_name("https://w3id.org/vzkg/id/a/b") is None
    True
    """
    found = _PREFIXED.fullmatch(iri)
    if found is None:
        return None
    at: int = found.lastindex  # type: ignore[assignment]  # a match always sets one group
    return _BY_LENGTH[at - 1][0], found.group(at)


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: (-len(item[1]), item[0]))
# The namespaces longest first, each followed by its own group for the local name, so that the
# group that matched says which; one whose local name is not plain gives way to the next, as a
# loop over them would; twice as fast as that loop (Turtle of 1M statements writes 200k IRIs).
_PREFIXED = re.compile(
    "|".join(f"{re.escape(namespace)}({_LOCAL_NAME.pattern})" for _, namespace in _BY_LENGTH)
)
