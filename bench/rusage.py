"""Run a command and report its wall time and peak memory as one JSON line.

``python -m bench.rusage -- CMD ...``: a fresh process, so getrusage(RUSAGE_CHILDREN) holds
this command alone (its largest process: the build, or a Dask worker it waited for).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    cmd = argv[argv.index("--") + 1:] if "--" in argv else argv
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall_s": wall, "maxrss_kib": usage.ru_maxrss, "user_s": usage.ru_utime,
                      "sys_s": usage.ru_stime, "returncode": done.returncode,
                      "stdout": done.stdout[-2000:], "stderr": done.stderr[-2000:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
