"""Loading the knowledge graph: the bundled data, the ontology, and any other RDF files."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import rdflib
from rdflib import Dataset, Graph, URIRef

from .errors import InputError
from .files import read_bytes
from .namespaces import ONTOLOGY_GRAPH, new_dataset
from .resources import resource_files
from .terms import check_terms

#: RDF syntaxes rdflib reads, by file extension.
SYNTAX_BY_EXTENSION = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".n3": "n3",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}
_QUAD_SYNTAXES = {"nquads", "trig", "json-ld"}


def syntax_for(path: str | Path) -> str:
    """Return the rdflib parser name for *path*, from its extension.

    >>> syntax_for("data/extra.ttl")
    'turtle'
    """
    suffix = Path(path).suffix.lower()
    try:
        return SYNTAX_BY_EXTENSION[suffix]
    except KeyError:
        known = ", ".join(sorted(SYNTAX_BY_EXTENSION))
        raise InputError(
            f"cannot tell the RDF syntax of {path} from its extension; use one of {known}"
        ) from None


@contextmanager
def _as_written() -> Iterator[None]:
    """Keep literals as the file writes them while parsing.

    rdflib rewrites lexical forms on parse unless ``rdflib.NORMALIZE_LITERALS`` is False
    (``"maybe"^^xsd:boolean`` became ``"false"``, ``1e400`` ``"inf"``, dates lost their time
    zone), and pySHACL sets that global back to True after each validation; ill-typed literals
    are kept, so rdflib's warnings about them (tracebacks, some of them) are silenced.
    """
    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    term_log = logging.getLogger("rdflib.term")
    disabled = term_log.disabled
    term_log.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            yield
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
        term_log.disabled = disabled


def parse_rdf(
    target: Graph, data: bytes, *, syntax: str, name: str, base: URIRef | None = None
) -> None:
    """Parse *data* into *target*; a syntax error becomes one :class:`InputError` naming *name*.

    Literals keep their lexical form as written, well-typed or not (see :func:`_as_written`).
    """
    try:
        with _as_written():
            target.parse(data=data, format=syntax, publicID=base)
    except Exception as error:  # rdflib's parsers raise many unrelated exception types
        detail = " ".join(str(error).split()) or type(error).__name__
        raise InputError(f"cannot parse {name} as {syntax}: {detail[:300]}") from None


def _parse_into(dataset: Dataset, data: bytes, *, syntax: str, name: str, graph: URIRef) -> None:
    # Quads keep their own graphs; triples (and the triples of a quad file) land in `graph`.
    target = dataset if syntax in _QUAD_SYNTAXES else dataset.graph(graph)
    parse_rdf(target, data, syntax=syntax, name=name, base=graph)


def load(*paths: str | Path, bundled: bool = True, ontology: bool = True) -> Dataset:
    """Return the knowledge graph as an rdflib :class:`~rdflib.Dataset`.

    The bundled data holds one named graph per source article and one of shared entities; the
    ontology comes as a named graph of its own. Each file in *paths* is added beside them: quad
    syntaxes keep their graphs, a triple syntax goes into a graph named after the file. The
    dataset's default graph is the union of all of them, which is what SPARQL queries see.

    >>> kg = load()
    >>> len(kg) > 1000
    True
    >>> from vzkg.namespaces import VZG
    >>> VZG["d4642c25d83ac452"] in {g.identifier for g in kg.graphs()}
    True
    """
    dataset = new_dataset()
    if bundled:
        for resource in resource_files("data", ".trig"):
            _parse_into(
                dataset,
                resource.read_bytes(),
                syntax="trig",
                name=f"bundled {resource.name}",
                graph=URIRef(f"urn:vzkg:bundled:{resource.name}"),
            )
    if ontology:
        for resource in resource_files("ontology", ".ttl"):
            _parse_into(
                dataset,
                resource.read_bytes(),
                syntax="turtle",
                name=f"bundled {resource.name}",
                graph=ONTOLOGY_GRAPH,
            )
    add_files(dataset, paths)
    return dataset


def add_files(dataset: Dataset, paths: Iterable[str | Path]) -> None:
    """Parse each file of *paths* into *dataset* (see :func:`load`).

    An IRI that no RDF syntax can write unchanged (one with a space, or a ``>`` and a line
    break smuggled in as ``\\u003E\\u000A``), or a literal with a lone surrogate, is refused
    with an :class:`InputError`: rdflib accepts them, and every writer would then have to change
    or refuse them.
    """
    paths = list(paths)
    for raw in paths:
        path = Path(raw)
        syntax = syntax_for(path)
        data = read_bytes(path)
        _parse_into(
            dataset, data, syntax=syntax, name=str(path), graph=URIRef(path.resolve().as_uri())
        )
    if paths:
        check_terms(dataset.quads((None, None, None, None)))  # type: ignore[arg-type]
