"""Writing files so that a failure destroys nothing and leaves nothing behind.

:func:`atomic_write` (and :func:`atomic_path`, its context-manager form)
writes a document next to its target, under a name that says what it is
(``out.pdf.sanquan-partial-<pid>``), and renames it into place once it is
complete and on disk. So:

- only a regular file, or a new path, is written: a folder, a device node
  (``/dev/null``), a FIFO or a socket is refused with a :class:`TargetError`
  before anything is written; so is a file this process may not write
  (read-only), with a :class:`WriteError`, although renaming could replace it;
- a symbolic link is followed: the file it points to is replaced
  atomically and the link stays a link;
- an existing file keeps its permission bits (and, where allowed, its
  owner); a new one gets the mode ``open()`` would give it;
- the partial file is removed on every error, on KeyboardInterrupt and on
  any exception the caller turns a signal into (the command line turns
  SIGTERM into one). Only SIGKILL or a power cut can leave one: the next
  write to the same target removes partial files whose process is gone;
- errors name the caller's path, never the partial file's; a full disk
  says how much was needed and how much was free (:class:`WriteError`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from .errors import TargetError, WriteError

__all__ = ["PARTIAL", "atomic_path", "atomic_write", "check_target"]

#: What a partial file's name adds to its target's name, before the pid.
PARTIAL = ".sanquan-partial-"

#: Longest part of the target's name kept in a partial file's name (bytes),
#: so the partial name stays under the usual 255-byte limit.
_NAME_BYTES = 200


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically (see the module's docstring).

    Raises:
        TargetError: *path* is a folder, a device, a FIFO or a socket, or
            its folder does not exist.
        WriteError: writing failed (disk full, permission, I/O error).
    """
    with atomic_path(path, size=len(data)) as fh:
        _write_all(fh, data)


def _write_all(fh: BinaryIO, data: bytes) -> None:
    """Write all of *data* (one place for tests to make a disk full)."""
    fh.write(data)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], size: int | None = None) -> Iterator[BinaryIO]:
    """Open a partial file beside *path*; rename it into place on success.

    If the block raises, the partial file is removed and *path* is left as
    it was (absent, or with its old content). *size*, when given, is how
    many bytes the block writes; a full disk's message says so.

    Raises:
        TargetError: as :func:`atomic_write`.
        WriteError: as :func:`atomic_write`.
    """
    target = os.fspath(path)
    real = check_target(target)
    folder, name = os.path.split(real)
    _clean_stale(folder, name)
    try:
        existing: os.stat_result | None = os.stat(real)
    except OSError:
        existing = None
    tmp: str | None = None
    try:
        fd, tmp = _create_partial(folder, name)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _take_mode(tmp, existing)
        _refuse_special(target, real)  # it may have changed while we wrote
        os.replace(tmp, real)
        tmp = None
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, WriteError | TargetError):
            raise _write_error(exc, target, folder, size) from None
        raise


def check_target(path: str | os.PathLike[str]) -> str:
    """The file *path* names (symbolic links followed), if it may be written.

    Raises:
        TargetError: *path* is not a regular file or a new name in an
            existing folder; the message names *path* as given.
        WriteError: *path* is a file this process may not write (read-only).
    """
    target = os.fspath(path)
    real = os.path.realpath(target)
    _refuse_special(target, real)
    if os.path.exists(real) and not _writable(real):
        # The rename would replace it anyway; open() would refuse, and so do we.
        raise WriteError(
            errno.EACCES,
            os.strerror(errno.EACCES),
            target,
            f"cannot write {target}: permission denied (the file is read-only); "
            "nothing was written",
        )
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        shown = os.path.dirname(target) or "."
        if os.path.exists(folder):
            raise TargetError(
                f"cannot write {target}: {shown} is not a folder", target, "not_a_folder"
            )
        raise TargetError(
            f"cannot write {target}: the folder {shown} does not exist", target, "no_folder"
        )
    return real


_SPECIAL = (
    (stat.S_ISDIR, "folder", "it is a folder"),
    (stat.S_ISCHR, "device", "it is a device"),
    (stat.S_ISBLK, "device", "it is a device"),
    (stat.S_ISFIFO, "pipe", "it is a named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket", "it is a socket"),
)


def _writable(path: str) -> bool:
    return os.access(path, os.W_OK)


def _refuse_special(target: str, real: str) -> None:
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise TargetError(
            f"cannot write {target}: a part of the path is a file, not a folder",
            target,
            "not_a_folder",
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise TargetError(
                f"cannot write {target}: it is a symbolic link that leads round in a loop",
                target,
                "loop",
            ) from None
        return  # permission and the like: the write itself will say
    if stat.S_ISREG(mode):
        return
    reason, words = next(
        ((r, w) for test, r, w in _SPECIAL if test(mode)), ("special", "it is not a regular file")
    )
    raise TargetError(f"cannot write {target}: {words}, not a regular file", target, reason)


def _prefix(name: str) -> str:
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) <= _NAME_BYTES:
        return name + PARTIAL
    return encoded[:_NAME_BYTES].decode("utf-8", "ignore") + PARTIAL


def _create_partial(folder: str, name: str) -> tuple[int, str]:
    """Create ``<name>.sanquan-partial-<pid>`` (``-2``, ``-3`` … if taken)."""
    base = os.path.join(folder, f"{_prefix(name)}{os.getpid()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for n in range(1, 1000):  # pragma: no branch - a thousand threads on one file
        candidate = base if n == 1 else f"{base}-{n}"
        try:
            return os.open(candidate, flags, 0o600), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "too many partial files", base)


_STALE = re.compile(r"(\d+)(?:-\d+)?")


def _clean_stale(folder: str, name: str) -> None:
    """Remove partial files of *name* whose process is no longer running."""
    if sys.platform == "win32":  # pragma: no cover - no cheap liveness test there
        return
    prefix = _prefix(name)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        found = _STALE.fullmatch(entry.name[len(prefix) :])
        if found is None:
            continue
        pid = int(found.group(1))
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _take_mode(tmp: str, existing: os.stat_result | None) -> None:
    if existing is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    if hasattr(os, "chown") and existing.st_uid != os.geteuid():  # pragma: no cover - root
        with contextlib.suppress(OSError):
            os.chown(tmp, existing.st_uid, existing.st_gid)
    elif hasattr(os, "chown") and existing.st_gid != os.getegid():
        with contextlib.suppress(OSError):
            os.chown(tmp, -1, existing.st_gid)
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_error(exc: OSError, target: str, folder: str, size: int | None) -> WriteError:
    code = exc.errno or 0
    strerror = exc.strerror or str(exc)
    free = None
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        with contextlib.suppress(OSError, AttributeError):
            vfs = os.statvfs(folder)
            free = vfs.f_bavail * vfs.f_frsize
        what = "the disk is full" if code == errno.ENOSPC else "the disk quota is used up"
        amounts = []
        if size is not None:
            amounts.append(f"{human_size(size)} were needed")
        if free is not None:
            amounts.append(f"{human_size(free)} are free")
        detail = f" ({', '.join(amounts)})" if amounts else ""
        message = f"cannot write {target}: {what}{detail}; nothing was written"
    elif code in (errno.EACCES, errno.EPERM):
        message = f"cannot write {target}: permission denied; nothing was written"
    elif code == errno.EROFS:
        message = f"cannot write {target}: the disk is read-only; nothing was written"
    else:
        message = f"cannot write {target}: {strerror}; nothing was written"
    return WriteError(code, strerror, target, message, needed=size, free=free)


def human_size(n: int) -> str:
    """*n* bytes for a reader: ``512 bytes``, ``1.5 kB``, ``12.3 MB``."""
    if n < 1000:
        return f"{n} bytes"
    value = float(n)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 1000:
            return f"{value:.1f} {unit}"
    return f"{value:.1f} PB"
