"""The ontology: its header, its terms, and that the data uses nothing it does not declare."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

import vzkg
from vzkg.namespaces import ONTOLOGY_GRAPH, PREFIXES, VZ, VZG, WD
from vzkg.validation import load_shapes

ROOT = Path(__file__).resolve().parents[1]
NS = str(vzkg.VZKG._NS)
# RDF, RDFS, OWL and XSD are used freely; every other vocabulary term must be declared.
FREE = tuple(PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd"))
INSTANCES = (str(VZ), str(VZG), str(WD))


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


@pytest.fixture(scope="module")
def ontology(kg: Dataset) -> Graph:
    return kg.graph(ONTOLOGY_GRAPH)


def test_header(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/vzkg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    for prop in (
        OWL.versionIRI,
        OWL.versionInfo,
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.created,
    ):
        assert ontology.value(header, prop) is not None, prop
    assert str(ontology.value(header, OWL.versionInfo)) == vzkg.__version__


def test_our_terms_are_labelled_in_english_and_spanish_and_defined(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(NS)}
    assert len(terms) > 60
    for term in terms:
        languages = sorted(o.language for o in ontology.objects(term, RDFS.label))  # type: ignore[union-attr]
        assert languages == ["en", "es"], term
        assert ontology.value(term, SKOS.definition) is not None, term


def undeclared_terms(kg: Dataset, ontology: Graph) -> list[str]:
    """Terms of the curated vocabularies that the data uses and the ontology does not declare."""
    declared = {str(s) for s in ontology.subjects() if isinstance(s, URIRef)}
    used: set[str] = set()
    for graph in kg.graphs():
        if graph.identifier == ONTOLOGY_GRAPH:
            continue
        for triple in graph:
            # str(): rdflib's URIRef.startswith does not take a tuple of prefixes
            used.update(str(t) for t in triple if isinstance(t, URIRef))
    vocabulary = tuple(ns for ns in PREFIXES.values() if not ns.startswith(FREE + INSTANCES))
    return sorted(t for t in used if t.startswith(vocabulary) and t not in declared)


def test_data_uses_only_declared_terms(kg: Dataset, ontology: Graph) -> None:
    assert undeclared_terms(kg, ontology) == []


def test_a_typo_in_a_term_would_be_caught(ontology: Graph) -> None:
    kg = vzkg.load()
    typos = kg.graph(URIRef("urn:test:typos"))
    typos.add((VZ["x"], RDF.type, URIRef("https://schema.org/Persn")))
    typos.add((VZ["x"], URIRef(NS + "evidense"), VZ["y"]))
    assert undeclared_terms(kg, ontology) == ["https://schema.org/Persn", NS + "evidense"]


def test_event_types_are_a_concept_scheme_mapped_to_cameo(ontology: Graph) -> None:
    scheme = URIRef(NS + "EventTypes")
    types = set(ontology.subjects(SKOS.inScheme, scheme))
    assert len(types) >= 15
    codes = {str(ontology.value(t, URIRef(NS + "cameoCode"))) for t in types} - {"None"}
    assert {"174", "161", "057", "054", "163", "085", "046", "111", "010"} <= codes


def test_every_class_of_ours_has_a_shape(ontology: Graph) -> None:
    shapes = load_shapes()
    targeted = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    ours = {c for c in ontology.subjects(RDF.type, OWL.Class) if c.startswith(NS)}
    # concept classes are checked through the properties that take them (sh:in, sh:class)
    concept_classes = {URIRef(NS + n) for n in ("EventStatus", "QuantityQualifier", "PolicyStatus")}
    assert sorted(ours - concept_classes - targeted) == []


def test_namespace_module_is_in_sync_with_the_ontology() -> None:
    spec = importlib.util.spec_from_file_location("gen_vocab", ROOT / "tools" / "gen_vocab.py")
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    current = (ROOT / "src" / "vzkg" / "vocab.py").read_text(encoding="utf-8")
    assert generator.render() == current, "run: python tools/gen_vocab.py"


def test_defined_namespace_refuses_unknown_terms() -> None:
    assert vzkg.VZKG.Accusation == URIRef(NS + "Accusation")
    with pytest.raises(AttributeError):
        vzkg.VZKG.Accusashun  # noqa: B018


def test_wikidata_links_have_the_entity_form(kg: Dataset) -> None:
    links = list(kg.objects(None, OWL.sameAs))
    assert len(links) >= 13
    assert all(str(link).startswith("http://www.wikidata.org/entity/Q") for link in links)


def test_people_organizations_places_laws_have_spanish_labels(kg: Dataset) -> None:
    result = vzkg.query(
        kg,
        """
        SELECT ?x WHERE {
            ?x a/rdfs:subClassOf* ?c .
            VALUES ?c { schema:Person schema:Organization schema:Place schema:Legislation }
            FILTER NOT EXISTS { ?x rdfs:label ?es FILTER(lang(?es) = "es") }
        }""",
    )
    assert result.rows == ()
    assert isinstance(kg.value(VZ["venezuela"], RDFS.label), Literal)


def test_namespace_constants_agree_with_the_shipped_context() -> None:
    import json

    context = json.loads((ROOT / "src" / "vzkg" / "data" / "context.jsonld").read_text())
    assert context["@context"] == PREFIXES
    assert PREFIXES["vz"] == str(VZ) and PREFIXES["vzg"] == str(VZG)
    assert PREFIXES["vzkg"] == NS and PREFIXES["wd"] == str(WD)
    assert PREFIXES["schema"] == "https://schema.org/"
