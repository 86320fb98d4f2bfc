"""The typed literals vzkg.engines.ill_typed says rdflib takes without a word: rdflib agrees."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from vzkg.engines.ill_typed import TAKEN, taken

_FORMS = [
    r"[+-]?[0-9]{1,30}",
    r"[+-]?[0-9]{0,5}(\.[0-9]{0,5})?([eE][+-]?[0-9]{1,3})?",
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?",
]
_lexical = st.one_of(
    *(st.from_regex(form, fullmatch=True) for form in _FORMS),
    st.sampled_from(["", " 1", "1_000", "٣", "0000-01-01", "2025-02-29", "2024-02-29", "1" * 301]),
    st.text(max_size=12),
)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(record.getMessage())


def _rdflib_logs(lexical: str, datatype: str) -> list[str]:
    records = _Records()
    logger = logging.getLogger("rdflib.term")
    logger.addHandler(records)
    try:
        Literal(lexical, datatype=URIRef(datatype))
    finally:
        logger.removeHandler(records)
    return records.seen


@settings(max_examples=400, deadline=None)
@given(_lexical, st.sampled_from(sorted(TAKEN)))
def test_what_is_said_taken_rdflib_takes_without_a_word(lexical: str, datatype: str) -> None:
    literal = ox.Literal(lexical, datatype=ox.NamedNode(datatype))
    if taken(literal):
        assert _rdflib_logs(lexical, datatype) == []


def test_the_forms_of_the_generated_data_are_taken_and_others_are_not() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for lexical, name in [("42", "integer"), ("2025-03-23", "date"), ("2018", "gYear")]:
        assert taken(ox.Literal(lexical, datatype=ox.NamedNode(xsd + name)))
    for lexical, name in [("4x", "integer"), ("2025-02-30", "date"), ("P1D", "duration")]:
        assert not taken(ox.Literal(lexical, datatype=ox.NamedNode(xsd + name)))
        assert name == "duration" or _rdflib_logs(lexical, xsd + name)


def test_loading_n_quads_into_oxigraph_imports_no_rdflib(tmp_path: Path) -> None:
    data = tmp_path / "data.nq"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    data.write_text(
        f'<http://s> <http://p> "1"^^<{xsd}integer> <http://g> .\n'
        f'<http://s> <http://p> "2025-03-23"^^<{xsd}date> <http://g> .\n'
        '<http://s> <http://p> "x"@en <http://h> .\n'
    )
    script = (
        "import sys, vzkg; store = vzkg.open_store('oxigraph'); "
        f"print(store.load_files({str(data)!r}), store.count(), 'rdflib' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["3", "3", "False"]
