"""Stable blank node labels in polynomial time.

Full canonicalisation (rdflib's ``to_canonical_graph``, RDFC-1.0) tries every way of telling
similar blank nodes apart and takes exponential time on small inputs: 80 lines of
``_:xN ex:p ex:o .`` did not export in a minute. vzkg labels blank nodes instead by colour
refinement, the polynomial first half of those algorithms:

1. each blank node is coloured by its statements, other blank nodes left anonymous;
2. each round, a node's colour becomes its colour plus the sorted colours of the statements
   it appears in (subject, object or graph name; other blank nodes by their colour), until a
   round splits no colour;
3. while some colour is shared, a node of the lowest such colour is set apart and step 2 runs
   again. If that split nothing else, every node of that colour is set apart at once: each
   relates in the same way to everything else, so their order cannot show in the output.
   Otherwise each node of that colour is tried in turn (as many as a fixed work budget allows)
   and the one whose refined colouring sorts first is kept, so that, for example, a node of a
   3-cycle and one of a 4-cycle are never confused.

Colours are ranks of sorted signatures, never hashes or memory order, so the same statements
give the same labels ``b0``, ``b1``… in every run. Nodes still tied after a try are
interchangeable in all but contrived regular graphs (where refinement cannot see a difference
that an exhaustive search would); in those, and when a colour has more nodes than the budget
lets it try, the labels are still a correct relabelling, but which of two such nodes gets which
label may vary. Cost: at most one step per blank node, each at most a budget's worth of
refinements of at most one round per blank node: polynomial, where full canonicalisation is
exponential.
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


def _refine(
    colours: Sequence[Hashable], seen: list[list[Statement]]
) -> tuple[list[int], tuple[object, ...]]:
    """Refine *colours* until a round splits none.

    Returns the colours as ranks, and the sorted signatures of the last round: a description
    of the coloured statements that does not depend on node order, for comparing choices.
    """
    ranks = _ranks(colours)
    while True:
        signatures = [
            (
                ranks[node],
                tuple(
                    sorted(
                        tuple(_recoloured(slot, ranks) for slot in statement)
                        for statement in statements
                    )
                ),
            )
            for node, statements in enumerate(seen)
        ]
        refined = _ranks(signatures)
        if len(set(refined)) == len(set(ranks)):
            return refined, tuple(sorted(signatures))
        ranks = refined


def _ranks(values: Sequence[Hashable]) -> list[int]:
    order = {value: rank for rank, value in enumerate(sorted(set(values)))}  # type: ignore[type-var]
    return [order[value] for value in values]


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
    ranks, _ = _refine([0] * len(nodes), seen)
    # how many nodes of a colour may be tried, each costing one refinement
    tries = max(1, _BUDGET // max(1, sum(map(len, seen))))
    while True:
        tied = sorted((rank, group) for rank, group in _classes(ranks).items() if len(group) > 1)
        if not tied:
            break
        group = tied[0][1]

        def apart(node: int, ranks: list[int] = ranks) -> tuple[list[int], tuple[object, ...]]:
            return _refine([(r, int(n == node)) for n, r in enumerate(ranks)], seen)

        first = apart(group[0])
        if len(set(first[0])) == len(set(ranks)) + 1:
            # nothing else split: the whole colour is interchangeable, set all apart at once
            place = {node: i for i, node in enumerate(group, start=1)}
            ranks, _ = _refine([(r, place.get(n, 0)) for n, r in enumerate(ranks)], seen)
        else:
            choices = [first, *(apart(node) for node in group[1:tries])]
            ranks = min(choices, key=lambda choice: choice[1])[0]
    return {node: BNode(f"b{rank}") for node, rank in zip(nodes, ranks, strict=True)}


#: statements (counted once per blank node in them) that the tries of one step may refine
_BUDGET = 200_000
