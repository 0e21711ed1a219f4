"""Repeated timing: medians, with every run kept."""

from __future__ import annotations

import gc
import statistics
import time
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Timing:
    """Wall-clock seconds of repeated runs of one thing."""

    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def as_dict(self) -> dict[str, Any]:
        return {"median_s": self.median, "min_s": min(self.runs), "max_s": max(self.runs),
                "runs": len(self.runs), "all_s": [round(r, 6) for r in self.runs]}


def measure(fn: Callable[[], Any], repeats: int, warmup: int = 0) -> tuple[Timing, Any]:
    """Run `fn` warmup + repeats times (garbage collected before each); the timing and last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    timing = Timing()
    for _ in range(max(1, repeats)):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        timing.runs.append(time.perf_counter() - start)
    return timing, result
