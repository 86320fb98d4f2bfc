"""Worker processes that answer queries, each query under the time limit in a main thread.

vzkg's time limit (:func:`vzkg.limits.time_limit`) is a SIGALRM timer, which only a main
thread can set, and a regular expression matched in C, or any native call, does not see it
before it returns. So the server runs no query itself: it hands each one to a worker process,
which runs it under the limit in its main thread, and kills a worker that has not answered
:data:`GRACE` seconds after the limit, then starts another. A runaway query holds one worker,
never the server, and while one worker is stuck the others answer. A query still running after
:data:`LONG` seconds of processor time yields the processor: its worker lowers its own
priority (``nice``), so that on a machine with few cores the short queries of other clients keep
their speed. Processor time, not the clock: a query that is slow only because the machine is
busy is not lowered.

Workers are forked, sharing the loaded graph's memory copy-on-write (the cyclic garbage
collector is kept off it with :func:`gc.freeze`, or it would touch, and so copy, every page).
A store on disk or on a server is not shared: each worker opens its own once it is forked
(the pool is given a function that opens it), as a RocksDB handle must not cross a fork.
The server's own process runs an event loop and threads, which must not be forked; so right
after loading, before any thread starts, it forks a *zygote*: a single-threaded process that
holds the graph and forks each worker on request, passing back its end of a socket pair. The
zygote also reaps and kills the workers, so that no process id is signalled after it has
been reused. Closing the zygote's pipe stops it and all its workers.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import signal
import socket
import threading
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from multiprocessing.reduction import recv_handle, send_handle
from typing import TYPE_CHECKING

from ..errors import QuerySyntaxError, RemoteAccessError, TimeLimitError, VzkgError
from ..limits import is_expired, time_limit
from .negotiation import GRAPH_TYPES, RESULT_TYPES, Choices, content_type

if TYPE_CHECKING:
    from rdflib import Graph

    from ..engines import Store
    from ..sparql import QueryResult

    #: what the workers answer from: a graph or store in memory, or a function that opens one
    Source = Graph | Store | Callable[[], Graph | Store]

#: Seconds a worker has past the time limit to answer before it is killed: enough for the
#: alarm to stop pure-Python work and for a large answer to cross the pipe.
GRACE = 2.0
#: Seconds of processor time after which a query counts as long: its worker lowers itself by
#: :data:`NICE` (a timer on ``ITIMER_PROF``, beside the time limit's ``ITIMER_REAL``), so that
#: short queries get the processors first, and is replaced once it has answered (a process
#: may not raise its priority again).
LONG = 0.25
NICE = 10
READ_ONLY = "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR…) are refused"


@dataclass(frozen=True)
class Limits:
    """What every query may take: seconds (``None``: no limit), rows of a SELECT answer
    (``None``: all), and whether it may reach URLs and files (see :mod:`vzkg.access`)."""

    timeout: float | None
    max_rows: int | None
    allow_remote: bool


@dataclass(frozen=True)
class Job:
    """A query, and the formats the client accepts for each kind of answer, best first."""

    sparql: str
    results: Choices
    graphs: Choices


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, ``Content-Type``, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def text(cls, status: int, message: str, *headers: tuple[str, str]) -> Answer:
        """A plain-text answer, for errors: one line saying what went wrong."""
        return cls(status, "text/plain; charset=utf-8", f"{message}\n".encode(), headers)


def stopped(timeout: float | None) -> Answer:
    return Answer.text(
        503, f"the query was stopped after {timeout:g} s, this endpoint's time limit"
    )


def not_acceptable(kind: str, offered: Iterable[str], reason: str = "") -> Answer:
    types = ", ".join(dict.fromkeys(offered))
    return Answer.text(
        406,
        f"a {kind} query's answer can be written as {types}; the Accept header allows "
        f"none of them{reason}",
    )


# -- in a worker ---------------------------------------------------------------------------------


def answer(graph: Graph | Store, job: Job, limits: Limits) -> Answer:
    """Run *job* against *graph* and write its answer; never raises an :class:`Exception`."""
    from ..sparql import query

    try:
        with time_limit(limits.timeout):
            try:
                result = query(graph, job.sparql, allow_remote=limits.allow_remote)
            except QuerySyntaxError:
                if _is_update(job.sparql):
                    return Answer.text(403, READ_ONLY)
                raise
            return _write(result, job, limits.max_rows)
    except TimeLimitError:
        return stopped(limits.timeout)
    except RemoteAccessError as error:
        return Answer.text(403, str(error))
    except VzkgError as error:
        return Answer.text(400, str(error))
    except Exception as error:
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:300]
        return Answer.text(500, f"internal error ({detail}); this is a bug in vzkg")
    except BaseException as error:
        if is_expired(error):  # the alarm, in the instant the body ended
            return stopped(limits.timeout)
        raise


def _is_update(sparql: str) -> bool:
    """Whether *sparql*, which is not a query, is a SPARQL update (a prologue alone is not)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        return bool(parseUpdate(sparql).request)
    except Exception:  # pyparsing raises assorted types
        return False


def _write(result: QueryResult, job: Job, max_rows: int | None) -> Answer:
    if result.kind in ("SELECT", "ASK"):
        from ..results import format_result

        headers: tuple[tuple[str, str], ...] = ()
        if max_rows is not None and len(result.rows) > max_rows:
            result = result.head(max_rows)
            headers = (("X-SPARQL-MaxRows", str(max_rows)),)
        if not job.results:
            return not_acceptable(result.kind, RESULT_TYPES)
        media, fmt = job.results[0]
        body = format_result(result, fmt).encode("utf-8")
        return Answer(200, content_type(media), body, headers)
    from ..serialization import serialize

    assert result.graph is not None
    reason = ""
    for media, fmt in job.graphs:
        try:
            body = serialize(result.graph, format=fmt)
        except VzkgError as error:  # RDF/XML cannot write some predicates: try the next
            reason = f" but {fmt}, which cannot hold it: {error}"
            continue
        return Answer(200, content_type(media), body)
    return not_acceptable(result.kind, GRAPH_TYPES, reason)


def _work(source: Source, limits: Limits, connection: Connection) -> None:
    """A worker's life: open the store if it is to, then answer each job that arrives, until
    the server goes away; with each answer, say whether the query ran long enough for the
    worker to lower itself."""
    lowered = False
    failed: Answer | None = None
    try:
        graph = source() if callable(source) else source
    except VzkgError as error:  # the store went away after the server opened it
        failed = Answer.text(503, f"this endpoint cannot open its store: {error}")

    def lower(signum: int, frame: object) -> None:
        nonlocal lowered
        if not lowered:
            os.nice(NICE)
            lowered = True

    signal.signal(signal.SIGPROF, lower)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        signal.setitimer(signal.ITIMER_PROF, LONG)
        reply = failed or answer(graph, job, limits)
        signal.setitimer(signal.ITIMER_PROF, 0)
        try:
            connection.send((reply, lowered))
        except OSError:
            return


def _quiet() -> None:
    """A forked process answers over its pipe only: Ctrl-C in the terminal reaches the whole
    process group, and the server stops its workers itself; SIGTERM ends it at once; rdflib's
    log records and warnings would be noise on the server's stderr."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def _zygote(
    source: Source, limits: Limits, commands: Connection, server: Connection, close: tuple[int, ...]
) -> None:
    """Fork a worker on each ``spawn``, kill one on ``kill``; on end of file, kill them all."""
    server.close()  # the server's end of the pipe: only the server may hold it, or no end of file
    for fd in close:  # the server's listening socket: no worker may keep the port
        os.close(fd)
    _quiet()
    # the first query of a process imports modules and builds rdflib's SPARQL parser: do it
    # once here, so that every worker, the replacements too, starts warm (on an empty graph
    # when each worker opens its own store: the modules are what it would load)
    from ..namespaces import new_graph

    warm_up = Job("", (("application/sparql-results+json", "json"),), (("text/turtle", "turtle"),))
    warm = new_graph() if callable(source) else source
    for sparql in ("SELECT * { ?s ?p ?o } LIMIT 1", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"):
        answer(warm, replace(warm_up, sparql=sparql), limits)
    children: set[int] = set()
    while True:
        try:
            command, pid = commands.recv()
        except (EOFError, OSError):
            break
        for child in list(children):  # reap workers that died on their own
            if os.waitpid(child, os.WNOHANG)[0]:
                children.discard(child)
        if command == "spawn":
            ours, theirs = socket.socketpair()
            child = os.fork()
            if child == 0:
                try:
                    ours.close()
                    commands.close()
                    _work(source, limits, Connection(theirs.detach()))
                finally:
                    os._exit(0)
            theirs.close()
            children.add(child)
            commands.send(child)
            send_handle(commands, ours.fileno(), os.getppid())
            ours.close()
        elif command == "kill" and pid in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            children.discard(pid)
            commands.send(None)
        else:
            commands.send(None)
    for child in children:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


# -- in the server -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Worker:
    pid: int
    connection: Connection


class PoolError(VzkgError):
    """The worker processes cannot be started (the zygote has gone)."""


def _ask(worker: _Worker, job: Job) -> tuple[Answer, bool]:
    """Send *job* to *worker*; its answer, and whether the worker lowered itself."""
    worker.connection.send(job)
    reply: tuple[Answer, bool] = worker.connection.recv()
    return reply


class WorkerPool:
    """*size* workers answering from *source* (see :func:`_work`); :meth:`run` answers a job
    in the first free one.

    Create it before any thread starts (it forks), and :meth:`close` it at the end.
    """

    def __init__(
        self, source: Source, limits: Limits, *, size: int, close: tuple[int, ...] = ()
    ) -> None:
        self.limits = limits
        context = multiprocessing.get_context("fork")
        self._commands, theirs = context.Pipe()
        gc.freeze()  # the graph moves to the permanent generation, in the zygote too
        self._zygote = context.Process(
            target=_zygote,
            args=(source, limits, theirs, self._commands, close),
            name="vzkg-zygote",
            daemon=True,
        )
        self._zygote.start()
        assert self._zygote.pid is not None
        self._zygote_pid = self._zygote.pid
        gc.unfreeze()
        theirs.close()
        self._lock = threading.Lock()  # one conversation with the zygote at a time
        self._closing = False
        self._threads = ThreadPoolExecutor(2 * size + 1, thread_name_prefix="vzkg-worker")
        self._workers: list[_Worker] = []
        for _ in range(size):
            self._spawn()
        self._idle: asyncio.Queue[_Worker] | None = None

    @property
    def pids(self) -> list[int]:
        """The process ids of the zygote and of the current workers."""
        return [self._zygote_pid, *(worker.pid for worker in self._workers)]

    def _spawn(self) -> _Worker:
        try:
            with self._lock:
                self._commands.send(("spawn", None))
                pid = self._commands.recv()
                fd = recv_handle(self._commands)
        except (EOFError, OSError):
            raise PoolError("the endpoint's worker processes stopped") from None
        worker = _Worker(pid, Connection(fd))
        self._workers = [w for w in self._workers if w.pid != pid] + [worker]
        return worker

    def _kill(self, worker: _Worker) -> None:
        worker.connection.close()
        self._workers = [w for w in self._workers if w is not worker]
        try:
            with self._lock:
                self._commands.send(("kill", worker.pid))
                self._commands.recv()
        except (EOFError, OSError):
            pass  # the zygote has gone, and its workers with it

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        if self._closing or self._idle is None:
            return
        try:
            fresh = self._spawn()
        except PoolError:
            return  # the pool shrinks; queries wait for the workers left, or time out
        queue = self._idle
        self._loop.call_soon_threadsafe(queue.put_nowait, fresh)

    async def start(self) -> None:
        """Make the workers available to :meth:`run` (in the server's event loop)."""
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        for worker in self._workers:
            self._idle.put_nowait(worker)

    async def run(self, job: Job) -> Answer:
        """Answer *job* in a free worker. A worker that lowered itself (a query that ran for
        :data:`LONG` seconds of processor time) is replaced after answering; one that overruns
        the time limit by :data:`GRACE` seconds is killed and replaced."""
        assert self._idle is not None, "start() the pool first"
        timeout = self.limits.timeout
        deadline = None if timeout is None else timeout + GRACE
        try:
            worker = await asyncio.wait_for(self._idle.get(), deadline)
        except asyncio.TimeoutError:
            return Answer.text(503, "every worker of this endpoint is busy", ("Retry-After", "1"))
        loop = asyncio.get_running_loop()
        asked = loop.run_in_executor(self._threads, _ask, worker, job)
        keep = False
        try:
            reply, lowered = await asyncio.wait_for(asked, deadline)
            keep = not lowered
            return reply
        except asyncio.TimeoutError:
            return stopped(timeout)
        except (EOFError, OSError):
            return Answer.text(500, "the worker answering the query stopped; try again")
        finally:
            if keep:
                self._idle.put_nowait(worker)
            elif not self._closing:
                self._threads.submit(self._replace, worker)

    def close(self) -> None:
        """Stop the workers and the zygote; queries still running are abandoned."""
        self._closing = True
        for worker in self._workers:
            worker.connection.close()
        self._commands.close()  # the zygote kills its workers and ends
        self._zygote.join(5)
        if self._zygote.is_alive():
            self._zygote.kill()
            self._zygote.join()
        self._threads.shutdown(wait=False, cancel_futures=True)
