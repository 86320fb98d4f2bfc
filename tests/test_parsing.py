"""Oxigraph's fast path (vzkg.engines.parsing) against rdflib's: same quads, notes, errors."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vzkg.engines.oxigraph import OxigraphStore
from vzkg.engines.parsing import read
from vzkg.errors import VzkgError
from vzkg.input_files import sources
from vzkg.store import Source, read_dataset

BASE = "file:///data/dir/input"


def _outcome(store: OxigraphStore, fill: bool, inputs: list[Source], entailment: bool) -> object:
    try:
        if fill:
            store.fill(inputs, entailment=entailment)
        else:
            store.load(read_dataset(inputs, entailment=entailment))
    except VzkgError as error:
        # which of two bad terms rdflib names first follows its store's hash order
        return "Error: " + str(error).partition("'")[0]
    # the fast path derives vzg:entailed from literals already stored in canonical form, so
    # it has nothing to say about that graph's
    return store.dump("nq"), [n for n in store.notes if "vzkg/graph/entailed " not in n]


def _both(inputs: list[Source], *, entailment: bool = False) -> tuple[object, object]:
    slow = _outcome(OxigraphStore(), False, inputs, entailment)
    fast = _outcome(OxigraphStore(), True, inputs, entailment)
    return fast, slow


def test_the_bundled_graph_is_read_the_same_with_what_it_entails() -> None:
    fast, slow = _both(list(sources()), entailment=True)
    assert fast == slow
    assert all(read(s).dataset is None for s in sources())  # all of it read by pyoxigraph


def test_a_folder_is_filled_the_same(tmp_path: Path) -> None:
    slow = OxigraphStore(tmp_path / "slow")
    slow.load(read_dataset(sources()))
    fast = OxigraphStore(tmp_path / "fast")
    assert fast.fill(sources()) == sum(slow.graphs().values())
    assert fast.dump("nq") == slow.dump("nq")


HIERARCHY = b"""@prefix ex: <http://ex/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C . ex:C rdfs:subClassOf ex:A .
ex:sub rdfs:subPropertyOf ex:super . ex:super rdfs:subPropertyOf rdfs:subClassOf .
ex:D ex:sub ex:E . ex:x a ex:D . ex:y a ex:A ; ex:sub "01"^^<http://www.w3.org/2001/XMLSchema#int> .
"""


def test_entailment_from_the_store_is_entailment_py() -> None:
    inputs = [*sources(), Source(HIERARCHY, "turtle", "h.ttl", BASE)]
    fast, slow = _both(inputs, entailment=True)
    assert fast == slow
    assert "http://ex/E" in fast[0].decode()  # type: ignore[index]


def test_entailment_past_its_budget_is_the_same_error() -> None:
    chain = b"".join(
        b"<http://ex/c%d> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://ex/c%d> .\n"
        % (i, i + 1)
        for i in range(600)
    )
    fast, slow = _both([Source(chain, "nt", "chain.nt", BASE)], entailment=True)
    assert fast == slow and str(fast).startswith("Error: the data entails more than")


# -- hostile terms ----------------------------------------------------------------------------

_CHARS = st.characters(blacklist_categories=("Cs",))


def _escaped(text: str, escape: list[bool]) -> str:
    out = []
    for char, hide in zip(text, escape + [False] * len(text), strict=False):
        if hide or char in '"\\\n\r':
            out.append(f"\\u{ord(char):04X}" if ord(char) < 0x10000 else f"\\U{ord(char):08X}")
        else:
            out.append(char)
    return "".join(out)


_string = st.builds(_escaped, st.text(_CHARS, max_size=12), st.lists(st.booleans(), max_size=12))
_lexical = st.one_of(
    _string,
    st.sampled_from(["01", "+1", "1.50", "1E0", "0", "true", "maybe", "2025-03-23+00:00", ""]),
)
_datatype = st.sampled_from(
    ["integer", "int", "decimal", "double", "boolean", "date", "string", "gYear", "duration"]
).map(lambda name: f"<http://www.w3.org/2001/XMLSchema#{name}>")
_tag = st.from_regex(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,2}", fullmatch=True)
_literal = st.one_of(
    _string.map(lambda s: f'"{s}"'),
    st.builds(lambda s, t: f'"{s}"@{t}', _string, _tag),
    st.builds(lambda s, d: f'"{s}"^^{d}', _lexical, _datatype),
    st.sampled_from(["01", "1.0", "1e5", "-0", "true", ".5"]),
)
_iri_part = st.lists(
    st.sampled_from([*"ab/.#%?:@é ~", "\\u003E", "\\u0020", "%2", "%41", "../", "//"]),
    max_size=8,
).map("".join)
_iri = st.one_of(
    _iri_part.map(lambda s: f"<{s}>"),
    _iri_part.map(lambda s: f"<http://ex/{s}>"),
    st.sampled_from(["ex:a", "ex:b", "_:b1", "_:b2", "[]"]),
)
_statement = st.tuples(
    _iri, _iri.filter(lambda s: s not in ("_:b1", "_:b2", "[]")), st.one_of(_iri, _literal)
)


@st.composite
def _document(draw: st.DrawFn) -> tuple[bytes, str]:
    syntax = draw(st.sampled_from(["turtle", "trig", "nt", "nquads"]))
    lines = [draw(st.sampled_from(["", "@base <http://base/x/y> .", "@prefix ex: <http://ex/> ."]))]
    if syntax in ("nt", "nquads"):
        lines = []
    for s, p, o in draw(st.lists(_statement, min_size=1, max_size=5)):
        graph = draw(st.sampled_from(["", "<http://ex/g>", "_:g"])) if syntax != "turtle" else ""
        if syntax == "trig" and graph:
            lines.append(f"{graph} {{ {s} {p} {o} . }}")
        else:
            lines.append(f"{s} {p} {o} {graph if syntax == 'nquads' else ''} .")
    return "\n".join(lines).encode(), syntax


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document())
def test_hostile_files_give_the_same_quads_notes_or_error(document: tuple[bytes, str]) -> None:
    data, syntax = document
    fast, slow = _both([Source(data, syntax, "input", BASE)])
    assert fast == slow


class _IllTyped(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Failed to convert Literal"):
            self.seen[record.getMessage().partition(",")[0]] += 1


def _logged(fill: bool, inputs: list[Source]) -> Counter[str]:
    handler = _IllTyped()
    logging.getLogger().addHandler(handler)
    try:
        _outcome(OxigraphStore(), fill, inputs, False)
    finally:
        logging.getLogger().removeHandler(handler)
    return handler.seen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.builds(lambda s, d: f'"{s}"^^{d}', _lexical, _datatype), min_size=1, max_size=6),
    st.sampled_from(["nt", "nquads"]),
)
def test_a_skimmed_file_logs_each_ill_typed_literal_as_rdflib(
    literals: list[str], syntax: str
) -> None:
    # each statement again, so that a literal seen once and logged must be logged again
    lines = [f"<http://s/{i % 3}> <http://p> {o} ." for i, o in enumerate(literals * 2)]
    inputs = [Source("\n".join(lines).encode(), syntax, "input", BASE)]
    assert _logged(True, inputs) == _logged(False, inputs)


_QUADS = b"""<http://s> <http://p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> <http://g> .
<http://s> <http://p> "x"@en <http://g2> .
<http://s> <http://p> <http://o> .
"""


@pytest.mark.parametrize("folder", [False, True])
def test_a_file_loaded_again_replaces_its_graphs(folder: bool, tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db" if folder else None)
    inputs = [Source(_QUADS, "nquads", "a.nq", BASE)]
    first = store.fill(inputs, entailment=False)
    dump, notes = store.dump("nq"), list(store.notes)
    assert first == 3 and b'"1"^^' in dump and notes
    # the store now holds the file's graphs: read whole, not skimmed, and the same again
    assert store.fill(inputs, entailment=False) == first
    assert store.dump("nq") == dump and store.notes == notes * 2


@pytest.mark.parametrize(
    "bad",
    [
        Source(b"<http://s> <http://p> no .", "nt", "bad.nt", BASE + "2"),  # pyoxigraph refuses
        Source(b"<http://s> <http://p> <http://o>", "turtle", "bad.ttl", BASE + "3"),  # rdflib
    ],
)
@pytest.mark.parametrize("folder", [False, True])
def test_a_bad_file_after_a_skimmed_one_leaves_the_store_as_it_was(
    bad: Source, folder: bool, tmp_path: Path
) -> None:
    store = OxigraphStore(tmp_path / "db" if folder else None)
    store.fill([Source(b"<http://a> <http://b> <http://c> .", "nt", "old.nt", BASE + "0")])
    before = store.dump("nq")
    with pytest.raises(VzkgError, match="cannot parse bad"):
        store.fill([Source(_QUADS, "nquads", "a.nq", BASE), bad])
    assert store.dump("nq") == before


@pytest.mark.parametrize("syntax", ["nt", "nquads"])
def test_a_skimmed_file_with_an_escaped_surrogate_is_rdflib_s_error(syntax: str) -> None:
    data = b'<http://s> <http://p> "a" .\n<http://s> <http://p> "\\uD800" .\n'
    fast, slow = _both([Source(data, syntax, "input", BASE)])
    assert fast == slow and "surrogate" in str(fast)


@pytest.mark.parametrize(
    ("data", "syntax"),
    [
        (b'<http://s> <http://p> "x"@EN .', "nt"),  # rdflib reads it: pyoxigraph lowercases
        (b'<http://s> <http://p> "\\uD800" .', "turtle"),
        (b"_:g { <http://s> <http://p> <http://o> }", "trig"),
        (b"<http://s> <http://p> <a b> .", "turtle"),
        (b'{"@id": "http://s", "http://p": "o"}', "json-ld"),
    ],
)
def test_what_pyoxigraph_reads_otherwise_goes_through_rdflib(data: bytes, syntax: str) -> None:
    source = Source(data, syntax, "input", BASE)
    try:
        reading = read(source)
    except VzkgError:
        return
    assert reading.dataset is not None


def test_the_cli_fills_oxigraph_without_an_rdflib_dataset(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    import vzkg.store
    from vzkg.cli import cli

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rdflib parsed the bundled graph")

    monkeypatch.setattr(vzkg.store, "read_dataset", refuse)
    monkeypatch.setattr(vzkg.store, "parse_source", refuse)
    runner = CliRunner()
    done = runner.invoke(cli, ["query", "--store", "oxigraph", "--name", "timeline", "-f", "csv"])
    assert done.exit_code == 0 and "/event-deportation-to-el-salvador," in done.output
    done = runner.invoke(cli, ["load", "--store", f"oxigraph:{tmp_path / 'db'}"])
    assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["query", "--store", "rdflib", "--name", "timeline"])
    assert done.exit_code == 70  # the rdflib engine does parse: the patch holds


def test_count_after_fill_is_what_the_store_holds_and_follows_a_later_write() -> None:
    from rdflib import URIRef

    store = OxigraphStore()
    assert store.fill([Source(_QUADS, "nquads", "a.nq", BASE)], entailment=False) == 3
    assert store.count() == len(store.native) == 3  # the count fill took, not a new one
    store.replace_graph(
        URIRef("http://g3"), [(URIRef("http://s"), URIRef("http://p"), URIRef("http://o"))]
    )
    assert store.count() == len(store.native) == 4


_line_object = st.one_of(
    st.builds(lambda s, d: f'"{s}"^^{d}', _lexical, _datatype),
    st.builds(lambda s, t: f'"{s}"@{t}', _string, _tag),
    _string.map(lambda s: f'"{s}"'),
    st.sampled_from(["<http://ex/o>", "_:b1"]),
)
_line = st.one_of(
    st.builds(
        lambda s, o, g, comment: f"{s} <http://ex/p> {o} {g} .{comment}",
        st.sampled_from(["<http://ex/s>", "_:b1", "<http://ex/a#b>"]),
        _line_object,
        st.sampled_from(["", "<http://ex/g>", "_:g"]),
        st.sampled_from(["", ' # "1"^^<http://ex/t>', "#^^"]),
    ),
    st.just('# "01"^^<http://www.w3.org/2001/XMLSchema#integer>'),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, min_size=1, max_size=6), st.sampled_from(["nt", "nquads"]))
def test_skimming_finds_the_literals_reading_every_statement_finds(
    lines: list[str], syntax: str
) -> None:
    import pyoxigraph as ox

    from vzkg.engines.native_files import FORMATS
    from vzkg.engines.parsing import _examine, skim

    data = "\n".join(lines * 2).encode()  # each literal at least twice: each is counted
    skimmed = skim(Source(data, syntax, "input", BASE))
    try:
        every = _examine(ox.parse(data, FORMATS[syntax], base_iri=BASE), BASE)
    except (SyntaxError, ValueError):
        return  # the load beside the skim fails: rdflib reads the file
    if skimmed is None or every is None:
        return  # rdflib reads the file (load_skimmed tells a blank node naming a graph itself)
    assert Counter(skimmed.typed) == Counter(every.typed)
    assert skimmed.changed == every.changed
    if skimmed.changed:
        assert skimmed.rewritten == every.rewritten
