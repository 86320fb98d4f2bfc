"""Reported is not asserted: an accusation names its accuser and never becomes a plain fact.

The graph says the deported men were *accused* of belonging to Tren de Aragua, by whom (the
article does not say: an unnamed accuser), and quotes the words; it never says they *are*
members. This script shows both sides, then adds the allegation as a plain fact to a copy and
lets the SHACL guard catch it.

Run: python examples/accusations_are_not_facts.py
"""

import vzkg
from vzkg.namespaces import SCHEMA

kg = vzkg.load()
for accuser, claim in vzkg.query(
    kg,
    """
    SELECT ?accuser ?claim WHERE {
        ?a a vzkg:Accusation ; rdf:object vz:tren-de-aragua ;
           schema:author/rdfs:label ?accuser ; schema:text ?claim .
        FILTER(lang(?accuser) = "en")
    }
    """,
).rows:
    print(f"accusation by {accuser}: {claim}")

asserted = vzkg.query(kg, "ASK { ?someone schema:memberOf vz:tren-de-aragua }").boolean
print(f"stated as fact anywhere: {asserted}")

# Break the promise on purpose and watch validation refuse it.
kg.graph(vzkg.VZG["scratch"]).add(
    (vzkg.VZ["venezuelans-deported-to-el-salvador"], SCHEMA.memberOf, vzkg.VZ["tren-de-aragua"])
)
report = vzkg.validate(kg)
print(f"after asserting it: conforms={report.conforms}")
for violation in report.violations:
    print(f"  - {violation.message}")
