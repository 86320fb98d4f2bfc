"""Validating a graph against the vzkg SHACL shapes (or others) with pySHACL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from .access import remote_access
from .checks import Finding
from .errors import InputError, VzkgError
from .files import read_bytes
from .limits import MAX_INPUT_BYTES, time_limit
from .namespaces import VZSH, compact, expand, new_graph
from .resources import resource_files
from .store import parse_rdf, syntax_for
from .text import kind_of


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
    """The outcome of :func:`validate`: whether the data conforms, and each violation."""

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
        from .serialization import serialize

        return serialize(self.graph, format="turtle").decode()


def load_shapes(
    paths: Iterable[str | Path] = (),
    *,
    allow_remote: bool = False,
    max_input_bytes: int | None = MAX_INPUT_BYTES,
) -> Graph:
    """Return the shapes graph: the files in *paths*, or the bundled shapes when none given.

    *allow_remote* and *max_input_bytes* are as for :func:`vzkg.load`.
    """
    shapes = new_graph()
    paths = list(paths)
    if not paths:
        for resource in resource_files("shapes", ".ttl"):
            parse_rdf(shapes, resource.read_bytes(), syntax="turtle", name=resource.name)
        return shapes
    for path in paths:
        data = read_bytes(path, max_bytes=max_input_bytes)
        parse_rdf(
            shapes,
            data,
            syntax=syntax_for(path),
            name=f"shapes {path}",
            allow_remote=allow_remote,
        )
    return shapes


def _unusable(detail: str) -> InputError:
    return InputError(f"the shapes cannot be used: {' '.join(detail.split())[:300]}")


def _union(graph: Graph) -> Graph:
    # pySHACL validates each named graph of a dataset on its own; vzkg's shapes need the
    # entities, the ontology and each source's statements together.
    if not isinstance(graph, Dataset):
        return graph
    union = new_graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


_IRI = re.compile(r"https?://[^\s)]+")


def _compact_words(text: str) -> str:
    """Shorten the IRIs pySHACL substitutes into messages to CURIEs."""
    return _IRI.sub(lambda match: compact(match.group(0)), " ".join(text.split()))


def _path(
    results: Graph, node: Node | None, data: Graph, focus: Node | None, value: Node | None
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


def _add_findings(results: Graph, findings: list[Finding]) -> list[Violation]:
    """Report what vzkg's own checks found as SHACL results too, so every format says it."""
    report = results.value(None, RDF.type, SH.ValidationReport)
    violations = []
    for finding in findings:
        path, shape = expand(finding.path), f"{VZSH}{finding.check.title()}Check"
        result = BNode()
        results.add((report, SH.result, result))  # type: ignore[arg-type]
        results.add((result, RDF.type, SH.ValidationResult))
        results.add((result, SH.focusNode, URIRef(finding.node)))
        results.add((result, SH.resultPath, URIRef(path)))
        results.add((result, SH.resultSeverity, SH.Violation))
        results.add((result, SH.resultMessage, Literal(finding.message)))
        results.add((result, SH.sourceShape, URIRef(shape)))
        violations.append(Violation(finding.node, path, finding.message, shape=shape))
    if findings:
        results.set((report, SH.conforms, Literal(False)))  # type: ignore[arg-type]
    return violations


def validate(
    graph: Graph,
    *,
    shapes: Graph | None = None,
    checks: bool = True,
    timeout: float | None = None,
    allow_remote: bool = False,
) -> ValidationReport:
    """Validate *graph* (a graph or dataset) against *shapes*, the bundled shapes by default.

    Unless *checks* is false, vzkg's own checks run too (:mod:`vzkg.checks`): each quantity
    agrees with its words, each speaker is named as such, each relative date resolves again
    to its stored time. What they find is reported like a shape's violation, from
    ``vzsh:NumbersCheck``, ``vzsh:SpeakersCheck`` or ``vzsh:DatesCheck``.

    Validation stops with a :class:`~vzkg.errors.TimeLimitError` after *timeout* seconds
    (``None``: no limit). SPARQL constraints in the shapes reach no URL or file unless
    *allow_remote* (see :mod:`vzkg.access`).

    >>> import vzkg
    >>> report = vzkg.validate(vzkg.load())
    >>> report.conforms, len(report.violations)
    (True, 0)
    """
    for role, given in (("graph", graph), ("shapes", shapes)):
        if not isinstance(given, Graph) and not (role == "shapes" and given is None):
            raise InputError(
                f"validate() needs the {role} as an rdflib Graph or Dataset (see vzkg.load() "
                f"and vzkg.validation.load_shapes()), not {kind_of(given)}"
            )
    import pyshacl  # imported here: it costs about half a second

    shapes_graph = shapes if shapes is not None else load_shapes()
    data = _union(graph)
    findings: list[Finding] = []
    try:
        with time_limit(timeout), remote_access(allow_remote):
            conforms, results, text = pyshacl.validate(
                data,
                shacl_graph=shapes_graph,
                inference="none",
                allow_infos=True,
                allow_warnings=True,
            )
            if checks and isinstance(results, Graph):
                from .checks.values import check

                findings = check(graph)
    except VzkgError:
        raise
    except Exception as error:  # a malformed shapes graph surfaces as assorted pySHACL errors
        raise _unusable(str(error)) from None
    if not isinstance(results, Graph):  # pySHACL reports some failures instead of raising
        raise _unusable(text.removeprefix("Validation Failure - "))
    violations = []
    nested = set(results.objects(None, SH.detail))  # the causes of a result, reported with it
    for result in results.subjects(SH.resultSeverity, None):
        if result in nested:
            continue
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(_compact_words(str(m)) for m in results.objects(result, SH.resultMessage))
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        shown = value is not None and value != focus and isinstance(value, (URIRef, Literal))
        violations.append(
            Violation(
                focus=str(focus),
                path=_path(results, results.value(result, SH.resultPath), data, focus, value),
                message="; ".join(messages) or "constraint not satisfied",
                value=" ".join(str(value).split()) if shown else "",
                severity=str(severity).rsplit("#", 1)[-1],
                shape=_shape(shapes_graph, results.value(result, SH.sourceShape)),
            )
        )
    violations.extend(_add_findings(results, findings))
    conforms = conforms and not findings
    return ValidationReport(bool(conforms), tuple(sorted(set(violations))), results)
