"""The validation report: each violation in plain words, read from a W3C SHACL results graph."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from ..checks import Finding
from ..namespaces import VZSH, compact, expand
from .snapshot import Snapshot


@dataclass(frozen=True, order=True)
class Violation:
    """One thing the data gets wrong: where, on which property, and what, in plain words."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"
    shape: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "focus": self.focus,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "severity": self.severity,
            "shape": self.shape,
        }


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`vzkg.validate`: whether the data conforms, and each violation."""

    conforms: bool
    violations: tuple[Violation, ...]
    graph: Graph = field(compare=False, repr=False)

    def text(self) -> str:
        """A readable report: one block per violation, then a summary line."""
        lines = []
        for v in self.violations:
            lines.append(f"{v.severity}: {compact(v.focus)}")
            if v.path:
                lines.append(f"  path:    {compact(v.path)}")
            if v.value:
                lines.append(f"  value:   {compact(v.value)}")
            lines.append(f"  message: {v.message}")
            if v.shape:
                lines.append(f"  shape:   {compact(v.shape)}")
            lines.append("")
        if self.conforms:
            lines.append("Conforms: the data satisfies every shape.")
        else:
            count = len(self.violations)
            lines.append(f"Does not conform: {count} violation{'s' if count != 1 else ''}.")
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        document = {"conforms": self.conforms, "violations": [v.to_dict() for v in self.violations]}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def to_turtle(self) -> str:
        """The W3C SHACL validation report graph, in Turtle."""
        from ..serialization import serialize

        return serialize(self.graph, format="turtle").decode()


_IRI = re.compile(r"https?://[^\s)]+")


def _compact_words(text: str) -> str:
    """Shorten the IRIs substituted into messages to CURIEs."""
    return _IRI.sub(lambda match: compact(match.group(0)), " ".join(text.split()))


def _path(
    results: Graph,
    node: Node | None,
    data: Graph | Snapshot,
    focus: Node | None,
    value: Node | None,
) -> str:
    if node is None or isinstance(node, URIRef):
        return str(node or "")
    inverse = results.value(node, SH.inversePath)
    if isinstance(inverse, URIRef):
        return f"^{compact(str(inverse))}"
    alternatives = results.value(node, SH.alternativePath)
    if alternatives is not None and focus is not None and value is not None:
        # name the property that holds the value
        for step in Collection(results, alternatives):  # type: ignore[arg-type]
            if (focus, step, value) in data:
                return str(step)
    return ""


def _shape(shapes: Graph, node: object) -> str:
    """Name the shape a result comes from: a blank property shape is named by its node shape."""
    if isinstance(node, BNode):
        owner = shapes.value(None, SH.property, node)
        return str(owner) if isinstance(owner, URIRef) else ""
    return str(node) if node is not None else ""


def add_result(
    results: Graph,
    *,
    focus: Node,
    shape: Node,
    messages: list[Literal],
    path: Node | None = None,
    value: Node | None = None,
    component: URIRef | None = None,
    constraint: Node | None = None,
    severity: Node = SH.Violation,
) -> None:
    """Add one sh:ValidationResult to the report in *results*, which then does not conform."""
    report = results.value(None, RDF.type, SH.ValidationReport)
    result = BNode()
    results.add((report, SH.result, result))  # type: ignore[arg-type]
    results.add((result, RDF.type, SH.ValidationResult))
    results.add((result, SH.focusNode, focus))
    results.add((result, SH.resultSeverity, severity))
    results.add((result, SH.sourceShape, shape))
    for message in messages:
        results.add((result, SH.resultMessage, message))
    for predicate, term in (
        (SH.resultPath, path),
        (SH.value, value),
        (SH.sourceConstraintComponent, component),
        (SH.sourceConstraint, constraint),
    ):
        if term is not None:
            results.add((result, predicate, term))
    results.set((report, SH.conforms, Literal(False)))  # type: ignore[arg-type]


def add_findings(results: Graph, findings: list[Finding]) -> list[Violation]:
    """Report what vzkg's own checks found as SHACL results too, so every format says it."""
    found = []
    for finding in findings:
        path, shape = expand(finding.path), f"{VZSH}{finding.check.title()}Check"
        add_result(
            results,
            focus=URIRef(finding.node),
            shape=URIRef(shape),
            messages=[Literal(finding.message)],
            path=URIRef(path),
        )
        found.append(Violation(finding.node, path, finding.message, shape=shape))
    return found


def violations(results: Graph, shapes: Graph, data: Graph | Snapshot) -> tuple[Violation, ...]:
    """Every top-level result of the report graph *results* as a :class:`Violation`, sorted."""
    found = set()
    nested = set(results.objects(None, SH.detail))  # the causes of a result, reported with it
    for result in results.subjects(SH.resultSeverity, None):
        if result in nested:
            continue
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(_compact_words(str(m)) for m in results.objects(result, SH.resultMessage))
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        shown = value is not None and value != focus and isinstance(value, (URIRef, Literal))
        found.add(
            Violation(
                focus=str(focus),
                path=_path(results, results.value(result, SH.resultPath), data, focus, value),
                message="; ".join(messages) or "constraint not satisfied",
                value=" ".join(str(value).split()) if shown else "",
                severity=str(severity).rsplit("#", 1)[-1],
                shape=_shape(shapes, results.value(result, SH.sourceShape)),
            )
        )
    return tuple(sorted(found))
