"""A real SPARQL 1.1 server for the tests: ``oxigraph serve`` (PyPI ``oxigraph``, in the test
extra), on 127.0.0.1 and a free port, stopped by its PID at the end.

Where the ``oxigraph`` program is missing, a test that needs it is skipped with the reason,
or fails under ``VZKG_REQUIRE_TOOLS=1`` (as ``.ci/run`` sets).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def oxigraph_program() -> str:
    """The path of the ``oxigraph`` program, beside this Python's or on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found:
        return found
    message = "the Oxigraph server (PyPI oxigraph: the oxigraph program) is not installed"
    if os.environ.get("VZKG_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{message}, and VZKG_REQUIRE_TOOLS=1")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def oxigraph_server(location: Path, *, timeout: int = 10) -> Iterator[str]:
    """Run ``oxigraph serve`` on *location*; yield its query endpoint's URL. The server stops
    a query after *timeout* seconds (a runaway query the tests stop on their side would
    otherwise hold a core of this shared machine)."""
    program = oxigraph_program()
    port = _free_port()
    command = [program, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--timeout-s", str(timeout)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).close()
                break
            except (urllib.error.URLError, OSError):
                if server.poll() is not None or time.monotonic() > deadline:
                    error = server.stderr.read().decode() if server.stderr else ""
                    pytest.fail(f"oxigraph serve did not start: {error[-500:]}")
                time.sleep(0.05)
        yield url
    finally:
        server.kill()
        server.wait()
