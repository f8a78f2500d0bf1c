"""The ``json`` format: the dataset itself, as ``sanquan/1``.

The ``forms`` option does not apply: the whole dataset is written, so the
file can be loaded again.
"""

from __future__ import annotations

from typing import IO

from sanquan_core.exporters import ExportOptions
from sanquan_core.model import Campaign
from sanquan_core.serialize import dump


def export(campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
    """Write *campaign* to *stream* as ``sanquan/1`` JSON."""
    dump(campaign, stream)
