"""Validating a graph against the vzkg SHACL shapes (or others).

The shapes' Core constraints go to a SHACL engine (:mod:`vzkg.validation.engines`), their
SPARQL constraints run as one query each over the whole graph
(:mod:`vzkg.validation.whole_graph`), and vzkg's own checks (:mod:`vzkg.checks`) add what
SHACL cannot say; one report holds all three. What is judged is copied once, into a pyoxigraph
store (:mod:`vzkg.validation.snapshot`) that pyshacl-turbo reads and vzkg's queries run on;
pyshacl-turbo works in a thread of its own while vzkg's checks run
(:func:`~vzkg.validation.engines.start`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from ..access import remote_access
from ..checks import Finding
from ..engines.base import Store
from ..engines.terms import to_rdflib
from ..entailment import ENTAILED_GRAPH, asserted
from ..errors import InputError, VzkgError
from ..files import read_bytes
from ..limits import MAX_INPUT_BYTES, time_limit
from ..namespaces import new_graph
from ..resources import resource_files
from ..text import kind_of
from . import engines
from .report import ValidationReport, Violation, add_findings, violations
from .scope import scope
from .snapshot import Snapshot, Triple, snapshot
from .whole_graph import WholeGraphConstraint, split

__all__ = ["ValidationReport", "Violation", "load_shapes", "validate"]

#: what is judged: an rdflib graph, the triples of a scope or a store, or a store read in place
Judged = Graph | set[Triple] | Snapshot


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
        import pyoxigraph

        # vzkg's own files, read by Oxigraph's parser in half the time rdflib's took
        for resource in resource_files("shapes", ".ttl"):
            found = pyoxigraph.parse(
                resource.read_bytes(), format=pyoxigraph.RdfFormat.TURTLE, rename_blank_nodes=True
            )
            triples = ((q.subject, q.predicate, q.object) for q in found)
            shapes.addN((*(to_rdflib(t) for t in triple), shapes) for triple in triples)  # type: ignore[misc]
        return shapes
    from ..input_files import syntax_for
    from ..store import parse_rdf  # rdflib's readers: only for shapes given

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


@cache
def _bundled() -> tuple[Graph, Graph, list[WholeGraphConstraint]]:
    """The bundled shapes, their Core part and their whole-graph queries: read once, as
    parsing and splitting them took a third of validating the bundled graph. Nothing
    changes them: the engines and the report only read shapes."""
    shapes = load_shapes()
    core, whole_graph = split(shapes)
    return shapes, core, whole_graph


def _unusable(detail: str) -> InputError:
    return InputError(f"the shapes cannot be used: {' '.join(detail.split())[:300]}")


def _graph(data: Graph | set[Triple] | Snapshot) -> Graph:
    """*data* as one rdflib graph (see :func:`union`)."""
    if isinstance(data, Graph):
        return union(data)
    graph = new_graph()
    triples = data.triples() if isinstance(data, Snapshot) else data
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def union(graph: Graph) -> Graph:
    """*graph* as one graph: SHACL engines validate each named graph of a dataset on its own,
    and vzkg's shapes need the entities, the ontology and each source's statements together.
    A dataset's entailed graph (:mod:`vzkg.entailment`) is left out: what the data states is
    judged, and an entailed triple must make no shape pass or fail."""
    if not isinstance(graph, Dataset):
        return graph
    merged = new_graph()
    for triple in asserted(graph):
        merged.add(triple)
    return merged


def _stated(store: Store) -> Snapshot | set[Triple]:
    """What *store* states (its entailed graph left out): an Oxigraph store's, read in Rust
    as its stated view's queries read it (:meth:`Snapshot.of_store`); the triples of another
    engine's, to copy."""
    from ..engines.oxigraph import OxigraphStore

    if isinstance(store, OxigraphStore):
        return Snapshot.of_store(store)
    return {(s, p, o) for s, p, o, g in store.quads() if g != ENTAILED_GRAPH}


def _context(copy: Snapshot | None, data: Judged, context: Judged) -> Graph | Snapshot:
    """What the whole-graph queries read: the data, or a source with what it touches."""
    if context is data and copy is not None:
        return copy
    found = context if isinstance(context, Snapshot) else snapshot(context)
    return found if found is not None else _graph(context)


def validate(
    graph: Graph | Store,
    *,
    shapes: Graph | None = None,
    checks: bool = True,
    timeout: float | None = None,
    allow_remote: bool = False,
    engine: str | None = None,
    only: Iterable[URIRef | str] | None = None,
) -> ValidationReport:
    """Validate *graph* (a graph, a dataset or a :class:`~vzkg.Store`) against *shapes*, the
    bundled shapes by default.

    What a dataset or store states is validated, all its graphs together; its entailed graph
    (:mod:`vzkg.entailment`) is left out. An Oxigraph store is read where it lies, or through
    the copy of what it states that its stated view's queries share
    (:meth:`~vzkg.engines.oxigraph.OxigraphStore.stated`); a dataset and the triples of another
    store are copied once (see :mod:`vzkg.validation.snapshot`).

    Unless *checks* is false, vzkg's own checks run too (:mod:`vzkg.checks`): each quantity
    agrees with its words, each speaker is named as such, each relative date resolves again
    to its stored time. What they find is reported like a shape's violation, from
    ``vzsh:NumbersCheck``, ``vzsh:SpeakersCheck`` or ``vzsh:DatesCheck``.

    *engine* checks the shapes' Core constraints: ``"pyshacl-turbo"`` or ``"pyshacl"``
    (default: pyshacl-turbo where it is installed, see :mod:`vzkg.validation.engines`). Their
    SPARQL constraints run as whole-graph queries (:mod:`vzkg.validation.whole_graph`).

    With *only*, the names of graphs of the dataset *graph* (a source just added; an rdflib
    Dataset, or the ``rdflib`` store), only those graphs and what they touch are validated
    (:mod:`vzkg.validation.scope`): the cost grows with them, not with the whole graph.

    Validation stops with a :class:`~vzkg.errors.TimeLimitError` after *timeout* seconds
    (``None``: no limit). SPARQL constraints in the shapes reach no URL or file unless
    *allow_remote* (see :mod:`vzkg.access`). The work that runs in Rust (pyshacl-turbo, and
    Oxigraph for vzkg's own queries: the bundled shapes' SPARQL constraints and the value
    checks, each one linear whole-graph query) is stopped only once it returns (pyshacl-turbo,
    which works in a thread of its own, finishes in the background); the SPARQL constraints of
    other shapes run in rdflib, under both guards.

    >>> import vzkg
    >>> report = vzkg.validate(vzkg.load())
    >>> report.conforms, len(report.violations)
    (True, 0)
    """
    if not isinstance(graph, (Graph, Store)):
        raise InputError(
            "validate() needs the graph as an rdflib Graph or Dataset or a vzkg Store (see "
            f"vzkg.load() and vzkg.open_store()), not {kind_of(graph)}"
        )
    if not isinstance(shapes, Graph) and shapes is not None:
        raise InputError(
            "validate() needs the shapes as an rdflib Graph (see "
            f"vzkg.validation.load_shapes()), not {kind_of(shapes)}"
        )
    shapes_graph, core, whole_graph = _bundled() if shapes is None else (shapes, None, [])
    if isinstance(graph, Store) and graph.engine == "rdflib":
        graph = graph.dataset  # type: ignore[attr-defined]  # the Dataset itself, no copy
    data: Judged
    context: Judged
    if only is None:
        data = context = _stated(graph) if isinstance(graph, Store) else graph
    elif isinstance(graph, Dataset):
        data, context = scope(graph, only)
    else:
        raise InputError("validate(only=…) names graphs of a Dataset (see vzkg.load())")
    findings: list[Finding] = []
    try:
        with time_limit(timeout), remote_access(allow_remote):
            if core is None:
                core, whole_graph = split(shapes_graph)
            chosen = engine or engines.default_engine(core)
            # one copy of what is judged, in the store the faster engines read (turbo, the
            # queries); rdflib's own copy only for pySHACL or where pyoxigraph cannot hold it
            copy = data if isinstance(data, Snapshot) else snapshot(data)
            if copy is None and engine is None:
                # pyoxigraph refused a term (a malformed language tag): pyshacl-turbo, which
                # reads terms as pyoxigraph does, would refuse it too, and blame the shapes
                chosen = engines.PYSHACL
            judged: Graph | Snapshot
            engine_input: Graph | Any  # an rdflib graph, or the store pyshacl-turbo reads
            if copy is not None and chosen == engines.TURBO:
                judged, engine_input = copy, copy.store
            else:
                engine_input = _graph(data)
                judged = engine_input if copy is None else copy
            answer = engines.start(chosen, engine_input, core)
            if checks:  # while pyshacl-turbo works in its thread (engines.start)
                from ..checks.values import check

                findings = check(judged)
            conforms, results, text = answer()
            if isinstance(judged, Snapshot) and engine_input is judged.store:
                results = judged.rewrite(results)  # the engine read what the store keeps
            if isinstance(results, Graph):
                # the bundled shapes' queries are vzkg's own, fit to run outside its guard and
                # time limit (snapshot.py); other shapes' queries run in rdflib, under them
                own = shapes is None and copy is not None
                where = _context(copy, data, context) if own else _graph(context)
                # every query runs, so that the report names every problem
                checked = [constraint.check(where, results) for constraint in whole_graph]
                conforms = conforms and all(checked)
    except VzkgError:
        raise
    except Exception as error:  # a malformed shapes graph surfaces as assorted engine errors
        raise _unusable(str(error)) from None
    if not isinstance(results, Graph):  # pySHACL reports some failures instead of raising
        raise _unusable(text.removeprefix("Validation Failure - "))
    found = violations(results, shapes_graph, judged) + tuple(add_findings(results, findings))
    return ValidationReport(conforms and not findings, tuple(sorted(set(found))), results)
