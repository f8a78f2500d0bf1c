"""Writing files so that a failure leaves nothing behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import BinaryIO


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a temporary file beside *path*; rename it into place on success.

    If the block raises, the temporary file is removed and *path* is left
    as it was (absent, or with its old content).
    """
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=".sanquan-", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        # mkstemp makes the file private (0600); give it the mode open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
