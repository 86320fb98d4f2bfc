"""Where the bundled ontology, shapes, data and named queries are.

``ontology/``, ``shapes/`` and ``examples/queries/`` live at the top of the repository, the one
place they are edited. A wheel carries copies inside the package (hatchling ``force-include``),
found through :mod:`importlib.resources`. An editable install imports the package straight
from ``src/vzkg``, where those copies do not exist, so the checkout's own folders are used.
The graph's data lives in the package itself (``vzkg/data``) and is found the same way in both.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # Python 3.11+; only for annotations

_TOP_LEVEL = {"ontology": "ontology", "shapes": "shapes", "query_library": "examples/queries"}


def resource_dir(name: str) -> Traversable:
    """Return the folder of bundled files called *name*.

    *name* is ``data``, ``ontology``, ``shapes`` or ``query_library``.

    >>> sorted(p.name for p in resource_dir("ontology").iterdir() if p.name.endswith(".ttl"))
    ['external.ttl', 'vzkg.ttl']
    """
    here = os.path.dirname(os.path.realpath(__file__))
    # on disk, in a wheel or a checkout: found without importlib.resources, which would cost
    # a cold query more than the query itself
    packaged = os.path.join(here, name)
    if os.path.isdir(packaged):
        return Path(packaged)
    if name in _TOP_LEVEL:
        checkout = os.path.join(os.path.dirname(os.path.dirname(here)), _TOP_LEVEL[name])
        if os.path.isdir(checkout):
            return Path(checkout)
    from importlib.resources import files  # a package inside a zip file

    zipped = files("vzkg").joinpath(name)
    if zipped.is_dir():
        return zipped
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
