"""The endpoint's web application: the SPARQL 1.1 Protocol, the query form and VoID.

Built on Starlette (served by uvicorn): a small, typed, well-kept ASGI toolkit whose routing,
CORS middleware and request streaming are all the endpoint needs, with no template engine or
ORM; the queries themselves run in worker processes (:mod:`vzkg.endpoint.workers`), so the
event loop only parses requests and moves bytes.

Statuses: 200; 400 a malformed request or query (the message names the syntax error); 403 an
update, or a URL or file the query asks for; 404, 405; 406 no acceptable format; 413 a request
larger than the limit; 415 an unknown request body type; 500 a bug; 503 the query ran past the
time limit (or every worker stayed busy that long).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import string
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from importlib.resources import files
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from .negotiation import GRAPH_TYPES, RESULT_TYPES, content_type, negotiate
from .void import Description, void_graph, write
from .workers import READ_ONLY, Answer, Job, WorkerPool

_FORM_FIELDS = 1000  # more form fields than any client sends: refused
_SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff"}


class ProtocolError(Exception):
    """A request the endpoint answers with *status* and a one-line *message*."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Site:
    """What the pages say about the endpoint: where it is, and what it serves."""

    base: str  # http://host:port/
    description: Description
    title: str | None
    max_request_bytes: int
    examples: dict[str, str]


def _answer(answer: Answer, *, vary: bool = True) -> Response:
    headers = {"Content-Type": answer.content_type, **_SECURITY_HEADERS, **dict(answer.headers)}
    if vary:
        headers["Vary"] = "Accept"
    return Response(answer.body, status_code=answer.status, headers=headers)


def _parse_form(raw: bytes, where: str) -> dict[str, list[str]]:
    try:
        return parse_qs(
            raw.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=False,
            errors="strict",
            max_num_fields=_FORM_FIELDS,
        )
    except UnicodeDecodeError:
        raise ProtocolError(400, f"{where} is not UTF-8 text") from None
    except ValueError:
        raise ProtocolError(400, f"{where} has more than {_FORM_FIELDS} fields") from None


async def _body(request: Request, limit: int) -> bytes:
    too_large = ProtocolError(413, f"the request is larger than this endpoint's {limit:,} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def read_query(request: Request, limit: int) -> str | None:
    """The query of a SPARQL Protocol request, or None for a GET without one.

    Raises :class:`ProtocolError` for an update (403), a request over *limit* bytes (413),
    an unknown body type (415) and anything else malformed (400).
    """
    raw = request.scope["query_string"]
    if len(raw) > limit:
        raise ProtocolError(413, f"the URL is longer than this endpoint's {limit:,} bytes")
    params = _parse_form(raw, "the URL's query string")
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise ProtocolError(403, READ_ONLY)
        body = await _body(request, limit)
        if media == "application/x-www-form-urlencoded":
            for name, values in _parse_form(body, "the form").items():
                params.setdefault(name, []).extend(values)
        elif media == "application/sparql-query":
            try:
                params.setdefault("query", []).append(body.decode("utf-8"))
            except UnicodeDecodeError:
                raise ProtocolError(400, "the query is not UTF-8 text") from None
        else:
            raise ProtocolError(
                415,
                f"send the query as application/sparql-query or "
                f"application/x-www-form-urlencoded, not {media or 'no Content-Type'}",
            )
    if "update" in params:
        raise ProtocolError(403, READ_ONLY)
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in params:
            raise ProtocolError(
                400, f"{name} is not supported: the dataset is fixed; use GRAPH in the query"
            )
    queries = params.get("query", [])
    if len(queries) > 1:
        raise ProtocolError(400, "the request holds more than one query")
    if not queries:
        if request.method == "GET":
            return None
        raise ProtocolError(400, "no query: send it as the query parameter or the request body")
    if not queries[0].strip():
        raise ProtocolError(400, "the query is empty")
    return queries[0]


def _guarded(
    handler: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    """Answer a bug with a 500 and one line on stderr, never a traceback."""

    async def guarded(request: Request) -> Response:
        try:
            return await handler(request)
        except ProtocolError as error:
            return _answer(Answer.text(error.status, str(error)), vary=False)
        except ClientDisconnect:
            return Response(status_code=400)  # nobody is listening
        except Exception as error:
            detail = " ".join(f"{type(error).__name__}: {error}".split())[:300]
            with contextlib.suppress(OSError):
                print(f"Error: internal error ({detail}); this is a bug in vzkg", file=sys.stderr)
            return _answer(Answer.text(500, f"internal error ({detail})"), vary=False)

    return guarded


def _page(site: Site, timeout: float | None) -> tuple[bytes, str]:
    """The query form, and the Content-Security-Policy that allows its own script and style
    (by their hashes) and nothing from elsewhere."""
    package = files("vzkg.endpoint")
    script = package.joinpath("form.js").read_text(encoding="utf-8")
    template = string.Template(package.joinpath("form.html").read_text(encoding="utf-8"))
    examples = json.dumps(site.examples, ensure_ascii=False).replace("<", "\\u003c")
    default = site.examples.get("timeline", "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    page = template.substitute(
        triples=f"{site.description.triples:,}",
        timeout="without a time limit" if timeout is None else f"{timeout:g} seconds",
        endpoint=html.escape(f"{site.base}sparql"),
        query=html.escape(default),
        examples=examples,
        script=script,
    )
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]

    def digest(text: str) -> str:
        value = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        return f"'sha256-{value}'"

    policy = (
        f"default-src 'none'; script-src {digest(script)}; style-src {digest(style)}; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    return page.encode("utf-8"), policy


def create_app(pool: WorkerPool, site: Site) -> Starlette:
    """The endpoint as an ASGI application answering from *pool*."""
    page, policy = _page(site, pool.limits.timeout)
    void = void_graph(site.description, site.base, title=site.title)
    written: dict[str, bytes] = {}

    def describe(accept: str | None) -> Response:
        choices = negotiate(accept, GRAPH_TYPES)
        if not choices:
            raise ProtocolError(
                406,
                f"the description can be written as {', '.join(GRAPH_TYPES)}; "
                "the Accept header allows none of them",
            )
        media, fmt = choices[0]
        if fmt not in written:
            written[fmt] = write(void, fmt)
        return _answer(Answer(200, content_type(media), written[fmt]))

    async def form(request: Request) -> Response:
        headers = {"Content-Security-Policy": policy, **_SECURITY_HEADERS}
        return Response(page, headers=headers, media_type="text/html; charset=utf-8")

    async def sparql(request: Request) -> Response:
        text = await read_query(request, site.max_request_bytes)
        accept = request.headers.get("accept")
        if text is None:  # the service description, as the Protocol suggests
            return describe(accept)
        results, graphs = negotiate(accept, RESULT_TYPES), negotiate(accept, GRAPH_TYPES)
        if not results and not graphs:
            offered = ", ".join(dict.fromkeys([*RESULT_TYPES, *GRAPH_TYPES]))
            raise ProtocolError(406, f"answers can be written as {offered}; the Accept "
                                "header allows none of them")  # fmt: skip
        return _answer(await pool.run(Job(text, results, graphs)))

    async def void_page(request: Request) -> Response:
        return describe(request.headers.get("accept"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        yield

    routes = [
        Route("/", _guarded(form), methods=["GET"]),
        Route("/sparql", _guarded(sparql), methods=["GET", "POST"]),
        Route("/query", _guarded(sparql), methods=["GET", "POST"]),
        Route("/void", _guarded(void_page), methods=["GET"]),
        Route("/.well-known/void", _guarded(void_page), methods=["GET"]),
    ]
    cors = Middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["X-SPARQL-MaxRows"],
        max_age=86400,
    )
    return Starlette(routes=routes, middleware=[cors], lifespan=lifespan)
