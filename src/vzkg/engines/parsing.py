"""Reading RDF files straight into Oxigraph, with no rdflib Dataset on the way.

pyoxigraph's own parsers read Turtle, TriG, N-Triples and N-Quads into the same quads that
vzkg's rdflib path (:func:`vzkg.store.load`, then :meth:`Store.load`) puts in the store, which
``tests/test_parsing.py`` checks on hostile literals and IRIs: lexical forms as written, base
IRIs resolved against the file, blank nodes apart in each file, a triple file (and a quad
file's default graph) in the graph named after the file. What pyoxigraph would read otherwise
goes through rdflib, file by file:

- RDF/XML (vzkg's own reader), JSON-LD (its contexts may name URLs) and N3;
- a file with an upper-case language tag: pyoxigraph lowercases it while parsing, so the note
  that the store keeps it in lower case could not be given;
- a file with an escaped surrogate, or one naming a graph by a blank node;
- a Turtle or TriG file with an IRI that starts with ``?`` or holds ``..`` (resolved apart
  from rdflib);
- a Turtle or TriG file with a literal that the store keeps in canonical form: rdflib writes
  a bare ``01`` as ``1`` itself, and keeps ``"01"^^xsd:integer``, so only it can say which;
- any file pyoxigraph refuses, so that the error is rdflib's, word for word.

pyoxigraph keeps an ill-typed literal (``"abc"^^xsd:date``) as written, as rdflib does, but
silently: rdflib logs it, which the CLI counts into one warning, so the fast path builds each
typed literal as rdflib would, to the same log.

None of these formats lets pyoxigraph fetch anything. A Turtle or TriG file is read twice: once
in Python, to learn the graphs it writes and which of its literals the store will keep in
canonical form (see :func:`~vzkg.engines.terms.canonical_forms`), then natively into the store.
An N-Triples or N-Quads file that names no graph the store already holds is loaded at once,
and *skimmed* meanwhile (:func:`load_skimmed`): a statement takes one line there, so only the
lines with a typed literal (a ``^^``) are parsed, their objects counted before any is looked at
in Python, and the store tells the graphs (reading each statement in Python took half as long
as Oxigraph takes to store it).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox

from ..bundled import Source
from ..text import ESCAPED_SURROGATE
from .ill_typed import log_ill_typed
from .native_files import FORMATS, load_natively
from .terms import CANONICALISED, canonical_forms

if TYPE_CHECKING:
    from rdflib import Dataset

_UNCHECKED = {  # plain and language-tagged strings: always well typed
    ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"),
    ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"),
}
# conservative: '@' then a tag with a capital letter, anywhere (a string or IRI only costs speed)
_UPPER_CASE_TAG = re.compile(rb"@[A-Za-z0-9-]*[A-Z]")
# conservative: '..' anywhere between angle brackets (a relative IRI is resolved)
_DOT_DOT_IRI = re.compile(rb"<[^<>\s]*\.\.[^<>\s]*>")


@dataclass
class Reading:
    """What one input writes: its graphs, and either the quads to load natively (*dataset* is
    None) or the Dataset rdflib read. *rewritten*: per graph, the literals that the store keeps
    in canonical form, each ``written as stored``. *skimmed*: already in the store (see
    :func:`load_skimmed`)."""

    source: Source
    graphs: set[str]
    dataset: Dataset | None = None
    rewritten: dict[str, list[str]] = field(default_factory=dict)
    skimmed: bool = False


def read(source: Source, *, allow_remote: bool = False) -> Reading:
    """Read *source*: with pyoxigraph where it reads the same quads, else with rdflib."""
    fast = survey(source)
    if fast is not None:
        return fast
    from rdflib import URIRef

    from ..namespaces import new_dataset
    from ..store import parse_source

    dataset = new_dataset()
    parse_source(dataset, source, allow_remote=allow_remote)
    graphs = {
        str(g.identifier) for g in dataset.graphs() if isinstance(g.identifier, URIRef) and len(g)
    }
    graphs.discard(str(dataset.default_graph.identifier))
    return Reading(source, graphs, dataset)


def survey(source: Source) -> Reading | None:
    """Parse *source* with pyoxigraph in Python: the graphs it writes and the literals the
    store will rewrite; None when rdflib must read it (see the module's documentation)."""
    format = FORMATS.get(source.syntax)
    if format is None or not _pyoxigraph_reads(source.data):
        return None
    if format not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS) and (
        b"<?" in source.data or _DOT_DOT_IRI.search(source.data)
    ):
        # <?> keeps the base's last segment in pyoxigraph (RFC 3986), not in rdflib; a '..'
        # above the root (</../>) is dropped by pyoxigraph, kept by rdflib
        return None
    try:
        found = _examine(ox.parse(source.data, format, base_iri=source.graph), source.graph)
    except (SyntaxError, ValueError):
        return None
    if found is None:
        return None
    if found.changed and format not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return None  # rdflib rewrites a bare 01 itself, and a "01"^^xsd:integer not: its notes
    log_ill_typed(found.typed)
    return Reading(source, found.graphs, rewritten=found.rewritten)


def skimmable(source: Source, existing: Collection[str]) -> bool:
    """Whether *source* is an N-Triples or N-Quads file that cannot write any of the graphs
    *existing* (it names none of them, and cannot name them under another spelling), so that
    :func:`load_skimmed` may load it."""
    data = source.data
    if (
        source.syntax not in ("nt", "nquads")
        or source.graph in existing
        or b"\r" in data  # a line may end with one: only \n is looked for
        or len(existing) > _MOST_EXISTING  # each is looked for in the whole file
    ):
        return False
    # an IRI is written as it is, but for \u escapes (relative IRIs are refused)
    if existing and (b"\\u" in data or b"\\U" in data):
        return False
    return not any(f"<{name}>".encode() in data for name in existing)


def load_skimmed(store: ox.Store, source: Source, *, bulk: bool, allow_remote: bool) -> Reading:
    """Load the :func:`skimmable` *source* into *store*, and meanwhile :func:`skim` it; learn
    the graphs it wrote from the store. Where pyoxigraph refuses the file, or skimming does not
    find what :func:`survey` would, what it wrote is taken out again and the file read as
    :func:`read` reads it (rdflib's error, or its Dataset)."""
    before = set(store.named_graphs())
    failed: list[BaseException] = []

    def load() -> None:
        try:
            load_natively(store, source, bulk=bulk)
        except BaseException as error:  # given to the caller's thread
            failed.append(error)

    loading = threading.Thread(target=load, name=f"loading {source.name}")
    loading.start()  # pyoxigraph lets go of the GIL while it loads: skimming runs beside
    try:
        found = skim(source)
    finally:
        loading.join()
    if failed and not isinstance(failed[0], (SyntaxError, ValueError)):
        roll_back(store, before)
        raise failed[0]
    written = set(store.named_graphs()) - before
    if failed or found is None or any(type(g) is not ox.NamedNode for g in written):
        roll_back(store, before)
        return read(source, allow_remote=allow_remote)
    log_ill_typed(found.typed)
    return Reading(source, {g.value for g in written}, rewritten=found.rewritten, skimmed=True)  # type: ignore[union-attr]


def skim(source: Source) -> _Examined | None:
    """What :func:`survey` learns of the literals of an N-Triples or N-Quads *source*, parsing
    only its lines with a ``^^`` (a statement takes one line there, and a typed literal a
    ``^^``), but not its graphs and without logging; None where :func:`survey` would not read
    it, but for an escaped surrogate, which the load beside refuses (then rdflib reads it)."""
    data, graph = source.data, source.graph
    if _UPPER_CASE_TAG.search(data):  # not ESCAPED_SURROGATE too: a second pass over the bytes
        return None
    format = FORMATS[source.syntax]
    lines = b"\n".join(_typed_lines(data))
    try:
        # counted in C: each distinct literal is looked at once, not each statement
        objects = Counter(quad.object for quad in ox.parse(lines, format, base_iri=graph))
        typed = [o for o in objects if type(o) is ox.Literal and o.datatype not in _UNCHECKED]
        if canonical_forms(o for o in typed if o.datatype in CANONICALISED):
            # the notes name the triples: read them all
            return _examine(ox.parse(lines, format, base_iri=graph), graph)
    except (SyntaxError, ValueError):
        return None
    return _Examined(set(), {}, False, [o for o in typed for _ in range(objects[o])])


_MOST_EXISTING = 16


def _pyoxigraph_reads(data: bytes) -> bool:
    return not (_UPPER_CASE_TAG.search(data) or ESCAPED_SURROGATE.search(data))


def _typed_lines(data: bytes) -> Iterator[bytes]:
    """Each line of *data* with a ``^^`` in it (a typed literal, or a string with one), once."""
    find, rfind = data.find, data.rfind
    at = find(b"^")  # one byte is looked for several times faster than two
    while at >= 0:
        end = find(b"\n", at)
        if end < 0:
            end = len(data)
        line = data[rfind(b"\n", 0, at) + 1 : end]
        if b"^^" in line:
            yield line
        at = find(b"^", end)


class _Examined(NamedTuple):
    graphs: set[str]
    rewritten: dict[str, list[str]]  # as Reading.rewritten
    changed: bool  # whether the store rewrites any literal
    typed: list[ox.Literal]  # those rdflib checks against their datatype


def _examine(quads: Iterable[ox.Quad], graph: str) -> _Examined | None:
    """What *quads* write (the default graph is *graph*); None if a blank node names a graph
    (rdflib's rules)."""
    own = ox.NamedNode(graph)
    graphs: set[ox.NamedNode] = set()
    candidates: list[tuple[ox.NamedNode, ox.Triple]] = []
    typed: list[ox.Literal] = []  # the others with a datatype rdflib may check
    for quad in quads:
        name = quad.graph_name
        if type(name) is ox.DefaultGraph:
            name = own
        elif type(name) is not ox.NamedNode:
            return None
        graphs.add(name)  # type: ignore[arg-type]
        value = quad.object
        if type(value) is ox.Literal and value.datatype in CANONICALISED:
            candidates.append((name, quad.triple))  # type: ignore[arg-type]
        elif type(value) is ox.Literal and value.datatype not in _UNCHECKED:
            typed.append(value)
    changed = canonical_forms(triple.object for _, triple in candidates)  # type: ignore[misc]
    rewritten: dict[str, dict[ox.Triple, str]] = {}
    for name, triple in candidates:
        stored = changed.get(triple.object)  # type: ignore[arg-type]
        if stored is not None:
            shown = f"{triple.object} as {stored}"
            rewritten.setdefault(name.value, {}).setdefault(triple, shown)
    return _Examined(
        {g.value for g in graphs},
        {g: list(forms.values()) for g, forms in rewritten.items()},
        bool(changed),
        [*(triple.object for _, triple in candidates), *typed],  # type: ignore[misc, list-item]
    )


def roll_back(store: ox.Store, graphs: Collection[ox.NamedNode | ox.BlankNode]) -> None:
    """Take out of *store* every graph but *graphs*, and what its default graph holds: what
    skimmed inputs wrote into a store whose default graph was empty."""
    for graph in set(store.named_graphs()) - set(graphs):
        store.remove_graph(graph)
    store.clear_graph(ox.DefaultGraph())
