"""The public Python surface: a handful of names, lazily imported, that stay what they are."""

from __future__ import annotations

import subprocess
import sys
import types

import vzkg


def test_public_names_resolve() -> None:
    assert vzkg.__all__ == sorted(vzkg.__all__, key=lambda n: (not n.isupper(), n[0].islower(), n))
    for name in vzkg.__all__:
        value = getattr(vzkg, name)
        assert not isinstance(value, types.ModuleType), name
    assert set(dir(vzkg)) == set(vzkg.__all__)
    # the lazy table and the listed names are the same set
    assert set(vzkg._EXPORTS) == set(vzkg.__all__) - {"__version__"}


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        vzkg.nonexistent  # noqa: B018
    except AttributeError as error:
        assert "nonexistent" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_functions_survive_their_modules_being_imported() -> None:
    # importing a submodule sets an attribute on the package: no submodule may share a
    # name with a public function
    probe = (
        "import vzkg, pkgutil, importlib\n"
        "names = [m.name for m in pkgutil.iter_modules(vzkg.__path__) if m.name != '__main__']\n"
        "for name in names: importlib.import_module('vzkg.' + name)\n"
        "clash = sorted(set(names) & set(vzkg.__all__))\n"
        "print(clash, callable(vzkg.export), callable(vzkg.load), callable(vzkg.query))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "[] True True True", done.stderr


def test_round_trip_through_the_api(tmp_path: object) -> None:
    kg = vzkg.load()
    data = vzkg.export(kg, format="nq")
    assert isinstance(data, bytes)
    again = vzkg.load(bundled=False, ontology=False)
    again.parse(data=data, format="nquads")
    assert sum(1 for _ in again.quads()) == sum(1 for _ in kg.quads())
