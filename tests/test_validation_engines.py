"""Where the SHACL engines run (:func:`vzkg.validation.engines.start`): pyshacl-turbo in a
thread of its own while vzkg's checks run in the caller's, under the caller's guard on network
and file access; pySHACL in the caller's thread, where the time limit's signals reach it."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from rdflib import Graph

import vzkg
from vzkg import access
from vzkg.checks import values
from vzkg.errors import InputError, TimeLimitError
from vzkg.validation import engines


class Seen:
    """What the engine saw when it ran, and whether the checks had started by then."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.checking = threading.Event()
        self.main_thread: bool | None = None
        self.guarded: bool | None = None
        self.overlapped: bool | None = None
        run, check = engines.run, values.check

        def engine(name: str, data: Graph | Any, shapes: Graph) -> engines.Answer:
            self.main_thread = threading.current_thread() is threading.main_thread()
            self.guarded = access._SCOPE.get() is not None
            # pyshacl-turbo waits for the checks to start: they only do if it runs meanwhile
            self.overlapped = name == engines.TURBO and self.checking.wait(10)
            return run(name, data, shapes)

        def checked(*args: Any, **kwargs: Any) -> list[Any]:
            self.checking.set()
            return check(*args, **kwargs)

        monkeypatch.setattr(engines, "run", engine)
        monkeypatch.setattr(values, "check", checked)


def test_pyshacl_turbo_runs_while_the_checks_do(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = Seen(monkeypatch)
    report = vzkg.validate(vzkg.load(), engine=engines.TURBO)
    assert report.conforms and seen.checking.is_set()
    assert seen.overlapped and seen.main_thread is False
    assert seen.guarded  # the thread runs in the caller's context, under its guard


def test_pyshacl_runs_in_the_callers_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = Seen(monkeypatch)
    assert vzkg.validate(vzkg.load(), engine=engines.PYSHACL).conforms
    assert seen.main_thread and seen.guarded and seen.overlapped is False


def test_an_engines_error_in_its_thread_is_one_input_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(name: str, data: Graph | Any, shapes: Graph) -> engines.Answer:
        raise RuntimeError("no\nsuch   shape")

    monkeypatch.setattr(engines, "run", broken)
    with pytest.raises(InputError, match=r"^the shapes cannot be used: no such shape$"):
        vzkg.validate(vzkg.load(), engine=engines.TURBO)


def test_a_time_limit_stops_the_wait_for_pyshacl_turbo(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow(name: str, data: Graph | Any, shapes: Graph) -> engines.Answer:
        release.wait(30)  # as Rust would: no signal reaches this thread
        raise AssertionError("the limit should have stopped the wait before")

    monkeypatch.setattr(engines, "run", slow)
    start = time.monotonic()
    try:
        with pytest.raises(TimeLimitError):
            vzkg.validate(vzkg.load(), engine=engines.TURBO, checks=False, timeout=0.5)
        assert time.monotonic() - start < 10
    finally:
        release.set()
