"""Native work in a forked child process, which a time limit can kill (see
:mod:`vzkg.engines.isolated`): the child inherits the store (copy-on-write) and sends back its
pickled answer; at the deadline the alarm interrupts the parent's wait and the child is
killed."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
import sys
from collections.abc import Callable

from ..errors import VzkgError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from rdflib import Literal, URIRef

    T = TypeVar("T")


def run_forked(work: Callable[[], T]) -> T:
    """Return ``work()``, computed in a child process."""
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
