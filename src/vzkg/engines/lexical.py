"""What a query names, read from its text without a SPARQL parser.

The engines other than rdflib parse and run the query natively: vzkg's audit hook
(:mod:`vzkg.access`) cannot see Oxigraph's own HTTP client, nor what a remote server does. So
the query text itself is checked: ``SERVICE``, ``FROM`` and ``FROM NAMED`` are found as keywords
(outside strings, IRIs and comments, not part of a name or variable) and refused unless remote
access is allowed. The same scan collects the IRIs the query names, for the hints of
:mod:`vzkg.hints`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..prefixes import PREFIXES
from ..records import Record

# A string (long or short, single or double quoted, with escapes), an IRI, or a comment.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
_REMOTE = re.compile(r"(?<![\w:?$.-])(SERVICE|FROM)(?![\w:-])", re.IGNORECASE)
_DECLARATION = re.compile(r"(?<![\w:?$.-])(PREFIX\s+([A-Za-z][\w.-]*)?:|BASE)\s*<>", re.IGNORECASE)
_PREFIXED = re.compile(r"(?<![\w?$.:-])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:((?:[\w-]|%[0-9A-Fa-f]{2})*)")
_FORM = re.compile(r"(?<![\w:?$.-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.IGNORECASE)
# compiled at first use (re keeps it), by a query that names CONSTRUCT
_CONSTRUCT_TEMPLATE = r"(?is)\bCONSTRUCT\s*\{.*?\}\s*WHERE\b"


def masked(sparql: str) -> str:
    """*sparql* with each string, IRI and comment blanked out, at the same length, so that
    keywords, braces and parentheses found in it are the query's own, at the same indexes.

    >>> masked('ASK { ?s ?p "{" } # }')
    'ASK { ?s ?p     }    '
    """
    return _TOKEN.sub(lambda token: " " * len(token.group()), sparql)


class Scan(Record):
    """What the scan found: the remote-reaching keywords with what follows each, and IRIs."""

    remote: tuple[str, ...]
    iris: tuple[str, ...]
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE ("" if none is found)
    _fields = ("remote", "iris", "form")

    def __init__(self, remote: tuple[str, ...], iris: tuple[str, ...], form: str) -> None:
        self._set(remote=remote, iris=iris, form=form)


@lru_cache(maxsize=64)  # a store's query scans its text twice: for SERVICE, then for IRIs
def scan(sparql: str) -> Scan:
    """Scan *sparql* for ``SERVICE``/``FROM`` and the IRIs it names.

    >>> found = scan('SELECT * FROM <http://x/> { SERVICE <http://y/> { ?s ?p "SERVICE" } }')
    >>> found.remote
    ('FROM <http://x/>', 'SERVICE <http://y/>')
    >>> scan("SELECT ?service { ?s ex:from ?from } # FROM <z>").remote
    ()
    >>> scan("PREFIX v: <https://w3id.org/vzkg/id/> SELECT * { v:x rdfs:label ?l }").iris
    ('https://w3id.org/vzkg/id/x', 'http://www.w3.org/2000/01/rdf-schema#label')
    """
    # keep the token texts; the skeleton holds a placeholder for each string, IRI and comment
    iris: list[tuple[int, str]] = []
    pieces: list[str] = []
    last = 0
    for token in _TOKEN.finditer(sparql):
        pieces.append(sparql[last : token.start()])
        text = token.group()
        if text.startswith("<"):
            iris.append((sum(map(len, pieces)), text[1:-1]))
            pieces.append("<>")
        else:
            pieces.append(" " if text.startswith("#") else '""')
        last = token.end()
    pieces.append(sparql[last:])
    skeleton = "".join(pieces)
    iri_at = dict(iris)

    remote = []
    for keyword in _REMOTE.finditer(skeleton):
        rest = skeleton[keyword.end() :].lstrip()
        target = rest.split(None, 1)[0] if rest else ""
        if target.upper() == "NAMED":
            after = rest[len(target) :].lstrip()
            target = "NAMED " + (after.split(None, 1)[0] if after else "")
        place = skeleton.find("<>", keyword.end())
        if "<>" in target and place in iri_at:
            target = target.replace("<>", f"<{iri_at[place]}>")
        remote.append(f"{keyword.group(1).upper()} {target}".strip())

    prefixes = dict(PREFIXES)
    declared = set()  # the IRIs of PREFIX and BASE declarations are no names
    for declaration in _DECLARATION.finditer(skeleton):
        place = skeleton.find("<>", declaration.start())
        declared.add(place)
        if place in iri_at and declaration.group(1).upper().startswith("PREFIX"):
            prefixes[declaration.group(2) or ""] = iri_at[place]
    start = 0
    body = skeleton
    if "construct" in skeleton.casefold():  # a template's IRIs need not exist
        template = re.search(_CONSTRUCT_TEMPLATE, skeleton)
        if template is not None:
            body = re.sub(_CONSTRUCT_TEMPLATE, " WHERE", skeleton)
            start = template.end()
    named = [iri for at, iri in iris if at >= start and at not in declared]
    for name in _PREFIXED.finditer(body):
        namespace = prefixes.get(name.group(1) or "")
        if namespace is not None and name.group(2):
            named.append(namespace + name.group(2).rstrip("."))
    form = _FORM.search(skeleton)
    return Scan(tuple(remote), tuple(dict.fromkeys(named)), form.group(1).upper() if form else "")
