"""The build as users run it: ``python -m geo build --seeds DIR --out TMP`` in a subprocess.

Wall time and peak memory: the largest single process (getrusage of the children, via
bench.rusage) and the whole process tree (psutil, sampled every 20 ms: with --workers the
client and the workers are separate processes, and their sum is what the machine needs).
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import corpus
from bench.report import Row

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"(\d+) documents, (\d+) events")


def _tree_rss(proc) -> int:
    """Resident bytes of a process and all its descendants (0 when it is gone)."""
    import psutil

    total = 0
    try:
        family = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    for p in family:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_once(args: list[str]) -> dict[str, Any]:
    """One build: wall, user+sys CPU, largest process RSS, sampled tree RSS, what it printed."""
    import psutil

    cmd = [sys.executable, "-m", "bench.rusage", "--", sys.executable, "-m", "geo", "build", *args]
    wrapper = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    handle, peak = psutil.Process(wrapper.pid), 0
    while wrapper.poll() is None:
        peak = max(peak, _tree_rss(handle) - _own_rss(handle))
        time.sleep(0.02)
    out, err = wrapper.communicate()
    if wrapper.returncode != 0 or not out.strip():
        raise RuntimeError(f"bench.rusage failed: {err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["tree_peak_bytes"] = peak
    if result["returncode"] not in (0,):
        raise RuntimeError(f"geo build exited {result['returncode']}: {result['stderr']}")
    return result


def _own_rss(handle) -> int:
    """The wrapper's own RSS (not part of the build)."""
    try:
        return handle.memory_info().rss
    except Exception:
        return 0


def measure(seeds: Path, extra: list[str], repeats: int) -> dict[str, Any]:
    """Median wall and the peaks of `repeats` builds of `seeds` into a fresh temporary folder."""
    runs = []
    for _ in range(max(1, repeats)):
        out = Path(tempfile.mkdtemp(prefix="robeza-bench-out-"))
        try:
            runs.append(run_once(["--seeds", str(seeds), "--out", str(out), *extra]))
        finally:
            shutil.rmtree(out, ignore_errors=True)
    walls = [r["wall_s"] for r in runs]
    summary = SUMMARY.search(runs[-1]["stdout"])
    return {
        "wall_s": statistics.median(walls), "all_wall_s": walls, "runs": len(runs),
        "cpu_s": statistics.median(r["user_s"] + r["sys_s"] for r in runs),
        "maxrss_mib": max(r["maxrss_kib"] for r in runs) / 1024,
        "tree_peak_mib": max(r["tree_peak_bytes"] for r in runs) / 2**20,
        "documents": int(summary.group(1)) if summary else None,
        "events": int(summary.group(2)) if summary else None,
    }


def _rows(case: str, m: dict[str, Any], note: str) -> list[Row]:
    runs = f"median of {m['runs']}" if m["runs"] > 1 else "1 run"
    rows = [
        Row("build", case, "wall", m["wall_s"], "s", f"{runs}; {m['documents']} docs, {m['events']} events{note}"),
        Row("build", case, "peak RSS, largest process", m["maxrss_mib"], "MiB", "getrusage(RUSAGE_CHILDREN)"),
        Row("build", case, "peak RSS, all processes", m["tree_peak_mib"], "MiB", "psutil, sampled every 20 ms"),
    ]
    if m["documents"] and m["documents"] > 1:
        rows.append(Row("build", case, "documents per second", m["documents"] / m["wall_s"], "docs/s",
                        f"CPU {m['cpu_s']:.1f} s (user+sys, all processes)"))
    return rows


def section(all_docs: list, sizes: list[int], repeats: int, workers: int, large: int) -> tuple[list[Row], dict]:
    """The seed, then each synthetic corpus sequentially and with --workers."""
    rows: list[Row] = []
    raw: dict[str, Any] = {}
    seed = measure(ROOT / "seeds", [], max(repeats, 5))
    rows += _rows("seed", seed, "; imports ~0.7 s of it")
    raw["seed"] = seed
    for n in sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"robeza-bench-seeds-{n}-"))
        try:
            corpus.write(all_docs[:n], folder)
            reps = repeats if n < large else 1
            for label, extra in (("sequential", ["--workers", "0"]), (f"--workers {workers}", ["--workers", str(workers)])):
                m = measure(folder, extra, reps)
                case = f"{n} docs, {label}"
                rows += _rows(case, m, "")
                raw[case] = m
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return rows, raw
