"""The library of named queries shipped with vzkg (the ``.rq`` files of examples/queries/).

Each file starts with comment lines: the first says what the query answers, and each
``# param ?name type: meaning`` line declares a variable that ``--param name=value`` may bind.
Types: ``entity`` (a name, QID, CURIE or IRI, resolved to the entity), ``start`` and ``end``
(a date as YYYY, YYYY-MM or YYYY-MM-DD, bound to its first or last day), ``text``.
The body marks where each is bound with ``VALUES ?name { UNDEF }`` in the group the value is
meant for (:mod:`vzkg.bindings` writes the value there), so that every file is standard SPARQL
1.1 on its own, with its prefixes declared: tests/test_differential.py runs each on rdflib,
pyoxigraph and Jena ARQ.
Reading the library needs no RDF library, so that ``vzkg queries`` stays fast.
"""

from __future__ import annotations

import re

from .errors import InputError
from .records import Record
from .resources import resource_bytes, resource_files

PARAM_TYPES = ("entity", "start", "end", "text")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")  # what a query file may be called
_PARAM = re.compile(rf"^#\s*param\s+\?(\w+)\s+({'|'.join(PARAM_TYPES)})\s*:\s*(.+)$")


class Param(Record):
    """A variable of a named query that ``--param`` may bind (a frozen dataclass in all but
    its making: see :mod:`vzkg.records`)."""

    name: str
    type: str
    description: str
    _fields = ("name", "type", "description")

    def __init__(self, name: str, type: str, description: str) -> None:
        self._set(name=name, type=type, description=description)


class NamedQuery(Record):
    """One query of the library: its name, what it answers, its parameters and its SPARQL
    (a frozen dataclass in all but its making: see :mod:`vzkg.records`)."""

    name: str
    summary: str
    params: tuple[Param, ...]
    text: str
    _fields = ("name", "summary", "params", "text")

    def __init__(self, name: str, summary: str, params: tuple[Param, ...], text: str) -> None:
        self._set(name=name, summary=summary, params=params, text=text)


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the header comments of a named query.

    >>> q = parse_named_query("x", "# Who is who.\\n# param ?who entity: a person\\nSELECT * {}")
    >>> q.summary, q.params[0].name, q.params[0].type
    ('Who is who.', 'who', 'entity')
    """
    summary: list[str] = []
    params = []
    in_summary = True  # the summary runs until a blank comment line or the first param
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        words = line.lstrip("#").strip()
        match = _PARAM.match(line.strip())
        if match:
            params.append(Param(*match.groups()))
            in_summary = False
        elif not words:
            in_summary = False
        elif in_summary:
            summary.append(words)
    return NamedQuery(name, " ".join(summary), tuple(params), text)


def named_queries() -> dict[str, NamedQuery]:
    """Return the library, by name, in name order.

    >>> quotes = named_queries()["quotes-by-speaker"]
    >>> quotes.summary.split(":")[0], [(p.name, p.type) for p in quotes.params]
    ('Quotes by speaker', [('speaker', 'entity')])
    """
    found = {}
    for resource in resource_files("query_library", ".rq"):
        name = resource.name[: -len(".rq")]
        found[name] = parse_named_query(name, resource.read_text(encoding="utf-8"))
    return dict(sorted(found.items()))


def named_query(name: str) -> NamedQuery:
    """Return the named query *name*; an unknown name suggests the nearest ones."""
    if _NAME.fullmatch(name):  # touch the file system only with a plain name
        found = resource_bytes("query_library", f"{name}.rq")
        if found is not None:  # read the one file, not the whole library
            return parse_named_query(name, found.decode("utf-8"))
    import difflib  # only to suggest a name

    close = difflib.get_close_matches(name[:100], list(named_queries()), n=3, cutoff=0.4)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; see 'vzkg queries'"
    shown = name if len(name) <= 60 else name[:59] + "…"
    raise InputError(f"no named query {shown!r}{hint}")
