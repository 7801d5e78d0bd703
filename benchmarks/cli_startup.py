"""Start-up of the read commands, as CPU time against ``backcoach --help`` measured in the
same run (targets: 2x for a command that opens the database, 1.5x for ``exercises``).

    .venv/bin/python benchmarks/cli_startup.py [--runs N]

CPU time (user + system of the child process) rather than wall time, so that other work
on the machine moves the figures less; the ratio to ``--help`` cancels the machine's
speed. Each command runs on a database with a profile and a month of sessions, after one
warm-up run (bytecode and the parsed catalog cached, as after installing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BACKCOACH = Path(sys.executable).parent / "backcoach"
REFERENCE = ["--help"]
# (command, target as a multiple of --help's CPU time)
COMMANDS: list[tuple[list[str], float]] = [
    (["exercises", "--json"], 1.5),
    (["plan", "--json"], 2.0),
    (["history", "--json"], 2.0),
    (["screen", "--json"], 2.0),
    (["progress", "--json"], 2.0),
]


def _environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "BACKCOACH_DATABASE_URL")}
    env["BACKCOACH_DATA_DIR"] = str(folder / "data")
    env["BACKCOACH_CACHE_DIR"] = str(folder / "cache")
    return env


def _prepare(env: dict[str, str], folder: Path) -> None:
    """Give the person a profile and a month of sessions, through the CLI itself."""
    profile = folder / "profile.json"
    profile.write_text(json.dumps({"age": 40, "equipment": ["mat"], "days_per_week": 5}))
    sessions = [{"date": str(date.today() - timedelta(days=day)), "phase": "entry",
                 "pain_before": 3, "pain_after": 2,
                 "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 10}]},
                               {"exercise": "plank", "sets": [{"hold_seconds": 30}]}]}
                for day in range(30, 0, -2)]
    log = folder / "sessions.json"
    log.write_text(json.dumps(sessions))
    code = ("import sys, json\nfrom backcoach.store import Store\n"
            "from backcoach.profile import parse_profile\n"
            "store, _ = Store.open()\n"
            "store.save_profile(parse_profile(json.load(open(sys.argv[1])), sys.argv[1]))\n")
    subprocess.run([sys.executable, "-c", code, str(profile)], check=True, env=env)
    subprocess.run([str(BACKCOACH), "log", "--file", str(log)], check=True, env=env,
                   capture_output=True)


def cpu_seconds(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Return the median CPU time and the median wall time of ``backcoach ARGS``."""
    subprocess.run([str(BACKCOACH), *args], check=True, env=env, capture_output=True)
    cpu, wall = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen([str(BACKCOACH), *args], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall.append(time.perf_counter() - start)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"backcoach {' '.join(args)} exited {child.returncode}")
        cpu.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp(prefix="backcoach-startup-"))
    try:
        env = _environment(folder)
        _prepare(env, folder)
        reference, reference_wall = cpu_seconds(REFERENCE, env, runs)
        print(f"{'backcoach --help':<28} cpu {reference * 1000:6.0f} ms  wall "
              f"{reference_wall * 1000:6.0f} ms  (the reference)")
        for args, target in COMMANDS:
            cpu, wall = cpu_seconds(args, env, runs)
            ratio = cpu / reference
            verdict = "ok" if ratio <= target else "OVER TARGET"
            print(f"{'backcoach ' + ' '.join(args):<28} cpu {cpu * 1000:6.0f} ms  wall "
                  f"{wall * 1000:6.0f} ms  {ratio:4.2f}x --help (target {target:g}x)  "
                  f"{verdict}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
