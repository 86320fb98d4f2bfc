"""``vzkg serve``: the SPARQL endpoint over real HTTP, against a server started in a subprocess
on a free 127.0.0.1 port (and always stopped), with plain ``urllib``, SPARQLWrapper and
rdflib's SPARQLStore. Every wait is bounded: the server's time limit here is 2 s."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import functools
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from servers import oxigraph_server

import vzkg
from vzkg.cli import cli
from vzkg.endpoint import workers
from vzkg.endpoint.negotiation import GRAPH_TYPES, RESULT_TYPES, negotiate
from vzkg.engines import open_store
from vzkg.results import format_result

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 2  # the servers' time limit, in seconds
LIMIT = 20_000  # their request-size limit, in bytes
MAX_ROWS = 50
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
CHEAP = "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LABELS = "SELECT ?label WHERE { vz:donald-trump rdfs:label ?label } ORDER BY ?label"


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str  # http://127.0.0.1:PORT/
    log: Path  # its stderr

    @property
    def sparql(self) -> str:
        return f"{self.base}sparql"

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self, signum: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def start(tmp: Path, *args: str) -> Server:
    """Start ``vzkg serve`` on a free loopback port and wait until it says where it is."""
    log = tmp / f"stderr-{time.monotonic_ns()}.txt"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "vzkg", "serve", "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"Serving at (http://127\.0\.0\.1:\d+/)sparql", log.read_text())
        if found:
            return Server(process, found.group(1), log)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise AssertionError(f"the server did not start: {log.read_text()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start(
        tmp_path_factory.mktemp("serve"),
        *("--timeout", str(TIMEOUT), "--max-request-size", str(LIMIT)),
        *("--max-rows", str(MAX_ROWS)),
    )
    try:
        yield running
    finally:
        running.stop()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> Reply:
    asked = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(asked, timeout=30) as answer:
            return Reply(
                answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
            )
    except urllib.error.HTTPError as error:
        headers = {k.lower(): v for k, v in error.headers.items()}
        return Reply(error.code, headers, error.read())


def get(server: Server, sparql: str, accept: str | None = None) -> Reply:
    url = f"{server.sparql}?{urllib.parse.urlencode({'query': sparql})}"
    return request(url, headers={"Accept": accept} if accept else {})


def post(server: Server, fields: dict[str, str], accept: str | None = None) -> Reply:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return request(server.sparql, data=urllib.parse.urlencode(fields).encode(), headers=headers)


def post_query(server: Server, sparql: str, accept: str | None = None) -> Reply:
    headers = {"Content-Type": "application/sparql-query"}
    if accept:
        headers["Accept"] = accept
    return request(server.sparql, data=sparql.encode(), headers=headers)


def expected_labels() -> list[str]:
    return [str(v) for v in vzkg.query(vzkg.load(), LABELS).column("label")]


# -- the Protocol, each way of asking ------------------------------------------------------------


def test_select_by_get_answers_sparql_json_by_default(server: Server) -> None:
    reply = get(server, LABELS)
    assert reply.status == 200
    assert reply.headers["content-type"] == "application/sparql-results+json"
    document = json.loads(reply.body)
    assert document["head"]["vars"] == ["label"]
    values = [b["label"]["value"] for b in document["results"]["bindings"]]
    assert values == expected_labels()
    assert {b["label"].get("xml:lang") for b in document["results"]["bindings"]} >= {"en"}


def test_select_by_post_form_and_by_post_query(server: Server) -> None:
    by_form = post(server, {"query": LABELS})
    by_body = post_query(server, LABELS)
    by_alias = request(f"{server.base}query?{urllib.parse.urlencode({'query': LABELS})}")
    assert by_form.status == by_body.status == by_alias.status == 200
    assert by_form.body == by_body.body == by_alias.body == get(server, LABELS).body


def test_select_in_each_result_format(server: Server) -> None:
    labels = expected_labels()
    xml = get(server, LABELS, "application/sparql-results+xml")
    assert xml.headers["content-type"] == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(xml.body)
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["label"]
    assert [e.text for e in root.findall(".//r:literal", ns)] == labels

    csv_reply = get(server, LABELS, "text/csv")
    assert csv_reply.headers["content-type"] == "text/csv; charset=utf-8"
    assert list(csv.reader(io.StringIO(csv_reply.text))) == [["label"], *([v] for v in labels)]

    tsv = get(server, LABELS, "text/tab-separated-values")
    assert tsv.headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    lines = tsv.text.splitlines()
    assert lines[0] == "?label"
    assert len(lines) == len(labels) + 1 and lines[1].startswith('"')


def test_ask(server: Server) -> None:
    assert json.loads(get(server, CHEAP).body) == {"head": {}, "boolean": True}
    xml = get(
        server, "ASK { vz:nicolas-maduro owl:sameAs wd:Q1 }", "application/sparql-results+xml"
    )
    assert "<boolean>false</boolean>" in xml.text


def test_construct_in_turtle_and_other_syntaxes(server: Server) -> None:
    query = "CONSTRUCT { vz:donald-trump owl:sameAs ?wd } WHERE { vz:donald-trump owl:sameAs ?wd }"
    expected = (URIRef(vzkg.VZ["donald-trump"]), URIRef("http://www.w3.org/2002/07/owl#sameAs"))
    for accept, syntax in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ):
        reply = get(server, query, accept)
        assert reply.status == 200, (accept, reply.text)
        assert reply.headers["content-type"].startswith(accept)
        graph = Graph().parse(data=reply.body, format=syntax)
        assert list(graph.objects(*expected)) == [URIRef("http://www.wikidata.org/entity/Q22686")]
    assert get(server, query).headers["content-type"] == "text/turtle; charset=utf-8"


def test_select_answers_are_cut_at_max_rows_and_say_so(server: Server) -> None:
    reply = get(server, "SELECT * { ?s ?p ?o }")
    assert len(json.loads(reply.body)["results"]["bindings"]) == MAX_ROWS
    assert reply.headers["x-sparql-maxrows"] == str(MAX_ROWS)
    assert "x-sparql-maxrows" not in get(server, LABELS).headers


# -- content negotiation -------------------------------------------------------------------------


def test_accept_weights_choose_the_format(server: Server) -> None:
    reply = get(server, LABELS, "application/sparql-results+json;q=0.5, text/csv")
    assert reply.headers["content-type"] == "text/csv; charset=utf-8"
    reply = get(server, LABELS, "text/*;q=0.9, */*;q=0.1")
    assert reply.headers["content-type"] == "text/csv; charset=utf-8"
    assert get(server, LABELS, "application/json").headers["content-type"] == "application/json"
    assert "Accept" in get(server, LABELS).headers["vary"]


def test_nothing_acceptable_is_406(server: Server) -> None:
    reply = get(server, LABELS, "text/html")
    assert reply.status == 406
    assert "application/sparql-results+json" in reply.text and "text/turtle" in reply.text
    construct = get(server, "CONSTRUCT WHERE { vz:donald-trump owl:sameAs ?x }", "text/csv")
    assert construct.status == 406
    assert "CONSTRUCT" in construct.text
    assert get(server, LABELS, "text/turtle").status == 406
    assert request(f"{server.base}void", headers={"Accept": "text/csv"}).status == 406


def test_negotiation_order() -> None:
    assert negotiate(None, RESULT_TYPES)[0] == ("application/sparql-results+json", "json")
    assert negotiate("*/*;q=0.1, application/rdf+xml", GRAPH_TYPES)[0] == (
        "application/rdf+xml",
        "xml",
    )
    assert negotiate("text/turtle;q=0, */*", GRAPH_TYPES)[0] == ("application/n-triples", "nt")
    assert negotiate("text/turtle;q=nonsense", GRAPH_TYPES) == ()


# -- refused -------------------------------------------------------------------------------------


def test_updates_are_refused_with_403(server: Server) -> None:
    update = "INSERT DATA { GRAPH vzg:x { vz:a vz:b vz:c } }"
    for reply in (
        post(server, {"update": update}),
        request(
            server.sparql,
            data=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        ),
        post(server, {"query": update}),
        get(server, "PREFIX x: <http://x/>\nDROP ALL"),
        post_query(server, "LOAD <http://127.0.0.1:9/data.ttl>"),
    ):
        assert reply.status == 403, reply.text
        assert reply.text == (
            "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR…) "
            "are refused\n"
        )
    count = "SELECT (COUNT(*) AS ?n) { GRAPH vzg:x { ?s ?p ?o } }"
    assert json.loads(get(server, count).body)["results"]["bindings"][0]["n"]["value"] == "0"


def test_malformed_query_is_400_with_the_syntax_error(server: Server) -> None:
    reply = get(server, "SELECT ?x WHERE { ?x a }")
    assert reply.status == 400
    assert reply.headers["content-type"] == "text/plain; charset=utf-8"
    assert reply.text.startswith("SPARQL syntax error at line 1, column ")
    assert post(server, {"query": "  "}).status == 400
    assert post(server, {"other": "x"}).text == (
        "no query: send it as the query parameter or the request body\n"
    )
    two = f"{server.sparql}?query=ASK%7B%7D&query=ASK%7B%7D"
    assert request(two).text == "the request holds more than one query\n"
    assert (
        request(f"{server.sparql}?query=%ff%fe").text
        == "the URL's query string is not UTF-8 text\n"
    )
    named = request(f"{server.sparql}?query=ASK%7B%7D&default-graph-uri=http://x/")
    assert named.status == 400 and "default-graph-uri is not supported" in named.text


def test_unknown_body_type_is_415(server: Server) -> None:
    reply = request(server.sparql, data=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert reply.status == 415
    assert "application/sparql-query" in reply.text


def test_oversized_requests_are_413(server: Server) -> None:
    padding = "#" + "x" * LIMIT + "\nASK {}"
    assert post_query(server, padding).status == 413
    assert post(server, {"query": padding}).status == 413
    assert get(server, padding).status == 413
    assert "larger than this endpoint's 20,000 bytes" in post_query(server, padding).text
    # just under the limit is a query like any other
    assert post_query(server, "#" + "x" * (LIMIT - 100) + "\nASK {}").status == 200


def test_remote_access_stays_refused_in_the_workers(server: Server) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        service = get(server, f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}")
        from_file = get(server, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody came
    for reply in (service, from_file):
        assert reply.status == 403
        assert "allow it with --allow-remote" in reply.text


def test_methods_and_paths(server: Server) -> None:
    assert request(server.sparql, method="PUT", data=b"x").status == 405
    assert request(f"{server.base}update", data=b"x").status == 404


# -- runaway queries -----------------------------------------------------------------------------


def test_a_runaway_query_is_stopped_while_a_cheap_one_answers(server: Server) -> None:
    answers: dict[str, tuple[Reply, float]] = {}

    def ask(name: str, sparql: str) -> None:
        started = time.monotonic()
        answers[name] = (post(server, {"query": sparql}), time.monotonic() - started)

    runaway = threading.Thread(target=ask, args=("runaway", RUNAWAY))
    runaway.start()
    time.sleep(0.3)  # the runaway holds a worker
    ask("cheap", CHEAP)
    runaway.join(30)
    reply, seconds = answers["runaway"]
    assert reply.status == 503
    assert reply.text == "the query was stopped after 2 s, this endpoint's time limit\n"
    assert TIMEOUT - 0.5 < seconds < TIMEOUT + workers.GRACE + 3
    cheap, cheap_seconds = answers["cheap"]
    assert cheap.status == 200 and json.loads(cheap.body)["boolean"] is True
    assert cheap_seconds < 1.5  # not behind the runaway
    assert get(server, CHEAP).status == 200  # and the endpoint is well afterwards


def _stuck(graph: object, job: workers.Job, limits: workers.Limits) -> workers.Answer:
    """A query that the alarm cannot stop, as a regular expression in C would be."""
    if job.sparql == "stuck":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if job.sparql == "sleepy":  # slow by the clock only, as on a busy machine
        time.sleep(workers.LONG + 0.3)
    if job.sparql == "long":  # slow by processor time
        busy_until = time.process_time() + workers.LONG + 0.05
        while time.process_time() < busy_until:
            pass
    return workers.Answer.text(200, f"{os.getpriority(os.PRIO_PROCESS, 0)} {os.getpid()}")


def test_a_worker_that_does_not_stop_is_killed_and_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "answer", _stuck)  # the workers are forked with it
    monkeypatch.setattr(workers, "GRACE", 0.5)
    pool = workers.WorkerPool(Dataset(), workers.Limits(3.0, None, False), size=2)

    async def scenario() -> list[tuple[workers.Answer, float]]:
        await pool.start()
        answers = []
        for sparql in ("stuck", "fine", "sleepy", "long", "fine"):
            started = time.monotonic()
            answers.append(
                (await pool.run(workers.Job(sparql, (), ())), time.monotonic() - started)
            )
        return answers

    try:
        before = set(pool.pids)
        (stuck, seconds), *answers = asyncio.run(scenario())
        assert stuck.status == 503 and b"stopped after 3 s" in stuck.body
        assert 3.4 < seconds < 8  # killed at the limit and its grace
        fine, sleepy, long, after = (answer.body.decode().split() for answer, _ in answers)
        assert fine[0] == "0"  # another worker, at the usual priority
        assert sleepy[0] == "0"  # waiting is not working: not lowered
        assert long[0] == str(workers.NICE)  # lowered while it worked long
        assert after[0] == "0"
        deadline = time.monotonic() + 10
        while (int(long[1]) in pool.pids or len(pool.pids) < 3) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert int(long[1]) not in pool.pids  # replaced, once it had answered
        assert int(sleepy[1]) in pool.pids  # kept
        assert len(before - set(pool.pids)) >= 1  # the stuck one is gone
        assert len(pool.pids) == 3  # the zygote and two workers
    finally:
        pool.close()
    for pid in pool.pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


# -- from a store ---------------------------------------------------------------------------------


def _held(pid: int, folder: Path) -> list[str]:
    """The files under *folder* that the process *pid* holds open."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):  # closed meanwhile
            target = os.readlink(fd)
            if target.startswith(f"{folder}/"):
                found.append(target)
    return found


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "db"
    assert CliRunner().invoke(cli, ["load", "--store", f"oxigraph:{db}"]).exit_code == 0
    return db


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc")
def test_workers_open_a_store_on_disk_after_they_are_forked(folder: Path) -> None:
    """Neither the server nor the zygote holds the store's files: each worker opened its own."""
    opener = functools.partial(open_store, f"oxigraph:{folder}")
    pool = workers.WorkerPool(opener, workers.Limits(10.0, None, False), size=2)
    job = workers.Job(LABELS, (("text/csv", "csv"),), ())

    async def scenario() -> list[workers.Answer]:
        await pool.start()
        return [await pool.run(job) for _ in range(4)]

    try:
        answers = asyncio.run(scenario())
        zygote, *running = pool.pids
        assert _held(os.getpid(), folder) == [] and _held(zygote, folder) == []
        assert len(running) == 2 and all(_held(pid, folder) for pid in running)
    finally:
        pool.close()
    expected = format_result(vzkg.query(vzkg.load(), LABELS), "csv").encode()
    assert [(a.status, a.body) for a in answers] == [(200, expected)] * 4


def test_a_store_a_worker_cannot_open_is_503(tmp_path: Path) -> None:
    opener = functools.partial(open_store, f"oxigraph:{tmp_path / 'gone'}")
    pool = workers.WorkerPool(opener, workers.Limits(10.0, None, False), size=1)

    async def scenario() -> workers.Answer:
        await pool.start()
        return await pool.run(workers.Job(CHEAP, (("text/csv", "csv"),), ()))

    try:
        answer = asyncio.run(scenario())
    finally:
        pool.close()
    assert answer.status == 503
    assert answer.body.decode().startswith(
        f"this endpoint cannot open its store: there is no Oxigraph store at {tmp_path / 'gone'}"
    )


@pytest.mark.parametrize("engine", ["oxigraph", "oxigraph:PATH", "sparql:URL"])
def test_serve_answers_from_a_store(
    engine: str, server: Server, folder: Path, tmp_path: Path
) -> None:
    with contextlib.ExitStack() as stack:
        if engine == "sparql:URL":
            url = stack.enter_context(oxigraph_server(tmp_path / "server"))
            assert CliRunner().invoke(cli, ["push", "--store", f"sparql:{url}"]).exit_code == 0
            spec = f"sparql:{url}"
        else:  # in memory, the workers share it as they share rdflib's; a folder, each its own
            spec = f"oxigraph:{folder}" if engine == "oxigraph:PATH" else engine
        other = start(tmp_path, "--store", spec, "--timeout", str(TIMEOUT), "--workers", "2")
        try:
            for sparql in (LABELS, CHEAP, "CONSTRUCT WHERE { vz:nicolas-maduro ?p ?o }"):
                for accept in ("text/csv", "text/turtle", None):
                    theirs, ours = get(other, sparql, accept), get(server, sparql, accept)
                    assert (theirs.status, theirs.body) == (ours.status, ours.body), sparql
            void = [
                request(f"{s.base}void", headers={"Accept": "text/turtle"}).text.replace(
                    s.base, "/"
                )
                for s in (other, server)
            ]
            assert void[0] == void[1]
            assert get(other, RUNAWAY).status == 503
            assert get(other, LABELS, "text/csv").body == get(server, LABELS, "text/csv").body
            if engine == "oxigraph:PATH" and Path("/proc/self/fd").is_dir():
                # the server and its zygote let go of the store before forking; workers hold it
                (zygote,) = _children(other.process.pid)
                assert _held(other.process.pid, folder) == _held(zygote, folder) == []
                assert all(_held(pid, folder) for pid in _children(zygote))
        finally:
            assert other.stop() == 143
        assert other.stderr().splitlines()[1:] == [], other.stderr()


# -- the pages -----------------------------------------------------------------------------------


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "data", "poster") and value:
                self.references.append(value)


def test_the_query_form_loads_nothing_from_elsewhere(server: Server) -> None:
    reply = request(server.base)
    assert reply.status == 200
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    parser = _Resources()
    parser.feed(reply.text)
    assert "textarea" in parser.tags and "script" in parser.tags
    assert "link" not in parser.tags and "iframe" not in parser.tags
    for reference in parser.references:
        assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", reference, re.I), reference
    assert "@import" not in reply.text and "url(" not in reply.text
    policy = reply.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy  # its own script and style, by hash
    assert "timeline" in reply.text  # the named queries, as examples


def test_void_description_parses_as_turtle(server: Server) -> None:
    for path in ("void", ".well-known/void"):
        reply = request(f"{server.base}{path}", headers={"Accept": "text/turtle"})
        assert reply.status == 200
        assert reply.headers["content-type"] == "text/turtle; charset=utf-8"
        graph = Graph().parse(data=reply.body, format="turtle")
        dataset = URIRef(f"{server.base}void#dataset")
        kg = vzkg.load()
        quads = sum(1 for _ in kg.quads((None, None, None, None)))
        assert graph.value(dataset, URIRef(VOID + "triples")) == Literal(quads)
        assert graph.value(dataset, URIRef(VOID + "sparqlEndpoint")) == URIRef(server.sparql)
        assert URIRef("https://schema.org/") in set(
            graph.objects(dataset, URIRef(VOID + "vocabulary"))
        )
        assert graph.value(dataset, DCTERMS.license) == URIRef(
            "https://creativecommons.org/licenses/by/4.0/"
        )
        names = set(graph.objects(None, URIRef(SD + "name")))
        assert vzkg.VZG["d4642c25d83ac452"] in names and vzkg.VZG["entities"] in names
    # without a query, the endpoint answers with the same description
    assert request(server.sparql, headers={"Accept": "text/turtle"}).body == reply.body
    json_ld = request(f"{server.base}void", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=json_ld.body, format="json-ld")) == len(graph)


def test_cors_lets_browsers_ask(server: Server) -> None:
    origin = {"Origin": "https://example.org"}
    assert get_headers(server, origin)["access-control-allow-origin"] == "*"
    preflight = request(
        server.sparql,
        method="OPTIONS",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()


def get_headers(server: Server, headers: dict[str, str]) -> dict[str, str]:
    url = f"{server.sparql}?{urllib.parse.urlencode({'query': CHEAP})}"
    return request(url, headers=headers).headers


# -- real clients --------------------------------------------------------------------------------


def test_sparqlwrapper(server: Server) -> None:
    from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(server.sparql)
    client.setQuery(LABELS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index, call-overload]
    assert [row["label"]["value"] for row in rows] == expected_labels()

    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("literal")  # type: ignore[union-attr]
    client.setReturnFormat(CSV)
    assert client.query().convert().splitlines()[0] == b"label"  # type: ignore[union-attr]

    client.setQuery(CHEAP)
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # type: ignore[index, call-overload]

    client.setQuery(
        "CONSTRUCT { vz:donald-trump owl:sameAs ?x } WHERE { vz:donald-trump owl:sameAs ?x }"
    )
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == 1

    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setQuery("SELECT ?x WHERE {")
    with pytest.raises(QueryBadFormed):
        client.query()
    client.setQuery("INSERT DATA { GRAPH vzg:x { vz:a vz:b vz:c } }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403


def test_rdflib_sparqlstore(server: Server) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server.sparql, returnFormat="json")
    remote = Graph(store=store)
    result = remote.query(LABELS.replace("vz:donald-trump", f"<{vzkg.VZ['donald-trump']}>"))
    assert [str(row[0]) for row in result] == expected_labels()  # type: ignore[index]
    assert bool(remote.query(f"ASK {{ <{vzkg.VZ['nicolas-maduro']}> ?p ?o }}").askAnswer)


def test_the_readme_client_examples_run(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    code = next(block for block in blocks if "SPARQLWrapper" in block)
    exec(compile(code.replace("http://127.0.0.1:8000/", server.base), "README.md", "exec"), {})
    assert "Donald Trump" in capsys.readouterr().out


# -- starting and stopping -----------------------------------------------------------------------


def test_stops_on_ctrl_c_with_130_and_no_traceback(tmp_path: Path) -> None:
    running = start(tmp_path, "--timeout", str(TIMEOUT))
    try:
        assert get(running, CHEAP).status == 200
    finally:
        code = running.stop(signal.SIGINT)
    assert code == 130
    assert "Traceback" not in running.stderr()


def test_port_in_use_is_one_error_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "vzkg", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == f"Error: cannot listen on 127.0.0.1 port {port}: Address already in use\n"


def test_a_privileged_port_is_one_error_line() -> None:
    command = [sys.executable, "-m", "vzkg", "serve", "--port", "1"]
    if os.geteuid() == 0:  # root may listen on port 1: ask without that capability
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv (util-linux) to drop root's right to low ports")
        drop = ["--bounding-set", "-net_bind_service", "--inh-caps", "-net_bind_service"]
        command = ["setpriv", *drop, *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == "Error: cannot listen on 127.0.0.1 port 1: Permission denied\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], r"Invalid value for '--port'"),
        (["--host", "192.0.2.1"], r"cannot listen on 192.0.2.1 port 8000: Cannot assign"),
        (["--max-request-size", "0"], r"Invalid value for '--max-request-size'"),
        (["--workers", "0"], r"Invalid value for '--workers'"),
        (["--data", "/nonexistent.ttl", "--port", "0"], r"/nonexistent.ttl"),
    ],
)
def test_bad_options_are_one_error_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert re.search(message, lines[0]), lines[0]


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a)
    )
    result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert result.stderr == "Error: vzkg serve needs uvicorn: pip install 'vzkg[serve]'\n"


def test_no_traceback_and_stops_with_143(server: Server) -> None:
    """Last: everything above went through this server without a word on its stderr."""
    assert get(server, CHEAP).status == 200
    assert server.stop() == 143
    lines = server.stderr().splitlines()
    assert lines[0].startswith("Serving at ")
    assert lines[1:] == [], server.stderr()
    with pytest.raises(urllib.error.URLError):
        request(server.sparql)
