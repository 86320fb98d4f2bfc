"""The SPARQL result writers: exact output on hand-built results, and conformance checked by
parsing real results back with rdflib's own SPARQL result parsers."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

import vzkg
from vzkg.errors import InputError
from vzkg.results import format_result, to_csv, to_json, to_table, to_tsv, to_xml
from vzkg.sparql import QueryResult
from vzkg.store import as_written

TRUMP = URIRef("https://w3id.org/vzkg/id/donald-trump")
# an IRI with `&` so that the XML writer has to escape it
OTHER = URIRef("http://example.org/a?b=1&c=2")
# a plain literal with everything CSV, TSV and XML must escape or quote
NOTE = 'a "quoted", tab\there\nline two & <tag>'

SELECT = QueryResult(
    "SELECT",
    variables=("s", "label", "n", "note", "b", "x"),
    rows=(
        (
            TRUMP,
            Literal("Donald Trump", lang="en"),
            Literal("5", datatype=XSD.integer),
            Literal(NOTE),
            BNode("b0"),
            None,
        ),
        (OTHER, Literal("Caracas", lang="es"), None, Literal("plain"), None, None),
    ),
)
ASK = QueryResult("ASK", boolean=True)

Writer = Callable[[QueryResult], str]


# -- JSON -------------------------------------------------------------------------------------

SELECT_JSON = r"""{
  "head": {
    "vars": [
      "s",
      "label",
      "n",
      "note",
      "b",
      "x"
    ]
  },
  "results": {
    "bindings": [
      {
        "s": {
          "type": "uri",
          "value": "https://w3id.org/vzkg/id/donald-trump"
        },
        "label": {
          "type": "literal",
          "value": "Donald Trump",
          "xml:lang": "en"
        },
        "n": {
          "type": "literal",
          "value": "5",
          "datatype": "http://www.w3.org/2001/XMLSchema#integer"
        },
        "note": {
          "type": "literal",
          "value": "a \"quoted\", tab\there\nline two & <tag>"
        },
        "b": {
          "type": "bnode",
          "value": "b0"
        }
      },
      {
        "s": {
          "type": "uri",
          "value": "http://example.org/a?b=1&c=2"
        },
        "label": {
          "type": "literal",
          "value": "Caracas",
          "xml:lang": "es"
        },
        "note": {
          "type": "literal",
          "value": "plain"
        }
      }
    ]
  }
}
"""


def test_json_select() -> None:
    # unbound cells (n in row 2, x everywhere) are left out of the binding objects
    assert to_json(SELECT) == SELECT_JSON


def test_json_ask() -> None:
    assert to_json(ASK) == '{\n  "head": {},\n  "boolean": true\n}\n'
    assert to_json(QueryResult("ASK", boolean=False)).endswith('"boolean": false\n}\n')


# -- XML --------------------------------------------------------------------------------------

SELECT_XML = "\n".join(
    [
        '<?xml version="1.0"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "  <head>",
        '    <variable name="s"/>',
        '    <variable name="label"/>',
        '    <variable name="n"/>',
        '    <variable name="note"/>',
        '    <variable name="b"/>',
        '    <variable name="x"/>',
        "  </head>",
        "  <results>",
        "    <result>",
        '      <binding name="s"><uri>https://w3id.org/vzkg/id/donald-trump</uri></binding>',
        '      <binding name="label"><literal xml:lang="en">Donald Trump</literal></binding>',
        '      <binding name="n">'
        '<literal datatype="http://www.w3.org/2001/XMLSchema#integer">5</literal></binding>',
        # quotes need no escaping in element text; `&` and `<` do
        '      <binding name="note"><literal>a "quoted", tab\there\n'
        "line two &amp; &lt;tag&gt;</literal></binding>",
        '      <binding name="b"><bnode>b0</bnode></binding>',
        "    </result>",
        "    <result>",
        '      <binding name="s"><uri>http://example.org/a?b=1&amp;c=2</uri></binding>',
        '      <binding name="label"><literal xml:lang="es">Caracas</literal></binding>',
        '      <binding name="note"><literal>plain</literal></binding>',
        "    </result>",
        "  </results>",
        "</sparql>",
    ]
)


def test_xml_select() -> None:
    assert to_xml(SELECT) == SELECT_XML + "\n"


def test_xml_is_well_formed_and_keeps_the_text() -> None:
    namespace = "{http://www.w3.org/2005/sparql-results#}"
    root = ET.fromstring(to_xml(SELECT))
    literals = root.iter(f"{namespace}literal")
    assert NOTE in [element.text for element in literals]


def test_xml_escapes_attributes() -> None:
    odd = URIRef("http://example.org/dt?a=1&b=2")
    result = QueryResult("SELECT", variables=("v",), rows=((Literal("x", datatype=odd),),))
    assert '<literal datatype="http://example.org/dt?a=1&amp;b=2">x</literal>' in to_xml(result)


def test_xml_ask() -> None:
    assert to_xml(ASK) == (
        '<?xml version="1.0"?>\n'
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
        "  <head>\n"
        "  </head>\n"
        "  <boolean>true</boolean>\n"
        "</sparql>\n"
    )


# -- CSV --------------------------------------------------------------------------------------


def test_csv_select() -> None:
    assert to_csv(SELECT) == (
        "s,label,n,note,b,x\r\n"
        # lexical forms only; the field with a comma, quotes and a newline is quoted
        'https://w3id.org/vzkg/id/donald-trump,Donald Trump,5,"a ""quoted"", tab\there\n'
        'line two & <tag>",_:b0,\r\n'
        "http://example.org/a?b=1&c=2,Caracas,,plain,,\r\n"
    )


def test_csv_quotes_only_what_needs_it() -> None:
    result = QueryResult(
        "SELECT",
        variables=("a", "b", "c", "d"),
        rows=((Literal("x,y"), Literal("two\nlines"), Literal('say "hi"'), Literal("as is")),),
    )
    assert to_csv(result) == 'a,b,c,d\r\n"x,y","two\nlines","say ""hi""",as is\r\n'


def test_csv_ask() -> None:
    assert to_csv(ASK) == "boolean\r\ntrue\r\n"


# -- TSV --------------------------------------------------------------------------------------


def test_tsv_select() -> None:
    assert to_tsv(SELECT) == (
        "?s\t?label\t?n\t?note\t?b\t?x\n"
        '<https://w3id.org/vzkg/id/donald-trump>\t"Donald Trump"@en\t'
        '"5"^^<http://www.w3.org/2001/XMLSchema#integer>\t'
        # the tab, newline and quotes inside the literal are escaped, so rows stay rows
        '"a \\"quoted\\", tab\\there\\nline two & <tag>"\t_:b0\t\n'
        '<http://example.org/a?b=1&c=2>\t"Caracas"@es\t\t"plain"\t\t\n'
    )


def test_tsv_ask() -> None:
    assert to_tsv(QueryResult("ASK", boolean=False)) == "?boolean\nfalse\n"


# -- table ------------------------------------------------------------------------------------


def test_table_aligns_and_shows_curies() -> None:
    result = QueryResult(
        "SELECT",
        variables=("who", "label", "n"),
        rows=(
            (TRUMP, Literal("Donald Trump", lang="en"), Literal("5", datatype=XSD.integer)),
            (URIRef("http://example.org/x"), None, Literal("12", datatype=XSD.integer)),
            (BNode("b0"), Literal("two\n  lines"), None),
        ),
    )
    assert to_table(result) == (
        "who                   label         n\n"
        "--------------------  ------------  --\n"
        "vz:donald-trump       Donald Trump  5\n"
        "http://example.org/x                12\n"
        "_:b0                  two lines\n"
    )


def test_table_cuts_long_values() -> None:
    result = QueryResult("SELECT", variables=("text",), rows=((Literal("abcdefghijklmnop"),),))
    assert format_result(result, "table", max_width=8) == "text\n--------\nabcdefg…\n"
    assert format_result(result, "table", max_width=None) == (
        "text\n----------------\nabcdefghijklmnop\n"
    )
    # the default width (60) leaves short values whole
    assert format_result(result, "table").endswith("\nabcdefghijklmnop\n")


def test_table_ask() -> None:
    assert to_table(ASK) == "yes\n"
    assert to_table(QueryResult("ASK", boolean=False)) == "no\n"


# -- format_result ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "writer"), [("json", to_json), ("xml", to_xml), ("csv", to_csv), ("tsv", to_tsv)]
)
def test_format_result_dispatches(fmt: str, writer: Writer) -> None:
    assert format_result(SELECT, fmt) == writer(SELECT)


def test_format_result_rejects_an_unknown_format() -> None:
    with pytest.raises(InputError, match="unknown result format 'yaml'"):
        format_result(SELECT, "yaml")


def test_format_result_rejects_a_graph_result() -> None:
    with pytest.raises(InputError, match="CONSTRUCT"):
        format_result(QueryResult("CONSTRUCT", graph=Graph()), "json")


# -- conformance: rdflib parses what we write -------------------------------------------------

# every triple of the graph, an OPTIONAL that never binds, and blank nodes on Spanish labels
REAL_QUERY = """
SELECT ?s ?p ?o ?unbound ?b WHERE {
  ?s ?p ?o
  OPTIONAL { ?s vzkg:noSuchProperty ?unbound }
  BIND(IF(isLiteral(?o) && lang(?o) = "es", BNODE(), ?unbound) AS ?b)
}
"""


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


@pytest.fixture(scope="module")
def real(kg: Dataset) -> QueryResult:
    result = vzkg.query(kg, REAL_QUERY)
    # the query must exercise every kind of term, and unbound cells
    terms = [term for row in result.rows for term in row]
    assert any(isinstance(t, URIRef) for t in terms)
    assert any(isinstance(t, BNode) for t in terms)
    assert any(isinstance(t, Literal) and t.language for t in terms)
    assert any(isinstance(t, Literal) and t.datatype == XSD.integer for t in terms)
    assert any(isinstance(t, Literal) and not t.language and not t.datatype for t in terms)
    assert None in terms
    return result


def _parse(text: str, fmt: str) -> tuple[list[str], list[tuple[Identifier | None, ...]]]:
    with as_written():  # literals as written, not rewritten by rdflib
        parsed = Result.parse(io.StringIO(text), format=fmt)
    variables = [str(v) for v in parsed.vars or ()]
    rows = [tuple(binding.get(v) for v in parsed.vars or ()) for binding in parsed.bindings]
    return variables, rows


@pytest.mark.parametrize(("fmt", "writer"), [("json", to_json), ("xml", to_xml), ("tsv", to_tsv)])
def test_rdflib_reads_back_the_same_rows(real: QueryResult, fmt: str, writer: Writer) -> None:
    variables, rows = _parse(writer(real), fmt)
    assert variables == list(real.variables)
    assert len(rows) == len(real.rows)
    wrong = [(mine, theirs) for mine, theirs in zip(real.rows, rows, strict=True) if mine != theirs]
    assert not wrong, f"{len(wrong)} rows differ, e.g. {wrong[0]}"


def test_rdflib_reads_back_csv(real: QueryResult) -> None:
    # CSV drops term kinds, languages and datatypes by design: compare the text of each cell
    def text(term: Identifier | None) -> str:
        if term is None:
            return ""
        return f"_:{term}" if isinstance(term, BNode) else str(term)

    variables, rows = _parse(to_csv(real), "csv")
    assert variables == list(real.variables)
    # rdflib keeps the `_:` in a CSV blank node's label
    assert [tuple(map(text, row)) for row in real.rows] == [
        tuple("" if t is None else str(t) for t in row) for row in rows
    ]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("answer", [True, False])
def test_rdflib_reads_back_ask(kg: Dataset, fmt: str, answer: bool) -> None:
    question = "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }"
    if not answer:
        question = "ASK { vz:nicolas-maduro owl:sameAs vz:donald-trump }"
    result = vzkg.query(kg, question)
    assert result.boolean is answer
    parsed = Result.parse(io.StringIO(format_result(result, fmt)), format=fmt)
    assert parsed.type == "ASK"
    assert parsed.askAnswer is answer
