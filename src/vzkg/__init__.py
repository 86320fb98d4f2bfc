"""vzkg: a sourced, validated knowledge graph of the March 2025 US–Venezuela deportation story.

>>> import vzkg
>>> kg = vzkg.load()                                   # an rdflib Dataset
>>> vzkg.validate(kg).conforms
True
>>> result = vzkg.query(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?q a schema:Quotation }")
>>> int(result.rows[0][0])
5

Names are imported on first use, so ``import vzkg`` (and ``vzkg --help``) stays cheap.
"""

from __future__ import annotations

from importlib import import_module

# typing.TYPE_CHECKING without importing typing: `vzkg --help` must start fast
TYPE_CHECKING = False

__version__ = "0.1.0"

# public name -> (module, attribute)
_EXPORTS = {
    "load": ("store", "load"),
    "open_store": ("engines", "open_store"),
    "Store": ("engines", "Store"),
    "query": ("sparql", "query"),
    "QueryResult": ("sparql", "QueryResult"),
    "validate": ("validation", "validate"),
    "ValidationReport": ("validation", "ValidationReport"),
    "export": ("serialization", "export"),
    "verify_evidence": ("evidence", "verify_file"),
    "EvidenceReport": ("evidence", "EvidenceReport"),
    "VZKG": ("vocab", "VZKG"),
    "VZ": ("namespaces", "VZ"),
    "VZG": ("namespaces", "VZG"),
    "PREFIXES": ("namespaces", "PREFIXES"),
    "VzkgError": ("errors", "VzkgError"),
    "search": ("fulltext", "search"),
    "describe": ("description", "describe"),
    "Description": ("description", "Description"),
    "cite": ("citation", "cite"),
    "Citation": ("citation", "Citation"),
    "timeline": ("chronology", "timeline"),
    "stats": ("counts", "stats"),
    "Stats": ("counts", "Stats"),
    "named_queries": ("queries", "named_queries"),
    "run_named_query": ("parameters", "run_named_query"),
    "SearchIndex": ("fulltext", "SearchIndex"),
    "SearchResult": ("fulltext", "SearchResult"),
}

__all__ = [
    "PREFIXES",
    "VZ",
    "VZG",
    "VZKG",
    "Citation",
    "Description",
    "EvidenceReport",
    "QueryResult",
    "SearchIndex",
    "SearchResult",
    "Stats",
    "Store",
    "ValidationReport",
    "VzkgError",
    "__version__",
    "cite",
    "describe",
    "export",
    "load",
    "named_queries",
    "open_store",
    "query",
    "run_named_query",
    "search",
    "stats",
    "timeline",
    "validate",
    "verify_evidence",
]

if TYPE_CHECKING:
    from typing import Any

    from .chronology import timeline
    from .citation import Citation, cite
    from .counts import Stats, stats
    from .description import Description, describe
    from .engines import Store, open_store
    from .errors import VzkgError
    from .evidence import EvidenceReport
    from .evidence import verify_file as verify_evidence
    from .fulltext import SearchIndex, SearchResult, search
    from .namespaces import PREFIXES, VZ, VZG
    from .parameters import run_named_query
    from .queries import named_queries
    from .serialization import export
    from .sparql import QueryResult, query
    from .store import load
    from .validation import ValidationReport, validate
    from .vocab import VZKG


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'vzkg' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
