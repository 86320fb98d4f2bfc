"""The command line's standard streams and what it says on them.

Whatever the locale, vzkg reads its standard input and writes its output as UTF-8. A closed or
unusable stream is one ``Error:`` line (a reader that goes away, as ``| head`` does, ends the
command quietly), and text for people never carries control characters that a terminal would
obey. rdflib's and pySHACL's log records and Python warnings become ``Warning:`` lines.
"""

from __future__ import annotations

import builtins
import io
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterable

from .errors import InputError, VzkgError
from .text import printable

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    import logging


class OutputError(VzkgError):
    """Standard output is closed or cannot take what is written (a full disk)."""


class ReaderGone(Exception):
    """Whoever read standard output has gone (a broken pipe): the command ends quietly."""


class _Closed(io.TextIOBase):
    """Stands for a standard stream that was closed when vzkg started."""

    def __init__(self, name: str) -> None:
        self.name = name

    def write(self, text: str) -> int:
        raise OutputError(f"standard {self.name} is closed")

    def read(self, size: int | None = -1) -> str:
        raise InputError(f"standard {self.name} is closed")

    def flush(self) -> None:
        pass


def prepare() -> None:
    """Set up the standard streams of a ``vzkg`` process, before any work.

    A stream closed at start (``>&-``) stays closed for vzkg, but its file descriptor is given
    /dev/null, so that no file opened later takes its number and receives what was meant for
    it. Text streams write UTF-8, with ``\\`` escapes for what is not text.
    """
    for number, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(number)
        except OSError:
            spare = os.open(os.devnull, os.O_RDWR)
            if spare != number:
                os.dup2(spare, number)
                os.close(spare)
        closed = _Closed(name.removeprefix("std"))
        setattr(sys, name, closed if name != "stderr" else open(os.devnull, "w"))  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def release_stdout() -> None:
    """After writing to standard output failed, point it at /dev/null, so that Python's last
    flush on exit succeeds instead of printing a traceback of its own."""
    own = sys.__stdout__
    if own is None or sys.stdout is not own:
        return  # closed, or not the process's own stream (a test runner's)
    try:
        spare = os.open(os.devnull, os.O_WRONLY)
        os.dup2(spare, own.fileno())
        os.close(spare)
    except (OSError, ValueError):
        pass


def output_failed(error: OSError) -> Exception:
    if isinstance(error, BrokenPipeError):
        return ReaderGone()
    return OutputError(f"cannot write to standard output: {error.strerror or error}")


def write_bytes(data: bytes) -> None:
    """Write *data* to standard output as it is."""
    stream = sys.stdout
    if stream is None or isinstance(stream, _Closed):
        raise OutputError("standard output is closed")
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except OSError as error:
        raise output_failed(error) from None


def flush_stdout() -> None:
    """Flush what click has written, so that a failure is reported here and not at exit."""
    stream = sys.stdout
    if stream is None or isinstance(stream, _Closed):
        return
    try:
        stream.flush()
    except OSError as error:
        raise output_failed(error) from None


def for_terminal(text: str, *, human: bool) -> str:
    """Make *text* safe to show: always for people's formats, and for any format when standard
    output is a terminal (see :func:`vzkg.text.printable`)."""
    return printable(text) if human or stdout_is_terminal() else text


def stdout_is_terminal() -> bool:
    try:
        return bool(sys.stdout.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def read_stdin(*, max_bytes: int | None) -> str:
    """Read standard input to its end as UTF-8 bytes, whatever the locale says."""
    stream = sys.stdin
    if stream is None or isinstance(stream, _Closed):
        raise InputError("standard input is closed")
    from .files import read_stream  # tempfile and pathlib: only for a command that reads stdin

    try:
        data = read_stream(stream.buffer, "standard input", max_bytes=max_bytes)
    except OSError as error:
        raise InputError(f"cannot read standard input: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("standard input is not UTF-8 text") from None


# rdflib logs a whole traceback for each literal whose lexical form does not fit its datatype
# what rdflib logs of an IRI it accepts but cannot serialise
_BAD_IRI = "does not look like a valid URI"
# (compiled at first use: re keeps it)
_ILL_TYPED = r"Failed to convert Literal lexical form to value\. Datatype=(\S+?),"
_MAX_WARNINGS = 5


class _WarningLines:
    """Collects log records and Python warnings as one-line messages, repeats counted."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.ill_typed: Counter[str] = Counter()  # by datatype

    def note(self, message: str) -> None:
        if _BAD_IRI in message:
            return  # vzkg refuses such an IRI itself, with one Error line naming it
        ill_typed = re.match(_ILL_TYPED, message)
        if ill_typed:
            self.ill_typed[ill_typed.group(1)] += 1
        else:
            self.counts[" ".join((message.strip().splitlines() or ["(empty)"])[0].split())] += 1

    def lines(self) -> list[str]:
        shown = [
            f"{n} literal{' is' if n == 1 else 's are'} not valid {_curie(datatype)}; "
            "kept as written"
            for datatype, n in sorted(self.ill_typed.items())
        ]
        shown += [line + (f" ({n} times)" if n > 1 else "") for line, n in self.counts.items()]
        if len(shown) > _MAX_WARNINGS:
            shown[_MAX_WARNINGS:] = [f"and {len(shown) - _MAX_WARNINGS} other warnings"]
        return [f"Warning: {line}" for line in shown]


def _curie(iri: str) -> str:
    from .namespaces import compact  # rdflib: only once there is something to say

    return compact(iri)


def warnings_as_lines() -> _AsLines:
    """Turn the log records (warning and above) and Python warnings raised in the body into
    ``Warning:`` lines on standard error, written when the body ends."""
    return _AsLines()


class _AsLines:
    """:func:`warnings_as_lines`, written out: contextlib costs a cold query a millisecond.

    Log records reach :class:`_WarningLines` through a handler on the root logger. Only rdflib
    and pySHACL log, and they import :mod:`logging`, which costs a cold query that imports
    neither a tenth of its time: until some import in the body brings it, the handler waits,
    and the import statements (``builtins.__import__``) look out."""

    def __enter__(self) -> None:
        lines = self.lines = _WarningLines()
        self.saved = warnings.showwarning

        def show(message: object, *args: object, **kwargs: object) -> None:
            lines.note(str(message))

        warnings.showwarning = show  # type: ignore[assignment]
        self.handler: logging.Handler | None = None
        self.original = original = builtins.__import__

        def watching(name: str, *args: object, **kwargs: object) -> object:
            module = original(name, *args, **kwargs)  # type: ignore[arg-type]
            # logging itself, imported whole (its own imports see it half made)
            if self.handler is None and name.partition(".")[0] == "logging":
                if builtins.__import__ is watching:
                    builtins.__import__ = original
                self._attach()
            return module

        self.watching = watching
        if "logging" in sys.modules:
            self._attach()
        else:
            builtins.__import__ = watching  # type: ignore[assignment]

    def _attach(self) -> None:
        import logging

        lines = self.lines

        class Lines(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                lines.note(record.getMessage())

        self.handler = Lines(logging.WARNING)
        logging.getLogger().addHandler(self.handler)

    def __exit__(self, *exception: object) -> None:
        if builtins.__import__ is self.watching:
            builtins.__import__ = self.original
        if self.handler is not None:
            sys.modules["logging"].getLogger().removeHandler(self.handler)
        warnings.showwarning = self.saved
        for line in self.lines.lines():
            try:
                print(printable(line), file=sys.stderr)
            except OSError:
                break  # standard error is gone too


class HeldLog:
    """The log records of work that may be done again, held back from the root's handlers
    (the ``Warning:`` lines) until :meth:`release`: dropped, they are not said twice. (A
    filter of :mod:`logging`, which takes any object with a ``filter`` method.)"""

    def __init__(self) -> None:
        import logging

        self.records: list[logging.LogRecord] = []
        self.handlers = list(logging.getLogger().handlers)

    def __enter__(self) -> HeldLog:
        for handler in self.handlers:
            handler.addFilter(self)  # type: ignore[arg-type]
        return self

    def __exit__(self, *exception: object) -> None:
        for handler in self.handlers:
            handler.removeFilter(self)  # type: ignore[arg-type]

    def filter(self, record: logging.LogRecord) -> bool:
        if not any(record is held for held in self.records):
            self.records.append(record)
        return False

    def release(self) -> None:
        """Pass the records held to the handlers."""
        for handler in self.handlers:
            handler.removeFilter(self)  # type: ignore[arg-type]
        for record in self.records:
            for handler in self.handlers:
                if record.levelno >= handler.level:
                    handler.handle(record)
        self.records.clear()


def held_log() -> HeldLog:
    """Hold back the body's log records; they are dropped unless released."""
    return HeldLog()


def say(line: str) -> None:
    """Write one *line* on stderr, as ``click.echo(line, err=True)`` does."""
    stream = sys.stderr
    if stream is not None:
        stream.write(line + "\n")
        stream.flush()


def warn(notes: Iterable[str]) -> None:
    """One ``Warning:`` line on stderr for each of *notes*."""
    for note in notes:
        say(f"Warning: {for_terminal(note, human=True)}")


def write_output(content: str | bytes, output: str, *, human: bool = False) -> None:
    """Write to stdout for ``-``, else to the file (see :func:`vzkg.files.atomic_write`)."""
    to_terminal = output == "-" and stdout_is_terminal()
    if isinstance(content, bytes) and to_terminal:
        content = content.decode("utf-8", errors="replace")
    if isinstance(content, str):
        safe = human or to_terminal
        content = (for_terminal(content, human=True) if safe else content).encode("utf-8")
    if output == "-":
        write_bytes(content)
        return
    from .files import atomic_write

    atomic_write(output, content)


def check_output(output: str, *inputs: str) -> None:
    """Refuse an output file that is an input or read-only, before doing the work."""
    if output != "-":
        from .files import check_output as refuse

        refuse(output, inputs)
