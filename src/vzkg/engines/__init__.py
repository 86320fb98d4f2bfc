"""Where the graph lives and which engine answers queries over it.

Three engines behind one interface, :class:`~vzkg.engines.base.Store`:

- ``rdflib``: rdflib's Dataset in memory, what :func:`vzkg.load` returns;
- ``oxigraph``: pyoxigraph in memory, or ``oxigraph:PATH``, a folder opened, not re-parsed;
- ``sparql:URL``: any SPARQL 1.1 server, through the SPARQL 1.1 Protocol (queries) and the
  Graph Store Protocol (loading and replacing named graphs).

:func:`open_store` reads a ``--store`` spec.
"""

from __future__ import annotations

from .base import Store
from .spec import ENGINES, open_store

__all__ = ["ENGINES", "Store", "open_store"]
