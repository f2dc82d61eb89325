"""Files: reading inputs safely, writing outputs atomically, locking a folder, hashing.

Inputs are read as regular files only, with the size limit applied while reading: a name that
points at a device, a named pipe or a socket is refused before anything is read, so that
``ln -s /dev/zero report.txt`` or a FIFO neither blocks nor fills memory.

Outputs are written to a temporary file in the destination folder and renamed over the
target, so an interrupted run leaves the previous file intact and never a half-written one.
A folder that one process writes at a time is guarded by :func:`writer_lock`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plangraph.errors import InputError

__all__ = [
    "LOCK_NAME",
    "atomic_write",
    "file_sha256",
    "read_limited",
    "stage_write",
    "sweep_leftovers",
    "writer_lock",
]

LOCK_NAME = ".lock"

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_limited(
    path: str | Path, limit: int, *, error: type[InputError] = InputError, what: str = "file"
) -> bytes:
    """The bytes of the regular file at ``path``, refused (``error``, naming the file) when it is
    missing, unreadable, not a regular file, or larger than ``limit`` bytes, whatever size
    it claims: reading stops one byte past the limit."""
    try:
        before = os.stat(path)  # follows links: a link to /dev/zero is a device
        kind = _not_regular(before.st_mode)
        if kind is not None:
            raise error(f"is {kind}; expected a {what}", path=path)
        if before.st_size > limit:
            raise error(_too_big(before.st_size, limit), path=path)
        # O_NONBLOCK: should the name have been swapped for a FIFO since, opening does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | os.O_CLOEXEC)
    except FileNotFoundError:
        raise error("no such file", path=path) from None
    except PermissionError:
        raise error("permission denied", path=path) from None
    except OSError as exc:
        raise error(f"cannot be read: {exc.strerror}", path=path) from None
    try:
        kind = _not_regular(os.fstat(fd).st_mode)
        if kind is not None:
            raise error(f"is {kind}; expected a {what}", path=path)
        blocks, total = [], 0
        while block := os.read(fd, min(1 << 20, limit + 1 - total)):
            blocks.append(block)
            total += len(block)
            if total > limit:
                raise error(_too_big(total, limit, growing=True), path=path)
        return b"".join(blocks)
    except OSError as exc:
        raise error(f"cannot be read: {exc.strerror}", path=path) from None
    finally:
        os.close(fd)


def _too_big(size: int, limit: int, growing: bool = False) -> str:
    amount = f"more than {limit / 1e6:.0f} MB" if growing else f"{size / 1e6:.1f} MB"
    return (
        f"is {amount}; inputs are read whole and the limit is {limit / 1e6:.0f} MB (split the file)"
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` all at once or not at all."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = stage_write(path.parent, path.name, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def stage_write(folder: Path, name: str, data: str | bytes) -> Path:
    """Write ``data`` to a new file of a name unique to this call in ``folder``
    (``.NAME.XXXX.tmp``), flushed to disk, and return its path: to be renamed into place."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


@contextmanager
def writer_lock(folder: str | Path, error: type[InputError], what: str) -> Iterator[None]:
    """Hold ``folder``'s write lock (``folder/.lock``) or raise ``error`` at once, naming the
    process that holds it. The lock goes with the process: a killed writer leaves none."""
    folder = Path(folder)
    try:
        import fcntl
    except ImportError:  # not POSIX: no cross-process lock; atomic renames still protect
        yield
        return
    with open(folder / LOCK_NAME, "a+", encoding="ascii") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise error(
                f"{what} is being written by another process (pid {holder});"
                " try again when it has finished",
                path=folder,
            ) from None
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def sweep_leftovers(folder: Path, prefix: str) -> None:
    """Remove what processes killed outright left in ``folder``: entries named
    ``PREFIX<pid>-…`` whose process is gone (no clean-up of theirs ever ran)."""
    import shutil

    try:
        entries = list(folder.glob(f"{prefix}*"))
    except OSError:
        return
    for entry in entries:
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes, read in blocks (outputs can be large)."""
    import hashlib

    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
