"""The command line's progress bar: on a terminal, for an export that takes a while.

:class:`Bar` is a :class:`~sanquan_core.exporters.Progress` callback that
draws nothing for the first :data:`DELAY` seconds, so a quick export prints
exactly what it printed without it; after that it draws a tqdm bar on
standard error, and clears it when the export ends. When standard error is
not a terminal (piped, redirected, a CI log) there is no bar at all, and tqdm
is not even imported.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import IO, Any

__all__ = ["DELAY", "Bar"]

#: Seconds an export runs before its bar appears.
DELAY = 1.0

#: No English word on the bar: the label, the share, the bar, the count, the times.
_FORMAT = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}]"


class Bar:
    """A progress bar for one export, drawn on *stream* if it is a terminal.

    Use as a context manager around the export, passing the bar as
    ``progress=``; *label* (the file being written) starts the bar's text.
    """

    def __init__(self, label: str = "", *, stream: IO[str] | None = None, quiet: bool = False):
        self._stream = sys.stderr if stream is None else stream
        self._label = label
        isatty = getattr(self._stream, "isatty", None)
        self.enabled = not quiet and callable(isatty) and bool(isatty())
        self._start = time.monotonic()
        self._bar: Any = None

    def __call__(self, done: int, total: int, what: str) -> None:
        if not self.enabled:
            return
        text = f"{self._label} {what}".strip()
        if self._bar is None:
            if time.monotonic() - self._start < DELAY:
                return
            from tqdm import tqdm  # only for a terminal, and only for a long export

            self._bar = tqdm(
                total=total,
                initial=done,
                desc=text,
                file=self._stream,
                bar_format=_FORMAT,
                leave=False,
                dynamic_ncols=True,
            )
            return
        bar = self._bar
        bar.total = total
        bar.set_description_str(text, refresh=False)
        bar.update(done - bar.n)

    def close(self) -> None:
        """Clear the bar (if one was drawn)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Bar:
        self._start = time.monotonic()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
