"""The ``vzkg`` command: a thin shell over the library.

Each command parses its options, calls the library and writes what it returns. Library
modules are imported inside the commands, so ``vzkg --help`` and ``vzkg queries`` do not pay
for rdflib or pySHACL. Exit codes: 0 success, 1 the data does not conform (or its evidence
has drifted), 2 a usage, input or output error, 3 stopped at the time limit, 70 a bug in vzkg,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Expected failures print one ``Error: …``
line, never a traceback; a reader that goes away (``| head``) ends the command quietly with 0.
"""

from __future__ import annotations

import contextlib
import functools
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__, console
from .command_inputs import Sources
from .errors import VzkgError
from .exits import EXIT_DATA, EXIT_INTERRUPTED, EXIT_USAGE, fail, guarded, prepare_process
from .formats import EXPORT_FORMATS, GRAPH_FORMATS, REPORT_FORMATS, RESULT_FORMATS
from .limits import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    DEFAULT_VALIDATION_TIMEOUT,
    ENDPOINT_MAX_ROWS,
    MAX_INPUT_BYTES,
    MAX_REQUEST_BYTES,
    parse_size,
)
from .results import shown_result

if TYPE_CHECKING:
    from rdflib import Dataset

    from .engines import Store

F = TypeVar("F", bound=Callable[..., Any])


class _StreamErrors:
    """click writes help and version itself: a failure to write them is an output error."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc, no-any-return]
        except OSError as error:
            raise console.output_failed(error) from None


class VzkgCommand(_StreamErrors, click.Command):
    pass


class VzkgGroup(_StreamErrors, click.Group):
    """A group that turns every expected failure into one ``Error: …`` line and an exit code."""

    command_class = VzkgCommand

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self._run(args, prog_name or "vzkg", complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str,
        complete_var: str | None,
        **extra: Any,
    ) -> int:
        def work() -> object:
            return super(VzkgGroup, self).main(
                args, prog_name, complete_var, standalone_mode=False, **extra
            )

        return guarded(work, _click_error)


def _click_error(error: Exception) -> int | None:
    """The exit code of click's own exceptions, said as vzkg says its errors."""
    if isinstance(error, click.UsageError):
        hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
        return fail(f"{error.format_message()}{hint}", EXIT_USAGE)
    if isinstance(error, click.ClickException):
        return fail(error.format_message(), error.exit_code)
    if isinstance(error, click.Abort):
        interrupted = isinstance(error.__context__, KeyboardInterrupt)
        return EXIT_INTERRUPTED if interrupted else fail("aborted", EXIT_USAGE)
    return None


def _show(text: str) -> None:
    """Write text meant for people to stdout, control characters made visible."""
    console.write_bytes(console.for_terminal(text, human=True).encode("utf-8"))


class _Seconds(click.ParamType):
    name = "seconds"

    def convert(self, value: Any, param: Any, ctx: Any) -> float | None:
        if value is None or isinstance(value, float):
            return value  # type: ignore[no-any-return]
        try:
            seconds = float(value)
        except ValueError:
            seconds = math.nan
        if not math.isfinite(seconds) or seconds < 0:
            self.fail(f"{value!r} is not a number of seconds (0 for no limit)", param, ctx)
        return seconds or None


class _Size(click.ParamType):
    name = "size"

    def convert(self, value: Any, param: Any, ctx: Any) -> int | None:
        if value is None or isinstance(value, int):
            return value  # type: ignore[no-any-return]
        try:
            return parse_size(str(value))
        except VzkgError as error:
            self.fail(str(error), param, ctx)


def data_options(function: F) -> F:
    """``--data FILE`` (repeatable), ``--no-bundled``, ``--allow-remote`` and
    ``--max-input-size``, passed to the command as one :class:`Sources`."""

    @functools.wraps(function)
    def packed(
        *args: Any,
        data: tuple[str, ...],
        no_bundled: bool,
        allow_remote: bool,
        max_input_size: int | None,
        **kwargs: Any,
    ) -> Any:
        sources = Sources(data, not no_bundled, allow_remote, max_input_size)
        return function(*args, sources=sources, **kwargs)

    options = [
        click.option(
            "--data",
            "data",
            multiple=True,
            type=click.Path(dir_okay=False),
            help="Another RDF file to add, syntax from its extension (.ttl .trig .nt .nq "
            ".jsonld .rdf); repeatable.",
        ),
        click.option(
            "--no-bundled",
            is_flag=True,
            help="Leave out the bundled graph (the ontology stays).",
        ),
        click.option(
            "--allow-remote",
            is_flag=True,
            help="Let data, queries and shapes read the URLs and files they name (SERVICE, "
            "FROM, JSON-LD @context); refused by default.",
        ),
        click.option(
            "--max-input-size",
            type=_Size(),
            default=f"{MAX_INPUT_BYTES // 1_000_000}M",
            show_default=True,
            metavar="SIZE",
            help="Refuse larger input files (e.g. 500M, 2G; 0: no limit).",
        ),
    ]
    for option in reversed(options):
        packed = option(packed)
    return packed  # type: ignore[return-value]


def store_option(function: F) -> F:
    """``--store SPEC``: where the graph lives and which engine answers (see vzkg.engines)."""

    @functools.wraps(function)
    def packed(*args: Any, store: str | None, sources: Sources, **kwargs: Any) -> Any:
        return function(*args, sources=sources.with_store(store), **kwargs)

    return click.option(  # type: ignore[return-value]
        "--store",
        metavar="SPEC",
        envvar="VZKG_STORE",
        help="Where the graph lives and which engine answers: oxigraph (in memory, the "
        "default; rdflib where Oxigraph would rewrite a literal), rdflib, oxigraph:PATH (a "
        "folder 'vzkg load' filled), sparql:URL (a SPARQL 1.1 server 'vzkg push' filled). "
        "Also $VZKG_STORE.",
    )(packed)


def entailment_option(function: F) -> F:
    return click.option(
        "--no-entailment",
        "no_entailment",
        is_flag=True,
        help="Leave out what the graph only entails (the graph vzg:entailed: types through "
        "rdfs:subClassOf, statements through rdfs:subPropertyOf).",
    )(function)


def timeout_option(
    default: float, help: str = "Stop the work after this many seconds (0: no limit); exit 3."
) -> Callable[[F], F]:
    """``--timeout SECONDS``: the time limit of the command's queries or validation."""
    return click.option(
        "--timeout",
        type=_Seconds(),
        default=default,
        show_default=True,
        metavar="SECONDS",
        help=help,
    )


def max_rows_option(function: F) -> F:
    return click.option(
        "--max-rows",
        type=click.IntRange(min=0),
        default=DEFAULT_MAX_ROWS,
        show_default=True,
        metavar="N",
        help="In a table, show at most N rows, with a note on stderr (0: all).",
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
        help="Write here instead of stdout ('-'); a file is written whole or not at all; "
        "never an input file.",
    )(function)


def _warn(notes: Iterable[str]) -> None:
    """One ``Warning:`` line on stderr for each note of the library's."""
    console.warn(notes)


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
    help="Bind a variable, e.g. actor=Trump: in place of the query's 'VALUES ?actor { UNDEF }',"
    " else at the start of its WHERE group; repeatable.",
)
@format_option(
    dict.fromkeys(RESULT_FORMATS + GRAPH_FORMATS),
    "Result format: table (default), csv, tsv, json, xml for SELECT/ASK; "
    "turtle (default), nt, jsonld, xml for CONSTRUCT/DESCRIBE.",
)
@click.option("--full", is_flag=True, help="In a table, keep long values whole.")
@max_rows_option
@timeout_option(DEFAULT_TIMEOUT)
@entailment_option
@data_options
@store_option
@output_option
def query(**options: Any) -> None:
    """Run a SPARQL 1.1 query: inline, from a file, from stdin ('-') or by name.

    The prefixes vz:, vzkg:, schema:, sem:, oa:, prov:, org:, skos:, time:, wd: and the
    W3C ones may be used without declaring them. SERVICE, FROM and FROM NAMED are refused
    unless --allow-remote. The graph answers with what it entails through rdfs:subClassOf
    and rdfs:subPropertyOf (?c a schema:Claim finds accusations too) unless --no-entailment.
    A vz: or vzkg: IRI that the graph does not hold is named on stderr, with the nearest
    ones it does hold.

    \b
    Examples:
      vzkg query 'SELECT ?who WHERE { ?q a schema:Quotation ; schema:author ?who }'
      vzkg query --file examples/queries/timeline.rq -f csv
      echo 'ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }' | vzkg query -
      vzkg query --name quotes-by-speaker --param speaker=Maduro
    """
    from .query_command import QueryUsage, run_query

    try:
        run_query(**options)
    except QueryUsage as error:
        raise click.UsageError(str(error)) from None


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
    lines = []
    for name, named in library.items():
        params = " ".join(f"[{p.name}=…]" for p in named.params)
        lines.append(f"{name.ljust(width)}  {named.summary}{'  ' + params if params else ''}\n")
    _show("".join(lines))


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
@timeout_option(DEFAULT_VALIDATION_TIMEOUT)
@data_options
@store_option
@output_option
def validate(
    files: tuple[str, ...],
    shapes: tuple[str, ...],
    fmt: str,
    timeout: float | None,
    sources: Sources,
    output: str,
) -> None:
    """Check the graph against the SHACL shapes.

    Without FILES, the whole graph (the bundled one and any --data, or what --store holds) is
    checked, read as every command reads it (by default into Oxigraph in memory). With FILES,
    only what they add is: their graphs, checked together with the bundled graph (and the
    ontology), or alone with --no-bundled, and whatever of the rest they touch, so that adding
    the 500th source costs about what the first did (read by rdflib). The report is the same
    on every --store. Exit 0 when the data conforms, 1 when it does not, 2 on bad input.

    \b
    Examples:
      vzkg validate
      vzkg validate new-article.trig -f json
      vzkg validate --no-bundled mine.ttl --shapes my-shapes.ttl
      vzkg validate --store oxigraph:vzkg-db
    """
    from .validation import load_shapes
    from .validation import validate as run

    console.check_output(output, *files, *sources.files, *shapes)
    graph: Dataset | Store
    only = None
    if not files:
        # what the data states, on the engine --store names, as every command reads it
        graph = sources.open(entailment=False, timeout=timeout)
    elif sources.store not in (None, "rdflib"):
        raise click.UsageError(
            f"FILES are checked against the graph in rdflib, not --store {sources.store}: "
            "put them into the store ('vzkg load') and validate it whole"
        )
    else:  # what FILES touch is found in a Dataset (vzkg.validation.scope)
        from .store import load

        graph = sources.load(entailment=False)
        added = load(
            *files,
            bundled=False,
            ontology=False,
            entailment=False,
            allow_remote=sources.allow_remote,
            max_input_bytes=sources.max_input_bytes,
        )
        into = {g.identifier: graph.graph(g.identifier) for g in added.graphs() if len(g)}
        graph.addN((s, p, o, into[g]) for s, p, o, g in added.quads())  # type: ignore[index]
        only = set(into)
    shapes_graph = (
        load_shapes(
            shapes, allow_remote=sources.allow_remote, max_input_bytes=sources.max_input_bytes
        )
        if shapes
        else None
    )
    report = run(
        graph, shapes=shapes_graph, timeout=timeout, allow_remote=sources.allow_remote, only=only
    )
    text = {"text": report.text, "turtle": report.to_turtle, "json": report.to_json}[fmt]()
    console.write_output(text, output, human=fmt == "text")
    if not report.conforms:
        sys.exit(EXIT_DATA)


# -- evidence ----------------------------------------------------------------------------------


@cli.command()
@click.option(
    "--source",
    "paths",
    multiple=True,
    metavar="PATH",
    envvar="VZKG_SOURCE_DIR",
    type=click.Path(),
    help="A source text file, or a folder of them named <identifier>.txt; "
    "repeatable. Without it, the folder named by $VZKG_SOURCE_DIR.",
)
@click.option(
    "--article",
    metavar="IRI",
    help="The article the single --source file is the text of (default: the one "
    "whose identifier is the file name, or whose checksum matches).",
)
@timeout_option(DEFAULT_TIMEOUT)
@data_options
@store_option
def evidence(
    paths: tuple[str, ...], article: str | None, timeout: float | None, sources: Sources
) -> None:
    """Re-find every evidence quote in its source text and check its values.

    Each quote must stand at its offsets, each number, speaker and relative date must be what
    its words say, and each time expression must stand near its evidence. Exit 0 when all
    hold, 1 with the list of what does not, 2 on bad input.

    \b
    Example:
      vzkg evidence --source ../shared/source/000_d4642c25d83ac452.txt
      vzkg evidence --source ../shared/source
    """
    from .entities import resolve
    from .evidence import verify_file, verify_sources
    from .limits import time_limit

    if not paths:
        raise click.UsageError(
            "say where the article texts are: --source PATH, or the folder in $VZKG_SOURCE_DIR"
        )
    if article is not None and len(paths) != 1:
        raise click.UsageError("--article goes with exactly one --source file")
    graph = sources.open(entailment=False, timeout=timeout)  # the evidence of what it states
    with time_limit(timeout):
        if article is not None:
            reports = [verify_file(graph, paths[0], article=resolve(graph, article))]
        else:
            reports = verify_sources(graph, paths)
    _show("".join(report.text() for report in reports))
    if not all(report.ok for report in reports):
        sys.exit(EXIT_DATA)


# -- export ------------------------------------------------------------------------------------


@cli.command()
@format_option(EXPORT_FORMATS, "RDF syntax; default: from the -o extension, else turtle.")
@entailment_option
@data_options
@store_option
@output_option
def export(fmt: str | None, no_entailment: bool, sources: Sources, output: str) -> None:
    """Write the whole graph in an RDF syntax, byte for byte the same every run.

    turtle, nt and xml write the union of the graphs; nq, trig and jsonld keep each source's
    named graph, and what the graph entails in the graph vzg:entailed (left out with
    --no-entailment).

    \b
    Examples:
      vzkg export -f trig -o vzkg.trig
      vzkg export -o vzkg.jsonld
    """
    from .serialization import format_for, serialize

    console.check_output(output, *sources.files)
    if fmt is None:
        fmt = "turtle" if output == "-" else format_for(output)
    console.write_output(serialize(sources.open(entailment=not no_entailment), format=fmt), output)


# -- load, push ---------------------------------------------------------------------------------

_PERSISTENT = ("oxigraph:", "sparql:")


def _put(sources: Sources, files: tuple[str, ...], store: str, entailment: bool) -> None:
    """Load the bundled graph (unless --no-bundled) and *files* into the store *store*."""
    import time

    from .engines import open_store

    if not store.startswith(_PERSISTENT):
        raise click.UsageError(
            f"a store in memory ({store}) forgets what it is given: use --store oxigraph:PATH "
            "or --store sparql:URL"
        )
    started = time.monotonic()
    target = open_store(store, writable=True)

    def progress(step: str) -> None:
        if time.monotonic() - started > 1:  # a long load says what it is doing, on stderr
            click.echo(f"Note: {step} ({time.monotonic() - started:.1f} s)", err=True)

    try:
        written = target.fill(
            sources.inputs(*files),
            allow_remote=sources.allow_remote,
            entailment=entailment,
            progress=progress,
        )
    finally:
        target.close()
    _warn(getattr(target, "notes", ()))
    click.echo(
        f"Loaded {written} triples into {store} ({time.monotonic() - started:.1f} s); "
        "each graph replaced the one of its name",
        err=True,
    )


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--store",
    "store",
    required=True,
    metavar="SPEC",
    help="oxigraph:PATH (a folder, created if missing) or sparql:URL.",
)
@entailment_option
@data_options
def load(files: tuple[str, ...], store: str, no_entailment: bool, sources: Sources) -> None:
    """Load the graph into a persistent store: the bundled graph (unless --no-bundled), the
    ontology and FILES, each named graph replacing the one of its name.

    Later commands open the store instead of parsing the files again: 'vzkg query --store
    oxigraph:PATH' opens it in tens of milliseconds (measured at 110k triples). Turtle, TriG,
    N-Triples and N-Quads go straight into Oxigraph; what the graph entails (vzg:entailed) is
    worked out again from all the store holds.

    \b
    Examples:
      vzkg load --store oxigraph:vzkg-db
      vzkg load mine.ttl theirs.trig --store oxigraph:vzkg-db
      vzkg query --store oxigraph:vzkg-db --name timeline
    """
    _put(sources, files, store, not no_entailment)


@cli.command()
@click.option(
    "--store",
    "store",
    required=True,
    metavar="SPEC",
    help="sparql:URL (the query endpoint; ;store=URL names the Graph Store endpoint if it is "
    "not the sibling /store) or oxigraph:PATH.",
)
@entailment_option
@data_options
def push(store: str, no_entailment: bool, sources: Sources) -> None:
    """Push the graph to a SPARQL 1.1 server: one named graph per source (and the entities,
    the ontology and vzg:entailed), each replacing what the server held under that name, with
    the Graph Store Protocol. Pushing twice leaves the same content.

    \b
    Examples:
      vzkg push --store sparql:http://127.0.0.1:7878/query
      vzkg push --data mine.ttl --store 'sparql:http://localhost:3030/ds/sparql;store=http://localhost:3030/ds/data'
    """
    _put(sources, (), store, not no_entailment)


# -- describe, timeline, stats ------------------------------------------------------------------


@cli.command()
@click.argument("entity")
@click.option("--full", is_flag=True, help="Keep long quotes whole.")
@click.option(
    "--cite",
    is_flag=True,
    help="Under each line that rests on a source, the node to cite for it (see 'vzkg cite').",
)
@timeout_option(DEFAULT_TIMEOUT)
@data_options
@store_option
def describe(entity: str, full: bool, cite: bool, timeout: float | None, sources: Sources) -> None:
    """Summarise one entity: what it points at and what points at it.

    Its facts; a person's offices and an organisation's members; the events an actor or place
    took part in, and how (with the words that say so, or the curators' inference); an event's
    participants, places, time and claims about it; the uses of a law, the history of a policy,
    the events of a type; what it said and what was said about it; what else links to it; and
    the evidence quotes with their offsets.

    ENTITY is a label in any language, a Wikidata QID, a CURIE or an IRI.

    \b
    Examples:
      vzkg describe Maduro
      vzkg describe Q22686
      vzkg describe vz:event-deportation-to-el-salvador --cite
    """
    from .description import describe as run
    from .entities import resolve_noted
    from .limits import time_limit

    # what the data states: the entailed types and super-properties would repeat each fact
    graph = sources.open(entailment=False, timeout=timeout)
    with time_limit(timeout):
        iri, note = resolve_noted(graph, entity)
        summary = run(graph, iri)
    _warn([note] if note else [])
    _show(summary.text(max_width=None if full else 100, cite=cite))


# -- cite ---------------------------------------------------------------------------------------


@cli.command()
@click.argument("nodes", nargs=-1, required=True, metavar="NODE...")
@format_option(
    ("text", "csl-json", "bibtex"),
    "text to paste, CSL-JSON (Zotero, citeproc, pandoc) or BibTeX.",
    "text",
)
@timeout_option(DEFAULT_TIMEOUT)
@data_options
@store_option
@output_option
def cite(
    nodes: tuple[str, ...], fmt: str, timeout: float | None, sources: Sources, output: str
) -> None:
    """Cite facts: the fact in plain words, the source's own words with their offsets, and the
    source (publisher, dateline, date, identifier).

    NODE is a fact of the graph (an event, claim, quotation, role, membership, quantity…) as
    a CURIE or an IRI; 'vzkg describe --cite' shows the node of each line. A fact the curators
    inferred says so and quotes their note instead of the source. Exit 2 for a node that is
    unknown or has nothing to cite (an entity such as a person).

    \b
    Examples:
      vzkg cite vz:quote-rodriguez-first-flight-tomorrow
      vzkg cite vz:event-deportation-to-el-salvador -f csl-json
      vzkg cite vz:role-deportation-to-el-salvador--cecot -f bibtex -o facts.bib
    """
    from .citation import cite as run
    from .citation import to_bibtex, to_csl_json, to_text
    from .entities import resolve
    from .limits import time_limit

    console.check_output(output, *sources.files)
    graph = sources.open(entailment=False, timeout=timeout)  # cite what the data states
    with time_limit(timeout):
        citations = [run(graph, resolve(graph, node)) for node in nodes]
    writer = {"text": to_text, "csl-json": to_csl_json, "bibtex": to_bibtex}[fmt]
    console.write_output(writer(citations), output, human=fmt == "text")


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
@max_rows_option
@timeout_option(DEFAULT_TIMEOUT)
@entailment_option
@data_options
@store_option
@output_option
def timeline(
    start: str | None,
    end: str | None,
    actor: str | None,
    fmt: str,
    full: bool,
    max_rows: int,
    timeout: float | None,
    no_entailment: bool,
    sources: Sources,
    output: str,
) -> None:
    """List every event in date order, each date at the precision the source gives.

    An undated event ends at its source's date (../2025-03-23). A name that several entities
    match keeps the events of each, and says so on stderr; so does an actor with no events.

    \b
    Examples:
      vzkg timeline
      vzkg timeline --from 2025-02 --to 2025-03-21
      vzkg timeline --actor Trump -f csv
    """
    from .chronology import timeline as run
    from .limits import time_limit

    console.check_output(output, *sources.files)
    graph = sources.open(entailment=not no_entailment, timeout=timeout)
    with time_limit(timeout):
        result = run(graph, start=start, end=end, actor=actor)  # type: ignore[arg-type]
    _warn(result.notes)
    console.write_output(
        shown_result(result, fmt, max_rows, None if full else 70), output, human=fmt == "table"
    )


@cli.command()
@format_option(("table", "json"), "Output format.", "table")
@timeout_option(DEFAULT_TIMEOUT)
@entailment_option
@data_options
@store_option
def stats(fmt: str, timeout: float | None, no_entailment: bool, sources: Sources) -> None:
    """Count triples, graphs, entities per class, events, claims, quotes and sources.

    An entity counts in each of its classes, as ?x a schema:Organization finds it (a
    government is an organization too), unless --no-entailment.

    \b
    Example:
      vzkg stats
    """
    from .counts import stats as run
    from .limits import time_limit

    graph = sources.open(entailment=not no_entailment, timeout=timeout)
    with time_limit(timeout):
        counts = run(graph)
    if fmt == "json":
        console.write_output(counts.to_json(), "-")
    else:
        _show(counts.text())


# -- search -------------------------------------------------------------------------------------


@cli.command()
@click.argument("words", nargs=-1, required=True)
@format_option(("table", "csv", "json"), "Output format.", "table")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    metavar="N",
    help="Show the N best hits, with a note on stderr when there are more (0: all).",
)
@click.option("--full", is_flag=True, help="In a table, keep long labels whole.")
@timeout_option(DEFAULT_TIMEOUT)
@data_options
@store_option
@output_option
def search(
    words: tuple[str, ...],
    fmt: str,
    limit: int,
    full: bool,
    timeout: float | None,
    sources: Sources,
    output: str,
) -> None:
    """Find nodes by their words: names and labels (English and Spanish), alternate names,
    claim and quotation texts, descriptions, evidence quotes and event types.

    Case and accents do not matter ("Rodriguez" finds "Rodríguez"). A node must hold every
    word; "two words" in quotes must stand together; word* matches words that begin with it.
    Hits are ranked by BM25, a word in a name counting more than one in a quotation or a
    quote. Each hit shows what it is, its IRI and the matched words [in brackets] in context.
    Nothing found: exit 0 and a note on stderr.

    \b
    Examples:
      vzkg search Rodriguez
      vzkg search deportación -f json
      vzkg search '"Washington deported"' --limit 5
    """
    from .fulltext import SearchIndex
    from .limits import time_limit

    console.check_output(output, *sources.files)
    text = " ".join(words)
    graph = sources.open(entailment=False, timeout=timeout)  # words are stated, never entailed
    with time_limit(timeout):
        result = SearchIndex(graph).search(text, limit=limit or None)
    if not result.hits:
        click.echo(f"Note: nothing matches {text!r}", err=True)
    elif len(result.hits) < result.total:
        click.echo(
            f"Note: showing the {len(result.hits)} best of {result.total} hits; "
            "--limit 0 shows all",
            err=True,
        )
    if fmt == "json":
        console.write_output(result.to_json(), output)
    elif fmt == "csv":
        console.write_output(result.to_csv(), output)
    elif result.hits:
        console.write_output(result.text(max_width=None if full else 50), output, human=True)


# -- serve -------------------------------------------------------------------------------------


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback lets other machines query the graph.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port, shown at start).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    metavar="N",
    help="Worker processes answering queries; a runaway query holds one until its time limit.",
)
@timeout_option(
    DEFAULT_TIMEOUT, "Stop each query after this many seconds (0: no limit), answering 503."
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=0),
    default=ENDPOINT_MAX_ROWS,
    show_default=True,
    metavar="N",
    help="Cut SELECT answers to N rows, saying so in an X-SPARQL-MaxRows header (0: all).",
)
@click.option(
    "--max-request-size",
    type=_Size(),
    default=f"{MAX_REQUEST_BYTES // 1_000_000}M",
    show_default=True,
    metavar="SIZE",
    help="Refuse larger requests (a URL's query or a POST body) with 413.",
)
@entailment_option
@data_options
@store_option
def serve(
    host: str,
    port: int,
    workers: int,
    timeout: float | None,
    max_rows: int,
    max_request_size: int | None,
    no_entailment: bool,
    sources: Sources,
) -> None:
    """Serve the graph as a read-only SPARQL endpoint until Ctrl-C (exit 130) or SIGTERM (143).

    The SPARQL 1.1 Protocol at /sparql (and /query), a query form at /, the VoID description
    at /void. Updates are refused (403); a query past the time limit is stopped (503).

    \b
    Examples:
      vzkg serve
      vzkg serve --port 8080 --workers 4 --timeout 10
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:8000/sparql
    """
    from . import endpoint

    if max_request_size is None:
        raise click.BadParameter("must be more than 0", param_hint="'--max-request-size'")
    endpoint.require_server()
    listener = endpoint.listen(host, port)

    def ready(base: str) -> None:
        import ipaddress

        if not ipaddress.ip_address(listener.getsockname()[0]).is_loopback:
            click.echo(
                f"Warning: listening on {host}: whoever reaches this machine can query the graph",
                err=True,
            )
        click.echo(f"Serving at {base}sparql (a query form at {base}); Ctrl-C stops.", err=True)

    opened = functools.partial(sources.open, entailment=not no_entailment, timeout=timeout)
    with contextlib.closing(listener):
        endpoint.serve(
            # a store on disk or a server: each worker opens its own (see vzkg.endpoint);
            # else the graph, held by the workers alone, not by this process
            opened if (sources.store or "").startswith(_PERSISTENT) else opened(),
            listener,
            workers=workers,
            timeout=timeout,
            max_rows=max_rows or None,
            max_request_bytes=max_request_size,
            allow_remote=sources.allow_remote,
            title="vzkg" if sources.bundled else None,
            on_ready=ready,
        )


def main() -> None:
    """Entry point of the ``vzkg`` console script and ``python -m vzkg``: the process's
    streams and signals, then the command."""
    prepare_process()
    cli.main(prog_name="vzkg")
