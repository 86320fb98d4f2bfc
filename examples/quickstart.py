"""Load the graph, check it, and ask who said what: the Python API in ten lines.

Run: python examples/quickstart.py
"""

import vzkg

kg = vzkg.load()  # an rdflib Dataset: one named graph per source, plus entities and ontology
report = vzkg.validate(kg)
print(f"conforms: {report.conforms}")

result = vzkg.query(
    kg,
    """
    SELECT ?date ?speaker ?words WHERE {
        ?q a schema:Quotation ; schema:author/rdfs:label ?speaker ; schema:text ?words ;
           vzkg:saidAt/rdfs:label ?date .
        FILTER(lang(?speaker) = "en")
    } ORDER BY ?date ?speaker
    """,
)
for date, speaker, words in result.rows:
    print(f"{date}  {speaker}: “{words}”")
