"""The ``vzkg`` console script and ``python -m vzkg``.

``vzkg --help`` and ``vzkg --version`` are answered without importing click (about three
times the start-up of Python itself): the top-level help is click's own rendering, kept in
``cli_help.txt`` by ``tools/gen_help.py`` and checked against click by a test. The usual
forms of ``vzkg query`` go to :mod:`vzkg.query_command`, everything else to :mod:`vzkg.cli`.
"""

from __future__ import annotations

import errno
import os
import sys

from . import __version__


def _columns() -> int:
    # what shutil.get_terminal_size() answers, which click uses to wrap its help
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _print(data: bytes) -> None:
    """Write *data* to stdout as UTF-8 bytes, whatever the locale; exit 2 with one line if it
    cannot be written, quietly with 0 if the reader has gone."""
    try:
        if sys.stdout is None:
            raise OSError(errno.EBADF, "it is closed")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        code = 0
    except OSError as error:
        if sys.stderr is not None:
            sys.stderr.write(f"Error: cannot write to standard output: {error.strerror}\n")
        code = 2
    else:
        return
    # let Python's last flush on exit write to /dev/null, not fail again
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)


def main() -> None:
    """Run the ``vzkg`` command line."""
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        _print(f"vzkg, version {__version__}\n".encode())
        return
    # click wraps help to min(terminal width, 80): at 80 columns or more the kept copy is exact
    if args in (["--help"], ["-h"]) and _columns() >= 80:
        # beside this module in a wheel and in a checkout alike; importlib.resources would
        # cost more than the rest of this start-up
        with open(os.path.join(os.path.dirname(__file__), "cli_help.txt"), "rb") as f:
            _print(f.read())
        return
    try:
        from .limits import run_as_command

        run_as_command()  # a stopped native call is left behind as the process ends
        if args[:1] == ["query"]:  # its usual forms, without click (see vzkg.query_command)
            from .query_command import main as query

            code = query(args[1:])
            if code is not None:
                sys.exit(code)
        from .cli import main as run

        run()
    except KeyboardInterrupt:  # before the command started (while importing): no traceback
        sys.exit(130)
