"""vzkg works installed from a wheel in a fresh virtual environment and from an editable
checkout, run from any directory, and its CLI stays light."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import vzkg
from vzkg.resources import resource_dir

ROOT = Path(__file__).resolve().parents[1]


def test_editable_checkout_reads_the_top_level_folders() -> None:
    if Path(vzkg.__file__).resolve().parent != ROOT / "src" / "vzkg":
        pytest.skip("vzkg is not imported from this checkout")
    assert Path(str(resource_dir("ontology"))) == ROOT / "ontology"
    assert Path(str(resource_dir("shapes"))) == ROOT / "shapes"
    assert Path(str(resource_dir("query_library"))) == ROOT / "examples" / "queries"
    assert Path(str(resource_dir("data"))) == ROOT / "src" / "vzkg" / "data"


def _python(code: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_help_and_queries_do_not_import_rdflib_or_pyshacl(tmp_path: Path) -> None:
    probe = (
        "import sys, json\n"
        "from click.testing import CliRunner\n"
        "from vzkg.cli import cli\n"
        "runner = CliRunner()\n"
        "out = {}\n"
        "for args in (['--help'], ['queries'], ['query', '--help']):\n"
        "    assert runner.invoke(cli, args).exit_code == 0\n"
        "    out[' '.join(args)] = sorted(m for m in ('rdflib', 'pyshacl') if m in sys.modules)\n"
        "print(json.dumps(out))\n"
    )
    assert json.loads(_python(probe, tmp_path)) == {"--help": [], "queries": [], "query --help": []}


def test_top_level_help_and_version_do_not_import_click(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from vzkg.entry import main\n"
        "for args in (['--help'], ['--version']):\n"
        "    sys.argv = ['vzkg', *args]\n"
        "    main()\n"
        "print(sorted(m for m in ('click', 'rdflib', 'pyshacl') if m in sys.modules))\n"
    )
    assert _python(probe, tmp_path).splitlines()[-1] == "[]"


def test_validation_imports_its_shacl_engine_only_when_it_runs(tmp_path: Path) -> None:
    # pyshacl-turbo where it is installed (Python 3.11 on), else pySHACL: about 0.5 s either way
    probe = (
        "import sys\n"
        "import vzkg\n"
        "engines = ('pyshacl', 'pyshacl_turbo')\n"
        "kg = vzkg.load()\n"
        "vzkg.query(kg, 'ASK {}')\n"
        "before = any(m in sys.modules for m in engines)\n"
        "vzkg.validate(kg)\n"
        "print(before, any(m in sys.modules for m in engines))\n"
    )
    assert _python(probe, tmp_path).split() == ["False", "True"]


@pytest.mark.wheel
def test_wheel_in_a_fresh_virtual_environment(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=600,
    )
    (wheel,) = dist.glob("vzkg-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        timeout=900,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def vzkg_cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bin_dir / "vzkg"), *args], cwd=elsewhere, capture_output=True, text=True
        )

    validated = vzkg_cli("validate")
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout == "Conforms: the data satisfies every shape.\n"
    assert vzkg_cli("queries").stdout.count("\n") >= 15
    timeline = vzkg_cli("query", "--name", "timeline", "-f", "csv")
    assert timeline.returncode == 0, timeline.stderr
    flight = "2025-03-23,https://w3id.org/vzkg/id/event-repatriation-flight-2025-03-23"
    assert flight in timeline.stdout
    # the packaged copies are used, not this checkout
    where = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "from vzkg.resources import resource_dir; print(resource_dir('ontology'))",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where
    module = subprocess.run(
        [str(bin_dir / "python"), "-m", "vzkg", "--version"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert module.stdout == f"vzkg, version {vzkg.__version__}\n"
