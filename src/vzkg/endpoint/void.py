"""The dataset's VoID description, with the SPARQL service description of the endpoint.

What the description says comes from the data: the triples of the union and of each named
graph, the vocabularies of its predicates and classes, and each named graph's title, licence
and rights as the graph states them of itself (the bundled graphs do). It is computed once,
when the server starts, and written in the RDF syntax the client asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from ..namespaces import PREFIXES

if TYPE_CHECKING:
    from ..engines import Store

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")  # fmt: skip
_SYNTAX = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}
_ABOUT = (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.rights)
_SAID_OF_ITSELF = f"""
SELECT ?g ?p ?v WHERE {{
    VALUES ?p {{ {" ".join(term.n3() for term in _ABOUT)} }} GRAPH ?g {{ ?g ?p ?v }}
}}"""
_TERMS = """
SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term FILTER(isIRI(?term)) } }
"""


@dataclass(frozen=True)
class NamedGraph:
    name: URIRef
    triples: int
    about: tuple[tuple[URIRef, Node], ...]  # what the graph says of itself: title, licence…


@dataclass(frozen=True)
class Description:
    """What the VoID description says of a dataset, apart from where it is served."""

    triples: int
    graphs: tuple[NamedGraph, ...]
    vocabularies: tuple[str, ...]


def _vocabulary(iri: str) -> str:
    """The namespace of a term: the longest curated one that holds it, else up to its last
    ``#`` or ``/``."""
    curated = [ns for ns in PREFIXES.values() if iri.startswith(ns)]
    if curated:
        return max(curated, key=len)
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else iri


def describe(store: Store) -> Description:
    """Count what *store* holds, for its VoID description: its named graphs, what each says
    of itself, and the vocabularies of the predicates and classes of their union."""
    said: dict[Node, list[tuple[Node, Node]]] = {}
    for name, predicate, value in store.query(_SAID_OF_ITSELF).rows:
        said.setdefault(name, []).append((predicate, value))  # type: ignore[arg-type]
    graphs = []
    for name, size in sorted(store.graphs().items(), key=lambda item: str(item[0])):
        about = tuple(
            (predicate, value)
            for predicate in _ABOUT
            for value in sorted((v for p, v in said.get(name, []) if p == predicate), key=str)
        )
        graphs.append(NamedGraph(name, size, about))
    terms = {str(term) for (term,) in store.query(_TERMS).rows}
    return Description(
        triples=sum(graph.triples for graph in graphs),
        graphs=tuple(graphs),
        vocabularies=tuple(sorted({_vocabulary(term) for term in terms})),
    )


def void_graph(description: Description, base: str, *, title: str | None = None) -> Graph:
    """The description as a graph: the dataset at ``{base}void#dataset``, the endpoint at
    ``{base}sparql``."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (("void", VOID), ("sd", SD), ("formats", FORMATS),
                              ("dcterms", DCTERMS), ("rdf", RDF)):  # fmt: skip
        graph.bind(prefix, namespace)
    dataset, endpoint = URIRef(f"{base}void#dataset"), URIRef(f"{base}sparql")
    default = URIRef(f"{base}void#default-graph")
    add = graph.add
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, RDF.type, SD.Dataset))
    if title:
        add((dataset, DCTERMS.title, Literal(title, lang="en")))
    add((dataset, VOID.sparqlEndpoint, endpoint))
    add((dataset, VOID.triples, Literal(description.triples)))
    for vocabulary in description.vocabularies:
        add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    licences = {value for g in description.graphs for p, value in g.about if p == DCTERMS.license}
    for licence in sorted(licences, key=str):
        add((dataset, DCTERMS.license, licence))
    add((dataset, SD.defaultGraph, default))
    add((default, RDF.type, SD.Graph))
    add((default, VOID.triples, Literal(description.triples)))
    for index, named in enumerate(description.graphs):
        # the named graph is a subset of the dataset and a graph of the service's dataset
        node = URIRef(f"{base}void#graph-{index}")
        add((dataset, VOID.subset, named.name))
        add((dataset, SD.namedGraph, node))
        add((node, RDF.type, SD.NamedGraph))
        add((node, SD.name, named.name))
        add((node, SD.graph, named.name))
        add((named.name, RDF.type, VOID.Dataset))
        add((named.name, RDF.type, SD.Graph))
        add((named.name, VOID.triples, Literal(named.triples)))
        for predicate, value in named.about:
            add((named.name, predicate, value))
    add((endpoint, RDF.type, SD.Service))
    add((endpoint, SD.endpoint, endpoint))
    add((endpoint, SD.supportedLanguage, SD.SPARQL11Query))
    add((endpoint, SD.feature, SD.UnionDefaultGraph))
    add((endpoint, SD.defaultDataset, dataset))
    for fmt in _RESULT_FORMATS:
        add((endpoint, SD.resultFormat, FORMATS[fmt]))
    return graph


def write(graph: Graph, fmt: str) -> bytes:
    """*graph* in one of :data:`vzkg.formats.GRAPH_FORMATS`."""
    return graph.serialize(format=_SYNTAX[fmt], encoding="utf-8")
