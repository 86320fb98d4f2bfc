"""Loading the knowledge graph: the bundled data, the ontology, and any other RDF files."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import rdflib
from rdflib import Dataset, Graph, URIRef
from rdflib.parser import Parser
from rdflib.plugin import register

from . import rdfxml_reader
from .access import remote_access
from .bundled import Source
from .entailment import ENTAILED_GRAPH, entail
from .errors import InputError, VzkgError
from .input_files import sources
from .limits import MAX_INPUT_BYTES
from .namespaces import new_dataset
from .text import ESCAPED_SURROGATE, lone_surrogate
from .writers.terms import check_terms

_QUAD_SYNTAXES = {"nquads", "trig", "json-ld"}

register(rdfxml_reader.PLUGIN, Parser, rdfxml_reader.__name__, "RDFXMLParser")
_PARSERS = {"xml": rdfxml_reader.PLUGIN}  # rdflib's own, or a safer one of vzkg's


@contextmanager
def as_written() -> Iterator[None]:
    """Keep literals as the data writes them while parsing.

    rdflib rewrites lexical forms on parse unless ``rdflib.NORMALIZE_LITERALS`` is False
    (``"maybe"^^xsd:boolean`` became ``"false"``, ``1e400`` ``"inf"``, dates lost their time
    zone), and pySHACL sets that global back to True after each validation. Ill-typed literals
    are kept; rdflib logs each (the CLI shows one warning line), and its Python warnings about
    them are silenced.
    """
    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            yield
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


def parse_rdf(
    target: Graph,
    data: bytes,
    *,
    syntax: str,
    name: str,
    base: URIRef | None = None,
    allow_remote: bool = False,
) -> None:
    """Parse *data* into *target*; a syntax error becomes one :class:`InputError` naming *name*.

    Literals keep their lexical form as written, well-typed or not (see :func:`as_written`).
    What the data names (a JSON-LD ``@context`` URL or file) is not read unless *allow_remote*
    (see :mod:`vzkg.access`).
    """
    try:
        with as_written(), remote_access(allow_remote):
            target.parse(data=data, format=_PARSERS.get(syntax, syntax), publicID=base)
    except VzkgError:
        raise
    except Exception as error:  # rdflib's parsers raise many unrelated exception types
        detail = " ".join(str(error).split()) or type(error).__name__
        raise InputError(f"cannot parse {name} as {syntax}: {detail[:300]}") from None
    if ESCAPED_SURROGATE.search(data):
        _refuse_surrogates(target, name)


def _refuse_surrogates(graph: Graph, name: str) -> None:
    rows = (
        graph.quads((None, None, None, None))
        if isinstance(graph, Dataset)
        else graph.triples((None, None, None))
    )
    for row in rows:
        for term in row[:3]:
            found = lone_surrogate(str(term))
            if found is not None:
                raise InputError(f"{name} holds an escaped lone surrogate {found!r}")


def parse_source(dataset: Dataset, source: Source, *, allow_remote: bool = False) -> None:
    """Parse *source* into *dataset* with rdflib (see :func:`load` for where its triples go)."""
    graph = URIRef(source.graph)
    quads = source.syntax in _QUAD_SYNTAXES
    parse_rdf(
        dataset if quads else dataset.graph(graph),
        source.data,
        syntax=source.syntax,
        name=source.name,
        base=graph,
        allow_remote=allow_remote,
    )
    if not quads:
        return
    # what a quad file leaves in the default graph is the file's, as a triple file's is:
    # every store keeps each statement in a named graph
    default = dataset.default_graph
    if len(default):
        named = dataset.graph(graph)
        named.addN((s, p, o, named) for s, p, o in default)  # type: ignore[misc]
        default.remove((None, None, None))


def load(
    *paths: str | Path,
    bundled: bool = True,
    ontology: bool = True,
    entailment: bool = True,
    allow_remote: bool = False,
    max_input_bytes: int | None = MAX_INPUT_BYTES,
) -> Dataset:
    """Return the knowledge graph as an rdflib :class:`~rdflib.Dataset`.

    The bundled data holds one named graph per source article and one of shared entities; the
    ontology comes as a named graph of its own. Each file in *paths* is added beside them: quad
    syntaxes keep their graphs, a triple syntax (and a quad file's default graph) goes into a
    graph named after the file. Unless *entailment* is false, what they entail through
    ``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` is added as the graph ``vzg:entailed`` (see
    :mod:`vzkg.entailment`; an input's own ``vzg:entailed`` is always left out). The dataset's
    default graph is the union of all of them, which is what SPARQL queries see.

    A file larger than *max_input_bytes* (``None``: no limit) is refused; JSON-LD contexts
    that the files name are read only when *allow_remote* (see :mod:`vzkg.access`).

    Building rdflib's Dataset is the slow way in (about 0.45 s of processor time for the
    bundled graph, 70 s at a million triples): the CLI fills Oxigraph instead (see
    :mod:`vzkg.engines.parsing`).

    >>> kg = load()
    >>> len(kg) > 1000
    True
    >>> from vzkg.namespaces import VZG
    >>> VZG["d4642c25d83ac452"] in {g.identifier for g in kg.graphs()}
    True
    """
    inputs = sources(*paths, bundled=bundled, ontology=ontology, max_input_bytes=max_input_bytes)
    return read_dataset(inputs, allow_remote=allow_remote, entailment=entailment)


def read_dataset(
    inputs: Iterable[Source], *, allow_remote: bool = False, entailment: bool = True
) -> Dataset:
    """Parse *inputs* into a new Dataset, refuse the terms no syntax can write, and derive
    what they entail unless *entailment* is false (see :func:`load`)."""
    dataset = new_dataset()
    for source in inputs:
        parse_source(dataset, source, allow_remote=allow_remote)
    check_terms(dataset.quads((None, None, None, None)))  # type: ignore[arg-type]
    dataset.remove_graph(ENTAILED_GRAPH)
    if entailment:
        entail(dataset)
    return dataset


def add_files(
    dataset: Dataset,
    paths: Iterable[str | Path],
    *,
    allow_remote: bool = False,
    max_input_bytes: int | None = MAX_INPUT_BYTES,
) -> None:
    """Parse each file of *paths* into *dataset* (see :func:`load`).

    An IRI that no RDF syntax can write unchanged (one with a space, or a ``>`` and a line
    break smuggled in as ``\\u003E\\u000A``), or a literal with a lone surrogate, is refused
    with an :class:`InputError`: rdflib accepts them, and every writer would then have to change
    or refuse them.
    """
    paths = list(paths)
    for source in sources(*paths, bundled=False, ontology=False, max_input_bytes=max_input_bytes):
        parse_source(dataset, source, allow_remote=allow_remote)
    if paths:
        check_terms(dataset.quads((None, None, None, None)))  # type: ignore[arg-type]
