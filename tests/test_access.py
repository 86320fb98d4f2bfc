"""No network and no file that data, queries or shapes name, unless allowed; when allowed, a
timeout. A listener on 127.0.0.1 proves that a refused request never connects."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

import vzkg
from vzkg import access
from vzkg.cli import cli
from vzkg.errors import InputError, QuerySyntaxError, RemoteAccessError, TimeLimitError
from vzkg.namespaces import new_graph
from vzkg.store import parse_rdf
from vzkg.validation import load_shapes

HINT = "allow it with --allow-remote (allow_remote=True in Python)"
HINTED = re.escape(HINT)


class Listener:
    """A TCP server on 127.0.0.1 that accepts connections, counts them and never answers."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                self.connections.append(self.server.accept()[0])
            except TimeoutError:
                continue

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self.connections:
            connection.close()
        self.server.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def kg() -> Dataset:
    return vzkg.load()


def queries_naming(url: str) -> dict[str, str]:
    return {
        "SERVICE": f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "FROM": f"SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        "FROM NAMED": f"SELECT * FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    }


@pytest.mark.parametrize("clause", ["SERVICE", "FROM", "FROM NAMED"])
def test_a_query_reaches_no_url(kg: Dataset, listener: Listener, clause: str) -> None:
    with pytest.raises(RemoteAccessError, match=rf"refused to fetch {listener.url}/.*; {HINTED}"):
        vzkg.query(kg, queries_naming(listener.url)[clause])
    time.sleep(0.2)
    assert listener.connections == []


@pytest.mark.parametrize(
    ("iri", "refused"),
    [
        ("file:///etc/passwd", "open the file /etc/passwd"),
        ("relative.ttl", "open the file .*relative.ttl"),
        ("ftp://127.0.0.1/x.ttl", "fetch ftp://127.0.0.1/x.ttl"),
    ],
)
def test_a_query_reads_no_file(kg: Dataset, iri: str, refused: str) -> None:
    with pytest.raises(RemoteAccessError, match=refused):
        vzkg.query(kg, f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}")


@pytest.mark.parametrize(
    ("iri", "refused"),
    [
        ("file:///etc/passwd", "refused to fetch file:///etc/passwd"),
        ("ftp://127.0.0.1/x", "refused to fetch ftp://127.0.0.1/x"),
        ("relative", "the query failed: unknown url type"),  # urllib refuses it first
    ],
)
def test_service_reads_no_file(kg: Dataset, iri: str, refused: str) -> None:
    with pytest.raises(InputError, match=refused):
        vzkg.query(kg, f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}")


def jsonld(context: str) -> bytes:
    document = {"@context": context, "@id": "http://example.org/s", "http://example.org/p": "x"}
    return json.dumps(document).encode()


@pytest.mark.parametrize("context", ["{url}/context.jsonld", "file:///etc/passwd", "ctx.jsonld"])
def test_a_jsonld_context_is_not_read(listener: Listener, tmp_path: Path, context: str) -> None:
    (tmp_path / "ctx.jsonld").write_text('{"@context": {"ex": "http://example.org/"}}')
    data = tmp_path / "data.jsonld"
    data.write_bytes(jsonld(context.format(url=listener.url)))
    with pytest.raises(RemoteAccessError, match=HINTED):
        vzkg.load(data, bundled=False, ontology=False)
    with pytest.raises(RemoteAccessError, match=HINTED):
        load_shapes([data])
    assert listener.connections == []
    if context == "ctx.jsonld":  # a file beside the data, read when allowed
        assert len(vzkg.load(data, bundled=False, ontology=False, allow_remote=True)) == 1


def test_validate_reads_nothing_from_a_string(listener: Listener) -> None:
    for given in (f"{listener.url}/data.ttl", "str", None):
        with pytest.raises(InputError, match=r"validate\(\) needs the graph as an rdflib Graph"):
            vzkg.validate(given)  # type: ignore[arg-type]
    assert listener.connections == []


def test_shapes_reach_no_url(kg: Dataset, listener: Listener, tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    select = f"SELECT $this WHERE {{ SERVICE <{listener.url}/> {{ ?s ?p ?o }} }}"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://example.org/S> a sh:NodeShape ; sh:targetNode <http://example.org/a> ;\n"
        f'  sh:sparql [ sh:select """{select}""" ] .\n'
    )
    # vzkg runs SPARQL constraints as its own queries, under the same guard as vzkg.query
    with pytest.raises(RemoteAccessError, match=HINTED):
        vzkg.validate(kg, shapes=load_shapes([shapes]))
    # the queries run on one plain graph, which ignores FROM (each answer is a violation)
    shapes.write_text(
        shapes.read_text().replace(
            f"WHERE {{ SERVICE <{listener.url}/>", f"FROM <{listener.url}/x.ttl> WHERE {{"
        )
    )
    assert len(vzkg.validate(kg, shapes=load_shapes([shapes])).violations) == 1
    assert listener.connections == []


def test_allowed_requests_time_out(
    kg: Dataset, listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "REMOTE_TIMEOUT", 0.5)
    service = queries_naming(listener.url)["SERVICE"]
    start = time.monotonic()
    with pytest.raises(RemoteAccessError, match=rf"could not fetch {listener.url}.*timed out"):
        vzkg.query(kg, service, allow_remote=True)
    assert time.monotonic() - start < 5
    assert len(listener.connections) == 1
    start = time.monotonic()
    with pytest.raises(TimeLimitError):  # the time limit holds too
        vzkg.query(kg, service, allow_remote=True, timeout=0.3)
    assert time.monotonic() - start < 2


def test_a_closed_port_is_one_error(kg: Dataset) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
    with pytest.raises(RemoteAccessError, match=r"could not fetch .*refused"):
        vzkg.query(
            kg, f"ASK {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}", allow_remote=True
        )


def test_the_cli_names_the_flag(listener: Listener) -> None:
    for query in queries_naming(listener.url).values():
        result = CliRunner().invoke(cli, ["query", query])
        assert result.exit_code == 2
        target = "sparql" if "SERVICE" in query else "data.ttl"
        assert result.stderr.splitlines() == [
            f"Error: refused to fetch {listener.url}/{target}, as the input asks; {HINT}"
        ]
    assert listener.connections == []


def test_the_guard_ends_with_the_work(kg: Dataset, tmp_path: Path) -> None:
    with pytest.raises(RemoteAccessError):
        vzkg.query(kg, "ASK FROM <file:///etc/passwd> { }")
    mine = tmp_path / "mine.txt"
    mine.write_text("still readable")
    assert mine.read_text() == "still readable"  # outside vzkg's work, nothing is refused
    seen: list[str] = []
    with access.remote_access():
        # another thread is not guarded
        thread = threading.Thread(target=lambda: seen.append(mine.read_text()))
        thread.start()
        thread.join()
    assert seen == ["still readable"]


def test_import_installs_no_hook() -> None:
    probe = "import sys, vzkg; print('vzkg.access' in sys.modules, 'rdflib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout == "False False\n", done.stderr


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    for declaration in (f'SYSTEM "{secret.as_uri()}"', f'PUBLIC "x" "{secret.as_uri()}"'):
        data = (
            f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY xxe {declaration}>]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/">\n'
            '<rdf:Description rdf:about="http://example.org/s"><ex:p>&xxe;</ex:p>'
            "</rdf:Description></rdf:RDF>\n"
        ).encode()
        graph = new_graph()
        parse_rdf(graph, data, syntax="xml", name="xxe.rdf")
        assert "TOP SECRET" not in " ".join(str(o) for o in graph.objects())


def test_updates_stay_refused(kg: Dataset) -> None:
    before = len(kg)
    for update in ("INSERT DATA { <a:s> <a:p> <a:o> }", "CLEAR ALL", "LOAD <file:///etc/passwd>"):
        with pytest.raises(QuerySyntaxError):
            vzkg.query(kg, update)
    assert len(kg) == before
