"""Running native work under vzkg's time limit.

Python runs a signal handler only between bytecodes: SIGALRM, which stops rdflib's pure-Python
engine within milliseconds, waits for a native call to return. Measured here, a three-way
cartesian product in pyoxigraph (0.5) ran 5.1 s past a 0.2 s alarm before the handler could
run (pyoxigraph releases the GIL, so another thread ran meanwhile, but nothing can cancel the
call). So when a time limit is in force, the work runs in a forked child process, which
inherits the store (copy-on-write) and sends back its pickled answer; at the deadline the
alarm interrupts the parent's wait and the child is killed. Ctrl-C and SIGTERM cannot stop a
native call either: the CLI, which must end at once on them, asks for a worker even without
a limit (:func:`vzkg.limits.always_forked`). Otherwise, or where there is no ``fork``, the
work runs in place.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .. import limits
from ..errors import VzkgError

if TYPE_CHECKING:
    from rdflib import Literal, URIRef

T = TypeVar("T")


def run_limited(work: Callable[[], T]) -> T:
    """Return ``work()``, in a child process while a :func:`vzkg.limits.time_limit` holds
    or :func:`vzkg.limits.always_forked` asks."""
    wanted = limits.remaining() is not None or limits.forking_always()
    if not wanted or not hasattr(os, "fork"):
        return work()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, and leave without running the parent's clean-ups
        code = 0
        try:
            os.close(reader)
            try:
                payload = _pickled((True, work()))
            except VzkgError as error:
                payload = _pickled((False, error))
            except Exception as error:  # turned into the parent's error type below
                payload = _pickled((False, RuntimeError(f"{type(error).__name__}: {error}")))
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    try:
        chunks = []
        with os.fdopen(reader, "rb") as answer:
            while chunk := answer.read(1 << 20):  # the alarm lands here and raises
                chunks.append(chunk)
    finally:
        _reap(pid)
    if not chunks:
        raise RuntimeError("the query's worker process died without an answer")
    ok, value = pickle.loads(b"".join(chunks))
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


class _AsWritten(pickle.Pickler):
    """rdflib pickles a literal by its text and builds it again normalised, so that
    ``"2026-11-28T00:00:00Z"^^xsd:dateTime`` came back as ``…+00:00``: here it comes back as
    written. An answer holds rdflib's literals only if rdflib is imported (Oxigraph's rows
    are pyoxigraph's terms), so this does not import it."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file)
        terms = sys.modules.get("rdflib.term")
        self.literal = None if terms is None else terms.Literal

    def reducer_override(self, obj: Any) -> Any:
        if self.literal is not None and type(obj) is self.literal:
            return _literal, (str(obj), obj.language, None if obj.language else obj.datatype)
        return NotImplemented


def _literal(lexical: str, language: str | None, datatype: URIRef | None) -> Literal:
    from rdflib import Literal

    return Literal(lexical, lang=language, datatype=datatype, normalize=False)


def _pickled(answer: object) -> bytes:
    buffer = io.BytesIO()
    _AsWritten(buffer).dump(answer)
    return buffer.getvalue()


def _reap(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)  # done already, or past the deadline
    os.waitpid(pid, 0)
