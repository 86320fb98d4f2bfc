"""Reading vzkg's output back: with vzkg itself, with pyoxigraph, and with rapper (Raptor).

Each reader returns the statements as a set of N-Quads lines with blank nodes relabelled the
same way, so that readers and inputs compare with ``==``. Language tags are compared in lower
case (RDF treats them case-insensitively and pyoxigraph lowercases them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from vzkg.namespaces import new_dataset
from vzkg.store import parse_rdf
from vzkg.writers.blank_nodes import blank_node_labels
from vzkg.writers.terms import term_to_ntriples

QUAD_FORMATS = {"nq", "trig", "jsonld"}
RDFLIB_SYNTAX = {
    "turtle": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "xml": "xml",
}
OXIGRAPH_SYNTAX = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
RAPPER_SYNTAX = {
    "turtle": "turtle",
    "nt": "ntriples",
    "nq": "nquads",
    "trig": "trig",
    "xml": "rdfxml",
}

Quad = tuple[Node, Node, Node, Node | None]


def lines(quads: Iterable[Quad], *, keep_graphs: bool = True) -> set[str]:
    """*quads* as N-Quads lines, blank nodes relabelled, language tags in lower case."""
    quads = {q if keep_graphs else (*q[:3], None) for q in quads}
    labels = blank_node_labels(quads)
    out = set()
    for quad in quads:
        terms = []
        for term in quad:
            if isinstance(term, BNode):
                term = labels[term]
            elif isinstance(term, Literal) and term.language:
                term = Literal(term, lang=term.language.lower())
            terms.append(term_to_ntriples(term))
        out.add(" ".join(t for t in terms if t) + " .")
    return out


def dataset_quads(dataset: Graph) -> set[Quad]:
    """The statements of *dataset* with their graph names (None for the default graph)."""
    if not isinstance(dataset, Dataset):
        return {(s, p, o, None) for s, p, o in dataset}
    quads = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        quads.add((s, p, o, None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name))
    return quads  # type: ignore[return-value]


def read_with_vzkg(data: bytes, fmt: str) -> set[Quad]:
    """Read *data* as vzkg reads a data file (quad syntaxes keep their graphs)."""
    dataset = new_dataset()
    target = dataset if fmt in QUAD_FORMATS else dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    parse_rdf(target, data, syntax=RDFLIB_SYNTAX[fmt], name="export")
    return dataset_quads(dataset)


def _from_oxigraph(term: object) -> Node | None:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    return None  # the default graph


def _oxigraph_quads(data: bytes, syntax: ox.RdfFormat) -> set[Quad]:
    return {
        tuple(_from_oxigraph(t) for t in (q.subject, q.predicate, q.object, q.graph_name))  # type: ignore[misc]
        for q in ox.parse(data, format=syntax)
    }


def read_with_oxigraph(data: bytes, fmt: str) -> set[Quad]:
    return _oxigraph_quads(data, OXIGRAPH_SYNTAX[fmt])


def rapper() -> str:
    """The rapper command; skipped where it is missing, a failure where tools are required."""
    found = shutil.which("rapper")
    if found:
        return found
    message = "rapper (Debian raptor2-utils) is not installed"
    if os.environ.get("VZKG_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{message}, and VZKG_REQUIRE_TOOLS=1")
    pytest.skip(message)


def rapper_reads(quads: Iterable[Quad], fmt: str) -> bool:
    """Whether rapper can judge *quads* in *fmt*: it reads no JSON-LD, keeps strings as C
    strings (cut at NUL), and its TriG reader takes no blank node as a graph name."""
    quads = list(quads)
    if fmt not in RAPPER_SYNTAX:
        return False
    if fmt == "trig" and any(isinstance(q[3], BNode) for q in quads):
        return False
    return not any("\x00" in term for quad in quads for term in quad if term is not None)


def read_with_rapper(data: bytes, fmt: str) -> set[Quad]:
    """Read *data* with rapper, and its N-Quads output with pyoxigraph."""
    command = rapper()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{fmt}"
        path.write_bytes(data)
        done = subprocess.run(
            [command, "-q", "-i", RAPPER_SYNTAX[fmt], "-o", "nquads", str(path)],
            capture_output=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return _oxigraph_quads(done.stdout, ox.RdfFormat.N_QUADS)
