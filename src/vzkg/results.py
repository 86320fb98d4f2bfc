"""Writing query results: the W3C SPARQL 1.1 result formats and a table for people.

Each writer takes a :class:`~vzkg.sparql.QueryResult` and returns text, so that results look
the same whichever engine computed them. They read its rows as plain
:data:`~vzkg.sparql.Parts` (:meth:`~vzkg.sparql.QueryResult.parts`), so that Oxigraph's terms
are written without being made rdflib's, and rdflib is not imported to write them (but for
XML, whose escaping lives with the RDF/XML writer).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .console import say
from .errors import InputError
from .formats import RESULT_FORMATS
from .prefixes import compact
from .sparql import Parts, QueryResult, rdflib_parts

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from rdflib.term import Identifier


def _json_term(term: Parts) -> dict[str, str]:
    kind, value, language, datatype = term
    out = {"type": kind, "value": value}
    if language:
        out["xml:lang"] = language
    elif datatype:
        out["datatype"] = datatype
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ASK":
        document: dict[str, object] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {
                var: _json_term(value)
                for var, value in zip(result.variables, row, strict=True)
                if value is not None
            }
            for row in result.parts()
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    import json  # only for this format: a cold query writes CSV or a table without it

    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _xml_term(term: Parts) -> str:
    from xml.sax.saxutils import quoteattr  # imports urllib.request: about 40 ms

    from .writers.rdfxml import xml_text  # rdflib's writer module: only for this format

    kind, value, language, datatype = term
    if kind != "literal":
        return f"<{kind}>{xml_text(value)}</{kind}>"
    if language:
        return f"<literal xml:lang={quoteattr(language)}>{xml_text(value)}</literal>"
    if datatype:
        return f"<literal datatype={quoteattr(datatype)}>{xml_text(value)}</literal>"
    return f"<literal>{xml_text(value)}</literal>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (second edition)."""
    from xml.sax.saxutils import quoteattr

    lines = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    lines.append("  <head>")
    lines.extend(f"    <variable name={quoteattr(v)}/>" for v in result.variables)
    lines.append("  </head>")
    if result.kind == "ASK":
        lines.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        lines.append("  <results>")
        for row in result.parts():
            lines.append("    <result>")
            for var, value in zip(result.variables, row, strict=True):
                if value is not None:
                    lines.append(
                        f"      <binding name={quoteattr(var)}>{_xml_term(value)}</binding>"
                    )
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def _csv_value(term: Parts | None) -> str:
    if term is None:
        return ""
    return f"_:{term[1]}" if term[0] == "bnode" else term[1]


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV Format: plain values, CRLF line ends."""
    if result.kind == "ASK":
        return csv_record(["boolean"]) + csv_record(["true" if result.boolean else "false"])
    rows = ([_csv_value(value) for value in row] for row in result.parts())
    return "".join(map(csv_record, [list(result.variables), *rows]))


def csv_record(fields: Sequence[str]) -> str:
    """One record as ``csv.writer(lineterminator="\\r\\n")`` writes it, without importing
    :mod:`csv` (a cold query): a field holding a comma, a quote, CR or LF in quotes, its
    quotes doubled; a lone empty field as ``""``."""
    if len(fields) == 1 and not fields[0]:
        return '""\r\n'
    quoted = (
        '"' + field.replace('"', '""') + '"' if any(c in field for c in ',"\r\n') else field
        for field in fields
    )
    return ",".join(quoted) + "\r\n"


def _ntriples(term: Parts | None) -> str:
    from .writers.syntax import term_syntax  # its patterns: only for TSV

    return "" if term is None else term_syntax(*term)


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV Format: terms in RDF syntax, ``?``-named header."""
    if result.kind == "ASK":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(_ntriples(value) for value in row) for row in result.parts())
    return "\n".join(lines) + "\n"


def display(term: Identifier | None) -> str:
    """Show the rdflib *term* to a person: a CURIE for an IRI, the bare text of a literal."""
    return _shown(None if term is None else rdflib_parts(term))


def _shown(term: Parts | None) -> str:
    if term is None:
        return ""
    kind, value, _, _ = term
    if kind == "uri":
        return compact(value)
    if kind == "bnode":
        return f"_:{value}"
    return " ".join(value.split())


def cut(text: str, width: int | None) -> str:
    """Cut *text* to *width* characters, ending with ``…``; None keeps it whole."""
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 1, 1)] + "…"


def render_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, max_width: int | None = 60
) -> str:
    """Align *rows* under *header*; cells longer than *max_width* are cut with ``…``."""
    cells = [[cut(cell, max_width) for cell in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out) + "\n"


def to_table(result: QueryResult, *, max_width: int | None = 60) -> str:
    """An aligned table for people: CURIEs, bare literals, long values cut unless told not to."""
    if result.kind == "ASK":
        return ("yes" if result.boolean else "no") + "\n"
    rows = [[_shown(value) for value in row] for row in result.parts()]
    return render_table(result.variables, rows, max_width=max_width)


_WRITERS: dict[str, Callable[[QueryResult], str]] = {
    "csv": to_csv,
    "tsv": to_tsv,
    "json": to_json,
    "xml": to_xml,
}


def format_result(result: QueryResult, fmt: str, *, max_width: int | None = 60) -> str:
    """Write a SELECT or ASK *result* in *fmt*, one of :data:`RESULT_FORMATS`."""
    if result.kind not in ("SELECT", "ASK"):
        raise InputError(f"a {result.kind} query returns a graph; use a graph format")
    if fmt == "table":
        return to_table(result, max_width=max_width)
    try:
        return _WRITERS[fmt](result)
    except KeyError:
        raise InputError(
            f"unknown result format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}"
        ) from None


def shown_result(result: QueryResult, fmt: str, max_rows: int, max_width: int | None) -> str:
    """Format a SELECT or ASK result; a table shows at most *max_rows* rows, and says so."""
    if fmt == "table" and max_rows and len(result) > max_rows:
        say(f"Note: showing the first {max_rows} of {len(result)} rows; --max-rows 0 shows all")
        result = result.head(max_rows)
    return format_result(result, fmt, max_width=max_width)
