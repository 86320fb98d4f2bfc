"""Hostile input to the command line: each case ends in one ``Error:`` line (or none), its
documented exit code and no traceback. Cases that need a real process (closed or full streams,
locales, pipes, signals) run one; the rest run in click's CliRunner."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vzkg.cli import cli

HERE = Path(__file__).resolve().parent
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SERVICE_SHAPES = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "<http://example.org/S> a sh:NodeShape ; sh:targetNode <http://example.org/a> ;\n"
    '  sh:sparql [ sh:select """SELECT $this WHERE { SERVICE <http://127.0.0.1:9/> {} }""" ] .\n'
)


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def one_error(code: int, stderr: str, stdout: str, expected: int, pattern: str) -> None:
    assert code == expected, (code, stdout, stderr)
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ") and re.search(pattern, lines[0]), lines[0]
    assert "Traceback" not in stderr
    assert stdout == ""


def files(folder: Path) -> dict[str, Path]:
    made = {
        "surrogate.nt": '<http://example.org/s> <http://example.org/p> "\\uD800" .\n',
        "ill-typed.ttl": "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<http://example.org/s> <http://example.org/p> "abc"^^xsd:date .\n',
        "escapes.nt": "<http://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"evil \\u001B[2J\\u001B]0;owned\\u0007 \\u009B31m \\u202Eabc"@en .\n',
        "service-shapes.ttl": SERVICE_SHAPES,
        "mine.ttl": "<http://example.org/s> <http://example.org/p> 'o' .\n",
    }
    for name, text in made.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "zero.ttl").symlink_to("/dev/zero")
    return {name: folder / name for name in [*made, "zero.ttl"]}


CASES: dict[str, tuple[Callable[[dict[str, Path]], list[str]], bytes | None, int, str]] = {
    # name: (arguments from the case files, stdin, exit code, pattern of the Error line)
    "undecodable bytes in a query": (
        lambda f: ["query", 'SELECT ("\udcff" AS ?x) {}'],
        None,
        2,
        r"the query is not valid UTF-8 text",
    ),
    "escaped surrogate in a query": (
        lambda f: ["query", 'SELECT ("\\uD800" AS ?x) {}'],
        None,
        2,
        r"the query escapes a surrogate \(\\uD800\)",
    ),
    "escaped surrogate in data": (
        lambda f: ["query", "--data", str(f["surrogate.nt"]), "ASK {}"],
        None,
        2,
        r"surrogate.nt holds an escaped lone surrogate",
    ),
    "undecodable bytes on stdin": (
        lambda f: ["query", "-"],
        b'SELECT ("\xff" AS ?x) {}',
        2,
        r"standard input is not UTF-8 text",
    ),
    "undecodable bytes in an entity": (
        lambda f: ["describe", "Madur\udcf3"],
        None,
        2,
        r"an entity name is not valid UTF-8 text",
    ),
    "undecodable bytes in a date": (
        lambda f: ["timeline", "--from", "2025\udcff"],
        None,
        2,
        r"a date is not valid UTF-8 text",
    ),
    "undecodable bytes in a parameter": (
        lambda f: ["query", "--name", "timeline", "--param", "from=\udcff"],
        None,
        2,
        r"a parameter is not valid UTF-8 text",
    ),
    "SERVICE to a closed port": (
        lambda f: [
            "query",
            "--store",
            "rdflib",
            "--allow-remote",
            "ASK { SERVICE <http://127.0.0.1:9/> { } }",
        ],
        None,
        2,
        r"could not fetch http://127.0.0.1:9/.*refused",
    ),
    "SERVICE to a closed port, in Oxigraph": (
        # Oxigraph's own HTTP client, which refuses port 9 (discard) without connecting
        lambda f: ["query", "--allow-remote", "ASK { SERVICE <http://127.0.0.1:9/> { } }"],
        None,
        2,
        r"the query failed: .*port 9",
    ),
    "SERVICE to an ftp: IRI": (
        lambda f: ["query", "ASK { SERVICE <ftp://127.0.0.1/x> { } }"],
        None,
        2,
        r"refused to fetch ftp://127.0.0.1/x, .*--allow-remote",
    ),
    "SERVICE to a file: IRI": (
        lambda f: ["query", "ASK { SERVICE <file:///etc/passwd> { } }"],
        None,
        2,
        r"refused to fetch file:///etc/passwd, .*--allow-remote",
    ),
    "FROM a file: IRI": (
        lambda f: ["query", "ASK FROM <file:///etc/passwd> { }"],
        None,
        2,
        r"refused to open the file /etc/passwd, .*--allow-remote",
    ),
    "shapes with SERVICE": (
        lambda f: ["validate", "--shapes", str(f["service-shapes.ttl"])],
        None,
        2,
        # a SPARQL constraint runs as a query, under the same guard as any query
        r"refused to fetch http://127\.0\.0\.1:9/.*--allow-remote",
    ),
    "a query name of 300 characters": (
        lambda f: ["query", "--name", "q" * 300],
        None,
        2,
        r"no named query 'q{59}…'",
    ),
    "a query name with a path": (
        lambda f: ["query", "--name", "../../../../etc/passwd"],
        None,
        2,
        r"no named query",
    ),
    "an article that is not an article": (
        lambda f: [
            "evidence",
            "--source",
            str(f["mine.ttl"]),  # any file: which article is checked is refused first
            "--article",
            "Maduro",
        ],
        None,
        2,
        r"vz:nicolas-maduro is not an article",
    ),
    "a device as data": (
        lambda f: ["query", "--data", str(f["zero.ttl"]), "ASK {}"],
        None,
        2,
        r"zero.ttl is a device, not a file",
    ),
    "data over the size limit": (
        lambda f: ["query", "--data", str(f["mine.ttl"]), "--max-input-size", "10", "ASK {}"],
        None,
        2,
        r"larger than 10 bytes, the input size limit; raise it with --max-input-size",
    ),
    "a bad size": (
        lambda f: ["export", "--max-input-size", "lots"],
        None,
        2,
        r"Invalid value for '--max-input-size': bad size 'lots'",
    ),
    "a bad time limit": (
        lambda f: ["query", "--timeout", "-3", "ASK {}"],
        None,
        2,
        r"Invalid value for '--timeout': '-3' is not a number of seconds",
    ),
    "an infinite time limit": (
        lambda f: ["stats", "--timeout", "inf"],
        None,
        2,
        r"Invalid value for '--timeout'",
    ),
    "a bad row cap": (
        lambda f: ["timeline", "--max-rows", "-1"],
        None,
        2,
        r"Invalid value for '--max-rows'",
    ),
    "a runaway query": (
        lambda f: ["query", "--timeout", "0.5", CARTESIAN],
        None,
        3,
        r"stopped after 0.5 s, the time limit; raise it with --timeout",
    ),
    "a backtracking regular expression": (
        lambda f: [  # Python's re, which rdflib uses, backtracks; Oxigraph's regex does not
            "query",
            "--store",
            "rdflib",
            "--timeout",
            "0.5",
            'ASK { FILTER(REGEX("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "^(a+)+$")) }',
        ],
        None,
        3,
        r"stopped after 0.5 s",
    ),
    "-o onto its input": (
        lambda f: ["validate", str(f["mine.ttl"]), "-o", str(f["mine.ttl"])],
        None,
        2,
        r"will not write over .*mine.ttl, an input of this command",
    ),
    "-o onto a data file": (
        lambda f: ["export", "--data", str(f["mine.ttl"]), "-o", str(f["mine.ttl"])],
        None,
        2,
        r"will not write over",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_is_one_error_line(case: str, tmp_path: Path) -> None:
    arguments, stdin, code, pattern = CASES[case]
    result = run(*arguments(files(tmp_path)), stdin=stdin)
    one_error(result.exit_code, result.stderr, result.stdout, code, pattern)


def test_the_default_engine_matches_a_backtracking_regular_expression_at_once() -> None:
    query = 'ASK { FILTER(REGEX("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "^(a+)+$")) }'
    result = run("query", "--timeout", "5", query)  # the default engine: Oxigraph
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no\n", "")


def test_an_ill_typed_literal_is_one_warning(tmp_path: Path) -> None:
    data = files(tmp_path)["ill-typed.ttl"]
    result = run("query", "--no-bundled", "--data", str(data), "ASK { ?s ?p ?o }")
    assert result.exit_code == 0
    assert result.stdout == "yes\n"
    assert result.stderr == "Warning: 1 literal is not valid xsd:date; kept as written\n"


def test_control_characters_are_shown_not_obeyed(tmp_path: Path) -> None:
    data = str(files(tmp_path)["escapes.nt"])
    shown = "evil ␛[2J␛]0;owned␇ \\x9b31m \\u202eabc"
    table = run("query", "--data", data, "SELECT ?l { <http://example.org/s> rdfs:label ?l }")
    assert table.stdout.splitlines()[2] == shown
    description = run("describe", "--data", data, "http://example.org/s", "--full")
    assert description.stdout.splitlines()[0] == f"{shown} (http://example.org/s)"
    # a data format written to a pipe or a file keeps the data as it is
    csv = run(
        "query",
        "--data",
        data,
        "SELECT ?l { ?s rdfs:label ?l FILTER(isIRI(?s) && "
        "STRSTARTS(STR(?s), 'http://example.org/')) }",
        "-f",
        "csv",
    )
    assert "\x1b[2J" in csv.stdout
    for result in (table, description):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.stdout)


def test_tables_are_capped(tmp_path: Path) -> None:
    result = run("query", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "5")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2 + 5
    assert re.fullmatch(
        r"Note: showing the first 5 of \d+ rows; --max-rows 0 shows all\n", result.stderr
    )
    everything = run("query", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "0", "-f", "csv")
    assert everything.stderr == ""
    assert len(everything.stdout.splitlines()) > 1000


@pytest.mark.parametrize(
    "option", ["--timeout", "--max-rows", "--max-input-size", "--allow-remote"]
)
def test_limits_and_doors_are_documented(option: str) -> None:
    for document in ("README.md", "SECURITY.md"):
        assert f"`{option}" in (HERE.parent / document).read_text(encoding="utf-8"), document


def test_every_option_has_help() -> None:
    for name, command in cli.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"vzkg {name} {param.opts[0]} has no help text"


# -- in a real process ---------------------------------------------------------------------------


def vzkg(
    *args: str,
    stdin: bytes | int | None = None,
    env: dict[str, str] | None = None,
    close: tuple[int, ...] = (),
    stdout: int | None = subprocess.PIPE,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m vzkg`` with the given file descriptors closed before it starts."""

    def close_fds() -> None:
        for number in close:
            os.close(number)

    return subprocess.run(
        [sys.executable, "-m", "vzkg", *args],
        input=stdin if isinstance(stdin, bytes) else None,
        stdin=None if isinstance(stdin, bytes) else stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        preexec_fn=close_fds if close else None,
        timeout=120,
    )


def process_error(done: subprocess.CompletedProcess[bytes], code: int, pattern: str) -> None:
    one_error(done.returncode, done.stderr.decode(), (done.stdout or b"").decode(), code, pattern)


@pytest.mark.parametrize("args", [["--help"], ["query", "--help"], ["stats"], ["export"]])
def test_a_full_disk_is_one_error(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = vzkg(*args, stdout=full.fileno())
    process_error(done, 2, r"cannot write to standard output: No space left on device")


@pytest.mark.parametrize("args", [["--help"], ["export"], ["timeline"], ["stats"]])
def test_a_closed_stdout_is_one_error(args: list[str]) -> None:
    done = vzkg(*args, close=(1,), stdout=None)
    process_error(done, 2, r"standard output is closed|cannot write to standard output")


def test_writing_a_file_with_stdout_closed_works(tmp_path: Path) -> None:
    done = vzkg("timeline", "-f", "csv", "-o", str(tmp_path / "t.csv"), close=(1,), stdout=None)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "t.csv").read_text().startswith("date,")


def test_a_closed_stdin_is_one_error() -> None:
    process_error(vzkg("query", "-", close=(0,)), 2, r"standard input is closed")


def test_a_reader_that_goes_away_ends_quietly() -> None:
    for args in (["queries"], ["export"], ["query", "SELECT ?s { ?s ?p ?o }", "-f", "csv"]):
        with subprocess.Popen(
            [sys.executable, "-m", "vzkg", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.readline()
            process.stdout.close()  # as `| head -1` does
            error = process.stderr.read()
            assert process.wait() == 0, error
            assert error == b""


def test_utf8_whatever_the_locale() -> None:
    ascii_only = {"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "PYTHONUTF8": "0", "COLUMNS": "60"}
    for args, word in ((["--help"], "US–Venezuela"), (["describe", "Maduro"], "Nicolás")):
        done = vzkg(*args, env=ascii_only)
        assert done.returncode == 0, done.stderr
        assert word.encode() in done.stdout
    question = 'SELECT ?who WHERE { ?who rdfs:label "Nicolás Maduro"@en }'
    done = vzkg("query", "-", "-f", "csv", stdin=question.encode(), env=ascii_only)
    assert done.stdout == b"who\r\nhttps://w3id.org/vzkg/id/nicolas-maduro\r\n", done.stderr


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_work_ends_at_once(sent: signal.Signals, code: int, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with subprocess.Popen(
        [sys.executable, "-m", "vzkg", "query", "--timeout", "0", CARTESIAN, "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        time.sleep(3)  # well into the query
        start = time.monotonic()
        process.send_signal(sent)
        assert process.wait(timeout=10) == code
        assert time.monotonic() - start < 2
        assert process.stderr is not None
        assert b"Traceback" not in process.stderr.read()
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file


def test_output_onto_a_device_or_a_pipe_writes_to_it(tmp_path: Path) -> None:
    with open(tmp_path / "captured", "wb") as captured:
        done = vzkg("query", "ASK {}", "-o", "/dev/stdout", stdout=captured.fileno())
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "captured").read_bytes() == b"yes\n"
    assert os.path.islink("/dev/stdout")
    assert vzkg("export", "-f", "nt", "-o", "/dev/null").returncode == 0
    assert Path("/dev/null").is_char_device()
