"""JSON-LD, written by vzkg: one flat node object per subject and graph, the curated prefixes
as the context, every literal as a ``@value`` string (never a JSON number or boolean, whose
lexical form a reader would choose)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Literal
from rdflib.term import Node

from ..errors import InputError
from ..namespaces import PREFIXES, prefixed_name
from .terms import RDF_LANG_STRING, XSD_STRING, check_iri, check_text
from .turtle import Quad, term_order

# JSON allows these raw in strings; escaped, no reader can take them for line ends.
_LINE_BREAKS = re.compile("[\x7f-\x9f\u2028\u2029]")


def _iri(iri: str) -> str:
    check_iri(iri)
    name = prefixed_name(iri)
    if name is not None:
        return f"{name[0]}:{name[1]}"
    scheme = iri.partition(":")[0]
    if scheme in PREFIXES:
        # a JSON-LD reader would expand it as a prefixed name
        raise InputError(f"cannot write the IRI <{iri}> in JSON-LD: {scheme}: is a prefix")
    return iri


def _node(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else _iri(str(term))


def _value(term: Node) -> dict[str, str]:
    if not isinstance(term, Literal):
        return {"@id": _node(term)}
    check_text(term)
    value = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype is not None and str(term.datatype) not in (XSD_STRING, RDF_LANG_STRING):
        value["@type"] = _iri(term.datatype)
    return value


def _nodes(triples: list[tuple[Node, Node, Node]]) -> list[dict[str, object]]:
    by_subject: dict[Node, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][_iri(str(p))].append(o)
    nodes: list[dict[str, object]] = []
    for subject in sorted(by_subject, key=term_order):
        node: dict[str, object] = {"@id": _node(subject)}
        for key, objects in sorted(by_subject[subject].items()):
            node[key] = [_value(o) for o in sorted(objects, key=term_order)]
        nodes.append(node)
    return nodes


def write_jsonld(quads: Iterable[Quad]) -> str:
    """JSON-LD for *quads*: default graph nodes first, then one object per named graph."""
    by_graph: dict[Node | None, list[tuple[Node, Node, Node]]] = defaultdict(list)
    for s, p, o, g in quads:
        by_graph[g].append((s, p, o))
    graph: list[dict[str, object]] = []
    for name in sorted(by_graph, key=term_order):
        if name is None:
            graph.extend(_nodes(by_graph[name]))
        else:
            graph.append({"@id": _node(name), "@graph": _nodes(by_graph[name])})
    document = {"@context": PREFIXES, "@graph": graph}
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
