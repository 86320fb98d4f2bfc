"""The graph every command reads unless told not to: the bundled data and the ontology.

Read without rdflib (about 0.2 s of a cold start): :func:`bundled_sources` gives them as the
:class:`Source` inputs that :func:`vzkg.input_files.sources` starts with, and :func:`fill_bundled`
puts them straight into an Oxigraph store in memory, with what they entail. That skips what
:meth:`~vzkg.engines.oxigraph.OxigraphStore.fill` checks a user's files for (literals Oxigraph
would rewrite, ill-typed literals to warn of, syntaxes it cannot read): the bundled files hold
none of them, and ``tests/test_bundled.py`` fails if they come to, or if the store filled here
differs from the one ``fill`` makes by a single quad.
"""

from __future__ import annotations

from collections import namedtuple

from .prefixes import PREFIXES
from .resources import resource_bytes, resource_names

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from collections.abc import Iterator

    from .engines.oxigraph import OxigraphStore

#: the named graph of the ontology (vzkg.namespaces.ONTOLOGY_GRAPH), written as text
ONTOLOGY_IRI = PREFIXES["vzg"] + "ontology"


if TYPE_CHECKING:
    from typing import NamedTuple

    class Source(NamedTuple):
        data: bytes
        syntax: str
        name: str
        graph: str

else:  # typing.NamedTuple costs a cold query the import of typing: the same class
    Source = namedtuple("Source", ["data", "syntax", "name", "graph"])
    Source.__doc__ = """One input: its bytes, its rdflib syntax, its name in errors, and the
    graph its triples go into (quad syntaxes keep their named graphs; their default graph
    goes there too)."""


def bundled_sources(*, bundled: bool = True, ontology: bool = True) -> Iterator[Source]:
    """The bundled graph's files (one TriG file each) and the ontology's (Turtle), in the
    order :func:`vzkg.load` reads them, each read when its turn comes."""
    if bundled:
        for inside in resource_names("data", ".trig"):
            name = inside.rpartition("/")[2]
            yield Source(
                _read("data", inside), "trig", f"bundled {name}", f"urn:vzkg:bundled:{name}"
            )
    if ontology:
        for inside in resource_names("ontology", ".ttl"):
            name = inside.rpartition("/")[2]
            yield Source(_read("ontology", inside), "turtle", f"bundled {name}", ONTOLOGY_IRI)


def _read(folder: str, inside: str) -> bytes:
    data = resource_bytes(folder, inside)
    assert data is not None, inside  # resource_names has just listed it
    return data


def fill_bundled(store: OxigraphStore, *, entailment: bool = True) -> bool:
    """Fill the empty in-memory *store* with the bundled graph and the ontology, read by
    Oxigraph's own parsers, and (unless *entailment* is false) what they entail; False, with
    the store left empty, where the entailment needs the slow way (it never does today)."""
    from .engines.native_files import load_natively
    from .engines.oxigraph_entailment import entail_in_place

    native = store.native
    for source in bundled_sources():
        load_natively(native, source, bulk=False)
    if not entailment:
        return True
    # no budget: the bundled graph entails a fraction of what fill() allows any input, which
    # tests/test_bundled.py would see fail (its bound took a cold query 29 counts)
    if entail_in_place(native, max_triples=None) is None:
        native.clear()
        return False
    return True
