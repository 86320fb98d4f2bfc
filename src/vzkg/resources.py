"""Where the bundled ontology, shapes, data and named queries are.

``ontology/``, ``shapes/`` and ``examples/queries/`` live at the top of the repository, the one
place they are edited. A wheel carries copies inside the package (hatchling ``force-include``),
found through :mod:`importlib.resources`. An editable install imports the package straight
from ``src/vzkg``, where those copies do not exist, so the checkout's own folders are used.
The graph's data lives in the package itself (``vzkg/data``) and is found the same way in both.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # Python 3.11+; only for annotations

_TOP_LEVEL = {"ontology": "ontology", "shapes": "shapes", "query_library": "examples/queries"}


def resource_dir(name: str) -> Traversable:
    """Return the folder of bundled files called *name*.

    *name* is ``data``, ``ontology``, ``shapes`` or ``query_library``.

    >>> sorted(p.name for p in resource_dir("ontology").iterdir() if p.name.endswith(".ttl"))
    ['external.ttl', 'vzkg.ttl']
    """
    packaged = files("vzkg").joinpath(name)
    if packaged.is_dir():
        return packaged
    if name in _TOP_LEVEL:
        checkout = Path(__file__).resolve().parents[2] / _TOP_LEVEL[name]
        if checkout.is_dir():
            return checkout
    raise InputError(f"bundled folder {name!r} is missing from this installation of vzkg")


def resource_files(name: str, *suffixes: str) -> list[Traversable]:
    """Return the files of bundled folder *name* ending in one of *suffixes*, sorted by path."""
    found: list[Traversable] = []
    pending = [resource_dir(name)]
    while pending:
        folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                pending.append(entry)
            elif entry.name.endswith(suffixes):
                found.append(entry)
    return sorted(found, key=str)
