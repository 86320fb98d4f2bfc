"""Bounded work: a time limit that stops runaway queries and leaves the process healthy, a cap
on what is read, and RDF/XML that cannot blow up."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Dataset

import vzkg
from vzkg.errors import InputError, TimeLimitError
from vzkg.files import read_bytes
from vzkg.limits import parse_size, time_limit

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
BACKTRACKING = (
    'SELECT * WHERE { BIND("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" AS ?x) '
    'FILTER(REGEX(?x, "^(a+)+$")) }'
)


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


@pytest.mark.parametrize("sparql", [CARTESIAN, BACKTRACKING], ids=["cartesian", "regex"])
def test_a_runaway_query_is_stopped(kg: Dataset, sparql: str) -> None:
    start = time.monotonic()
    with pytest.raises(TimeLimitError, match=r"stopped after 0.5 s, the time limit"):
        vzkg.query(kg, sparql, timeout=0.5)
    assert time.monotonic() - start < 2
    # the process is healthy: queries still give their answers
    assert vzkg.query(kg, "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }").boolean


def test_a_runaway_validation_is_stopped(tmp_path: Path) -> None:
    shapes = tmp_path / "slow.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://example.org/S> a sh:NodeShape ; sh:targetNode <http://example.org/a> ;\n"
        f'  sh:sparql [ sh:select """{CARTESIAN.replace("(COUNT(*) AS ?n)", "$this")}""" ] .\n'
    )
    from vzkg.validation import load_shapes

    small = vzkg.load(bundled=False)
    start = time.monotonic()
    with pytest.raises(TimeLimitError):
        vzkg.validate(small, shapes=load_shapes([shapes]), timeout=0.5)
    assert time.monotonic() - start < 2
    assert vzkg.validate(small).conforms  # pySHACL still validates


def test_limits_nest_and_restore() -> None:
    start = time.monotonic()
    with pytest.raises(TimeLimitError, match=r"stopped after 1 s"), time_limit(1):
        with pytest.raises(TimeLimitError, match=r"stopped after 0\.2 s"), time_limit(0.2):
            while True:
                sum(range(100))
        with time_limit(100):  # a later deadline than the enclosing one changes nothing
            pass
        while True:  # the enclosing limit is armed again
            sum(range(100))
    assert 1 <= time.monotonic() - start < 2


def test_another_timer_is_put_back() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_limit(5):
            pass
        time.sleep(0.7)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_limit_and_bad_limits() -> None:
    with time_limit(None):
        pass
    for bad in (0, -1, float("nan")):
        with pytest.raises(InputError, match="positive number of seconds"), time_limit(bad):
            pass


def test_a_limit_needs_the_main_thread() -> None:
    errors: list[Exception] = []

    def work() -> None:
        try:
            with time_limit(1):
                pass
        except InputError as error:
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert [str(e) for e in errors] == ["a time limit can only be set in the main thread"]


def test_sizes() -> None:
    assert parse_size("100M") == parse_size("100 MB") == 100_000_000
    assert parse_size("2g") == 2_000_000_000
    assert parse_size("512") == 512
    assert parse_size("0") is None
    for bad in ("", "M", "-5", "1e3", "5X", "1..2"):
        with pytest.raises(InputError, match="bad size"):
            parse_size(bad)


def test_input_size_and_devices(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/a> <http://example.org/b> 'c' .\n")
    assert read_bytes(data, max_bytes=1000) == data.read_bytes()
    with pytest.raises(InputError, match=r"larger than 10 bytes, .*--max-input-size"):
        read_bytes(data, max_bytes=10)
    with pytest.raises(InputError, match="larger than"):
        vzkg.load(data, bundled=False, max_input_bytes=10)
    assert read_bytes(data, max_bytes=None)
    zero = tmp_path / "zero.ttl"
    zero.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="is a device, not a file"):
        vzkg.load(zero)
    with pytest.raises(InputError, match="is a folder"):
        read_bytes(tmp_path)
    with pytest.raises(InputError, match=r"a file to load is a path, not int"):
        vzkg.load(3)  # type: ignore[arg-type]


def test_a_named_pipe_is_read_up_to_the_limit(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.nt"
    os.mkfifo(pipe)

    def feed(size: int) -> None:
        with open(pipe, "wb") as stream:
            stream.write(b"# " + b"x" * size + b"\n")

    writer = threading.Thread(target=feed, args=(100,))
    writer.start()
    assert len(vzkg.load(pipe, bundled=False, ontology=False)) == 0
    writer.join()
    writer = threading.Thread(target=feed, args=(10_000,))
    writer.start()
    with pytest.raises(InputError, match="larger than 1,000 bytes"):
        read_bytes(pipe, max_bytes=1000)
    writer.join()


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
<!ENTITY a "aaaaaaaaaa">
{entities}
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
<rdf:Description rdf:about="http://example.org/s"><ex:p>&j;</ex:p></rdf:Description>
</rdf:RDF>
"""


def _rdfxml_cases(folder: Path) -> tuple[Path, Path]:
    names = "abcdefghij"
    entities = "\n".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in itertools.pairwise(names)
    )
    bomb = folder / "laughs.rdf"
    bomb.write_text(BOMB.format(entities=entities))
    amp = folder / "amp.rdf"
    amp.write_text(
        BOMB.split("<!DOCTYPE")[0]
        + '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/s">'
        f"<ex:p>{'&amp;' * 800_000}</ex:p></rdf:Description></rdf:RDF>\n"
    )
    return bomb, amp


def test_rdfxml_entities_are_bounded_in_time_and_memory(tmp_path: Path) -> None:
    bomb, amp = _rdfxml_cases(tmp_path)
    assert bomb.stat().st_size < 1000
    probe = (
        "import resource, sys, time, vzkg\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    kg = vzkg.load(sys.argv[1], bundled=False, ontology=False)\n"
        "    outcome = str(max(len(o) for o in kg.objects()))\n"
        "except vzkg.VzkgError as error:\n"
        "    outcome = str(error)\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "print(f'{time.monotonic() - start:.1f}', peak, outcome)\n"
    )
    for path, expected in ((bomb, "amplification factor"), (amp, "800000")):
        done = subprocess.run(
            [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60
        )
        seconds, peak_mb, outcome = done.stdout.split(" ", 2)
        assert expected in outcome, done.stderr
        assert float(seconds) < 10, path.name  # was over 120 s and 30 s
        assert int(peak_mb) < 400, path.name
