"""A small harness: time candidates against a peer in the same run, report ratios.

Absolute times depend on the machine; a ratio against a peer measured in
the same process, on the same data, moments apart, does not (much). Each
candidate runs ``repeat`` times; the median is reported.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any


def median_seconds(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time of *fn* over *repeat* runs (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory(fn: Callable[[], Any]) -> int:
    """Peak bytes allocated by Python while *fn* runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def compare(
    title: str,
    peer: tuple[str, Callable[[], Any]],
    candidates: list[tuple[str, Callable[[], Any]]],
    repeat: int = 5,
) -> None:
    """Print each candidate's median time and its ratio to *peer*."""
    peer_name, peer_fn = peer
    base = median_seconds(peer_fn, repeat)
    print(f"\n{title}")
    print(f"  {'peer: ' + peer_name:<58} {base * 1000:10.1f} ms   1.00x")
    for name, fn in candidates:
        t = median_seconds(fn, repeat)
        print(f"  {name:<58} {t * 1000:10.1f} ms {t / base:6.2f}x")
