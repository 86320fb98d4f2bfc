"""Limits on work: how long a query or a validation may run, and how much input may be read.

Time: :func:`time_limit` stops the work in its body after some seconds with a
:class:`~vzkg.errors.TimeLimitError`. rdflib's SPARQL engine and pySHACL are pure Python, so an
interval timer (``signal.setitimer``) whose SIGALRM handler raises inside them stops any work
(a cartesian product, a regular expression that backtracks for ever: ``re`` checks for signals
while it matches) within milliseconds of its deadline. Setting and clearing it costs 15–20 µs,
lost in the noise of a query's milliseconds; sending each query to a worker process, the other
way to stop runaway work, cost 3–24% more per query (``bench/bench_limits.py``). Signals
reach only the main thread, so that is where a limit can be set: a server runs each query in
the main thread of a worker process, which also lets it kill a worker that does not stop.

Input: files are read whole before parsing, at most :data:`MAX_INPUT_BYTES` each unless told
otherwise; devices are refused (see :func:`vzkg.files.read_bytes`).
"""

from __future__ import annotations

import _thread
import os
import re
import signal
import sys
import time

from .errors import InputError, TimeLimitError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from types import FrameType

#: The CLI's time limit for a query, a description, a timeline, stats or an evidence check.
DEFAULT_TIMEOUT = 30.0
#: The CLI's time limit for a validation (SHACL on large data takes minutes).
DEFAULT_VALIDATION_TIMEOUT = 300.0
#: The largest file read as data, shapes or a query, in bytes (about 1M triples in rdflib,
#: which then takes some 2 GB of memory).
MAX_INPUT_BYTES = 100_000_000
#: The most rows the CLI prints in a table.
DEFAULT_MAX_ROWS = 1000
#: The endpoint's limits: the largest request it reads (a URL's query string or a POST body),
#: in bytes, and the most rows of a SELECT answer.
MAX_REQUEST_BYTES = 1_000_000
ENDPOINT_MAX_ROWS = 10_000

# After the deadline the alarm repeats: rdflib turns some exceptions raised inside a FILTER
# into "false" (bare except clauses), and a repeat gets through.
_REPEAT = 0.05
_NEVER = 1e8  # seconds, three years


class _Expired(BaseException):
    """Raised by the alarm inside the work; not an Exception, so that rdflib's and pySHACL's
    ``except Exception`` clauses let it through."""


_deadlines: list[float] = []  # the limits in force in the main thread, innermost last


def _expire(signum: int, frame: FrameType | None) -> None:
    if _deadlines and time.monotonic() >= _deadlines[-1] - 0.001:
        raise _Expired


def time_limit(seconds: float | None) -> _TimeLimit:
    """Stop the body with a :class:`~vzkg.errors.TimeLimitError` after *seconds*.

    ``None`` sets no limit. Limits nest: the earliest deadline wins. The limit needs the main
    thread (where Python runs signal handlers); elsewhere it is an :class:`InputError`.

    >>> with time_limit(0.1):  # doctest: +ELLIPSIS
    ...     while True:
    ...         _ = sum(range(1000))
    Traceback (most recent call last):
    ...
    vzkg.errors.TimeLimitError: stopped after 0.1 s, the time limit; raise it with --timeout ...
    """
    return _TimeLimit(seconds)


class _TimeLimit:
    """:func:`time_limit`, written out: contextlib costs a cold query a millisecond."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.armed: tuple[object, float, float, float] | None = None

    def __enter__(self) -> None:
        seconds = self.seconds
        if seconds is None:
            return
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds > 0:
            raise InputError(f"a time limit must be a positive number of seconds, not {seconds!r}")
        if seconds >= _NEVER:  # beyond what the timer can hold: no limit in practice
            return
        if not in_main_thread():
            raise InputError("a time limit can only be set in the main thread")
        deadline = time.monotonic() + seconds
        if _deadlines and _deadlines[-1] <= deadline:
            return  # an enclosing limit comes first
        previous = signal.signal(signal.SIGALRM, _expire)
        _deadlines.append(deadline)
        # someone else's timer (a test runner's, the program's) is put back afterwards
        other_delay, other_interval = signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
        self.armed = (previous, other_delay, other_interval, time.monotonic())

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        if self.armed is None:
            return
        previous, other_delay, other_interval, started = self.armed
        self.armed = None
        signal.setitimer(signal.ITIMER_REAL, 0)
        _deadlines.pop()
        signal.signal(signal.SIGALRM, previous)  # type: ignore[arg-type]
        if _deadlines:  # re-arm the enclosing limit
            signal.setitimer(
                signal.ITIMER_REAL, max(_deadlines[-1] - time.monotonic(), 0.001), _REPEAT
            )
        elif other_delay:
            left = max(other_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, other_interval)
        if isinstance(error, _Expired):
            raise TimeLimitError(
                f"stopped after {self.seconds:g} s, the time limit; raise it with --timeout "
                "SECONDS (timeout= in Python)"
            ) from None


_isolating: set[int] = set()  # the processes that isolate native work even without a limit


def always_isolated() -> _Isolating:
    """Run the body's native work (Oxigraph's queries) apart whatever the time limit, so that
    Ctrl-C or SIGTERM stops it at once (see :mod:`vzkg.engines.isolated`); the processes this
    one forks (a server's workers) are left as they were."""
    return _Isolating()


class _Isolating:
    """:func:`always_isolated`, written out: contextlib costs a cold query a millisecond."""

    def __enter__(self) -> None:
        self.pid = os.getpid()
        self.added = self.pid not in _isolating
        _isolating.add(self.pid)

    def __exit__(self, *exception: object) -> None:
        if self.added:
            _isolating.discard(self.pid)


def isolating_always() -> bool:
    """Whether :func:`always_isolated` holds in this process."""
    return os.getpid() in _isolating


_command: set[int] = set()  # the process that is the vzkg command itself
_left: set[int] = set()  # the processes whose stopped native work still runs


def run_as_command() -> None:
    """Mark this process as the ``vzkg`` command itself (:mod:`vzkg.entry`), which ends when
    its work is stopped: its native work runs in a thread, which a stop may leave running
    (see :mod:`vzkg.engines.isolated`). Not the processes it forks, nor a test runner's."""
    _command.add(os.getpid())


def is_command() -> bool:
    """Whether :func:`run_as_command` marked this process."""
    return os.getpid() in _command


def leave_running() -> None:
    """Say that native work was stopped but still runs: the process must end at once, without
    waiting for it (:func:`vzkg.exits.guarded`)."""
    _left.add(os.getpid())


def left_running() -> bool:
    """Whether :func:`leave_running` was said in this process."""
    return os.getpid() in _left


_MAIN_THREAD = _thread.get_ident()  # as threading finds it: the thread that imports it


def in_main_thread() -> bool:
    """Whether this is the main thread, where signal handlers run (threading, where it is
    imported, knows; a cold query does not import it)."""
    threading = sys.modules.get("threading")
    if threading is not None:
        return threading.current_thread() is threading.main_thread()
    return _thread.get_ident() == _MAIN_THREAD


def remaining() -> float | None:
    """Seconds left before the time limit in force in this thread's work, ``None`` without
    one: what work that SIGALRM cannot interrupt (native code) needs to stop itself."""
    if not _deadlines or not in_main_thread():
        return None
    return max(_deadlines[-1] - time.monotonic(), 0.0)


def is_expired(error: BaseException) -> bool:
    """Whether *error* is an alarm that escaped :func:`time_limit` (possible only in the
    instant its body ends), which the CLI reports as a time limit all the same."""
    return isinstance(error, _Expired)


_SIZE = r"(?i)^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)B?\s*$"  # compiled at first use (re keeps it)


def parse_size(text: str) -> int | None:
    """Read a size such as ``500M`` or ``2G`` (decimal units), ``0`` for none.

    >>> parse_size("500M"), parse_size("1.5G"), parse_size("0")
    (500000000, 1500000000, None)
    """
    match = re.match(_SIZE, text)
    if match is None:
        raise InputError(f"bad size {text!r}: write a number of bytes, or with K, M, G or T")
    number, unit = match.groups()
    size = int(float(number) * 1000 ** " KMGT".index(unit.upper() or " "))
    return size or None
