"""Files written: whole or not at all, never over an input or a read-only file, and devices,
pipes and links written to rather than replaced."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from vzkg.errors import InputError
from vzkg.files import atomic_write, check_output


def test_a_new_and_a_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, SystemExit, OSError])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interruption: type[BaseException]
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def interrupted(descriptor: int) -> None:
        raise interruption()

    monkeypatch.setattr(os, "fsync", interrupted)  # mid-write, after the bytes are out
    with pytest.raises(InputError if interruption is OSError else interruption):
        atomic_write(target, b"new and half written")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_bytes(b"kept")
    target.chmod(0o444)
    with pytest.raises(InputError, match=r"will not replace .*kept.txt: it is read-only"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"kept"


def test_an_input_is_never_an_output(tmp_path: Path) -> None:
    source = tmp_path / "mine.ttl"
    source.write_text("")
    (tmp_path / "link.ttl").symlink_to(source)
    for output in (source, tmp_path / "link.ttl", tmp_path / "." / "mine.ttl"):
        with pytest.raises(InputError, match=r"will not write over .*, an input of this command"):
            check_output(output, [source])
    check_output(tmp_path / "other.ttl", [source])
    with pytest.raises(InputError, match="it is a folder"):
        check_output(tmp_path)


def test_a_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_named_pipe_is_written_to(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    atomic_write(pipe, b"through the pipe")
    reader.join()
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_device_is_written_to() -> None:
    atomic_write("/dev/null", b"nothing")
    assert Path("/dev/null").is_char_device()
    with pytest.raises(InputError, match="No space left on device"):
        atomic_write("/dev/full", b"too much")


def test_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        atomic_write(tmp_path / "no" / "out.txt", b"x")
