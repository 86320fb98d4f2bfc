"""Real SPARQL 1.1 servers for the tests, on 127.0.0.1 and free ports, killed at the end:
``oxigraph serve`` (PyPI ``oxigraph``, in the test extra) and OpenLink Virtuoso (Debian's
``virtuoso-opensource-7-bin``, installed by ``.ci/run``).

Where a server's program is missing, a test that needs it is skipped with the reason, or fails
under ``VZKG_REQUIRE_TOOLS=1`` (as ``.ci/run`` sets).
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


def _answers(url: str, server: subprocess.Popen[bytes], *, within: float) -> bool:
    """Whether the server at *url* answers an ASK within *within* seconds (while it runs)."""
    deadline = time.monotonic() + within
    while server.poll() is None and time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2).close()
            return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    return False


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
        if not _answers(url, server, within=20):
            error = server.stderr.read().decode() if server.stderr else ""
            pytest.fail(f"oxigraph serve did not start: {error[-500:]}")
        yield url
    finally:
        server.kill()
        server.wait()


def virtuoso_program() -> str:
    """The path of ``virtuoso-t`` (Debian's virtuoso-opensource-7-bin, which .ci/run installs)."""
    found = shutil.which("virtuoso-t")
    if found and shutil.which("isql-vt"):
        return found
    message = (
        "OpenLink Virtuoso (Debian virtuoso-opensource-7-bin: virtuoso-t, isql-vt) is not installed"
    )
    if os.environ.get("VZKG_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{message}, and VZKG_REQUIRE_TOOLS=1")
    pytest.skip(message)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = {timeout}
"""


@contextmanager
def virtuoso_server(location: Path, *, timeout: int = 30) -> Iterator[str]:
    """Run a private Virtuoso on *location* (loopback ports only); yield its ``sparql:`` store
    spec: the query endpoint and its Graph Store endpoint, ``/sparql-graph-crud``, which the
    anonymous SPARQL user may write once granted SPARQL_UPDATE (a test server's setting only)."""
    program = virtuoso_program()
    sql_port, http_port = _free_port(), _free_port()
    ini = location / "virtuoso.ini"
    ini.write_text(
        _VIRTUOSO_INI.format(
            folder=location, sql_port=sql_port, http_port=http_port, timeout=timeout
        )
    )
    server = subprocess.Popen(
        [program, "+foreground", "+configfile", str(ini)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        if not _answers(url, server, within=90):  # a new database takes Virtuoso 5-15 s
            log = location / "virtuoso.log"
            tail = log.read_text(errors="replace")[-500:] if log.exists() else ""
            pytest.fail(f"virtuoso-t did not start: {tail}")
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL";'
        subprocess.run(
            ["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield f"sparql:{url};store=http://127.0.0.1:{http_port}/sparql-graph-crud"
    finally:
        server.kill()
        server.wait()
