"""What a node is, in a word or two a reader knows: "quotation", "event", "person"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, SKOS

from .namespaces import SCHEMA, SEM, compact
from .vocab import VZKG

if TYPE_CHECKING:
    from .engines import Store

# Most specific first: a node is the first of these it is typed as, so that the supertypes an
# RDFS reasoner adds (an accusation is also a claim) do not change the answer.
_KINDS: tuple[tuple[URIRef, str], ...] = (
    (VZKG.Accusation, "accusation"),
    (VZKG.Pledge, "pledge"),
    (SCHEMA.Quotation, "quotation"),
    (SCHEMA.Claim, "claim"),
    (VZKG.ReportedStatement, "reported statement"),
    (RDF.Statement, "allegation"),
    (VZKG.PolicyAction, "policy action"),
    (SEM.Event, "event"),
    (SEM.Role, "role"),
    (ORG.Membership, "membership"),
    (SCHEMA.QuantitativeValue, "quantity"),
    (SEM.Time, "time"),
    (SCHEMA.Person, "person"),
    (VZKG.UnnamedAgent, "unnamed agent"),
    (VZKG.PersonGroup, "group of people"),
    (VZKG.CriminalOrganization, "criminal organization"),
    (SCHEMA.NewsMediaOrganization, "news organization"),
    (SCHEMA.GovernmentOrganization, "government organization"),
    (SCHEMA.Corporation, "company"),
    (SCHEMA.Organization, "organization"),
    (SCHEMA.Country, "country"),
    (SCHEMA.City, "city"),
    (SCHEMA.Place, "place"),
    (SCHEMA.Legislation, "law"),
    (VZKG.Policy, "policy"),
    (SCHEMA.NewsArticle, "news article"),
    (SCHEMA.MediaObject, "text file"),
    (SEM.EventType, "event type"),
    (SEM.RoleType, "role type"),
    (ORG.Role, "office"),
    (SKOS.ConceptScheme, "concept scheme"),
    (SKOS.Concept, "concept"),
    (OWL.Class, "class"),
    (OWL.ObjectProperty, "property"),
    (OWL.DatatypeProperty, "property"),
    (OWL.Ontology, "ontology"),
    (PROV.Entity, "dataset"),
)


def kind_of(graph: Graph | Store, node: URIRef) -> str:
    """Name what *node* is: the kind of its most specific known class, else its first class as
    a CURIE, else ``"thing"``.

    >>> import vzkg
    >>> from vzkg.namespaces import VZ
    >>> kg = vzkg.load()
    >>> kind_of(kg, VZ["quote-maduro-resume-flights"]), kind_of(kg, VZ["nicolas-maduro"])
    ('quotation', 'person')
    >>> kind_of(kg, VZ["claim-trump-venezuela-broke-promises"])
    'accusation'
    """
    return kind_of_types(set(graph.objects(node, RDF.type)))


def kind_of_types(types: set[object]) -> str:
    """The kind that :func:`kind_of` names for a node of these *types*."""
    for cls, kind in _KINDS:
        if cls in types:
            return kind
    named = sorted(compact(str(t)) for t in types if isinstance(t, URIRef))
    return named[0] if named else "thing"
