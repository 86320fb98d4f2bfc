"""Running native work under vzkg's time limit, and so that Ctrl-C and SIGTERM stop it.

Python runs a signal handler only between bytecodes: SIGALRM, which stops rdflib's pure-Python
engine within milliseconds, waits for a native call to return. Measured here, a three-way
cartesian product in pyoxigraph (0.5) ran 5.1 s past a 0.2 s alarm before the handler could
run (pyoxigraph releases the GIL, so another thread ran meanwhile, but nothing can cancel the
call). So when a time limit is in force, the work runs elsewhere while the main thread waits,
where a signal's handler can raise. Ctrl-C and SIGTERM cannot stop a native call either: the
CLI, which must end at once on them, asks for that even without a limit
(:func:`vzkg.limits.always_isolated`).

Where the work goes: the ``vzkg`` command itself (:func:`vzkg.limits.run_as_command`) ends
when its work is stopped, so it runs the work in a thread and, stopped, leaves it running
(:func:`vzkg.limits.left_running`) and ends with ``os._exit`` (:func:`vzkg.exits.guarded`):
a thread costs a cold query a fraction of a fork, which also pickles the answer. A library
call or a server, which go on after a stop, run it in a forked child process that is killed
(:mod:`vzkg.engines.forked`). Otherwise, or where there is no ``fork``, the work runs in place.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .. import limits
from ..errors import VzkgError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


def run_limited(work: Callable[[], T]) -> T:
    """Return ``work()``, in a thread or a child process while a
    :func:`vzkg.limits.time_limit` holds or :func:`vzkg.limits.always_isolated` asks."""
    wanted = limits.remaining() is not None or limits.isolating_always()
    if not wanted:
        return work()
    if limits.is_command() and limits.in_main_thread():
        return _in_thread(work)
    if not hasattr(os, "fork"):
        return work()
    from .forked import run_forked

    return run_forked(work)


def _in_thread(work: Callable[[], T]) -> T:
    """Return ``work()``, computed in a thread while this one waits; stopped (a signal's
    handler raises in the wait), the thread is left running."""
    import _thread  # threading would cost a cold query more than the thread

    finished = _thread.allocate_lock()
    finished.acquire()
    answer: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            answer.append((True, work()))
        except VzkgError as error:
            answer.append((False, error))
        except Exception as error:  # as the forked worker words it
            answer.append((False, RuntimeError(f"{type(error).__name__}: {error}")))
        finally:
            finished.release()

    _thread.start_new_thread(run, ())
    try:
        finished.acquire()  # Ctrl-C, SIGTERM and the time limit's alarm raise here
    except BaseException:
        limits.leave_running()
        raise
    if not answer:
        raise RuntimeError("the query's worker thread ended without an answer")
    ok, value = answer[0]
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]
