"""Serialising the graph: byte-identical output for the same graph, with curated prefixes."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from .errors import InputError
from .files import atomic_write
from .formats import EXPORT_FORMATS
from .namespaces import PREFIXES, new_dataset, new_graph
from .results import term_to_ntriples

Quad = tuple[Node, Node, Node, Node]


def format_for(path: str | Path) -> str:
    """Return the export format that *path*'s extension names.

    >>> format_for("out/graph.trig")
    'trig'
    """
    suffix = Path(path).suffix.lower()
    for fmt, extension in EXPORT_FORMATS.items():
        if suffix == extension or (fmt == "turtle" and suffix == ".turtle"):
            return fmt
    if suffix in (".xml", ".owl"):
        return "xml"
    known = ", ".join(EXPORT_FORMATS.values())
    raise InputError(f"cannot tell the export format of {path}; use one of {known} or --format")


def _graph_order(name: Node | None) -> tuple[bool, str]:
    """The default graph first, then named graphs by name."""
    return (name is not None, str(name or ""))


def _quad_order(quad: Quad) -> tuple[tuple[bool, str], tuple[Node, Node, Node]]:
    return (_graph_order(quad[3]), quad[:3])


# Prefix of the placeholder predicates that carry a statement's graph through canonicalisation.
_GRAPH_TAG = "urn:x-vzkg-graph:"


def _canonical_quads(quads: set[Quad]) -> set[Quad]:
    """Return *quads* with blank nodes relabelled by their structure across the whole dataset.

    rdflib numbers canonical labels ``cb0``, ``cb1``… afresh in every graph it is given, so
    graph-by-graph canonicalisation gives unrelated blank nodes of different graphs the same
    label. Instead each predicate is tagged with its graph's number and all statements are
    canonicalised together, then the tags are taken off again.
    """
    if not any(isinstance(term, BNode) for quad in quads for term in quad[:3]):
        return quads
    names = sorted({q[3] for q in quads}, key=_graph_order)
    number = {name: index for index, name in enumerate(names)}
    tagged = Graph()
    for s, p, o, name in quads:
        tagged.add((s, URIRef(f"{_GRAPH_TAG}{number[name]}:{p}"), o))
    out: set[Quad] = set()
    for s, p, o in to_canonical_graph(tagged):
        index, _, predicate = str(p)[len(_GRAPH_TAG) :].partition(":")
        out.add((s, URIRef(predicate), o, names[int(index)]))
    return out


def _quads(graph: Graph) -> list[Quad]:
    """Every statement of *graph* with its graph name, sorted; the default graph is ``None``."""
    quads: set[Quad] = set()
    if isinstance(graph, Dataset):
        for s, p, o, g in graph.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            key = None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name
            quads.add((s, p, o, key))  # type: ignore[arg-type]
    else:
        quads.update((s, p, o, None) for s, p, o in graph)  # type: ignore[misc]
    return sorted(_canonical_quads(quads), key=_quad_order)


def _sorted_graph(quads: list[Quad]) -> Graph:
    graph = new_graph()
    for s, p, o in sorted({q[:3] for q in quads}):
        graph.add((s, p, o))
    return graph


def _sorted_dataset(quads: list[Quad]) -> Dataset:
    dataset = new_dataset()
    for s, p, o, g in quads:
        dataset.graph(DATASET_DEFAULT_GRAPH_ID if g is None else g).add((s, p, o))  # type: ignore[arg-type]
    return dataset


def _turtle(quads: list[Quad]) -> str:
    return _sorted_graph(quads).serialize(format="turtle")


def _trig(quads: list[Quad]) -> bytes:
    """TriG written graph by graph in name order (rdflib's own TriG writer orders graphs by
    hash), each graph's body written by the (sorting) Turtle writer."""
    header: list[str] = []
    blocks: list[str] = []
    for name in sorted({q[3] for q in quads}, key=_graph_order):
        text = _turtle([q for q in quads if q[3] == name])
        prefixes = [line for line in text.splitlines() if line.startswith("@prefix")]
        header.extend(p for p in prefixes if p not in header)
        body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
        body = body.strip("\n")
        if name is None:
            blocks.append(body)
        else:
            indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
            blocks.append(f"{term_to_ntriples(name)} {{\n{indented}\n}}")  # type: ignore[arg-type]
    return ("\n".join(sorted(header)) + "\n\n" + "\n\n".join(blocks) + "\n").encode()


def _qname(iri: str) -> tuple[str, str]:
    """Split a predicate IRI into a curated prefix and an XML-safe local name."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local[:1].isalpha() and local.replace("-", "").isalnum():
            return prefix, local
    raise InputError(f"cannot write predicate <{iri}> in RDF/XML: no curated prefix covers it")


def _rdfxml(quads: list[Quad]) -> bytes:
    """Flat RDF/XML, one rdf:Description per subject, subjects and properties sorted."""
    triples = sorted({q[:3] for q in quads})
    used = {_qname(str(p))[0] for _, p, _ in triples} | {"rdf"}
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines.extend(f"   xmlns:{prefix}={quoteattr(PREFIXES[prefix])}" for prefix in sorted(used))
    lines[-1] += ">"
    current: Node | None = None
    for s, p, o in triples:
        if s != current:
            if current is not None:
                lines.append("  </rdf:Description>")
            about = (
                f"rdf:nodeID={quoteattr(str(s))}"
                if isinstance(s, BNode)
                else (f"rdf:about={quoteattr(str(s))}")
            )
            lines.append(f"  <rdf:Description {about}>")
            current = s
        tag = ":".join(_qname(str(p)))
        if isinstance(o, URIRef):
            lines.append(f"    <{tag} rdf:resource={quoteattr(str(o))}/>")
        elif isinstance(o, BNode):
            lines.append(f"    <{tag} rdf:nodeID={quoteattr(str(o))}/>")
        else:
            assert isinstance(o, Literal)
            attribute = ""
            if o.language:
                attribute = f" xml:lang={quoteattr(o.language)}"
            elif o.datatype:
                attribute = f" rdf:datatype={quoteattr(str(o.datatype))}"
            lines.append(f"    <{tag}{attribute}>{escape(str(o))}</{tag}>")
    if current is not None:
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return ("\n".join(lines) + "\n").encode()


def _jsonld(quads: list[Quad]) -> bytes:
    dataset = _sorted_dataset(quads)
    text = dataset.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    document = json.loads(text)

    # rdflib's node order follows its store; sort nodes and values so output is stable, but
    # not the members of an RDF list (``@list``), whose order is data.
    def order(value: object, *, in_list: bool = False) -> object:
        if isinstance(value, list):
            items = [order(item, in_list=in_list) for item in value]
            if in_list:
                return items
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        if isinstance(value, dict):
            return {key: order(item, in_list=key == "@list") for key, item in value.items()}
        return value

    body = {key: order(value) for key, value in document.items() if key != "@context"}
    ordered = {"@context": document.get("@context", dict(PREFIXES)), **body}
    return (json.dumps(ordered, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def serialize(graph: Graph, *, format: str = "turtle") -> bytes:
    """Return *graph* in *format* as bytes; the same graph always gives the same bytes.

    Triple formats (``turtle``, ``nt``, ``xml``) write the union of a dataset's graphs; quad
    formats (``nq``, ``trig``, ``jsonld``) keep each named graph.

    >>> import vzkg
    >>> from vzkg.serialization import serialize
    >>> serialize(vzkg.load(), format="nt") == serialize(vzkg.load(), format="nt")
    True
    """
    if format not in EXPORT_FORMATS:
        raise InputError(
            f"unknown export format {format!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    quads = _quads(graph)
    if format == "nt":
        lines = sorted(
            {" ".join(term_to_ntriples(t) for t in q[:3]) + " ." for q in quads}  # type: ignore[arg-type]
        )
        return "".join(line + "\n" for line in lines).encode()
    if format == "nq":
        lines = sorted(
            " ".join(term_to_ntriples(t) for t in q if t is not None) + " ."  # type: ignore[arg-type]
            for q in quads
        )
        return "".join(line + "\n" for line in lines).encode()
    if format == "jsonld":
        return _jsonld(quads)
    if format == "trig":
        return _trig(quads)
    if format == "xml":
        return _rdfxml(quads)
    return _turtle(quads).encode()


def export(
    graph: Graph, *, format: str | None = None, destination: str | Path | None = None
) -> bytes | None:
    """Serialise *graph*; return the bytes, or write them to *destination* and return None.

    *format* defaults to the one *destination*'s extension names, else ``turtle``. Files are
    written atomically (see :func:`vzkg.files.atomic_write`).
    """
    if format is None:
        format = format_for(destination) if destination is not None else "turtle"
    data = serialize(graph, format=format)
    if destination is None:
        return data
    atomic_write(destination, data)
    return None
