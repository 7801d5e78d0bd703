"""Catalog load time and CLI start-up, printed as figures (targets: 30 ms and 0.3 s).

    .venv/bin/python benchmarks/catalog.py
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backcoach.catalog import loader
from backcoach.catalog.parsed import ParsedFiles, cache_name

CACHE_DIR = tempfile.mkdtemp(prefix="backcoach-bench-cache-")
atexit.register(shutil.rmtree, CACHE_DIR, True)


def load_times(runs: int = 30, cache: Path | None = None) -> list[float]:
    """Time loading the catalog: parsing every file (a first run, or after an edit), or,
    with ``cache``, from the parsed files an earlier run kept there."""
    if cache is not None:
        parsed = ParsedFiles(loader.DATA_DIR, cache)
        loader._load(loader.DATA_DIR, parsed)
        parsed.save()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        kept = None if cache is None else ParsedFiles(loader.DATA_DIR, cache)
        loader._load(loader.DATA_DIR, kept)  # not lru-cached: what a fresh process pays
        times.append(time.perf_counter() - start)
    return times


def cli_times(args: list[str], runs: int = 10) -> list[float]:
    exe = Path(sys.executable).parent / "backcoach"
    # Timed as installed: with its bytecode cached (pip compiles it; an editable install
    # writes it on the first run, here the warm-up), not recompiled on every run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["BACKCOACH_CACHE_DIR"] = CACHE_DIR  # the warm-up keeps the parsed catalog there
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
    print(f"{label:<46} median {median * 1000:7.1f} ms  min {min(times) * 1000:7.1f} ms  "
          f"target {target * 1000:.0f} ms  {verdict}")


def main() -> None:
    catalog = loader._load(loader.DATA_DIR)
    print(f"catalog: {len(catalog.exercises)} exercises, {len(catalog.programs)} programs")
    _report("load_catalog(), parsing every file", load_times(), 0.030)
    _report("load_catalog(), files parsed by a run before",
            load_times(cache=Path(CACHE_DIR) / cache_name(loader.DATA_DIR)), 0.030)
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
