"""What validation judges, copied once into a pyoxigraph store: the faster engine does the work.

Validation used to copy a dataset's asserted triples into one rdflib graph, which pyshacl-turbo
then converted again, and ran the whole-graph SPARQL constraints and the value checks' queries
in rdflib's engine, 100 times slower than Oxigraph on the same queries
(``bench/validation_phases.py``). A :class:`Snapshot` is that one copy, in a
:class:`pyoxigraph.Store`: pyshacl-turbo reads it natively, and vzkg's queries run on it.

Each distinct rdflib term is converted once, and remembered, so every term an answer holds
comes back as the very rdflib term of the data (a blank node keeps its identifier, a literal
its lexical form). Oxigraph runs queries in Rust, where neither vzkg's time limit nor its
guard on network and file access reaches: only vzkg's own queries run here (the value checks,
the SPARQL constraints of the bundled shapes), and only those without ``SERVICE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import Graph
from rdflib.term import Identifier, Node

from ..engines.lexical import scan
from ..engines.terms import to_oxigraph, to_rdflib
from ..entailment import asserted
from ..errors import InputError
from ..namespaces import PREFIXES

Triple = tuple[Node, Node, Node]


class Snapshot:
    """The asserted triples of a graph or dataset, in the default graph of a pyoxigraph store."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        import pyoxigraph

        self._to: dict[Node, Any] = {}
        self._back: dict[Any, Identifier] = {}
        self.store = pyoxigraph.Store()
        # extend() takes a generator, so the copy needs no list of a million quads first
        self.store.extend(
            pyoxigraph.Quad(self.term(s), self.term(p), self.term(o)) for s, p, o in triples
        )

    def term(self, node: Node) -> Any:
        """*node* as a pyoxigraph term (converted once, then remembered)."""
        found = self._to.get(node)
        if found is None:
            try:
                found = to_oxigraph(node)
            except InputError as error:  # not a term of a triple: validation keeps to rdflib
                raise ValueError(str(error)) from None
            self._to[node] = found
            self._back[found] = node  # type: ignore[assignment]
        return found

    def node(self, term: Any) -> Identifier:
        """The rdflib term of a pyoxigraph *term*: the data's own, or a new one (a BIND's)."""
        found = self._back.get(term)
        return found if found is not None else to_rdflib(term)  # type: ignore[return-value]

    def select(self, sparql: str) -> tuple[tuple[str, ...], list[tuple[Identifier | None, ...]]]:
        """The variables and rows of a SELECT query, the curated prefixes declared."""
        if scan(sparql).remote:
            raise ValueError("a query with SERVICE or FROM runs in rdflib, under vzkg's guard")
        solutions = self.store.query(sparql, prefixes=dict(PREFIXES))
        variables = tuple(v.value for v in solutions.variables)  # type: ignore[union-attr]
        rows = [
            tuple(None if value is None else self.node(value) for value in solution)
            for solution in solutions  # type: ignore[union-attr]
        ]
        return variables, rows

    def __contains__(self, triple: Triple) -> bool:
        pattern = [self._to.get(term) for term in triple]
        if None in pattern:
            return False  # a term the data does not hold
        return next(self.store.quads_for_pattern(*pattern), None) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.store)


def snapshot(graph: Graph | Iterable[Triple]) -> Snapshot | None:
    """What *graph* states (a dataset's entailed graph left out; or these triples) as a
    :class:`Snapshot`; None where pyoxigraph is not installed or refuses a term (a malformed
    language tag), and validation keeps to rdflib."""
    try:
        return Snapshot(asserted(graph) if isinstance(graph, Graph) else graph)
    except (ImportError, ValueError, TypeError):
        return None
