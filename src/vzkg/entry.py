"""The ``vzkg`` console script and ``python -m vzkg``.

``vzkg --help`` and ``vzkg --version`` are answered without importing click (about three
times the start-up of Python itself): the top-level help is click's own rendering, kept in
``cli_help.txt`` by ``tools/gen_help.py`` and checked against click by a test. Everything
else goes to :mod:`vzkg.cli`.
"""

from __future__ import annotations

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


def main() -> None:
    """Run the ``vzkg`` command line."""
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        sys.stdout.write(f"vzkg, version {__version__}\n")
        return
    # click wraps help to min(terminal width, 80): at 80 columns or more the kept copy is exact
    if args in (["--help"], ["-h"]) and _columns() >= 80:
        # beside this module in a wheel and in a checkout alike; importlib.resources would
        # cost more than the rest of this start-up
        with open(os.path.join(os.path.dirname(__file__), "cli_help.txt"), encoding="utf-8") as f:
            sys.stdout.write(f.read())
        return
    from .cli import main as run

    run()
