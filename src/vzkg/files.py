"""Reading and writing files: one clear error for a file that cannot be used, a size limit on
what is read, and never a half-written or lost file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .limits import MAX_INPUT_BYTES

_SIZE_HINT = "raise it with --max-input-size SIZE (max_input_bytes= in Python)"


def _too_large(name: str, limit: int) -> InputError:
    return InputError(f"{name} is larger than {limit:,} bytes, the input size limit; {_SIZE_HINT}")


def _check_limit(max_bytes: object) -> None:
    if max_bytes is not None and (
        isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0
    ):
        raise InputError(f"an input size limit is a number of bytes or None, not {max_bytes!r}")


def read_stream(stream: BinaryIO, name: str, *, max_bytes: int | None = MAX_INPUT_BYTES) -> bytes:
    """Read *stream* to its end, refusing more than *max_bytes* (``None``: no limit)."""
    _check_limit(max_bytes)
    data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise _too_large(name, max_bytes)
    return data


def read_bytes(path: str | Path, *, max_bytes: int | None = MAX_INPUT_BYTES) -> bytes:
    """Return the content of *path*.

    A missing, unreadable or too large file, a folder or a device (``/dev/zero`` would never
    end) is an :class:`InputError`; a named pipe is read up to the limit.
    """
    _check_limit(max_bytes)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{path} is a folder, not a file")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise InputError(f"{path} is a device, not a file")
        with open(path, "rb") as stream:
            if max_bytes is not None and os.fstat(stream.fileno()).st_size > max_bytes:
                raise _too_large(str(path), max_bytes)
            return read_stream(stream, str(path), max_bytes=max_bytes)
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None


def read_text(path: str | Path, *, max_bytes: int | None = MAX_INPUT_BYTES) -> str:
    """Return the UTF-8 text of *path*, with the errors of :func:`read_bytes`."""
    try:
        return read_bytes(path, max_bytes=max_bytes).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None


def check_output(path: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse, before any work, to write *path* when it is one of *inputs* or read-only."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # a new file; the folder is checked when written
    for source in inputs:
        try:
            same = os.path.samefile(path, source)
        except OSError:
            continue
        if same and stat.S_ISREG(mode):
            raise InputError(f"will not write over {source}, an input of this command")
    if stat.S_ISDIR(mode):
        raise InputError(f"cannot write {path}: it is a folder")
    if stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK)):
        raise InputError(f"will not replace {path}: it is read-only")


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder, then rename.

    A reader sees the old file or the new one, never a mix; if writing fails or is interrupted
    (Ctrl-C, SIGTERM), the temporary file is removed and the old file left as it was (after
    SIGKILL a hidden ``.NAME.*`` file may stay beside it). A read-only file is refused, not
    replaced; a symbolic link is written through. What is not a regular file, a device, a
    named pipe, ``/dev/stdout``, is written to, not replaced.
    """
    check_output(path)
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror}") from None
    special = os.path.abspath(path).startswith(("/dev/", "/proc/"))
    if special or (mode is not None and not stat.S_ISREG(mode)):
        try:
            with open(path, "wb") as stream:
                stream.write(data)
        except OSError as error:
            raise InputError(f"cannot write {path}: {error.strerror}") from None
        return
    _replace(Path(os.path.realpath(path)), data, existed=mode is not None)


def _replace(target: Path, data: bytes, *, existed: bool) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {target}: no such folder {folder}")
    import tempfile  # here: reading files needs none (it imports shutil, bz2, lzma)

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if existed:
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"cannot write {target}: {error.strerror}") from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
