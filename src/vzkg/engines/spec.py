"""Reading a ``--store`` spec: ``rdflib``, ``oxigraph``, ``oxigraph:PATH`` or ``sparql:URL``."""

from __future__ import annotations

import os

from ..errors import InputError
from .base import Store

#: the specs ``--store`` takes, for help texts and errors
ENGINES = ("rdflib", "oxigraph", "oxigraph:PATH", "sparql:URL")


def open_store(
    spec: str, *, writable: bool = False, entailment: bool = True, timeout: float | None = None
) -> Store:
    """Open the store *spec* names; in-memory stores start empty.

    ``oxigraph:PATH`` opens the folder PATH read-only, so that any number of commands may
    read it at once; *writable* opens it to write (``vzkg load``), creating it if missing,
    which takes RocksDB's lock: one writer, and no reader meanwhile. ``sparql:URL`` checks
    that the server answers (within *timeout* seconds, 10 by default). *entailment* false
    leaves ``vzg:entailed`` out of what queries see.

    >>> open_store("oxigraph").engine
    'oxigraph'
    >>> open_store("sqlite")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vzkg.errors.InputError: unknown store 'sqlite'; use rdflib, oxigraph, oxigraph:PATH or ...
    """
    if not isinstance(spec, str):
        raise InputError(f"a store is named by a text such as 'oxigraph:PATH', not {spec!r}")
    engine, _, where = spec.partition(":")
    if spec == "rdflib":
        from .memory import RdflibStore

        return RdflibStore()
    if engine == "oxigraph":
        from .oxigraph import OxigraphStore

        if not _:
            return OxigraphStore(entailment=entailment)
        if not where:
            raise InputError("oxigraph:PATH needs a folder: oxigraph:./vzkg-db")
        path = os.path.expanduser(where)  # os.path: pathlib costs a cold query more
        if os.path.exists(path) and not os.path.isdir(path):
            raise InputError(f"{where} is not a folder, so it cannot be an Oxigraph store")
        if not os.path.exists(path) and not writable:
            raise InputError(
                f"there is no Oxigraph store at {where}; create one with "
                f"'vzkg load --store oxigraph:{where}'"
            )
        return OxigraphStore(path, entailment=entailment, writable=writable)
    if engine == "sparql":
        from .remote import SparqlStore

        return SparqlStore(where, entailment=entailment, timeout=timeout)
    shown = spec if len(spec) <= 60 else spec[:59] + "…"
    raise InputError(f"unknown store {shown!r}; use {', '.join(ENGINES[:-1])} or {ENGINES[-1]}")
