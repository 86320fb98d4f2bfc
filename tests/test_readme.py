"""The README is the front door: its commands and shown output must stay true."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from vzkg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks() -> list[tuple[str, str]]:
    return re.findall(r"```(\w*)\n(.*?)```", README, re.DOTALL)


def test_quick_start_commands() -> None:
    commands = [body.strip() for lang, body in _blocks() if lang == "sh"]
    assert commands[0] == "python3 -m venv .venv && . .venv/bin/activate"
    assert commands[1] == "pip install . && vzkg query --file examples/queries/timeline.rq"
    assert commands[2] == "pip install -e '.[test]' && pytest"


def test_main_job_output_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = next(body for lang, body in _blocks() if lang == "text")
    monkeypatch.chdir(ROOT)  # the README's command runs from the checkout
    result = CliRunner().invoke(cli, ["query", "--file", "examples/queries/timeline.rq"])
    assert result.exit_code == 0
    assert result.stdout == shown


def test_diagram_offsets_are_real() -> None:
    import vzkg

    diagram = next(body for lang, body in _blocks() if lang == "text" and "owl:sameAs" in body)
    start, end = re.search(r"vz:evidence-…-(\d+)-(\d+)", diagram).groups()  # type: ignore[union-attr]
    exact = re.search(r'oa:exact "([^"]+)"', diagram).group(1)  # type: ignore[union-attr]
    assert f"(oa:start {start} ; oa:end {end})" in diagram
    found = vzkg.query(
        vzkg.load(),
        f"SELECT ?exact WHERE {{ vz:event-chevron-licence-revoked vzkg:evidence "
        f"vz:evidence-d4642c25d83ac452-{start}-{end} . "
        f"vz:evidence-d4642c25d83ac452-{start}-{end}-quote oa:exact ?exact }}",
    )
    assert [str(value) for value in found.column("exact")] == [exact]


def test_python_example_runs(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    source_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = next(body for lang, body in _blocks() if lang == "python")
    code = code.replace('"vzkg.trig"', repr(str(tmp_path / "vzkg.trig")))
    article = "000_d4642c25d83ac452.txt"
    code = code.replace(f'"../shared/source/{article}"', repr(str(source_dir / article)))
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "True 92"
    assert (tmp_path / "vzkg.trig").stat().st_size > 0
    assert any("who never committed crimes in the United States" in line for line in out)
    assert "event type https://w3id.org/vzkg/ontology/Deportation [deportación]" in out
    assert "Rodríguez: a first flight tomorrow (quotation, 2025-03-22)" in out
    assert any(line.startswith("Source: Agence France-Presse") for line in out)


def test_shown_search_and_cite_output_is_real() -> None:
    """Each shown `vzkg search` or `vzkg cite` command, run, prints the text block after it."""
    blocks = _blocks()
    shown = [
        (body.strip(), blocks[i + 1][1])
        for i, (lang, body) in enumerate(blocks[:-1])
        if lang == "sh"
        and body.startswith(("vzkg search", "vzkg cite"))
        and blocks[i + 1][0] == "text"
    ]
    assert len(shown) == 2
    for command, output in shown:
        result = CliRunner().invoke(cli, shlex.split(command)[1:])
        assert result.exit_code == 0, result.stderr
        assert result.stdout == output, command
