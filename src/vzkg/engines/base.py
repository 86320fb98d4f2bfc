"""The one interface every engine implements: :class:`Store`."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from ..limits import MAX_INPUT_BYTES
from .lexical import scan

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType
    from typing import Any, TypeAlias

    from rdflib import Dataset, URIRef
    from rdflib.term import Identifier, Node

    from ..bundled import Source
    from ..sparql import QueryResult

# written as text: this module is imported by queries that never need rdflib
Triple: TypeAlias = "tuple[Node, Node, Node]"
Quad: TypeAlias = "tuple[Node, Node, Node, URIRef]"
Pattern: TypeAlias = "tuple[Node | None, Node | None, Node | None]"


class Store(ABC):
    """Where the triples live, and the engine that answers SPARQL over them.

    Every statement sits in a named graph (one per source, the ontology, ``vzg:entailed``);
    queries see their union as the default graph, as :func:`vzkg.load`'s Dataset does. All
    terms going in and out are rdflib terms, converted exactly (lexical forms as written,
    language tags, datatypes, blank nodes), so that every engine gives the same
    :class:`~vzkg.sparql.QueryResult` and the same export bytes.
    """

    #: the engine's name, as ``--store`` spells it
    engine: str = ""
    #: whether queries see the graph ``vzg:entailed`` (see :meth:`stated`)
    entailment: bool = True

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Identifier] | None = None,
        allow_remote: bool = False,
    ) -> QueryResult:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query (see :func:`vzkg.query`)."""

    @abstractmethod
    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        """Make the named graph *name* hold exactly *triples*."""

    @abstractmethod
    def graphs(self) -> dict[URIRef, int]:
        """The named graphs that hold statements, each with its number of triples."""

    @abstractmethod
    def quads(self) -> Iterator[Quad]:
        """Every statement with the name of its graph."""

    @abstractmethod
    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        """The statements of the union graph that match *pattern* (``None``: anything)."""

    @abstractmethod
    def stated(self) -> Store:
        """This store without the graph ``vzg:entailed``: what the data states, as if opened
        with ``entailment=False``. A view of the same triples, read where they are (Oxigraph
        queries a copy in memory, made once: see :meth:`OxigraphStore.stated`); summaries and
        citations read it (an entailed ``schema:Thing`` is no fact to show, and the entailed
        ``prov:wasDerivedFrom`` of each evidence span is no source)."""

    def holds(self, iris: Sequence[str]) -> set[str]:
        """The IRIs of *iris* that occur in a statement that queries see: one query, read
        without rdflib (:meth:`~vzkg.sparql.QueryResult.parts`)."""
        if not iris:
            return set()
        found = self.query(holding_query(iris)).parts()
        return {row[0][1] for row in found if row[0] is not None}

    def close(self) -> None:  # noqa: B027  # most engines hold nothing open
        """Let go of what the store holds open (files, connections)."""

    # -- derived ------------------------------------------------------------------------------

    def load(self, dataset: Dataset, *, progress: Callable[[str], None] | None = None) -> int:
        """Put each named graph of *dataset* in the store, replacing the graph of that name
        (so loading the same data twice leaves the same store); return the triples written.
        *progress* is told of each graph as it is written."""
        from rdflib import URIRef

        written = 0
        for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
            size = len(graph)
            if size and isinstance(graph.identifier, URIRef) and not _is_default(graph.identifier):
                triples: Iterable[Triple] = graph.triples((None, None, None))  # type: ignore[assignment]
                if progress is not None:
                    progress(f"writing {size} triples into {graph.identifier}")
                    triples = _counted(triples, size, progress)
                self.replace_graph(graph.identifier, triples)
                written += size
        return written

    def load_files(self, *paths: str | Path, **options: Any) -> int:
        """Parse RDF files as :func:`vzkg.load` does (the same terms in every engine; a triple
        syntax goes into a graph named after its file) and :meth:`load` their graphs; what
        they entail is not added. *options*: ``allow_remote``, ``max_input_bytes``."""
        from ..input_files import sources

        inputs = sources(
            *paths,
            bundled=False,
            ontology=False,
            max_input_bytes=options.pop("max_input_bytes", MAX_INPUT_BYTES),
        )
        return self.fill(inputs, entailment=False, **options)

    def fill(
        self,
        inputs: Iterable[Source],
        *,
        allow_remote: bool = False,
        entailment: bool = True,
        progress: Callable[[str], None] | None = None,
    ) -> int:
        """Parse *inputs* (see :func:`vzkg.input_files.sources`) as :func:`vzkg.load` does and put
        their graphs in the store, each replacing the graph of its name; unless *entailment*
        is false, ``vzg:entailed`` is derived again from what they state. Return the triples
        written. rdflib parses here; Oxigraph reads them itself."""
        from ..store import read_dataset

        dataset = read_dataset(inputs, allow_remote=allow_remote, entailment=entailment)
        return self.load(dataset, progress=progress)

    def count(self) -> int:
        """The number of statements, each graph's counted apart."""
        return sum(self.graphs().values())

    def dump(self, format: str = "nq") -> bytes:
        """The whole store in an export format, the same bytes :func:`vzkg.export` writes."""
        from ..serialization import serialize

        return serialize(self, format=format)

    def subjects(self, predicate: Node | None = None, object: Node | None = None) -> Iterator[Node]:
        """The subjects of the statements with *predicate* and *object* (as rdflib's Graph)."""
        return _distinct(s for s, _, _ in self.triples((None, predicate, object)))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        """The objects of the statements with *subject* and *predicate* (as rdflib's Graph)."""
        return _distinct(o for _, _, o in self.triples((subject, predicate, None)))

    def __contains__(self, pattern: object) -> bool:
        if not isinstance(pattern, tuple) or len(pattern) != 3:
            return False
        return next(iter(self.triples(pattern)), None) is not None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<vzkg store {self.engine}>"


def _distinct(terms: Iterable[Node]) -> Iterator[Node]:
    seen = set()
    for term in terms:
        if term not in seen:
            seen.add(term)
            yield term


def _counted(
    triples: Iterable[Triple], size: int, progress: Callable[[str], None], every: int = 100_000
) -> Iterator[Triple]:
    """*triples*, telling *progress* of each *every* written in a large graph."""
    for done, triple in enumerate(triples, 1):
        yield triple
        if done % every == 0 and done < size:
            progress(f"{done} of {size} triples written")


def _is_default(name: URIRef) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return name == DATASET_DEFAULT_GRAPH_ID


_CODEPOINT = r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})"  # compiled at first use, if ever


def _may_reach(sparql: str) -> bool:
    """Whether *sparql* holds what a query that reaches out must: the keywords in some case,
    or an escape that may spell them. Most hold none and need no scan (two scans were most of
    what vzkg added to a query of a few milliseconds). Plain ``in`` on the lowered text takes
    2 µs where a case-blind pattern took 37; such a pattern also takes ``ſ`` for s and ``ı``
    or ``İ`` for i, so those are made plain letters first."""
    lowered = sparql.lower() if sparql.isascii() else sparql.translate(_CASE_BLIND).lower()
    return "service" in lowered or "from" in lowered or "\\u" in lowered


# every character beyond ASCII that a case-blind pattern takes for a letter of the keywords
# (tests/test_bindings.py looks through all of Unicode)
_CASE_BLIND = {ord("ſ"): "s", ord("ı"): "i", ord("İ"): "i"}


def _character(code: str) -> str:
    number = int(code, 16)
    return chr(number) if number <= 0x10FFFF else "\ufffd"


def holding_query(iris: Sequence[str]) -> str:
    """The SELECT of the *iris* that occur in some statement (EXISTS: the first will do)."""
    values = " ".join(f"<{iri}>" for iri in iris)
    return (
        f"SELECT ?i WHERE {{ VALUES ?i {{ {values} }} "
        "FILTER EXISTS { { ?i ?p ?o } UNION { ?s ?i ?o } UNION { ?s ?p ?i } } }"
    )


def refuse_remote(sparql: str, allow_remote: bool) -> None:
    """Refuse a query that names ``SERVICE``, ``FROM`` or ``FROM NAMED``, unless allowed.

    The engines run them natively (Oxigraph's SERVICE has its own HTTP client; a server
    fetches what it likes), out of reach of vzkg's audit hook, so the text decides.
    """
    if allow_remote or not _may_reach(sparql):
        return
    # SPARQL 1.1 (19.2) decodes \uXXXX escapes before parsing, anywhere: some servers do
    # (\u0053ERVICE is SERVICE to Jena), Oxigraph does not; the text is read both ways
    decoded = (
        re.sub(_CODEPOINT, lambda m: _character(m.group(1) or m.group(2)), sparql)
        if "\\" in sparql
        else sparql
    )
    found = scan(sparql).remote or (decoded != sparql and scan(decoded).remote)
    if found:
        from ..access import refusal  # an audit hook and its context: only to refuse

        raise refusal(_reached(found[0]))


def _reached(remote: str) -> str:
    """What running *remote* (``SERVICE <IRI>``, ``FROM NAMED <IRI>``…) would reach, worded as
    vzkg's access guard words it when rdflib's engine tries the same, so that both engines
    refuse alike: rdflib fetches a SERVICE IRI with urllib (file: and ftp: too), and opens a
    FROM file: IRI as a file."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname  # about 40 ms: only for a refusal's words

    keyword, _, target = remote.partition(" ")
    iri = target.removeprefix("NAMED ")
    if not (iri.startswith("<") and iri.endswith(">")):
        return f"run {remote}"  # a variable or a prefixed name: no IRI to name
    iri = iri[1:-1]
    if keyword == "FROM" and iri.startswith("file:"):
        return f"open the file {url2pathname(urlsplit(iri).path)}"
    return f"fetch {iri}"
