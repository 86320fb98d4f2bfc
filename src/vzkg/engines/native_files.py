"""Files Oxigraph reads itself: which of rdflib's syntaxes it reads into the same quads, and
how one input goes into a store. Apart from :mod:`vzkg.engines.parsing` so that the bundled
graph (:func:`vzkg.bundled.fill_bundled`) loads without that module's checks and patterns."""

from __future__ import annotations

import pyoxigraph as ox

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..bundled import Source

#: the rdflib syntaxes pyoxigraph reads into the same quads, and its name for each
FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
}
QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}


def load_natively(store: ox.Store, source: Source, *, bulk: bool) -> None:
    """Load *source*, which :func:`~vzkg.engines.parsing.survey` read (or a bundled file),
    into *store* (``bulk_load`` when *bulk*); a quad file's default graph goes into the file's
    graph."""
    format = FORMATS[source.syntax]
    own = ox.NamedNode(source.graph)
    load = store.bulk_load if bulk else store.load
    if format not in QUAD_FORMATS:
        load(source.data, format, base_iri=source.graph, to_graph=own)
        return
    load(source.data, format, base_iri=source.graph)
    default = ox.DefaultGraph()
    moved = [
        ox.Quad(q.subject, q.predicate, q.object, own)
        for q in store.quads_for_pattern(None, None, None, default)
    ]
    if moved:
        store.extend(moved)
        store.clear_graph(default)
