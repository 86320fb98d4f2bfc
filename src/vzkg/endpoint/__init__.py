"""A read-only SPARQL endpoint over the graph (``vzkg serve``).

The SPARQL 1.1 Protocol at ``/sparql`` (and ``/query``): GET ``?query=``, POST form-encoded
or ``application/sparql-query``; answers in the W3C result formats or RDF syntaxes by content
negotiation; updates refused (403); every query under the time limit in a worker process
(:mod:`vzkg.endpoint.workers`); requests larger than a limit refused (413); a query form on
``/`` and the dataset's VoID description at ``/void`` and ``/.well-known/void``; CORS open to
every origin, since the endpoint is read-only and anonymous. It listens on 127.0.0.1 unless
told otherwise. The web side is Starlette and uvicorn, the optional extra ``vzkg[serve]``.

>>> sock = listen("127.0.0.1", 0)
>>> sock.getsockname()[0]
'127.0.0.1'
>>> sock.close()
"""

from __future__ import annotations

import importlib.util
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import InputError
from ..limits import DEFAULT_TIMEOUT, ENDPOINT_MAX_ROWS, MAX_REQUEST_BYTES
from .workers import Limits, WorkerPool

if TYPE_CHECKING:
    from rdflib import Dataset

    from ..engines import Store

#: Seconds that running queries get to finish when the server is told to stop.
SHUTDOWN_GRACE = 2
#: Connections open at once beyond which uvicorn answers 503 at once.
MAX_CONNECTIONS = 256


def require_server() -> None:
    """Raise :class:`InputError` naming the extra to install when Starlette or uvicorn is
    missing, or the system cannot fork the workers."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        raise InputError("vzkg serve needs a system that can fork processes (Linux, macOS)")
    missing = [name for name in ("starlette", "uvicorn") if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(f"vzkg serve needs {' and '.join(missing)}: pip install 'vzkg[serve]'")


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on *host* and *port* (0: any free port), or an :class:`InputError`
    saying why not (the port is taken, the address is not this machine's…)."""
    where = f"{host} port {port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        raise InputError(f"cannot listen on {where}: {getattr(error, 'strerror', error)}") from None
    family, kind, protocol, _, address = infos[0]
    sock = socket.socket(family, kind, protocol)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart at once after a stop
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise InputError(f"cannot listen on {where}: {error.strerror or error}") from None
    return sock


def serve(
    graph: Dataset | Store | Callable[[], Dataset | Store],
    listener: socket.socket,
    *,
    workers: int = 2,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = ENDPOINT_MAX_ROWS,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    allow_remote: bool = False,
    title: str | None = "vzkg",
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Answer SPARQL queries over *graph* on *listener* until interrupted (Ctrl-C, SIGTERM).

    *graph* is an rdflib Dataset (:func:`vzkg.load`), a store in memory, or a function that
    opens a store (``functools.partial(vzkg.open_store, "oxigraph:PATH")``): each worker
    calls it once it is forked, since a store on disk (RocksDB) or a connection must not
    cross a fork; the server calls it once to describe the dataset, and closes it.

    *workers* processes answer queries, each stopped after *timeout* seconds (``None``: no
    limit) and killed if it has not answered soon after; a SELECT answer carries at most
    *max_rows* rows (``None``: all), with an ``X-SPARQL-MaxRows`` header when cut. *on_ready*
    is called with the endpoint's base URL once it answers. The caller should hold no other
    reference to *graph*: the workers keep it, the server does not.
    """
    require_server()
    import uvicorn

    from ..engines.memory import as_store
    from ..queries import named_queries
    from .app import Site, create_app
    from .void import describe

    if callable(graph):
        with as_store(graph()) as opened:  # closed before the workers are forked
            description = describe(opened)
    else:
        description = describe(as_store(graph))
    examples = {name: named.text for name, named in named_queries().items()}
    limits = Limits(timeout, max_rows, allow_remote)
    pool = WorkerPool(graph, limits, size=workers, close=(listener.fileno(),))
    del graph
    try:
        host, port = listener.getsockname()[:2]
        base = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
        app = create_app(pool, Site(base, description, title, max_request_bytes, examples))
        config = uvicorn.Config(
            app,
            http="h11",  # its header limit is ours to set, so that a long URL gets our 413
            h11_max_incomplete_event_size=max_request_bytes + 65_536,
            lifespan="on",
            log_level="warning",
            access_log=False,
            server_header=False,
            limit_concurrency=MAX_CONNECTIONS,
            timeout_graceful_shutdown=SHUTDOWN_GRACE,
        )
        if on_ready is not None:
            on_ready(base)
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        pool.close()
        listener.close()
