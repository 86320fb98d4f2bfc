"""Reading and writing files: one clear error for a missing or unreadable file, and never a
half-written or lost one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def read_bytes(path: str | Path) -> bytes:
    """Return the content of *path*; a missing or unreadable file is an :class:`InputError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None


def read_text(path: str | Path) -> str:
    """Return the UTF-8 text of *path*, with the errors of :func:`read_bytes`."""
    try:
        return read_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder, then rename.

    A reader sees the old file or the new one, never a mix; if writing fails, the old file is
    left as it was.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {target}: no such folder {folder}")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write {target}: {error.strerror}") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
