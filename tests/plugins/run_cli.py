"""Run the command line in a subprocess, with test plugins or a slow disk.

``python -m tests.plugins.run_cli [--plugin MODULE]... [--slow-disk] ARGS...``:
registers each test plugin module, and with ``--slow-disk`` makes the
partial file's write stop halfway (touching $SANQUAN_TEST_MARKER) and
sleep, so a test can send a signal while the partial file exists.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    from sanquan_core import _io, plugins
    from sanquan_core.cli import main as cli

    while argv and argv[0] in ("--plugin", "--slow-disk"):
        if argv[0] == "--plugin":
            plugins.register(importlib.import_module(argv[1]), name=argv[1].rpartition(".")[2])
            argv = argv[2:]
        else:

            def slow_write(fh, data):
                fh.write(data[: len(data) // 2])
                fh.flush()
                Path(os.environ["SANQUAN_TEST_MARKER"]).touch()
                time.sleep(60)

            _io._write_all = slow_write
            argv = argv[1:]
    return cli(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
