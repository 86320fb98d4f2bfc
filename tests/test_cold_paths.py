"""What a cold ``vzkg query`` does without the modules it no longer imports (see
test_cold_query.py): CSV written without :mod:`csv`, the prefixes read without :mod:`json`,
log records caught once :mod:`logging` comes, and native work in a thread that Ctrl-C,
SIGTERM and the time limit stop at once, on both stores."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vzkg.prefixes import read_context
from vzkg.results import csv_record

_CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@given(st.lists(st.text(alphabet=st.sampled_from(',"\r\n a\x00é\t;'), max_size=5), min_size=1))
def test_a_csv_record_is_csv_writers(fields: list[str]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(fields)
    assert csv_record(fields) == buffer.getvalue()


_key = st.text(st.characters(codec="utf-8"), max_size=8)


@given(
    st.dictionaries(_key, _key, max_size=4),
    st.sampled_from([None, 0, 2, "\t"]),
    st.booleans(),
    st.sampled_from(["", " ", "\n", "\ufeff"]),
)
def test_the_context_reads_as_json_reads_it(
    prefixes: dict[str, str], indent: int | str | None, ascii_only: bool, around: str
) -> None:
    text = around + json.dumps({"@context": prefixes}, indent=indent, ensure_ascii=ascii_only)
    data = text.encode("utf-8")
    try:
        expected = json.loads(data)["@context"]
    except ValueError as error:  # a byte order mark: json's own error, not another
        with pytest.raises(type(error)):
            read_context(data)
        return
    assert read_context(data) == expected


_pieces = st.sampled_from(['{"@context":', "{", "}", ",", ":", " ", '"a"', '"b c"', "\\", "\x00"])


@given(st.lists(_pieces, max_size=12).map("".join))
def test_what_json_refuses_read_context_refuses(text: str) -> None:
    data = text.encode("utf-8")
    try:
        expected: object = json.loads(data)["@context"]
    except Exception as error:  # whatever json raises, read_context raises
        expected = type(error)
    try:
        found: object = read_context(data)
    except Exception as error:
        found = type(error)
    assert found == expected


def test_log_records_are_warning_lines_once_logging_is_imported() -> None:
    script = (
        "import builtins, sys\n"
        "original = builtins.__import__\n"
        "from vzkg import console\n"
        "assert 'logging' not in sys.modules\n"
        "with console.warnings_as_lines():\n"
        "    import logging\n"
        "    logging.getLogger('rdflib').warning('one %s', 'thing')\n"
        "    logging.getLogger('x').info('not said')\n"
        "assert builtins.__import__ is original\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, b"Warning: one thing\n")


@pytest.fixture(scope="module")
def folder(bundled_folder: Path) -> Path:
    return bundled_folder


def _vzkg(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "vzkg", "query", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("store", ["default", "folder"])
@pytest.mark.parametrize(("sent", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_native_work_at_once(
    folder: Path, store: str, sent: signal.Signals, code: int
) -> None:
    where = ["--store", f"oxigraph:{folder}"] if store == "folder" else []
    with _vzkg("--timeout", "0", *where, _CARTESIAN) as process:
        time.sleep(2)  # well into the query
        start = time.monotonic()
        process.send_signal(sent)
        assert process.wait(timeout=10) == code
        assert time.monotonic() - start < 2
        assert process.stderr is not None and process.stderr.read() == b""


@pytest.mark.parametrize("store", ["default", "folder"])
def test_the_time_limit_stops_native_work_at_once(folder: Path, store: str) -> None:
    where = ["--store", f"oxigraph:{folder}"] if store == "folder" else []
    start = time.monotonic()
    with _vzkg("--timeout", "1", *where, _CARTESIAN) as process:
        out, err = process.communicate(timeout=20)
    assert time.monotonic() - start < 8
    assert process.returncode == 3
    assert out == b""
    assert err.startswith(b"Error: stopped after 1 s, the time limit")
    assert err.count(b"\n") == 1
