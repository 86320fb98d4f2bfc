"""Any SPARQL 1.1 server: queries through the SPARQL 1.1 Protocol, named graphs loaded and
replaced through the Graph Store Protocol (HTTP PUT of N-Triples).

``sparql:URL`` names the query endpoint. The Graph Store endpoint is ``URL;store=URL2`` when
given, else the query endpoint's sibling ``store`` when its path ends in ``/query`` or
``/sparql`` (Oxigraph's layout), else the URL itself (Fuseki's dataset URL takes both).
Queries name the dataset they mean: every named graph as both default and named graph
(``default-graph-uri``, ``named-graph-uri``), so that the default graph is their union whatever
the server's own setting, as in vzkg's other engines. Only these requests reach the network,
and the user chose the server; what a query names (``SERVICE``, ``FROM``) is refused unless
remote access is allowed, since the server would fetch it.
"""

from __future__ import annotations

import copy
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from ..bindings import bind_values
from ..entailment import ENTAILED_GRAPH
from ..errors import InputError, QuerySyntaxError
from ..namespaces import PREFIXES, new_graph
from ..sparql import QueryResult
from ..writers.terms import term_to_ntriples
from .base import Pattern, Quad, Store, Triple, refuse_remote
from .lexical import scan

#: seconds a request may wait to connect or for each answer
DEFAULT_TIMEOUT = 10.0
_RESULTS = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"


class SparqlStore(Store):
    """A SPARQL 1.1 server at *url* (see the module's note for ``;store=``)."""

    engine = "sparql"

    def __init__(self, url: str, *, entailment: bool = True, timeout: float | None = None) -> None:
        query_url, _, option = url.partition(";")
        if option and not option.startswith("store="):
            raise InputError(f"unknown option {option!r} of sparql:URL; only ;store=URL")
        for address in (query_url, option[len("store=") :]):
            if address and urllib.parse.urlsplit(address).scheme not in ("http", "https"):
                raise InputError(f"sparql:URL needs an http or https URL, not {address!r}")
        if not query_url:
            raise InputError("sparql:URL needs the URL of the server's query endpoint")
        self.url = query_url
        self.store_url = option[len("store=") :] or _store_url(query_url)
        self.entailment = entailment
        self.timeout = timeout or DEFAULT_TIMEOUT
        self._graphs: dict[URIRef, int] | None = None
        self._call(self.url, _form({"query": "ASK {}"}), _RESULTS)  # is it there?

    def stated(self) -> SparqlStore:
        if not self.entailment:
            return self
        view = copy.copy(self)  # the same server, asked without vzg:entailed
        view.entailment, view._graphs = False, None
        return view

    # -- HTTP ---------------------------------------------------------------------------------

    def _call(
        self,
        url: str,
        body: bytes | None,
        accept: str | None = None,
        *,
        method: str = "POST",
        content_type: str = "application/x-www-form-urlencoded",
    ) -> bytes:
        headers = {"Content-Type": content_type} if body is not None else {}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()  # type: ignore[no-any-return]
        except urllib.error.HTTPError as error:
            detail = " ".join(error.read().decode("utf-8", "replace").split())[:300]
            if error.code == 400 and url == self.url:
                raise QuerySyntaxError(f"the server refused the query: {detail}") from None
            raise InputError(
                f"the SPARQL server at {url} answered {error.code} {error.reason}: {detail}"
            ) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", None) or error
            raise InputError(f"cannot reach the SPARQL server at {url}: {reason}") from None

    def _dataset(self) -> list[tuple[str, str]]:
        graphs = [str(g) for g in sorted(self.graphs())]
        return [(k, g) for g in graphs for k in ("default-graph-uri", "named-graph-uri")]

    def _select(self, sparql: str, *, dataset: bool = True) -> dict[str, Any]:
        fields = [("query", _with_prefixes(sparql)), *(self._dataset() if dataset else [])]
        answer = self._call(self.url, _form(fields), _RESULTS)
        try:
            return json.loads(answer)  # type: ignore[no-any-return]
        except ValueError:
            raise InputError(f"the SPARQL server at {self.url} did not answer in JSON") from None

    def _boolean(self, document: dict[str, Any]) -> bool:
        """The answer to an ASK. Virtuoso 7 sends it as a table of one column,
        ``__ASK_RETVAL``: a row holding 1 for yes, no row for no; not as the standard's
        ``boolean``."""
        if isinstance(document.get("boolean"), bool):
            return bool(document["boolean"])
        try:
            if document["head"]["vars"] == ["__ASK_RETVAL"]:
                rows = document["results"]["bindings"]
                return any(row["__ASK_RETVAL"]["value"] not in ("0", "false") for row in rows)
        except (KeyError, TypeError):
            pass
        raise InputError(f"the SPARQL server at {self.url} answered an ASK without a yes or no")

    # -- queries ------------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Identifier] | None = None,
        allow_remote: bool = False,
    ) -> QueryResult:
        refuse_remote(sparql, allow_remote)
        found = scan(sparql)
        sparql = bind_values(sparql, bindings or {})
        dataset = not found.remote  # FROM and FROM NAMED name their own (when allowed)
        if found.form in ("CONSTRUCT", "DESCRIBE"):
            fields = [("query", _with_prefixes(sparql)), *(self._dataset() if dataset else [])]
            answer = self._call(self.url, _form(fields), _NTRIPLES)
            graph = new_graph()
            from ..store import parse_rdf

            parse_rdf(graph, answer, syntax="nt", name=f"the answer of {self.url}")
            return QueryResult(found.form, graph=graph)  # type: ignore[arg-type]
        document = self._select(sparql, dataset=dataset)
        if found.form == "ASK":
            return QueryResult("ASK", boolean=self._boolean(document))
        variables = tuple(document["head"].get("vars", ()))
        rows = tuple(
            tuple(_term(binding.get(name)) for name in variables)
            for binding in document["results"]["bindings"]
        )
        return QueryResult("SELECT", variables=variables, rows=rows)

    # -- contents -----------------------------------------------------------------------------

    def replace_graph(self, name: URIRef, triples: Iterable[Triple]) -> None:
        target = f"{self.store_url}?{urllib.parse.urlencode({'graph': str(name)})}"
        body = "".join(
            f"{term_to_ntriples(s)} {term_to_ntriples(p)} {term_to_ntriples(o)} .\n"
            for s, p, o in triples
        ).encode("utf-8")
        self._graphs = None
        if body:
            self._call(target, body, method="PUT", content_type=_NTRIPLES)
            return
        try:
            self._call(target, None, method="DELETE")
        except InputError as error:  # a graph that is not there is already empty
            if " 404 " not in str(error):
                raise

    def graphs(self) -> dict[URIRef, int]:
        if self._graphs is None:
            document = self._select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                dataset=False,
            )
            self._graphs = {
                URIRef(row["g"]["value"]): int(row["n"]["value"])
                for row in document["results"]["bindings"]
                if row["g"]["type"] == "uri"
                and (self.entailment or row["g"]["value"] != str(ENTAILED_GRAPH))
            }
        return dict(self._graphs)

    def quads(self) -> Iterator[Quad]:
        document = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in document["results"]["bindings"]:
            s, p, o, g = (_term(row.get(k)) for k in ("s", "p", "o", "g"))
            yield s, p, o, g  # type: ignore[misc]

    def __contains__(self, pattern: object) -> bool:
        if not isinstance(pattern, tuple) or len(pattern) != 3:
            return False
        # not every match, as triples() would send
        return self._boolean(self._select(f"ASK {{ {_pattern(pattern)} }}"))

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        document = self._select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {_pattern(pattern)} }}")
        for row in document["results"]["bindings"]:
            yield tuple(  # type: ignore[misc]
                term if term is not None else _term(row.get(name))
                for name, term in zip("spo", pattern, strict=True)
            )


def _pattern(pattern: tuple[object, ...]) -> str:
    """A triple pattern: each term in N-Triples syntax, ``?s``, ``?p``, ``?o`` for ``None``."""
    return " ".join(
        "?" + name if term is None else term_to_ntriples(term)  # type: ignore[arg-type]
        for name, term in zip("spo", pattern, strict=True)
    )


def _store_url(query_url: str) -> str:
    parts = urllib.parse.urlsplit(query_url)
    head, _, last = parts.path.rpartition("/")
    if last in ("query", "sparql"):
        return urllib.parse.urlunsplit(parts._replace(path=f"{head}/store", query=""))
    return query_url


def _form(fields: Mapping[str, str] | list[tuple[str, str]]) -> bytes:
    return urllib.parse.urlencode(fields).encode("ascii")


def _with_prefixes(sparql: str) -> str:
    """Declare the curated prefixes the query uses without declaring them, on its first line
    (line numbers in the server's errors stay the query's own)."""
    declared = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items())
    return f"{declared} {sparql}"


def _term(binding: Mapping[str, str] | None) -> Identifier | None:
    """The rdflib term of a SPARQL JSON binding, lexical form as written."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"], normalize=False)
    datatype = binding.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(datatype), normalize=False)
    return Literal(value, normalize=False)
