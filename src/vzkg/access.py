"""What data, queries and shapes may reach beyond the graph: by default, nothing.

rdflib fetches what a document or a query names: SPARQL ``SERVICE`` sends the query to its URL,
``FROM`` and ``FROM NAMED`` load theirs (``file:`` and relative IRIs from disk), a JSON-LD
``@context`` is fetched or read, and pySHACL runs SPARQL constraints through the same engine.
While vzkg runs rdflib or pySHACL on someone's input, :func:`remote_access` refuses all of it
with a Python audit hook (:func:`sys.addaudithook`), which sees every connection, URL request,
and file opened, whichever code does it. A hook cannot be removed, so it is
installed on first use (``import vzkg`` installs nothing) and does nothing outside that work: a
context variable marks the work it guards, which also leaves other threads alone.

Reading the Python installation itself stays allowed: rdflib imports plugins and reads package
metadata as it works (the folders Python imports from, but the working folder). When remote
access is allowed, every connection times out after :data:`REMOTE_TIMEOUT` seconds without an
answer.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from .errors import RemoteAccessError

#: Seconds a connection may wait to open or for each answer, when remote access is allowed.
REMOTE_TIMEOUT = 10.0

#: How to open the door; every refusal says it.
ALLOW_HINT = "allow it with --allow-remote (allow_remote=True in Python)"

_EVENTS = frozenset({"open", "urllib.Request", "socket.getaddrinfo", "socket.connect"})
_IMPORT_SYSTEM = "<frozen importlib._bootstrap_external>"


class _Refused(BaseException):
    """Raised by the hook inside rdflib; not an Exception, so that rdflib's fall-backs (it
    tries four parsers on each FROM) do not swallow it."""


@dataclass
class _Scope:
    allowed: bool
    refused: list[str] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)


_SCOPE: ContextVar[_Scope | None] = ContextVar("vzkg_remote_access", default=None)
_install_lock = threading.Lock()
_installed = False


def _code_places() -> tuple[str, ...]:
    """Where Python's library and installed packages live: the places it imports from (but the
    working folder) and vzkg's dependencies, as real paths."""
    import sysconfig

    places = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    places.update(entry for entry in sys.path if entry and os.path.abspath(entry) != os.getcwd())
    for name in ("rdflib", "pyshacl", "vzkg"):
        module = sys.modules.get(name)
        if module is not None and module.__file__:
            places.add(os.path.dirname(module.__file__))
    return tuple(os.path.realpath(place) for place in places)


def _is_installed_code(path: str | bytes | os.PathLike[Any]) -> bool:
    real = os.path.realpath(os.fsdecode(path))
    return any(real == place or real.startswith(place + os.sep) for place in _code_places())


def _describe(event: str, args: tuple[Any, ...]) -> str:
    if event == "open":
        return f"open the file {os.fsdecode(args[0])}"
    if event == "urllib.Request":
        return f"fetch {args[0]}"
    if event == "socket.getaddrinfo":
        return f"look up the host {args[0]}"
    address = args[1]
    if isinstance(address, tuple) and len(address) >= 2:
        return f"connect to {address[0]} port {address[1]}"
    return f"connect to {address}"


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event not in _EVENTS:
        return
    scope = _SCOPE.get()
    if scope is None:
        return
    if event == "open":
        target = args[0]
        if not isinstance(target, (str, bytes, os.PathLike)):
            return  # a file descriptor already open
        if sys._getframe(1).f_code.co_filename == _IMPORT_SYSTEM or _is_installed_code(target):
            return
    if scope.allowed:
        if event == "socket.connect" and args[0].gettimeout() is None:
            args[0].settimeout(REMOTE_TIMEOUT)
        scope.reached.append(_describe(event, args))
        return
    what = _describe(event, args)
    scope.refused.append(what)
    raise _Refused(what)


def _install() -> None:
    global _installed
    with _install_lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


@contextmanager
def remote_access(allowed: bool = False) -> Iterator[None]:
    """Run the body with every URL or file that its input names refused, unless *allowed*.

    A refusal becomes one :class:`~vzkg.errors.RemoteAccessError` naming what was refused and
    how to allow it, whatever rdflib made of it on the way. When allowed, a network failure
    (a closed port, a timeout) is a :class:`~vzkg.errors.RemoteAccessError` too.

    >>> from rdflib import Dataset
    >>> with remote_access():  # doctest: +ELLIPSIS
    ...     Dataset().query("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }").bindings
    Traceback (most recent call last):
    ...
    vzkg.errors.RemoteAccessError: refused to open the file /etc/passwd, as the input asks; ...
    """
    _install()
    scope = _Scope(allowed)
    token = _SCOPE.set(scope)
    try:
        yield
    except (Exception, _Refused) as error:
        if scope.refused:
            raise refusal(scope.refused[0]) from None
        if isinstance(error, OSError) and scope.reached:
            reason = getattr(error, "reason", None) or error.strerror or error
            raise RemoteAccessError(f"could not {_request(scope.reached)}: {reason}") from None
        raise
    finally:
        _SCOPE.reset(token)
    if scope.refused:  # refused, and rdflib carried on without it
        raise refusal(scope.refused[0])


def _request(reached: list[str]) -> str:
    """The last URL or file asked for (a connection is a step of fetching a URL)."""
    asked = [what for what in reached if what.startswith(("fetch", "open"))]
    return (asked or reached)[-1]


def refusal(what: str) -> RemoteAccessError:
    """The error refusing *what* ("fetch URL", "open the file PATH")."""
    return RemoteAccessError(f"refused to {what}, as the input asks; {ALLOW_HINT}")
