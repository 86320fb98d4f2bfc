"""The ``vzkg`` command: a thin shell over the library.

Each command parses its options, calls the library and writes what it returns. Library
modules are imported inside the commands, so ``vzkg --help`` and ``vzkg queries`` do not pay
for rdflib or pySHACL. Exit codes: 0 success, 1 the data does not conform (or its evidence
has drifted), 2 a usage or input error. Expected failures print one ``Error: …`` line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import VzkgError
from .formats import EXPORT_FORMATS, GRAPH_FORMATS, REPORT_FORMATS, RESULT_FORMATS

if TYPE_CHECKING:
    from rdflib import Dataset

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class VzkgGroup(click.Group):
    """A group that turns every expected failure into one ``Error: …`` line and an exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args, prog_name or "vzkg", complete_var, standalone_mode=False, **extra
            )
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            code = _fail(f"{error.format_message()}{hint}", EXIT_USAGE)
        except click.ClickException as error:
            code = _fail(error.format_message(), error.exit_code)
        except VzkgError as error:
            code = _fail(str(error), error.exit_code)
        except click.Abort:
            code = _fail("aborted", EXIT_DATA)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head); nothing left to say
            code = EXIT_OK
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


def _fail(message: str, code: int) -> int:
    click.echo(f"Error: {message}", err=True)
    return code


def _write(text: str | bytes, output: str) -> None:
    """Write to stdout for ``-``, else atomically to the file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from .files import atomic_write

    atomic_write(output, data)


def data_options(function: F) -> F:
    """``--data FILE`` (repeatable) and ``--no-bundled``: which graphs a command works on."""
    function = click.option(
        "--no-bundled",
        is_flag=True,
        help="Leave out the bundled graph (the ontology stays).",
    )(function)
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Another RDF file to add, syntax from its extension (.ttl .trig .nt .nq .jsonld "
        ".rdf); repeatable.",
    )(function)


def format_option(
    choices: Iterable[str], help: str, default: str | None = None
) -> Callable[[F], F]:
    """The ``-f/--format`` option every command that writes output shares."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help,
    )


def output_option(function: F) -> F:
    return click.option(
        "-o",
        "--output",
        default="-",
        show_default=True,
        metavar="FILE",
        help="Write here instead of stdout ('-'); written to a temporary file, then renamed.",
    )(function)


def _load(data: Sequence[str], no_bundled: bool) -> Dataset:
    from .store import load

    return load(*data, bundled=not no_bundled)


@click.group(name="vzkg", cls=VzkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="vzkg")
def cli() -> None:
    """vzkg: the March 2025 US–Venezuela deportation story as a sourced knowledge graph.

    Every event, claim, quotation and number carries the exact words of its source.

    \b
    Examples:
      vzkg query --name timeline
      vzkg describe Maduro
      vzkg validate
    """


# -- query -------------------------------------------------------------------------------------


@cli.command()
@click.argument("sparql", required=False)
@click.option(
    "--file",
    "query_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Read the query from FILE ('-' for stdin).",
)
@click.option(
    "--name",
    "query_name",
    metavar="NAME",
    help="Run a named query of the library (see 'vzkg queries').",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a variable before the query runs, e.g. actor=Trump; repeatable.",
)
@format_option(
    dict.fromkeys(RESULT_FORMATS + GRAPH_FORMATS),
    "Result format: table (default), csv, tsv, json, xml for SELECT/ASK; "
    "turtle (default), nt, jsonld, xml for CONSTRUCT/DESCRIBE.",
)
@click.option("--full", is_flag=True, help="In a table, keep long values whole.")
@data_options
@output_option
def query(
    sparql: str | None,
    query_file: str | None,
    query_name: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    full: bool,
    data: tuple[str, ...],
    no_bundled: bool,
    output: str,
) -> None:
    """Run a SPARQL 1.1 query: inline, from a file, from stdin ('-') or by name.

    The prefixes vz:, vzkg:, schema:, sem:, oa:, prov:, org:, skos:, time:, wd: and the
    W3C ones may be used without declaring them.

    \b
    Examples:
      vzkg query 'SELECT ?who WHERE { ?q a schema:Quotation ; schema:author ?who }'
      vzkg query --file examples/queries/timeline.rq -f csv
      echo 'ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }' | vzkg query -
      vzkg query --name quotes-by-speaker --param speaker=Maduro
    """
    from .parameters import bind
    from .queries import named_query
    from .results import format_result
    from .sparql import query as run

    sources = [s for s in (sparql, query_file, query_name) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give exactly one query: SPARQL text, '-', --file or --name")
    declared = None
    if query_name is not None:
        named = named_query(query_name)
        text, declared = named.text, named.params
    elif query_file is not None:
        text = _read_text(query_file)
    else:
        assert sparql is not None
        text = _read_text("-") if sparql == "-" else sparql
    graph = _load(data, no_bundled)
    result = run(graph, text, bindings=bind(graph, params, declared))
    if result.kind in ("SELECT", "ASK"):
        fmt = fmt or "table"
        if fmt not in RESULT_FORMATS:
            raise click.UsageError(f"a {result.kind} query cannot be written as {fmt}")
        _write(format_result(result, fmt, max_width=None if full else 60), output)
        return
    from .serialization import serialize

    fmt = fmt or "turtle"
    if fmt not in GRAPH_FORMATS:
        raise click.UsageError(
            f"a {result.kind} query returns a graph: use -f {', '.join(GRAPH_FORMATS)}"
        )
    assert result.graph is not None
    _write(serialize(result.graph, format=fmt), output)


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    from .files import read_text

    return read_text(path)


# -- queries -----------------------------------------------------------------------------------


@cli.command()
def queries() -> None:
    """List the named queries, one line each.

    \b
    Example:
      vzkg queries
      vzkg query --name accusations
    """
    from .queries import named_queries

    library = named_queries()
    width = max(len(name) for name in library)
    for name, named in library.items():
        params = " ".join(f"[{p.name}=…]" for p in named.params)
        click.echo(f"{name.ljust(width)}  {named.summary}{'  ' + params if params else ''}")


# -- validate ----------------------------------------------------------------------------------


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--shapes",
    "shapes",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Validate against these shapes instead of the bundled ones.",
)
@format_option(
    REPORT_FORMATS, "Report as readable text, the SHACL report in Turtle, or JSON.", "text"
)
@data_options
@output_option
def validate(
    files: tuple[str, ...],
    shapes: tuple[str, ...],
    fmt: str,
    data: tuple[str, ...],
    no_bundled: bool,
    output: str,
) -> None:
    """Check the graph against the SHACL shapes.

    FILES are validated together with the bundled graph (and the ontology), or alone with
    --no-bundled. Exit 0 when the data conforms, 1 when it does not, 2 on bad input.

    \b
    Examples:
      vzkg validate
      vzkg validate new-article.trig -f json
      vzkg validate --no-bundled mine.ttl --shapes my-shapes.ttl
    """
    from .validation import load_shapes
    from .validation import validate as run

    graph = _load([*files, *data], no_bundled)
    report = run(graph, shapes=load_shapes(shapes) if shapes else None)
    text = {"text": report.text, "turtle": report.to_turtle, "json": report.to_json}[fmt]()
    _write(text, output)
    if not report.conforms:
        sys.exit(EXIT_DATA)


# -- evidence ----------------------------------------------------------------------------------


@cli.command()
@click.option(
    "--source",
    "sources",
    multiple=True,
    required=True,
    metavar="PATH",
    envvar="VZKG_SOURCE",
    type=click.Path(),
    help="A source text file, or a folder of them named <identifier>.txt; "
    "repeatable. Default: $VZKG_SOURCE.",
)
@click.option(
    "--article",
    metavar="IRI",
    help="The article the single --source file is the text of (default: the one "
    "whose identifier is the file name, or whose checksum matches).",
)
@data_options
def evidence(
    sources: tuple[str, ...], article: str | None, data: tuple[str, ...], no_bundled: bool
) -> None:
    """Re-find every evidence quote in its source text and check its offsets.

    Exit 0 when every quote is where the graph says, 1 with the list of mismatches.

    \b
    Example:
      vzkg evidence --source ../shared/source/000_d4642c25d83ac452.txt
      vzkg evidence --source ../shared/source
    """
    from .entities import resolve
    from .evidence import verify_file, verify_sources

    graph = _load(data, no_bundled)
    if article is not None:
        if len(sources) != 1:
            raise click.UsageError("--article goes with exactly one --source file")
        reports = [verify_file(graph, sources[0], article=resolve(graph, article))]
    else:
        reports = verify_sources(graph, sources)
    click.echo("".join(report.text() for report in reports), nl=False)
    if not all(report.ok for report in reports):
        sys.exit(EXIT_DATA)


# -- export ------------------------------------------------------------------------------------


@cli.command()
@format_option(EXPORT_FORMATS, "RDF syntax; default: from the -o extension, else turtle.")
@data_options
@output_option
def export(fmt: str | None, data: tuple[str, ...], no_bundled: bool, output: str) -> None:
    """Write the whole graph in an RDF syntax, byte for byte the same every run.

    turtle, nt and xml write the union of the graphs; nq, trig and jsonld keep each source's
    named graph.

    \b
    Examples:
      vzkg export -f trig -o vzkg.trig
      vzkg export -o vzkg.jsonld
    """
    from .serialization import format_for, serialize

    if fmt is None:
        fmt = "turtle" if output == "-" else format_for(output)
    _write(serialize(_load(data, no_bundled), format=fmt), output)


# -- describe, timeline, stats ------------------------------------------------------------------


@cli.command()
@click.argument("entity")
@click.option("--full", is_flag=True, help="Keep long quotes whole.")
@data_options
def describe(entity: str, full: bool, data: tuple[str, ...], no_bundled: bool) -> None:
    """Summarise one entity: types, labels, roles, events, what it said and what was said
    about it, with evidence quotes and dates.

    ENTITY is a label in any language, a Wikidata QID, a CURIE or an IRI.

    \b
    Examples:
      vzkg describe Maduro
      vzkg describe Q22686
      vzkg describe vz:event-deportation-to-el-salvador
    """
    from .describe import describe as run
    from .entities import resolve

    graph = _load(data, no_bundled)
    click.echo(run(graph, resolve(graph, entity)).text(max_width=None if full else 100), nl=False)


@cli.command()
@click.option(
    "--from",
    "start",
    metavar="DATE",
    help="Events that may end on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
)
@click.option("--to", "end", metavar="DATE", help="Events that may begin on or before DATE.")
@click.option("--actor", metavar="ENTITY", help="Only events this actor takes part in.")
@format_option(RESULT_FORMATS, "Output format.", "table")
@click.option("--full", is_flag=True, help="In a table, keep long values whole.")
@data_options
@output_option
def timeline(
    start: str | None,
    end: str | None,
    actor: str | None,
    fmt: str,
    full: bool,
    data: tuple[str, ...],
    no_bundled: bool,
    output: str,
) -> None:
    """List events in date order, each date at the precision the source gives.

    \b
    Examples:
      vzkg timeline
      vzkg timeline --from 2025-02 --to 2025-03-21
      vzkg timeline --actor Trump -f csv
    """
    from .results import format_result
    from .timeline import timeline as run

    graph = _load(data, no_bundled)
    result = run(graph, start=start, end=end, actor=actor)
    _write(format_result(result, fmt, max_width=None if full else 70), output)


@cli.command()
@format_option(("table", "json"), "Output format.", "table")
@data_options
def stats(fmt: str, data: tuple[str, ...], no_bundled: bool) -> None:
    """Count triples, graphs, entities per class, events, claims, quotes and sources.

    \b
    Example:
      vzkg stats
    """
    from .stats import stats as run

    counts = run(_load(data, no_bundled))
    click.echo(counts.to_json() if fmt == "json" else counts.text(), nl=False)


def main() -> None:
    """Entry point of the ``vzkg`` console script and ``python -m vzkg``."""
    cli.main(prog_name="vzkg")
