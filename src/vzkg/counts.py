"""Counting what the graph holds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from .namespaces import compact
from .sparql import query

if TYPE_CHECKING:
    from .engines.base import Store

_COUNTS = """
SELECT
    (COUNT(DISTINCT ?event) AS ?events)
    (COUNT(DISTINCT ?action) AS ?policy_actions)
    (COUNT(DISTINCT ?claim) AS ?claims)
    (COUNT(DISTINCT ?accusation) AS ?accusations)
    (COUNT(DISTINCT ?pledge) AS ?pledges)
    (COUNT(DISTINCT ?quotation) AS ?quotations)
    (COUNT(DISTINCT ?quantity) AS ?quantities)
    (COUNT(DISTINCT ?evidence) AS ?evidence_spans)
    (COUNT(DISTINCT ?source) AS ?sources)
    (COUNT(DISTINCT ?link) AS ?wikidata_links)
WHERE {
    { ?event a/rdfs:subClassOf* sem:Event }
    UNION { ?action a vzkg:PolicyAction }
    UNION { ?claim a/rdfs:subClassOf* schema:Claim }
    UNION { ?accusation a vzkg:Accusation }
    UNION { ?pledge a vzkg:Pledge }
    UNION { ?quotation a schema:Quotation }
    UNION { ?quantity a schema:QuantitativeValue }
    UNION { ?evidence a oa:SpecificResource }
    UNION { ?source a schema:NewsArticle }
    UNION { ?entity owl:sameAs ?link }
}
"""

_ENTITIES = """
SELECT ?class (COUNT(DISTINCT ?entity) AS ?n) WHERE {
    ?entity a ?class .
    VALUES ?class { schema:Person schema:Organization schema:GovernmentOrganization
                    schema:Corporation schema:NewsMediaOrganization vzkg:CriminalOrganization
                    schema:Country schema:City schema:Place schema:Legislation vzkg:Policy
                    vzkg:PersonGroup vzkg:UnnamedAgent }
}
GROUP BY ?class
ORDER BY DESC(?n) ?class
"""


@dataclass(frozen=True)
class Stats:
    """Counts of the graph: triples, per named graph, per entity class, and of statements."""

    triples: int
    graphs: dict[str, int]
    entities: dict[str, int]
    statements: dict[str, int]

    def text(self) -> str:
        rows = [("triples", self.triples)]
        rows += [(f"graph {name}", n) for name, n in self.graphs.items()]
        rows += [(f"entities {name}", n) for name, n in self.entities.items()]
        rows += [(name.replace("_", " "), n) for name, n in self.statements.items()]
        width = max(len(name) for name, _ in rows)
        return "".join(f"{name.ljust(width)}  {n:>6}\n" for name, n in rows)

    def to_json(self) -> str:
        document = {
            "triples": self.triples,
            "graphs": self.graphs,
            "entities": self.entities,
            **self.statements,
        }
        return json.dumps(document, indent=2) + "\n"


def stats(graph: Graph | Store) -> Stats:
    """Count what *graph* holds.

    >>> import vzkg
    >>> counts = stats(vzkg.load())
    >>> counts.statements["quotations"], counts.statements["sources"]
    (5, 1)
    """
    from .engines.base import Store

    if isinstance(graph, Store):
        sizes = graph.graphs()
        graphs = {compact(str(g)): sizes[g] for g in sorted(sizes, key=str)}
        triples = sum(sizes.values())
    elif isinstance(graph, Dataset):
        graphs = {
            compact(str(g.identifier)): len(g)
            for g in sorted(graph.graphs(), key=lambda g: str(g.identifier))
            if len(g)
        }
        triples = sum(1 for _ in graph.quads((None, None, None, None)))
    else:
        graphs, triples = {}, len(graph)
    row = query(graph, _COUNTS)
    counts = zip(row.variables, row.rows[0], strict=True)
    statements = {name: int(value) for name, value in counts}  # type: ignore[arg-type]
    entities = {
        compact(str(cls)): int(n)  # type: ignore[arg-type]
        for cls, n in query(graph, _ENTITIES).rows
    }
    return Stats(triples, graphs, entities, statements)
