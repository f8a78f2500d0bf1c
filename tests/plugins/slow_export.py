"""A fixture plugin whose exporter takes its time: it touches the file named by
$SANQUAN_TEST_MARKER when it starts, then sleeps, so a test can signal it."""

import os
import time
from pathlib import Path

import sanquan_core as sq


class Slow:
    name = "slow"
    suffix = ".slow"
    media_type = "application/octet-stream"
    description = "writes a little, then sleeps (test plugin)"

    def export(self, campaign, stream, options):
        stream.write(b"half a document")
        Path(os.environ["SANQUAN_TEST_MARKER"]).touch()
        time.sleep(60)


@sq.hookimpl
def sanquan_register_exporters():
    return [Slow()]
