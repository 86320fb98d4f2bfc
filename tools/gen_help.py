"""Write ``src/vzkg/cli_help.txt``: click's rendering of ``vzkg --help`` at 80 columns.

``vzkg --help`` prints that file without importing click; ``tests/test_cli.py`` fails while
it differs from what click prints. Run ``python tools/gen_help.py`` after changing the
top-level help or the list of commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "vzkg" / "cli_help.txt"


def render() -> str:
    """Return what click prints for ``vzkg --help`` in a terminal 80 columns wide."""
    # a real process, not click's CliRunner, which forces its own width
    done = subprocess.run(
        [sys.executable, "-c", "from vzkg.cli import cli; cli.main(['--help'], prog_name='vzkg')"],
        env={**os.environ, "COLUMNS": "80"},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET.relative_to(ROOT)}\n")
