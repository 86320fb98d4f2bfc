"""How a ``vzkg`` command ends: its exit code, and one ``Error: …`` line for an expected failure.

Shared by the click commands (:mod:`vzkg.cli`) and the lean ``vzkg query``
(:mod:`vzkg.query_command`), so both end alike; free of click, which costs a cold start more
than Python itself. Exit codes: 0 success, 1 the data does not conform, 2 a usage, input or
output error, 3 stopped at the time limit, 70 a bug in vzkg, 130 interrupted (Ctrl-C), 143
terminated (SIGTERM).
"""

from __future__ import annotations

import os
import sys

from . import console
from .errors import VzkgError
from .limits import always_isolated, is_expired, left_running

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from collections.abc import Callable

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_LIMIT = 0, 1, 2, 3
EXIT_BUG, EXIT_INTERRUPTED, EXIT_TERMINATED = 70, 130, 143


class Terminated(BaseException):
    """SIGTERM arrived: stop like Ctrl-C does, cleaning up on the way out."""


def prepare_process() -> None:
    """The process's streams (:func:`vzkg.console.prepare`) and SIGTERM, before any work."""
    import signal

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    console.prepare()
    signal.signal(signal.SIGTERM, terminate)


def fail(message: str, code: int) -> int:
    """Say ``Error: message`` on stderr (as ``click.echo`` would) and return *code*."""
    import contextlib  # only on the way out: it costs a cold query a millisecond

    with contextlib.suppress(OSError):  # standard error is gone too: the exit code tells
        console.say(f"Error: {console.for_terminal(message, human=True)}")
    return code


def guarded(
    work: Callable[[], object], translate: Callable[[Exception], int | None] | None = None
) -> int:
    """Run *work* as a command runs, and return its exit code: every expected failure becomes
    one ``Error:`` line and its code (*translate* names the codes of its caller's own
    exceptions, click's), a reader that has gone (``| head``) a quiet 0, anything else a bug.
    Oxigraph's queries run apart (:mod:`vzkg.engines.isolated`), so that a signal stops them
    at once (native code ignores it); log records and warnings become ``Warning:`` lines."""
    try:
        with console.warnings_as_lines(), always_isolated():
            code = work()
            console.flush_stdout()
    except SystemExit as done:
        code = done.code
    except VzkgError as error:
        if isinstance(error, console.OutputError):
            console.release_stdout()
        code = fail(str(error), error.exit_code)
    except console.ReaderGone:
        console.release_stdout()  # the reader has what it wanted (| head): nothing to say
        code = EXIT_OK
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except Terminated:
        code = EXIT_TERMINATED
    except Exception as error:
        code = translate(error) if translate is not None else None
        if code is None:
            if os.environ.get("VZKG_DEBUG"):
                raise
            detail = " ".join(f"{type(error).__name__}: {error}".split())[:300]
            code = fail(
                f"internal error ({detail}); this is a bug in vzkg: please report it", EXIT_BUG
            )
    except BaseException as error:
        if not is_expired(error):
            raise
        code = fail("stopped at the time limit", EXIT_LIMIT)
    code = code if isinstance(code, int) else EXIT_OK
    if left_running():  # stopped native work still runs in a thread: end without it
        import contextlib

        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, OSError, ValueError):
                stream.flush()
        os._exit(code)
    return code
