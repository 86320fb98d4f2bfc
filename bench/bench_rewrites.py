"""The three queries rewritten for issue 9, old against new, in one run, on rdflib and pyoxigraph.

- ``sources`` (named query): the old one counted statements and quotes in one group, pairing
  every statement of an article with every quote of it. Measured on corpora whose copies are
  merged into one article, since it grows with the size of one article.
- the name look-up behind ``describe`` and ``--actor`` (vzkg.entities): the old one tested the
  kind of each named thing with EXISTS; the new one is two plain queries joined in Python.
- ``timeline`` (named query) without parameters: the old one kept a FILTER(!BOUND(?p) || …)
  for each unused parameter; the new one leaves them out (vzkg.bindings.drop_unbound).

Each query runs on the same data in both engines (the corpus with the ontology and what it
entails, as ``vzkg.load`` gives it) and the old and new answers are compared. Times are the
median of --runs, old and new interleaved; an old query is given up at --cap seconds, and not
run on a larger corpus once it has been.

    python bench/corpus.py --triples 10000 --seed 1 -o /tmp/c10k.nq
    python bench/bench_rewrites.py /tmp/c10k.nq /tmp/c30k.nq --runs 3 --cap 120
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from vzkg.bindings import bind_values
from vzkg.entities import _NAMES, _RANKS
from vzkg.errors import TimeLimitError
from vzkg.namespaces import PREFIXES
from vzkg.queries import named_query
from vzkg.sparql import query
from vzkg.store import load

_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())

OLD_SOURCES = """
SELECT ?article ?published ?dateline ?graph (COUNT(DISTINCT ?fact) AS ?statements)
       (COUNT(DISTINCT ?evidence) AS ?quotes) WHERE {
    ?article a schema:NewsArticle ; schema:datePublished ?published ; schema:dateline ?dateline .
    OPTIONAL { GRAPH ?graph { ?graph prov:wasDerivedFrom ?article } }
    OPTIONAL { ?fact prov:wasDerivedFrom ?article }
    OPTIONAL { ?evidence oa:hasSource ?article }
}
GROUP BY ?article ?published ?dateline ?graph
"""

OLD_NAMES = """
SELECT ?thing ?name ?kind ?named WHERE {
    { ?thing rdfs:label ?name BIND(0 AS ?kind) }
    UNION { ?thing schema:alternateName ?name BIND(1 AS ?kind) }
    BIND(IF(EXISTS { ?thing a schema:Person }, 1,
         IF(EXISTS { ?thing a/rdfs:subClassOf* ?core VALUES ?core { schema:Organization
                         schema:Place schema:Legislation } }, 2,
         IF(EXISTS { ?thing a ?other VALUES ?other { vzkg:Policy vzkg:PersonGroup } }, 3, 0)))
         AS ?named)
    FILTER(isIRI(?thing))
}
"""

OLD_TIMELINE_FILTERS = """
    FILTER(!BOUND(?from) || !BOUND(?end) || ?end >= ?from)
    FILTER(!BOUND(?to) || !BOUND(?start) || ?start <= ?to)
    FILTER(!BOUND(?actor) || EXISTS { ?event sem:hasActor/rdf:value ?actor })
"""

Rows = list[tuple[str, ...]]
Runner = Callable[[str], Rows]


def _old_timeline() -> str:
    """The timeline as it was: the current query with its unused filters put back."""
    text = named_query("timeline").text
    text = re.sub(r"\n\s*VALUES \?\w+ \{ UNDEF \}", "", text)
    text = re.sub(r"\n\s*FILTER\(!BOUND.*", "", text)
    return text.replace('= "en")\n', '= "en")' + OLD_TIMELINE_FILTERS, 1)


def _one_article(lines: list[str]) -> list[str]:
    """The corpus as one article in one graph: every copy's article and graph renamed to the
    first's, so the article has every copy's statements and quotes."""
    articles = re.compile(r"<https://w3id\.org/vzkg/id/s\d+-article-[0-9a-f]{16}>")
    graphs = re.compile(r"<https://w3id\.org/vzkg/graph/[0-9a-f]{16}>")
    article = next(m.group() for line in lines if (m := articles.search(line)))
    graph = next(m.group() for line in lines if (m := graphs.search(line)))
    return [graphs.sub(graph, articles.sub(article, line)) for line in lines]


def _engines(lines: list[str], folder: Path, cap: float) -> dict[str, Runner]:
    """rdflib through vzkg.query (limited to *cap* seconds) and pyoxigraph, on the same data."""
    path = folder / "corpus.nq"
    path.write_text("".join(lines), encoding="utf-8")
    dataset: Dataset = load(path, bundled=False)  # with the ontology and the entailed graph
    everything = folder / "everything.nq"
    dataset.serialize(everything, format="nquads")
    store = ox.Store()
    store.bulk_load(path=str(everything), format=ox.RdfFormat.N_QUADS)

    def rdflib(sparql: str) -> Rows:
        result = query(dataset, sparql, timeout=cap)
        return sorted(tuple(str(term) for term in row) for row in result.rows)

    def oxigraph(sparql: str) -> Rows:
        found = store.query(_PROLOGUE + sparql, use_default_graph_as_union=True)
        assert isinstance(found, ox.QuerySolutions)
        return sorted(tuple(term.value if term else "None" for term in s) for s in found)

    return {"rdflib": rdflib, "pyoxigraph": oxigraph}


def _names_joined(run: Runner) -> Callable[[str], Rows]:
    """The new look-up: names and ranks, joined as vzkg.entities does."""

    def joined(_: str) -> Rows:
        ranks: dict[str, int] = {}
        for thing, rank in run(_RANKS):
            ranks[thing] = min(ranks.get(thing, 3), int(rank))
        return sorted((t, n, k, str(ranks.get(t, 0))) for t, n, k in run(_NAMES))

    return joined


def _timed(run: Callable[[str], Rows], sparql: str) -> tuple[float, Rows]:
    start = time.perf_counter()
    rows = run(sparql)
    return time.perf_counter() - start, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="N-Quads from bench/corpus.py")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds for one old query")
    parser.add_argument("--work", type=Path, default=Path("/tmp"), help="a folder for copies")
    options = parser.parse_args()
    new_timeline = bind_values(named_query("timeline").text, {})
    new_sources = named_query("sources").text
    given_up: dict[tuple[str, str], str] = {}  # why an old query is no longer run
    last: dict[tuple[str, str], tuple[int, float]] = {}  # the old query's last size and time
    print("| query | data | triples | engine | old | new | old / new |")
    print("| --- | --- | ---: | --- | ---: | ---: | ---: |")
    for corpus in options.corpora:
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        for data, chosen in (("corpus", lines), ("one article", _one_article(lines))):
            engines = _engines(chosen, options.work, options.cap)
            size = sum(1 for line in chosen if line.strip())
            cases: list[tuple[str, str, str, Callable[[Runner], Callable[[str], Rows]]]] = (
                [("sources", OLD_SOURCES, new_sources, lambda run: run)]
                if data == "one article"
                else [
                    ("name look-up", OLD_NAMES, _NAMES, _names_joined),
                    ("timeline", _old_timeline(), new_timeline, lambda run: run),
                ]
            )
            for name, old, new, shape in cases:
                for engine, run in engines.items():
                    if (name, engine) in last:  # would it take longer than the cap, if square?
                        before, seconds = last[name, engine]
                        predicted = seconds * (size / before) ** 2
                        if predicted > options.cap:
                            given_up.setdefault((name, engine), f"not run (≈ {predicted:,.0f} s)")
                    olds: list[float] = []
                    news: list[float] = []
                    answers: dict[str, Rows] = {}
                    for _ in range(options.runs):
                        if (name, engine) not in given_up:
                            try:
                                seconds, answers["old"] = _timed(run, old)
                                olds.append(seconds)
                            except TimeLimitError:
                                given_up[name, engine] = f"> {options.cap:g} s (stopped)"
                            if olds and olds[-1] > options.cap:
                                given_up[name, engine] = f"> {options.cap:g} s"
                        seconds, answers["new"] = _timed(shape(run), new)
                        news.append(seconds)
                    if "old" in answers:
                        assert answers["old"] == answers["new"], f"{name} answers differently"
                    old_time = statistics.median(olds) if olds else None
                    if old_time:
                        last[name, engine] = size, old_time
                    new_time = statistics.median(news)
                    shown = f"{old_time:.3f} s" if old_time else given_up[name, engine]
                    ratio = f"{old_time / new_time:,.1f}×" if old_time else "—"
                    print(
                        f"| {name} | {data} | {size:,} | {engine} | {shown} | "
                        f"{new_time:.3f} s | {ratio} |",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
