"""The SHACL engines that check the shapes' Core constraints: pyshacl-turbo, else pySHACL.

Both take an rdflib graph and return pySHACL's ``(conforms, results graph, text)``. pySHACL is
the reference: the tests compare the other engines with it on every case of ``tests/shapes/``.
pyshacl-turbo (Rust, pySHACL's interface) agrees with it on all of them and is 10–90× faster
(``bench/bench_validation.py``); it is used wherever it is installed (Python 3.11 and later)
for shapes without SPARQL. Its work runs outside Python, where a time limit can only stop it
once it returns, and in a thread of its own (:func:`start`); with Core constraints alone it
reaches no URL or file, and its regular expressions run in linear time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib.util import find_spec
from typing import Any

from rdflib import Graph
from rdflib.namespace import SH

from ..errors import InputError

PYSHACL = "pyshacl"
TURBO = "pyshacl-turbo"
ENGINES = (TURBO, PYSHACL)

Answer = tuple[bool, Graph | Any, str]  # pySHACL's (conforms, results graph, text)


def default_engine(shapes: Graph) -> str:
    """pyshacl-turbo where it is installed, else pySHACL; pySHACL too for *shapes* that still
    hold SPARQL (what vzkg cannot run as whole-graph queries), since only Python code answers
    to vzkg's guard on network and file access and to its time limit."""
    # next(), not the generator itself: a generator is always true
    sparql = any(next(shapes.triples((None, p, None)), None) for p in (SH.select, SH.ask))
    return TURBO if not sparql and find_spec("pyshacl_turbo") is not None else PYSHACL


def start(engine: str, data: Graph | Any, shapes: Graph) -> Callable[[], Answer]:
    """Start :func:`run`, and return what waits for its answer: pyshacl-turbo in a thread of
    its own, as it works in Rust with the GIL released, so that the caller's thread can do
    other work meanwhile (vzkg's own checks); pySHACL, Python code that the time limit's
    signals and vzkg's guard must reach, only once asked, in the caller's thread.

    The thread runs in a copy of the caller's context, under its guard on network and file
    access. A time limit stops the wait, not the engine: it finishes its work in the
    background (in the caller's thread it could not be stopped either, only waited for)."""
    if engine != TURBO:
        return partial(run, engine, data, shapes)
    from concurrent.futures import ThreadPoolExecutor
    from contextvars import copy_context

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vzkg-shacl")
    try:
        answer = pool.submit(copy_context().run, run, engine, data, shapes)
    finally:
        pool.shutdown(wait=False)  # the thread ends with its one task
    return answer.result


def run(engine: str, data: Graph | Any, shapes: Graph) -> Answer:
    """Validate *data* (an rdflib graph, or for pyshacl-turbo a pyoxigraph store) against
    *shapes* with *engine*, taking no inference."""
    if engine == TURBO:
        import pyshacl_turbo as validator
    elif engine == PYSHACL:
        import pyshacl as validator  # type: ignore[no-redef]  # imported here: about 0.5 s
    else:
        raise InputError(f"unknown SHACL engine {engine!r}; use one of {', '.join(ENGINES)}")
    conforms, results, text = validator.validate(
        data, shacl_graph=shapes, inference="none", allow_infos=True, allow_warnings=True
    )
    return bool(conforms), results, str(text)
