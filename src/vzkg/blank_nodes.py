"""Stable blank node labels in polynomial time.

Full canonicalisation (rdflib's ``to_canonical_graph``, RDFC-1.0) tries every way of telling
similar blank nodes apart and takes exponential time on small inputs: 80 lines of
``_:xN ex:p ex:o .`` did not export in a minute. vzkg labels blank nodes instead by colour
refinement, the polynomial first half of those algorithms:

1. each blank node is coloured by its statements, other blank nodes left anonymous;
2. each round, a node's colour becomes its colour plus the sorted colours of the statements
   it appears in (subject, object or graph name; other blank nodes by their colour), until a
   round splits no colour;
3. while some colour is shared, one node of the lowest such colour is set apart and step 2 runs
   again; if that split nothing else, every node of that colour is set apart at once (they
   relate in the same way to everything else, so their order cannot show in the output).

Colours are ranks of sorted signatures, never hashes or memory order, so the same statements
give the same labels ``b0``, ``b1``… in every run. Nodes that share a colour after refinement
are interchangeable in every graph but contrived regular ones (where refinement cannot see a
difference an exhaustive search would); there the labels are still a correct relabelling, but
which of two such nodes gets which label may vary. Cost: at most one refinement per blank node,
each at most one round per blank node over the statements that hold one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

from rdflib import BNode
from rdflib.term import Node

from .terms import term_to_ntriples

Quad = tuple[Node, Node, Node, Node | None]
# A statement slot as seen from one blank node: (0, text) a fixed term, (1, index) another
# blank node, (2, 0) the node itself.
Slot = tuple[int, Hashable]
Statement = tuple[Slot, ...]


def _statements(quads: Sequence[Quad]) -> tuple[list[BNode], list[list[Statement]]]:
    """The blank nodes of *quads*, and for each, the statements it appears in."""
    index: dict[BNode, int] = {}
    for quad in quads:
        for term in quad:
            if isinstance(term, BNode) and term not in index:
                index[term] = len(index)
    seen: list[list[Statement]] = [[] for _ in index]
    text: dict[Node | None, str] = {}
    for quad in quads:
        nodes = {index[t] for t in quad if isinstance(t, BNode)}
        for node in nodes:
            statement: list[Slot] = []
            for term in quad:
                if isinstance(term, BNode):
                    other = index[term]
                    statement.append((2, 0) if other == node else (1, other))
                else:
                    if term not in text:
                        text[term] = term_to_ntriples(term)
                    statement.append((0, text[term]))
            seen[node].append(tuple(statement))
    return list(index), seen


def _refine(colours: Sequence[Hashable], seen: list[list[Statement]]) -> list[int]:
    """Refine *colours* until a round splits none; return them as ranks."""
    count = len(set(colours))
    while True:
        signatures = [
            (
                colours[node],
                tuple(
                    sorted(
                        tuple(_recoloured(slot, colours) for slot in statement)
                        for statement in statements
                    )
                ),
            )
            for node, statements in enumerate(seen)
        ]
        order = {sig: rank for rank, sig in enumerate(sorted(set(signatures)))}  # type: ignore[type-var]
        ranks = [order[sig] for sig in signatures]
        if len(order) == count:
            return ranks
        count = len(order)
        colours = ranks


def _recoloured(slot: Slot, colours: Sequence[Hashable]) -> Slot:
    return (1, colours[slot[1]]) if slot[0] == 1 else slot  # type: ignore[call-overload]


def _classes(ranks: list[int]) -> dict[int, list[int]]:
    members: dict[int, list[int]] = defaultdict(list)
    for node, rank in enumerate(ranks):
        members[rank].append(node)
    return members


def blank_node_labels(quads: Iterable[Quad]) -> dict[BNode, BNode]:
    """Map every blank node of *quads* to a stable label ``b0``, ``b1``… (see the module doc).

    >>> from rdflib import URIRef
    >>> p, o = URIRef("http://example.org/p"), URIRef("http://example.org/o")
    >>> labels = blank_node_labels([(BNode(), p, o, None) for _ in range(80)])
    >>> sorted(labels.values(), key=lambda label: int(label[1:]))[-1]
    rdflib.term.BNode('b79')
    """
    nodes, seen = _statements(list(quads))
    ranks = _refine([0] * len(nodes), seen)
    while True:
        tied = sorted((rank, group) for rank, group in _classes(ranks).items() if len(group) > 1)
        if not tied:
            break
        group = tied[0][1]
        before = len(set(ranks))
        # set one node apart; the others of its colour keep (rank, 0)
        apart = _refine([(r, int(n == group[0])) for n, r in enumerate(ranks)], seen)
        if len(set(apart)) == before + 1:
            # nothing else split: the whole colour is interchangeable, set all apart at once
            place = {node: i for i, node in enumerate(group, start=1)}
            apart = _refine([(r, place.get(n, 0)) for n, r in enumerate(ranks)], seen)
        ranks = apart
    return {node: BNode(f"b{rank}") for node, rank in zip(nodes, ranks, strict=True)}
