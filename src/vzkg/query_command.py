"""``vzkg query``: its work, and its common forms read without click.

A cold ``vzkg query`` on the bundled graph should cost little more than the native
``oxigraph query``; click and what it imports cost more than Python's own start. So
:func:`main` reads the usual forms of the command line itself (the query as text, ``--name``
or ``--file``; ``-f``, ``--store``, ``--param`` and the other options of the query's own),
and hands anything else to click (:mod:`vzkg.cli`): help, a query from stdin, ``--data``,
``-o FILE``, and every malformed command line, so that usage errors stay click's words.
Both read the same options into :func:`run_query`, and end through
:func:`vzkg.exits.guarded`; ``tests/test_query_command.py`` holds the two to the same output,
errors and exit codes on generated command lines.
"""

from __future__ import annotations

import os

from . import console
from .exits import EXIT_USAGE, fail, guarded, prepare_process
from .formats import GRAPH_FORMATS, RESULT_FORMATS
from .limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, MAX_INPUT_BYTES

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .command_inputs import Sources


class QueryUsage(Exception):
    """A usage error found while running the query (click words it for the click command)."""


def run_query(
    *,
    sparql: str | None,
    query_file: str | None,
    query_name: str | None,
    params: Sequence[str],
    fmt: str | None,
    full: bool,
    max_rows: int,
    timeout: float | None,
    no_entailment: bool,
    sources: Sources,
    output: str,
) -> None:
    """Run the query the options give and write its answer (see ``vzkg query --help``)."""
    from .limits import time_limit
    from .sparql import query as run

    chosen = [s for s in (sparql, query_file, query_name) if s is not None]
    if len(chosen) != 1:
        raise QueryUsage("give exactly one query: SPARQL text, '-', --file or --name")
    console.check_output(output, *sources.files, *([query_file] if query_file else []))
    declared = None
    if query_name is not None:
        from .queries import named_query

        named = named_query(query_name)
        text, declared = named.text, named.params
    elif query_file is not None:
        text = _read_query(query_file, sources)
    else:
        assert sparql is not None
        text = _read_query("-", sources) if sparql == "-" else sparql
    graph = sources.open(entailment=not no_entailment, timeout=timeout)
    notes: list[str] = []
    with time_limit(timeout):
        bindings = None
        if params:  # rdflib's terms: a query without parameters needs none
            from .parameters import bind
            from .queries import parse_named_query

            if declared is None:  # a query of one's own may declare them as named ones do
                declared = parse_named_query("", text).params or None
            bindings = bind(graph, params, declared, notes=notes)  # type: ignore[arg-type]
        result = run(graph, text, bindings=bindings, allow_remote=sources.allow_remote)
    console.warn([*notes, *result.notes])
    if result.kind in ("SELECT", "ASK"):
        from .results import shown_result

        fmt = fmt or "table"
        if fmt not in RESULT_FORMATS:
            raise QueryUsage(f"a {result.kind} query cannot be written as {fmt}")
        written = shown_result(result, fmt, max_rows, None if full else 60)
        console.write_output(written, output, human=fmt == "table")
        return
    from .serialization import serialize

    fmt = fmt or "turtle"
    if fmt not in GRAPH_FORMATS:
        formats = ", ".join(GRAPH_FORMATS)
        raise QueryUsage(f"a {result.kind} query returns a graph: use -f {formats}")
    assert result.graph is not None
    console.write_output(serialize(result.graph, format=fmt), output)


def _read_query(path: str, sources: Sources) -> str:
    if path == "-":
        return console.read_stdin(max_bytes=sources.max_input_bytes)
    from .files import read_text

    return read_text(path, max_bytes=sources.max_input_bytes)


# -- the command line, read without click ------------------------------------------------------

_FLAGS = {"--full": "full", "--no-entailment": "no_entailment", "--allow-remote": "allow_remote"}
_VALUES = {
    "--file": "query_file",
    "--name": "query_name",
    "--param": "params",
    "-f": "fmt",
    "--format": "fmt",
    "--max-rows": "max_rows",
    "--timeout": "timeout",
    "--max-input-size": "max_input_size",
    "--store": "store",
    "-o": "output",
    "--output": "output",
}
_FORMATS = (*RESULT_FORMATS, *GRAPH_FORMATS)


def read_command_line(args: Sequence[str]) -> dict[str, object] | None:
    """The options of ``vzkg query ARGS`` as click would read them, or None where this reader
    is not sure to agree with click: then click reads them (and words any error)."""
    found: dict[str, object] = {"params": [], "positional": []}
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg in _FLAGS:
            found[_FLAGS[arg]] = True
            continue
        name, value = arg, None
        if arg.startswith("--") and "=" in arg:
            name, _, value = arg.partition("=")
        elif arg[:2] in ("-f", "-o") and len(arg) > 2:
            name, value = arg[:2], arg[2:]
        if name in _VALUES:
            if value is None:
                if not rest:
                    return None
                value = rest.pop(0)
            if value.startswith("-") and value != "-":
                return None  # click takes it as the value; an option was more likely meant
            key = _VALUES[name]
            if key == "params":
                found["params"].append(value)  # type: ignore[attr-defined]
            else:
                found[key] = value
        elif arg.startswith("-"):
            return None  # help, '-' (stdin), '--', an option this reader does not know
        else:
            found["positional"].append(arg)  # type: ignore[attr-defined]
    return found if _understood(found) else None


def _understood(found: dict[str, object]) -> bool:
    """Whether every value is one this reader converts exactly as click does."""
    positional = found["positional"]
    assert isinstance(positional, list)
    if len(positional) > 1 or found.get("output", "-") != "-":
        return False
    query_file = found.get("query_file")
    if query_file is not None:  # click refuses a folder or an unreadable file in its words
        if query_file == "-" or not os.path.isfile(str(query_file)):
            return False
        if not os.access(str(query_file), os.R_OK):
            return False
    fmt = found.get("fmt")
    if fmt is not None and fmt not in _FORMATS:
        return False
    for key in ("max_rows", "timeout"):
        value = found.get(key)
        if value is not None and not _plain_number(str(value), point=key == "timeout"):
            return False
    size = found.get("max_input_size")
    if size is not None:
        from .errors import InputError
        from .limits import parse_size

        try:
            parse_size(str(size))
        except InputError:
            return False
    return True


def _plain_number(text: str, *, point: bool) -> bool:
    whole, dot, fraction = text.partition(".") if point else (text, "", "")
    if dot and not fraction.isdigit():
        return False
    return whole.isascii() and whole.isdigit()


def main(args: Sequence[str]) -> int | None:
    """Run ``vzkg query ARGS`` and return its exit code; None (having done nothing) where
    click must read the command line."""
    if "_VZKG_COMPLETE" in os.environ:  # click's shell completion
        return None
    found = read_command_line(args)
    if found is None:
        return None
    from .command_inputs import Sources
    from .limits import parse_size

    size = found.get("max_input_size")
    timeout = float(str(found.get("timeout", DEFAULT_TIMEOUT)))
    # as click reads --store, or else $VZKG_STORE unless empty
    store = found["store"] if "store" in found else os.environ.get("VZKG_STORE") or None
    sources = Sources(
        (),
        True,
        bool(found.get("allow_remote")),
        MAX_INPUT_BYTES if size is None else parse_size(str(size)),
        None if store is None else str(store),
    )
    positional = found["positional"]
    assert isinstance(positional, list)
    prepare_process()

    def work() -> None:
        run_query(
            sparql=positional[0] if positional else None,
            query_file=found.get("query_file"),  # type: ignore[arg-type]
            query_name=found.get("query_name"),  # type: ignore[arg-type]
            params=found["params"],  # type: ignore[arg-type]
            fmt=found.get("fmt"),  # type: ignore[arg-type]
            full=bool(found.get("full")),
            max_rows=int(str(found.get("max_rows", DEFAULT_MAX_ROWS))),
            timeout=timeout or None,
            no_entailment=bool(found.get("no_entailment")),
            sources=sources,
            output="-",
        )

    return guarded(work, _usage)


def _usage(error: Exception) -> int | None:
    """A usage error found while running, worded as click words one (after the warnings)."""
    if isinstance(error, QueryUsage):
        return fail(f"{error} (see 'vzkg query --help')", EXIT_USAGE)
    return None
