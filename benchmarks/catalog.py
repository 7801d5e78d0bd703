"""Catalog load time and CLI start-up, printed as figures (targets: 30 ms and 0.3 s).

    .venv/bin/python benchmarks/catalog.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from backcoach.catalog import loader


def load_times(runs: int = 30) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        loader._load(loader.DATA_DIR)  # uncached: the cost a fresh process pays
        times.append(time.perf_counter() - start)
    return times


def cli_times(args: list[str], runs: int = 10) -> list[float]:
    exe = Path(sys.executable).parent / "backcoach"
    # Timed as installed: with its bytecode cached (pip compiles it; an editable install
    # writes it on the first run, here the warm-up), not recompiled on every run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([str(exe), *args], check=True, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), *args], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def _report(label: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    verdict = "ok" if median < target else "OVER TARGET"
    print(f"{label:<38} median {median * 1000:7.1f} ms  min {min(times) * 1000:7.1f} ms  "
          f"target {target * 1000:.0f} ms  {verdict}")


def main() -> None:
    catalog = loader._load(loader.DATA_DIR)
    print(f"catalog: {len(catalog.exercises)} exercises, {len(catalog.programs)} programs")
    _report("load_catalog() (uncached)", load_times(), 0.030)
    _report("backcoach exercises --json (wall)", cli_times(["exercises", "--json"]), 0.300)
    _report("backcoach --help (wall)", cli_times(["--help"]), 0.300)
    # The floor no CLI can beat on this machine, measured in the same run for comparison.
    bare = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    _report("bare python start-up (wall)", bare, 0.300)


if __name__ == "__main__":
    main()
