"""Property-based round trips (issue 7): every generated literal and IRI, exported in every
format, is read back exactly by vzkg, by pyoxigraph and by rapper (where it reads the format),
or refused with a clear error where the format cannot carry it (RDF/XML).

The budget is fixed and the examples derandomised, so CI runs the same cases every time.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from readers import (
    QUAD_FORMATS,
    Quad,
    lines,
    rapper,
    rapper_reads,
    read_with_oxigraph,
    read_with_rapper,
    read_with_vzkg,
)

from vzkg.errors import InputError
from vzkg.formats import EXPORT_FORMATS
from vzkg.namespaces import PREFIXES, new_dataset
from vzkg.serialization import serialize


@pytest.fixture(autouse=True, scope="module")
def _quiet_ill_typed_literals() -> Iterator[None]:
    """The strategies build ill-typed literals on purpose: no traceback for each in the log.
    Only while this module runs: set at import, it silenced the warning test_hostile checks."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


BUDGET = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

XSD = PREFIXES["xsd"]

# -- IRIs: valid per RFC 3987 and Turtle's IRIREF, without `.`/`..` path segments (which
# RDF/XML and JSON-LD readers resolve away even in absolute IRIs) ------------------------------

_IRI_CHARS = st.one_of(
    st.sampled_from("abcxyzABCXYZ0189-_~!$&'()*+,;=:@"),
    st.sampled_from(["%41", "%e2%80%a8", "é", "中", "\u2028", "\U0001f600", "ß"]),
)
_SEGMENT = (
    st.lists(_IRI_CHARS, min_size=1, max_size=6).map("".join).filter(lambda s: s not in (".", ".."))
)
_LOCAL = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,6}[A-Za-z0-9_]?", fullmatch=True)
_BASES = st.sampled_from(
    [
        "http://example.org/",
        "https://ex.example:8080/a/",
        "urn:x-test:",
        "tag:vzkg.example,2025:",
        *(PREFIXES[p] for p in ("vz", "vzkg", "schema", "rdfs", "xsd")),
    ]
)


@st.composite
def iris(draw: st.DrawFn, *, xml_name: bool = False) -> URIRef:
    """An IRI; with *xml_name*, one that ends in an XML name (as RDF/XML predicates must)."""
    base = draw(_BASES)
    path = "/".join(draw(st.lists(_SEGMENT, max_size=3)))
    if path and not base.endswith((":", "/")):
        path = "/" + path
    tail = draw(st.sampled_from(["", "?q=1", "#frag", "#"])) if "#" not in base else ""
    if xml_name or draw(st.booleans()):
        tail = ("/" if path else "") + draw(_LOCAL)
    return URIRef(base + path + tail)


# -- literals: any text (line breaks, controls, NUL; no lone surrogates, which UTF-8 cannot
# encode), language tags, and datatypes with well- and ill-typed lexical forms ------------------

_SPECIAL = st.sampled_from(
    [
        *("\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\v", "\f", "\x00", "\t", "\x1b"),
        *("\x7f", '"', "'", "\\", '"""', "\\u0041", "@prefix vz: <http://evil/> .", "}", "<x>"),
    ]
)
_TEXT = st.lists(
    st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8), _SPECIAL),
    max_size=5,
).map("".join)
_LEXICAL = st.one_of(
    _TEXT,
    st.sampled_from(
        [
            *("01", "+1", "-0", "1.50", ".5", "1e400", "1E3", "INF", "NaN", "true", "1", "maybe"),
            *("2025-03-23", "2025-03-23Z", "2025-03-23T10:00:00-04:00", "abc", " 7 ", ""),
        ]
    ),
)
_DATATYPES = st.one_of(
    st.sampled_from(
        [f"{XSD}{name}" for name in ("integer", "decimal", "double", "boolean", "date")]
        + [f"{XSD}{name}" for name in ("dateTime", "int", "gYear", "anyURI", "string")]
    ).map(URIRef),
    iris(),
)
# well-formed BCP 47 tags (language, script, region, variant) in any case
_LANGUAGE = st.from_regex(
    r"[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-[a-zA-Z0-9]{5,8})?", fullmatch=True
)


@st.composite
def literals(draw: st.DrawFn) -> Literal:
    kind = draw(st.sampled_from(["plain", "language", "typed"]))
    if kind == "language":
        return Literal(draw(_TEXT), lang=draw(_LANGUAGE))
    if kind == "typed":
        return Literal(draw(_LEXICAL), datatype=draw(_DATATYPES), normalize=False)
    return Literal(draw(_TEXT))


_BLANK = st.sampled_from(["x", "y", "z"]).map(lambda label: BNode(f"gen-{label}"))


@st.composite
def datasets(draw: st.DrawFn) -> list[Quad]:
    quads = draw(
        st.lists(
            st.tuples(
                st.one_of(iris(), _BLANK),
                iris(xml_name=draw(st.booleans())),
                st.one_of(literals(), literals(), iris(), _BLANK),
                st.one_of(st.none(), iris(), _BLANK),
            ),
            min_size=1,
            max_size=6,
        )
    )
    return quads  # type: ignore[return-value]


# -- the property ---------------------------------------------------------------------------------

_XML_NAME_END = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_cannot_carry(quads: list[Quad]) -> bool:
    """Whether RDF/XML must refuse *quads*: a predicate without an XML name at its end, with
    white space before it, or that is RDF/XML syntax; a character XML 1.0 cannot hold."""
    for s, p, o, _ in quads:
        end = _XML_NAME_END.search(p)
        if not end or p == PREFIXES["rdf"] + "li" or any(c.isspace() for c in p[: end.start()]):
            return True
        if any(_NOT_IN_XML.search(str(t)) for t in (s, o)):
            return True
        if isinstance(o, Literal) and o.datatype and _NOT_IN_XML.search(o.datatype):
            return True
    return False


def _build(quads: list[Quad]) -> tuple[object, dict[bool, set[str]]]:
    dataset = new_dataset()
    for s, p, o, g in quads:
        dataset.add((s, p, o, g if g is not None else dataset.default_graph.identifier))  # type: ignore[arg-type]
    expected = {keep: lines(quads, keep_graphs=keep) for keep in (True, False)}
    return dataset, expected


_READERS = {"vzkg": read_with_vzkg, "pyoxigraph": read_with_oxigraph}
if shutil.which("rapper"):
    _READERS["rapper"] = read_with_rapper


# Always run besides the generated cases: every hard character, a language tag, ill-typed
# literals, blank nodes in every position and an IRI with U+2028.
_HARD = [
    (
        BNode("gen-x"),
        URIRef("http://example.org/says"),
        Literal(
            '\n \r \r\n \u2028 \u2029 \x85 \v \f \x00 \x1b \x7f " \\ @prefix vz: <http://evil/> .'
        ),
        URIRef("http://example.org/g"),
    ),
    (
        BNode("gen-x"),
        URIRef("http://example.org/p"),
        Literal("a\u2028b\n", lang="EN-us"),
        BNode("gen-y"),
    ),
    (
        URIRef("http://example.org/a\u2028é/x"),
        URIRef(PREFIXES["vz"] + "p"),
        Literal("maybe", datatype=URIRef(XSD + "boolean"), normalize=False),
        None,
    ),
    (URIRef("urn:x-test:s"), URIRef(PREFIXES["vzkg"] + "p"), BNode("gen-x"), None),
    (
        URIRef("urn:x-test:s"),
        URIRef(XSD + "p"),
        Literal("01", datatype=URIRef(XSD + "integer"), normalize=False),
        None,
    ),
]


@BUDGET
@example(quads=_HARD)
@example(quads=[(*quad[:3], None) for quad in _HARD if "\x00" not in quad[2]])  # for rapper
@given(quads=datasets())
def test_every_export_reads_back_exactly(quads: list[Quad]) -> None:
    dataset, expected = _build(quads)
    for fmt in EXPORT_FORMATS:
        if fmt == "xml" and _xml_cannot_carry(quads):
            with pytest.raises(InputError, match="cannot write"):
                serialize(dataset, format=fmt)  # type: ignore[arg-type]
            continue
        data = serialize(dataset, format=fmt)  # type: ignore[arg-type]
        keep = fmt in QUAD_FORMATS
        for name, read in _READERS.items():
            if name == "rapper" and not rapper_reads(quads, fmt):
                continue
            back = lines(read(data, fmt), keep_graphs=keep)
            assert back == expected[keep], (fmt, name, data.decode())


def test_rapper_judges_the_round_trips() -> None:
    """rapper is there to judge (a failure where VZKG_REQUIRE_TOOLS=1, as in CI)."""
    rapper()
    assert "rapper" in _READERS
