"""Reading files safely: regular files only, bounded reads, broken links and unreadable folders named."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .checks import SUPPORTED, IngestError

_FILE_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
               stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def not_regular(mode: int) -> str | None:
    """Why a file of this mode cannot be read as an article (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return "not a regular file (" + _FILE_KINDS.get(stat.S_IFMT(mode), "a special file") + ")"


def read_bounded(path: Path, source: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file: FIFOs, devices and sockets are refused by name, before
    opening when possible and again on the open descriptor (so a swapped file cannot hang the read)."""
    why = not_regular(os.stat(path).st_mode)
    if why:
        raise IngestError(source, why)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        why = not_regular(info.st_mode)
        if why:
            raise IngestError(source, why)
        if info.st_size > max_bytes:
            raise IngestError(source, f"too large ({info.st_size:,} bytes; limit {max_bytes:,})")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise IngestError(source, f"too large (over {max_bytes:,} bytes)")
        return b"".join(chunks)
    finally:
        os.close(fd)


def broken_link(path: Path, exc: OSError) -> str:
    """Why a path that cannot be stat'ed cannot be read (a symlink loop, a dangling link, ...)."""
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if os.path.islink(path):
        try:
            return f"dangling symlink (to {os.readlink(path)!r})"
        except OSError:
            return "dangling symlink"
    return f"cannot read ({exc.strerror or exc})"


def walk_folder(folder: Path, seen: set[tuple[int, int]] | None = None) -> Iterator[Path | IngestError]:
    """The supported files under ``folder`` in path order, sidecars included (hidden names skipped); unreadable
    folders, broken links and special files with a supported suffix come back as errors. Symlinked folders
    are followed once (a loop is not)."""
    seen = set() if seen is None else seen
    try:
        info = os.stat(folder)
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield IngestError(str(folder), f"cannot read folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            info = os.stat(path)
        except OSError as exc:
            yield IngestError(str(path), broken_link(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) in seen:
                if entry.is_symlink():
                    yield IngestError(str(path), "symlink loop (a link to a folder above it)")
                continue
            yield from walk_folder(path, seen)
        elif path.suffix.lower() in SUPPORTED:
            why = not_regular(info.st_mode)
            yield IngestError(str(path), why) if why else path
