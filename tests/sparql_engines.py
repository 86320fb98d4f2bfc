"""Running one SPARQL query on three engines — rdflib (through vzkg), pyoxigraph and Jena ARQ —
and writing every answer the same way, so that answers compare with ``==``.

All three read the same N-Quads file, whose default graph is the union of its named graphs
(as in ``vzkg.load()``): pyoxigraph through ``use_default_graph_as_union``, Jena by reading the
union again as triples of its default graph. Jena 4.5 comes from Debian's
``libapache-jena-java``, whose jar needs the extra jar of ../shared/RECIPES.md; it is built here
with Python's zipfile. Where Java or Jena is missing the tests skip, or fail under
``VZKG_REQUIRE_TOOLS=1``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier

import vzkg

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
JENA_JAR = Path("/usr/share/java/jena-arq.jar")
ARQ_BATCH = Path(__file__).with_name("jena") / "ArqBatch.java"
# jars of Jena's dependencies that must not be on the class path together
_CLASH = (
    "log4j",
    "slf4j-log4j12",
    "slf4j-jdk14",
    "slf4j-jcl",
    "slf4j-nop",
    "slf4j-migrator",
    "jcl-over",
    "jul-to",
)

Row = tuple[str | None, ...]


def term_text(kind: str, value: str, datatype: str | None = None, lang: str | None = None) -> str:
    """One term in N-Triples-like text: language tags in lower case, xsd:string left out."""
    if kind == "iri":
        return f"<{value}>"
    if kind == "bnode":
        return "_:b"  # blank node labels are the engine's own
    text = json.dumps(value, ensure_ascii=False)
    if lang:
        return f"{text}@{lang.lower()}"
    if datatype and datatype != XSD_STRING:
        return f"{text}^^<{datatype}>"
    return text


def from_rdflib(term: Identifier | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return term_text("iri", str(term))
    if isinstance(term, BNode):
        return term_text("bnode", str(term))
    assert isinstance(term, Literal)
    datatype = str(term.datatype) if term.datatype else None
    return term_text("literal", str(term), datatype, term.language)


def from_oxigraph(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term_text("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return term_text("bnode", term.value)
    assert isinstance(term, ox.Literal)
    return term_text("literal", term.value, term.datatype.value, term.language)


def _from_json(binding: dict[str, str] | None) -> str | None:
    if binding is None:
        return None
    kind = {"uri": "iri", "bnode": "bnode"}.get(binding["type"], "literal")
    return term_text(kind, binding["value"], binding.get("datatype"), binding.get("xml:lang"))


def ordered(sparql: str) -> bool:
    """Whether the query orders its rows (an ORDER BY of the query itself, not a sub-query's)."""
    node = prepareQuery(sparql).algebra["p"]
    while node.name in ("Project", "Slice", "Distinct", "Reduced", "ToMultiSet"):
        node = node["p"]
    return bool(node.name == "OrderBy")


def assert_same_rows(
    expected: Sequence[Hashable], got: Sequence[Hashable], sparql: str, engine: str = ""
) -> None:
    """The rows of two answers are the same: in the same order where the query orders them,
    else as multisets (engines order unordered rows as they like)."""
    assert expected, "the query finds nothing: the comparison would prove nothing"
    if ordered(sparql):
        assert list(got) == list(expected), engine
    else:
        assert Counter(got) == Counter(expected), engine


class Answer:
    """A SELECT answer: its variables and its rows as text."""

    def __init__(self, variables: Sequence[str], rows: Iterable[Row]) -> None:
        self.variables = tuple(variables)
        self.rows = list(rows)

    def __repr__(self) -> str:
        return f"Answer({self.variables}, {len(self.rows)} rows)"


def with_rdflib(dataset: Dataset, sparql: str) -> Answer:
    result = vzkg.query(dataset, sparql)
    return Answer(result.variables, (tuple(map(from_rdflib, row)) for row in result.rows))


def with_oxigraph(store: ox.Store, sparql: str) -> Answer:
    solutions = store.query(sparql, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [v.value for v in solutions.variables]
    rows = [tuple(from_oxigraph(s[v]) for v in variables) for s in solutions]
    return Answer(variables, rows)


def jena_classpath(cache: Path) -> str:
    """Jena's class path: the jars of libapache-jena-java and its dependencies, and the jar
    that supplies the xerces messages Debian's jar lacks. Skips (or fails) without Java."""
    message = None
    if shutil.which("java") is None:
        message = "Java is not installed (Debian default-jre-headless)"
    elif not JENA_JAR.exists():
        message = "Jena is not installed (Debian libapache-jena-java)"
    if message:
        if os.environ.get("VZKG_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{message}, and VZKG_REQUIRE_TOOLS=1")
        pytest.skip(message)
    fix = cache / "jena-xerces-res.jar"
    if not fix.exists():
        prefix = "org/apache/jena/ext/xerces/"
        with (
            zipfile.ZipFile("/usr/share/java/jena-core.jar") as core,
            zipfile.ZipFile(fix, "w") as out,
        ):
            for name in core.namelist():
                if name.startswith(prefix + "impl/") and name.endswith(".properties"):
                    out.writestr("xerces/" + name[len(prefix) :], core.read(name))
    # the unversioned jar names are Debian's stable links; versioned twins are the same jars
    jars = sorted(
        str(jar)
        for jar in Path("/usr/share/java").glob("*.jar")
        if not any(clash in jar.name for clash in _CLASH)
        and not any(part[:1].isdigit() for part in jar.stem.split("-")[1:])
    )
    return ":".join([*jars, str(fix)])


def with_jena(classpath: str, quads: Path, union: Path, queries: Sequence[Path]) -> list[Answer]:
    """Run each query file with Jena ARQ (strict SPARQL 1.1) in one JVM, which starts in 2–5 s:
    *quads* in their named graphs, *union* (their triples) in the default graph."""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            ["java", "-XX:TieredStopAtLevel=1", "-cp", classpath, str(ARQ_BATCH),
             str(quads), str(union), folder, *map(str, queries)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, f"Jena failed: {done.stderr[-2000:]}"
        answers = []
        for query in queries:
            result = Path(folder, query.name + ".json")
            if not result.exists():
                error = Path(folder, query.name + ".error").read_text(encoding="utf-8")
                raise AssertionError(f"Jena refused {query.name}: {error}")
            document = json.loads(result.read_text(encoding="utf-8"))
            variables = document["head"]["vars"]
            rows = [
                tuple(_from_json(binding.get(v)) for v in variables)
                for binding in document["results"]["bindings"]
            ]
            answers.append(Answer(variables, rows))
        return answers
