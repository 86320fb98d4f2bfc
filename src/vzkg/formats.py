"""Names of the output formats, kept free of heavy imports so that the CLI can offer them as
choices without loading rdflib."""

from __future__ import annotations

#: SELECT and ASK results: a table for people, then the W3C SPARQL 1.1 result formats.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: CONSTRUCT and DESCRIBE results.
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "xml")
#: Whole-graph export, with the file extension each format is written with.
EXPORT_FORMATS = {
    "turtle": ".ttl",
    "nt": ".nt",
    "nq": ".nq",
    "trig": ".trig",
    "jsonld": ".jsonld",
    "xml": ".rdf",
}
#: Validation reports.
REPORT_FORMATS = ("text", "turtle", "json")
