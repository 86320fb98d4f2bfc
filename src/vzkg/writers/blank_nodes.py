"""Stable blank node labels in polynomial time.

Full canonicalisation (rdflib's ``to_canonical_graph``, RDFC-1.0) tries every way of telling
similar blank nodes apart and takes exponential time on small inputs: 80 lines of
``_:xN ex:p ex:o .`` did not export in a minute. vzkg labels blank nodes instead by colour
refinement, the polynomial first half of those algorithms, on each group of blank nodes
linked by shared statements (a "component") alone:

1. each blank node is coloured by its statements, other blank nodes left anonymous;
2. each round, a node's colour becomes its colour plus the sorted colours of the statements
   it appears in (subject, object or graph name; other blank nodes by their colour), until a
   round splits no colour;
3. while some colour is shared, a node of the lowest such colour is set apart and step 2 runs
   again. If that split nothing else, every node of that colour is set apart at once: each
   relates in the same way to everything else, so their order cannot show in the output.
   Otherwise other nodes of that colour are tried too, as many as a work budget per component
   allows, and the one whose refined colouring sorts first is kept, so that, for example, a
   node of a 3-cycle and one of a 4-cycle of the same component are never confused. When every
   try gave the same colouring, the rest of those nodes are set apart without more tries.
4. components are numbered in the order of their statements written with these labels;
   identical components are written identically, so their order does not show.

Colours are ranks of sorted signatures, never hashes or memory order, so the same statements
give the same labels ``b0``, ``b1``… in every run. Nodes still tied after the tries are
interchangeable in all but contrived regular graphs (where refinement cannot see a difference
that an exhaustive search would), or in a large component past its budget; there the labels are
still a correct relabelling, but which of two such nodes gets which label may vary. Cost, for a
component of n blank nodes in m statements: at most n steps, each one refinement of at most n
rounds over m statements, plus the tries' budget (``_BUDGET``, a few seconds) shared by all
steps: polynomial, where full canonicalisation is exponential.
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
# ranks, a description of the coloured statements, and the work it took
_Refined = tuple[list[int], tuple[object, ...], int]


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


def _refine(colours: Sequence[Hashable], seen: list[list[Statement]]) -> _Refined:
    """Refine *colours* until a round splits none.

    Returns the colours as ranks; the sorted signatures of the last round, a description of
    the coloured statements that does not depend on node order, for comparing choices; and the
    work done (statements looked at).
    """
    ranks = _ranks(colours)
    size = sum(map(len, seen))
    work = 0
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
        work += size
        refined = _ranks(signatures)
        if len(set(refined)) == len(set(ranks)):
            return refined, tuple(sorted(signatures)), work
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


def _components(quads: Sequence[Quad]) -> list[list[Quad]]:
    """Split the statements that hold blank nodes into groups linked by shared blank nodes."""
    parent: dict[BNode, BNode] = {}

    def root(node: BNode) -> BNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    holding = [q for q in quads if any(isinstance(t, BNode) for t in q)]
    for quad in holding:
        nodes = [t for t in quad if isinstance(t, BNode)]
        for node in nodes[1:]:
            parent[root(node)] = root(nodes[0])
    parts: dict[BNode, list[Quad]] = defaultdict(list)
    for quad in holding:
        parts[root(next(t for t in quad if isinstance(t, BNode)))].append(quad)
    return list(parts.values())


def _ranks_of(quads: Sequence[Quad]) -> tuple[list[BNode], list[int]]:
    """Label the blank nodes of one connected group of statements (steps 1 to 3)."""
    nodes, seen = _statements(quads)
    ranks = _refine([0] * len(nodes), seen)[0]
    # groups whose every tried node gave the same colouring: taken as interchangeable
    alike: list[set[int]] = []
    budget = _BUDGET
    while True:
        tied = sorted((rank, group) for rank, group in _classes(ranks).items() if len(group) > 1)
        if not tied:
            return nodes, ranks
        group = tied[0][1]

        def apart(node: int, ranks: list[int] = ranks) -> _Refined:
            return _refine([(r, int(n == node)) for n, r in enumerate(ranks)], seen)

        first = apart(group[0])
        if len(set(first[0])) == len(set(ranks)) + 1:
            # nothing else split: the whole colour is interchangeable, set all apart at once
            place = {node: i for i, node in enumerate(group, start=1)}
            ranks = _refine([(r, place.get(n, 0)) for n, r in enumerate(ranks)], seen)[0]
        elif any(known.issuperset(group) for known in alike):
            ranks = first[0]
        else:
            # as many tries as the budget left allows, at what the first one cost
            tries = max(1, budget // first[2])
            choices = [first, *(apart(node) for node in group[1:tries])]
            budget -= sum(choice[2] for choice in choices[1:])
            if len(choices) > 1 and all(choice[1] == first[1] for choice in choices):
                alike.append(set(group))
            ranks = min(choices, key=lambda choice: choice[1])[0]


def blank_node_labels(quads: Iterable[Quad]) -> dict[BNode, BNode]:
    """Map every blank node of *quads* to a stable label ``b0``, ``b1``… (see the module doc).

    >>> from rdflib import URIRef
    >>> p, o = URIRef("http://example.org/p"), URIRef("http://example.org/o")
    >>> labels = blank_node_labels([(BNode(), p, o, None) for _ in range(80)])
    >>> sorted(labels.values(), key=lambda label: int(label[1:]))[-1]
    rdflib.term.BNode('b79')
    """
    labelled = []
    for part in _components(list(quads)):
        nodes, ranks = _ranks_of(part)
        local = dict(zip(nodes, ranks, strict=True))
        text = sorted(
            " ".join(f"_:{local[t]}" if isinstance(t, BNode) else term_to_ntriples(t) for t in q)
            for q in part
        )
        labelled.append((text, nodes, ranks))
    # groups in the order of their statements; alike groups are alike in the output too
    labelled.sort(key=lambda item: item[0])
    labels: dict[BNode, BNode] = {}
    for _, nodes, ranks in labelled:
        offset = len(labels)
        labels.update(
            (node, BNode(f"b{offset + rank}")) for node, rank in zip(nodes, ranks, strict=True)
        )
    return labels


#: statements looked at (once per blank node in them, per round) by all the tries for one
#: group of linked blank nodes: a few seconds at most; past it, nodes are set apart untried
_BUDGET = 1_000_000
