"""SHACL-SPARQL constraints run as one query over the whole graph, not once per focus node.

A SHACL engine runs a SPARQL-based constraint once for each focus node, with ``$this`` bound
to it; pySHACL even parses the query again each time, which made the bounds check of times 80–94%
of a validation. Here the focus nodes become the first pattern of the query itself (the
shape's targets, each node once), so the engine answers for all of them at once, and the
query runs wherever the graph lives (:func:`vzkg.sparql.query`). A query whose patterns all
start from ``$this``, as SHACL's pre-binding asks, gives the same solutions either way; the
tests compare both on every case of ``tests/shapes/``.

Only constraints of shapes that select their own focus nodes are taken out of the shapes; a
shape that other shapes use (``sh:node``…) keeps its constraints for the SHACL engine, as does
a constraint that needs ``$PATH``, ``$currentShape`` or ``$shapesGraph``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .report import add_result
from .snapshot import Snapshot

_TARGETS = {
    SH.targetClass: "?this rdf:type/rdfs:subClassOf* {} .",
    SH.targetNode: "VALUES ?this {{ {} }}",
    SH.targetSubjectsOf: "?this {} [] .",
    SH.targetObjectsOf: "[] {} ?this .",
}
# what only an engine that runs the query per shape or per focus node can bind
_ENGINE_ONLY = re.compile(r"[?$](PATH|currentShape|shapesGraph)\b")
_THIS = re.compile(r"\$this\b")


@dataclass(frozen=True)
class WholeGraphConstraint:
    """A SPARQL-based constraint of a node shape, as one query over the whole graph."""

    shape: URIRef
    constraint: Node
    sparql: str
    messages: tuple[Literal, ...]
    severity: Node

    def check(self, data: Graph | Snapshot, results: Graph) -> bool:
        """Add a result to the report *results* for each solution of the query on *data* (an
        rdflib graph, or a :class:`~vzkg.validation.snapshot.Snapshot` whose store runs it);
        return whether the data conforms (results of severity Info or Warning do not count)."""
        if isinstance(data, Snapshot):
            variables, rows = data.select(self.sparql)
        else:
            from ..sparql import query  # rdflib's SPARQL grammar takes 0.1 s to build

            answer = query(data, self.sparql)
            variables, rows = answer.variables, list(answer.rows)
        for row in rows:
            pairs = zip(variables, row, strict=True)
            bound = {name: value for name, value in pairs if value is not None}
            focus = bound["this"]
            add_result(
                results,
                focus=focus,
                shape=self.shape,
                messages=[_filled(message, bound) for message in self.messages],
                path=bound.get("path"),
                value=bound.get("value", focus),
                component=SH.SPARQLConstraintComponent,
                constraint=self.constraint,
                severity=self.severity,
            )
        return not rows or self.severity != SH.Violation


def _filled(message: Literal, bound: Mapping[str, Node]) -> Literal:
    """The message with ``{?name}`` and ``{$name}`` replaced by the values of the solution."""
    text = str(message)
    for name, value in bound.items():
        text = text.replace(f"{{?{name}}}", str(value)).replace(f"{{${name}}}", str(value))
    return Literal(text, lang=message.language)


def _prologue(shapes: Graph, constraint: Node) -> str:
    lines = []
    for declarations in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(declarations, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _targets(shapes: Graph, shape: Node) -> list[str]:
    return sorted(
        pattern.format(target.n3())
        for kind, pattern in _TARGETS.items()
        for target in shapes.objects(shape, kind)
    )


_SELECT = re.compile(r"\bSELECT(\s+(?:DISTINCT|REDUCED)\b)?", re.IGNORECASE)


def _whole_graph(select: str, targets: list[str]) -> str | None:
    """*select* with the focus nodes of *targets* as the first pattern of its WHERE clause.

    The targets are plain patterns, not a sub-query, so that an engine that evaluates joins
    left to right (rdflib) binds ``?this`` before the rest; DISTINCT drops the repeats of a
    node that is a target twice (two types under one target class).
    """
    start = select.find("{")
    if start < 0 or _ENGINE_ONLY.search(select):
        return None
    focus = targets[0] if len(targets) == 1 else " UNION ".join(f"{{ {t} }}" for t in targets)
    text = f"{select[: start + 1]}\n    {focus}\n{select[start + 1 :]}"
    return _THIS.sub("?this", _SELECT.sub("SELECT DISTINCT", text, count=1))


def _nested(shapes: Graph, shape: Node) -> bool:
    """Whether other shapes use *shape* (sh:node, sh:and, sh:property…)."""
    return any(p != RDF.type for _, p in shapes.subject_predicates(shape))


def _literals(shapes: Graph, node: Node, predicate: URIRef) -> tuple[Literal, ...]:
    return tuple(m for m in shapes.objects(node, predicate) if isinstance(m, Literal))


def _active(shapes: Graph, *nodes: Node) -> bool:
    return all((node, SH.deactivated, Literal(True)) not in shapes for node in nodes)


def split(shapes: Graph) -> tuple[Graph, list[WholeGraphConstraint]]:
    """The shapes without the SPARQL constraints that run as whole-graph queries, and those."""
    taken: list[WholeGraphConstraint] = []
    removed = set()
    for shape, constraint in shapes.subject_objects(SH.sparql):
        select = shapes.value(constraint, SH.select)
        targets = _targets(shapes, shape)
        sparql = _whole_graph(str(select), targets) if select is not None and targets else None
        if not isinstance(shape, URIRef) or sparql is None or _nested(shapes, shape):
            continue
        removed.add((shape, SH.sparql, constraint))
        if _active(shapes, shape, constraint):  # a deactivated one goes nowhere
            taken.append(
                WholeGraphConstraint(
                    shape=shape,
                    constraint=constraint,
                    sparql=f"{_prologue(shapes, constraint)}\n{sparql}",
                    messages=_literals(shapes, constraint, SH.message)
                    or _literals(shapes, shape, SH.message),
                    severity=shapes.value(shape, SH.severity) or SH.Violation,
                )
            )
    # the constraints taken go whole, their own description too: a sh:select left behind
    # would make the rest look like SHACL-SPARQL (engines.default_engine) for nothing
    gone = {
        constraint
        for _, _, constraint in removed
        if all(t in removed for t in shapes.triples((None, SH.sparql, constraint)))
    }
    rest = Graph(namespace_manager=shapes.namespace_manager)
    for triple in shapes:
        if triple not in removed and triple[0] not in gone:
            rest.add(triple)
    return rest, sorted(taken, key=lambda c: (str(c.shape), c.sparql))
