"""Namespaces and the curated prefixes every vzkg output uses.

The vzkg ontology itself is :class:`vzkg.vocab.VZKG`; the rest are the standard vocabularies
the data reuses, plus the namespaces of vzkg's own instances (``VZ``) and named graphs (``VZG``).
"""

from __future__ import annotations

import json
import re
from importlib.resources import files

from rdflib import Dataset, Graph
from rdflib.namespace import SDO, Namespace, NamespaceManager

#: vzkg's instances: people, events, claims, quantities, evidence…
VZ = Namespace("https://w3id.org/vzkg/id/")
#: vzkg's named graphs: one per source, plus shared entities and the ontology.
VZG = Namespace("https://w3id.org/vzkg/graph/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = SDO

#: The prefixes of every serialisation and the ones a query may use without declaring them:
#: the curated JSON-LD context that ships with the package (``vzkg/data/context.jsonld``).
PREFIXES: dict[str, str] = json.loads(
    files("vzkg").joinpath("data", "context.jsonld").read_text(encoding="utf-8")
)["@context"]

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
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri, len(namespace)):
            return prefix, iri[len(namespace) :]
    return None


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: (-len(item[1]), item[0]))
