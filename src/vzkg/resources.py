"""Where the bundled ontology, shapes, data and named queries are.

``ontology/``, ``shapes/`` and ``examples/queries/`` live at the top of the repository, the one
place they are edited. A wheel carries copies inside the package (hatchling ``force-include``),
found through :mod:`importlib.resources`. An editable install imports the package straight
from ``src/vzkg``, where those copies do not exist, so the checkout's own folders are used.
The graph's data lives in the package itself (``vzkg/data``) and is found the same way in both.
"""

from __future__ import annotations

import os
from functools import cache

from .errors import InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # Python 3.11+; only for annotations

_TOP_LEVEL = {"ontology": "ontology", "shapes": "shapes", "query_library": "examples/queries"}


@cache
def _on_disk(name: str) -> str | None:
    """The folder of bundled files *name* on disk, in a wheel or a checkout alike; None inside
    a zip file. Found without importlib.resources, which would cost a cold query more than the
    query itself."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, name)
    if os.path.isdir(packaged):
        return packaged
    if name in _TOP_LEVEL:
        checkout = os.path.join(os.path.dirname(os.path.dirname(here)), _TOP_LEVEL[name])
        if os.path.isdir(checkout):
            return checkout
    return None


def resource_dir(name: str) -> Traversable:
    """Return the folder of bundled files called *name*.

    *name* is ``data``, ``ontology``, ``shapes`` or ``query_library``.

    >>> sorted(p.name for p in resource_dir("ontology").iterdir() if p.name.endswith(".ttl"))
    ['external.ttl', 'vzkg.ttl']
    """
    folder = _on_disk(name)
    if folder is not None:
        from pathlib import Path

        return Path(folder)
    from importlib.resources import files  # a package inside a zip file

    zipped = files("vzkg").joinpath(name)
    if zipped.is_dir():
        return zipped
    raise InputError(f"bundled folder {name!r} is missing from this installation of vzkg")


def resource_files(name: str, *suffixes: str) -> list[Traversable]:
    """Return the files of bundled folder *name* ending in one of *suffixes*, sorted by path."""
    folder = resource_dir(name)
    return [folder.joinpath(*found.split("/")) for found in resource_names(name, *suffixes)]


def resource_names(name: str, *suffixes: str) -> list[str]:
    """The paths inside bundled folder *name* (``/`` between folders) of its files ending in
    one of *suffixes*, sorted: :func:`resource_files` without pathlib, for
    :func:`resource_bytes` (a cold query reads the bundled graph this way)."""
    found: list[str] = []
    folder = _on_disk(name)
    if folder is not None:
        for top, _, files in os.walk(folder, followlinks=True):
            inside = top[len(folder) + 1 :].replace(os.sep, "/")
            found += [f"{inside}/{f}".lstrip("/") for f in files if f.endswith(suffixes)]
        return sorted(found)
    pending = [("", resource_dir(name))]
    while pending:
        inside, here = pending.pop()
        for entry in here.iterdir():
            if entry.is_dir():
                pending.append((f"{inside}{entry.name}/", entry))
            elif entry.name.endswith(suffixes):
                found.append(inside + entry.name)
    return sorted(found)


def resource_bytes(name: str, inside: str) -> bytes | None:
    """The bytes of the file *inside* bundled folder *name* (a path as
    :func:`resource_names` gives), None if there is no such file."""
    folder = _on_disk(name)
    if folder is None:
        found = resource_dir(name).joinpath(*inside.split("/"))
        return found.read_bytes() if found.is_file() else None
    path = os.path.join(folder, *inside.split("/"))
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as file:
        return file.read()
