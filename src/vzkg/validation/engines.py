"""The SHACL engines that check the shapes' Core constraints: pyshacl-turbo, else pySHACL.

Both take an rdflib graph and return pySHACL's ``(conforms, results graph, text)``. pySHACL is
the reference: the tests compare the other engines with it on every case of ``tests/shapes/``.
pyshacl-turbo (Rust, pySHACL's interface) agrees with it on all of them and is 10–90× faster
(``bench/bench_validation.py``); it is used wherever it is installed (Python 3.11 and later)
for shapes without SPARQL. Its work runs outside Python, where a time limit can only stop it
once it returns; with Core constraints alone it reaches no URL or file, and its regular
expressions run in linear time.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from rdflib import Graph
from rdflib.namespace import SH

from ..errors import InputError

PYSHACL = "pyshacl"
TURBO = "pyshacl-turbo"
ENGINES = (TURBO, PYSHACL)


def default_engine(shapes: Graph) -> str:
    """pyshacl-turbo where it is installed, else pySHACL; pySHACL too for *shapes* that still
    hold SPARQL (what vzkg cannot run as whole-graph queries), since only Python code answers
    to vzkg's guard on network and file access and to its time limit."""
    # next(), not the generator itself: a generator is always true
    sparql = any(next(shapes.triples((None, p, None)), None) for p in (SH.select, SH.ask))
    return TURBO if not sparql and find_spec("pyshacl_turbo") is not None else PYSHACL


def run(engine: str, data: Graph | Any, shapes: Graph) -> tuple[bool, Graph | Any, str]:
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
