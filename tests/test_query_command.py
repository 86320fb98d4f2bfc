"""``vzkg query`` read without click (vzkg.query_command) says what the click command says: the
same output, the same warnings and errors, the same exit code, on generated command lines; and
it leaves to click every command line it is not sure to read as click does."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vzkg import query_command
from vzkg.cli import cli

_QUERIES = [
    "SELECT ?label WHERE { vz:donald-trump rdfs:label ?label } ORDER BY ?label",
    "SELECT ?q WHERE { ?q vzkg:saidOn ?t }",  # a note: an IRI the graph does not hold
    "SELECT * WHERE { BIND('a\x1b[31m\"b\"\n' AS ?x) BIND(2 AS ?a) }",
    "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }",
    "CONSTRUCT { vz:donald-trump rdfs:label ?l } WHERE { vz:donald-trump rdfs:label ?l }",
    "SELECT * {",  # a syntax error
    "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",  # refused
    "",
]


@pytest.fixture(scope="module")
def folder(bundled_folder: Path) -> Path:
    return bundled_folder


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("queries")
    (base / "ask.rq").write_text("ASK { ?s a schema:Claim }", encoding="utf-8")
    (base / "folder.rq").mkdir()
    return {
        "file": str(base / "ask.rq"),
        "folder": str(base / "folder.rq"),
        "missing": str(base / "missing.rq"),
    }


def _pieces(folder: Path, files: dict[str, str]) -> st.SearchStrategy[list[list[str]]]:
    """Command lines from pieces: queries, options with good and bad values, and noise."""
    value = st.sampled_from
    query = st.one_of(
        value(_QUERIES).map(lambda q: [q]),
        value(["timeline", "quotes-by-speaker", "no-such-query", ""]).map(lambda n: ["--name", n]),
        value(["timeline"]).map(lambda n: [f"--name={n}"]),
        value([*files.values(), "-"]).map(lambda f: ["--file", f]),
        st.just(["-"]),
    )
    formats = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld", "bogus", "CSV"]
    option = st.one_of(
        value(formats).map(lambda f: ["-f", f]),
        value(formats).map(lambda f: [f"-f{f}"]),
        value(formats).map(lambda f: [f"--format={f}"]),
        value([f"oxigraph:{folder}", "oxigraph:/nonexistent/vzkg", "nosuch", ""]).map(
            lambda s: ["--store", s]
        ),
        # limits no run comes near even on a loaded machine (1.5 s did once): only the parse
        value(["0", "500", "300.5", "-1", "abc", "1e3", " 2", "nan"]).map(
            lambda t: ["--timeout", t]
        ),
        value(["0", "1", "2", "-3", "x", "+1"]).map(lambda n: ["--max-rows", n]),
        value(["1K", "0", "bad", "10M"]).map(lambda n: ["--max-input-size", n]),
        value(["speaker=Maduro", "nobody=1", "bad"]).map(lambda p: ["--param", p]),
        value([["--full"], ["--no-entailment"], ["--allow-remote"], ["-o", "-"], ["-o-"]]),
        value([["--help"], ["-h"], ["--bogus"], ["--"], ["--full=1"], ["--data", "x.ttl"]]),
        value([["--no-bundled"], ["-o", "out.csv"], ["--name"], ["-f"], ["--store"]]),
    )
    return st.tuples(st.lists(query, max_size=2), st.lists(option, max_size=4)).map(
        lambda parts: [*parts[0], *parts[1]]
    )  # pieces, each a few arguments: shuffled, then flattened


def _fast(args: list[str], env: dict[str, str | None]) -> tuple[int | None, bytes, bytes]:
    """``vzkg query ARGS`` through the reader without click, in this process."""
    runner = CliRunner()
    handler = signal.getsignal(signal.SIGTERM)
    try:
        with runner.isolation(env=env) as (stdout, stderr, _):
            code = query_command.main(args)
    finally:
        signal.signal(signal.SIGTERM, handler)
    return code, stdout.getvalue(), stderr.getvalue()


def _click(args: list[str], env: dict[str, str | None]) -> tuple[int, bytes, bytes]:
    done = CliRunner().invoke(cli, ["query", *args], env=env)
    return done.exit_code, done.stdout_bytes, done.stderr_bytes


@pytest.mark.parametrize("env", [None, "folder"])
def test_the_fast_reader_says_what_click_says(
    folder: Path, files: dict[str, str], env: str | None
) -> None:
    environment: dict[str, str | None] = {"VZKG_STORE": None, "COLUMNS": "80"}
    if env == "folder":
        environment["VZKG_STORE"] = f"oxigraph:{folder}"
    read: list[bool] = []

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(pieces=st.data())
    def check(pieces: st.DataObject) -> None:
        drawn = pieces.draw(st.permutations(pieces.draw(_pieces(folder, files))))
        shuffled = [arg for piece in drawn for arg in piece]
        fast = _fast(list(shuffled), environment)
        read.append(fast[0] is not None)
        if fast[0] is None:  # left to click: nothing said, nothing done
            assert fast[1:] == (b"", b"")
            return
        assert fast == _click(list(shuffled), environment), shuffled

    check()
    assert sum(read) >= 10, "the fast reader read too few of the command lines"


def test_what_the_fast_reader_leaves_to_click() -> None:
    read = query_command.read_command_line
    for args in (
        ["--help"],
        ["-"],
        ["--file", "-"],
        ["SELECT * {}", "ASK {}"],
        ["--data", "x.ttl", "ASK {}"],
        ["-o", "out.csv", "ASK {}"],
        ["--name"],
        ["--name", "--full"],
        ["-f", "bogus", "ASK {}"],
        ["--max-rows", "+1", "ASK {}"],
        ["--timeout", "1e3", "ASK {}"],
        ["--", "ASK {}"],
    ):
        assert read(args) is None, args
    found = read(["--name=timeline", "-fcsv", "--param", "a=1", "--param=b=2", "--full"])
    assert found is not None
    assert found["query_name"] == "timeline" and found["fmt"] == "csv"
    assert found["params"] == ["a=1", "b=2"] and found["full"] is True


def test_the_console_script_takes_the_fast_path(folder: Path) -> None:
    import subprocess
    import sys

    wrapper = (
        "import sys, vzkg.entry\n"
        "sys.argv = ['vzkg', *sys.argv[1:]]\n"
        "try:\n    vzkg.entry.main()\n"
        "finally:\n    sys.stderr.write('CLICK ' + str('click' in sys.modules))\n"
    )
    env = {**os.environ, "VZKG_STORE": f"oxigraph:{folder}"}
    args = ["query", "--name", "timeline", "-f", "csv"]
    done = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, env=env)
    assert done.returncode == 0 and done.stderr.endswith(b"CLICK False")
    assert done.stdout == CliRunner().invoke(cli, args, env=env).stdout_bytes
    done = subprocess.run([sys.executable, "-c", wrapper, "query", "--help"], capture_output=True)
    assert done.returncode == 0 and done.stderr.endswith(b"CLICK True")
