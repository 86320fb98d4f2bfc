"""Binding variables in the text of a query, the way every SPARQL 1.1 engine honours.

A query marks where a variable may be bound with ``VALUES ?name { UNDEF }`` inside the group
the binding is meant for; binding it writes the value in place of ``UNDEF``. Left unbound, the
line leaves the query's answer as it is, so the same file runs anywhere as written. A query
without such a line gets one at the start of its WHERE group. Engines' own pre-binding
(rdflib's ``initBindings``) is not used: it also binds the variable inside sub-queries and
before the filters of the group, which a standard VALUES block does not, and a remote server
has none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .engines.lexical import masked
from .errors import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from rdflib.term import Identifier

# SPARQL's IRIREF: no spaces, quotes, braces, pipes, carets, backquotes or backslashes
# compiled at first use (re keeps them): a query without parameters needs neither
_IRIREF = r'<[^<>"{}|^`\\\x00-\x20]*>'
_LANGTAG = r"[a-zA-Z]+(-[a-zA-Z0-9]+)*"
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UNBOUND = re.compile(r"\bVALUES\s+[?$](\w+)\s*\{\s*UNDEF\s*\}", re.IGNORECASE)
# a variable, and a filter that holds while its variable is unbound: one pattern each for any
# name (a pattern per name took a cold query several milliseconds to compile)
_VARIABLE = re.compile(r"[?$](\w+)")
_GUARD = re.compile(r"FILTER\s*\(\s*!\s*BOUND\s*\(\s*[?$](\w+)\s*\)\s*\|\|")


def placeholder(name: str) -> re.Pattern[str]:
    """The line that marks where ``?name`` may be bound: ``VALUES ?name { UNDEF }``."""
    return re.compile(rf"\bVALUES\s+[?$]{re.escape(name)}\s*\{{\s*UNDEF\s*\}}", re.IGNORECASE)


def sparql_term(term: Identifier) -> str:
    """Write *term* in SPARQL syntax, for a VALUES block.

    >>> from rdflib import Literal
    >>> sparql_term(Literal("say \\"hi\\"", lang="en"))
    '"say \\\\"hi\\\\""@en'
    """
    from rdflib import Literal, URIRef  # a term to bind is rdflib's: it is imported already

    if isinstance(term, URIRef):
        written = f"<{term}>"
        if not re.fullmatch(_IRIREF, written):
            raise InputError(f"{str(term)[:80]!r} cannot be bound: it is not a valid IRI")
        return written
    if isinstance(term, Literal):
        text = "".join(_ECHAR.get(c, c) for c in str(term))
        if term.language:
            if not re.fullmatch(_LANGTAG, term.language):
                raise InputError(f"{term.language!r} is not a language tag")
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^{sparql_term(term.datatype)}'
        return f'"{text}"'
    raise InputError(f"only an IRI or a literal can be bound, not {term!r}")


def bind_values(sparql: str, bindings: Mapping[str, Identifier]) -> str:
    """Return *sparql* with each variable of *bindings* bound by a VALUES block: in place of
    the query's ``VALUES ?name { UNDEF }`` where it has one, else at the start of its WHERE
    group.

    >>> from rdflib import URIRef
    >>> bind_values("SELECT * WHERE { VALUES ?who { UNDEF } ?who ?p ?o }",
    ...             {"who": URIRef("http://example.org/a")})
    'SELECT * WHERE { VALUES ?who { <http://example.org/a> } ?who ?p ?o }'
    >>> bind_values("ASK { ?who ?p ?o }", {"who": URIRef("http://example.org/a")})
    'ASK { VALUES ?who { <http://example.org/a> } ?who ?p ?o }'

    What a variable left unbound makes a no-op goes (see :func:`drop_unbound`).
    """
    sparql = template(sparql, list(bindings))
    for name, term in bindings.items():
        match = placeholder(name).search(sparql)
        assert match is not None  # template() put it there
        block = f"VALUES ?{name} {{ {sparql_term(term)} }}"
        sparql = sparql[: match.start()] + block + sparql[match.end() :]
    return sparql


def template(sparql: str, names: Sequence[str]) -> str:
    """Return *sparql* with exactly one ``VALUES ?name { UNDEF }`` for each of *names* (added
    at the start of the WHERE group where the query has none), and without what the variables
    it leaves unbound make a no-op (:func:`drop_unbound`): the query that binding *names*
    fills in. Engines that prepare a query once take it with the values apart.

    >>> template("ASK { ?s ?p ?o }", ["s"])
    'ASK { VALUES ?s { UNDEF } ?s ?p ?o }'
    """
    missing = []
    for name in names:
        found = len(placeholder(name).findall(sparql))
        if found > 1:
            raise InputError(f"the query marks ?{name} for binding {found} times; mark it once")
        if not found:
            missing.append(f"VALUES ?{name} {{ UNDEF }}")
    sparql = drop_unbound(sparql, keep=names)
    if not missing:
        return sparql
    start = where_group(sparql)
    if start is None:
        shown = ", ".join(f"?{name}" for name in names)
        raise InputError(f"cannot bind {shown}: the query has no WHERE group")
    return f"{sparql[:start]} {' '.join(missing)}{sparql[start:]}"


def drop_unbound(sparql: str, keep: Sequence[str] = ()) -> str:
    """Leave out what a variable left unbound by its ``VALUES ?name { UNDEF }`` makes a no-op:
    that line and each line ``FILTER(!BOUND(?name) || …)``, when the variable occurs nowhere
    else but in comments. Such filters hold for every row, yet took rdflib 17–41% of the
    timeline's time (bench/README.md). The variables in *keep* are about to be bound: theirs
    stay.

    >>> drop_unbound("SELECT * {\\n  VALUES ?x { UNDEF }\\n  ?s ?p ?o\\n"
    ...              "  FILTER(!BOUND(?x) || ?o = ?x)\\n}")
    'SELECT * {\\n\\n  ?s ?p ?o\\n\\n}'
    """
    if "undef" not in sparql.lower():  # most queries: 1 µs where the pattern takes 20
        return sparql
    for name in _UNBOUND.findall(sparql):
        if name in keep:  # to be bound
            continue
        lines = sparql.split("\n")
        guards = {i for i, line in enumerate(lines) if _guard(line, name)}
        uses = [
            i
            for i, line in enumerate(lines)
            if name in _VARIABLE.findall(line) and not line.lstrip().startswith("#")
        ]
        if all(i in guards or _marks(lines[i], name) for i in uses):
            # blank, not gone: a syntax error's line number stays the user's
            sparql = "\n".join("" if i in uses else line for i, line in enumerate(lines))
    return sparql


def _marks(line: str, name: str) -> bool:
    """Whether *line*, which names ``?name``, is its ``VALUES ?name { UNDEF }`` and nothing
    else (another variable's would not name it)."""
    found = _UNBOUND.fullmatch(line.strip())
    return found is not None and found.group(1) == name


def _guard(line: str, name: str) -> bool:
    """Whether *line* is one filter that holds while ``?name`` is unbound."""
    text = line.strip()
    found = _GUARD.match(text)
    if found is None or found.group(1) != name:
        return False
    if any(c in text for c in "\"'#<"):  # a string, comment or IRI could hide a parenthesis
        return False
    depth = 0
    for position, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char == ")":
            return position == len(text) - 1  # the FILTER's parenthesis closes the line
    return False


def where_group(sparql: str) -> int | None:
    """Return the index just after the ``{`` that opens the query's WHERE group, or ``None``.

    Strings, IRIs and comments are skipped; so is a CONSTRUCT template.

    >>> text = 'CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }'
    >>> text[where_group(text):]
    ' ?s ?p ?o }'
    """
    text = masked(sparql)
    form = last_word = ""
    depth = 0  # of parentheses: a brace inside one belongs to an expression (EXISTS)
    i = 0
    while i < len(text):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth == 0:
            if form == "CONSTRUCT" and last_word == "CONSTRUCT":
                i = _group_end(text, i)
                last_word = ""
                continue
            return i + 1 if form else None
        elif char.isalpha() and not (i and (text[i - 1].isalnum() or text[i - 1] in "_:?$")):
            word = re.match(r"\w+", text[i:])
            assert word is not None
            last_word = word.group().upper()
            if not form and last_word in _FORMS:
                form = last_word
            i += len(word.group())
            continue
        i += 1
    return None


def _group_end(text: str, start: int) -> int:
    """The index after the ``}`` that closes the ``{`` at *start* of the masked *text*."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return len(text)
