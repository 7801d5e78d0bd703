"""Web benchmark: GET /today, /history and /api/v1/plan against a bare FastAPI endpoint,
and a write mix against the reads.

    .venv/bin/python benchmarks/web.py [--seconds 10] [--connections 50]

Starts backcoach's app (on a temporary SQLite file holding a person with five years of
sessions, daily pain check-ins and PSFS ratings) and a bare FastAPI app that returns a
small JSON object, each in its own uvicorn process on 127.0.0.1 with the same settings,
then loads each URL for the same time at the same number of connections: with wrk when it
is installed (apt-get install wrk), else with a small asyncio load generator of our own
(GETs only). Prints requests per second, p50/p99 latency and timeouts next to the bare
endpoint's, and the weight of the player page (HTML, styles, script, icon, the session
check and the first figure) as a browser without a cache loads it. Last, with wrk, the
write mix: POST /api/v1/log and POST /api/v1/pain alternating on every connection.
Only loopback is ever contacted; every loop is bounded in time.

Targets (the issues): GET /today and /api/v1/plan at least half the bare endpoint's
throughput with p99 under 25 ms; GET /history at least half of /today's; the write mix at
least a fifth of GET /api/v1/plan's throughput with a p99 under ten times its p99; no
timeouts anywhere; the player page under 150 KB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from fastapi import FastAPI

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PAGE_LIMIT = 150 * 1024
P99_LIMIT_MS = 25.0
YEARS = 5
# The write mix, one request each in turn on every connection (wrk's Lua).
WRITE_MIX = """
local n = 0
local json = {["Content-Type"] = "application/json"}
local log = '{"date": "%s", "phase": "entry", "pain_before": 2, "pain_after": 1, ' ..
  '"exercises": [{"exercise": "cat_cow", "sets": [{"reps": 8}, {"reps": 8}]}]}'
request = function()
  n = n + 1
  if n %% 2 == 0 then
    return wrk.format("POST", "/api/v1/pain", json, '{"pain": 3, "note": "bench"}')
  end
  return wrk.format("POST", "/api/v1/log", json, log)
end
"""


def bare_app() -> FastAPI:
    """The comparison: FastAPI with one endpoint and nothing else (as in its tutorial)."""
    app = FastAPI()

    @app.get("/bare")
    async def bare() -> dict[str, str]:
        return {"status": "ok"}

    return app


# The database -----------------------------------------------------------------------------

def seed(url: str, today: date) -> None:
    """Write a person with five years of sessions (the last three months as planned,
    before them three a week), a pain check-in every day and PSFS ratings to ``url``."""
    from backcoach.catalog import load_catalog
    from backcoach.history import ExerciseDone, SessionRecord, SetDone
    from backcoach.planner import make_plan
    from backcoach.profile import Profile
    from backcoach.store import Store

    catalog = load_catalog()
    store, _ = Store.open(url)
    profile = Profile(age=45, pain_now="dull", pain_level=3, equipment=["mat", "chair"],
                      days_per_week=5, minutes_per_day=20)
    store.save_profile(profile, at=datetime.combine(today - timedelta(days=YEARS * 365 + 2),
                                                    datetime.min.time()))
    history: list[SessionRecord] = []
    older = ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)] * 3)
    for offset in range(YEARS * 365, 90, -1):
        day = today - timedelta(days=offset)
        if day.weekday() in (0, 2, 4):
            store.record_session(SessionRecord(date=day, phase="entry", pain_before=3,
                                               pain_after=2, exercises=[older] * 8),
                                 catalog=catalog, today=today)
        store.add_pain(3, at=datetime.combine(day, datetime.min.time()))
    for offset in range(90, 0, -1):
        day = today - timedelta(days=offset)
        plan = make_plan(profile, history, day, catalog)
        if plan.today is None or not plan.training_today or plan.phase is None:
            continue
        done = [ExerciseDone(exercise=i.exercise, variant=i.variant,
                             sets=[SetDone(reps=i.reps, hold_seconds=i.hold_seconds,
                                           minutes=i.minutes)] * i.sets)
                for i in plan.today.items]
        record = SessionRecord(date=day, phase=plan.phase, program=plan.programs[0],
                               pain_before=3, pain_after=2, effort=5, exercises=done)
        store.record_session(record, catalog=catalog, today=today)
        history.append(record)
        store.add_pain(3 - offset % 2, at=datetime.combine(day, datetime.min.time()))
        if offset % 14 == 0:
            store.rate_psfs({"Tie my shoes": 5 + (90 - offset) // 30}, on=day, today=today)
    store.engine.dispose()


# Servers ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(target: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", target, "--factory", "--host", HOST, "--port",
         str(port), "--log-level", "warning", "--no-access-log", "--app-dir", str(ROOT)],
        env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return process, port
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"the server {target} did not start") from None
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server {target} did not answer within 30 s")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        body: bytes = response.read()
        return body


# Load -------------------------------------------------------------------------------------

@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    timeouts: int = 0


def _wrk_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load_with_wrk(url: str, seconds: int, connections: int, script: str | None = None
                  ) -> Result:
    # One wrk thread: on a small machine it leaves the other core to the server.
    extra = ["-s", script] if script else []
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "--timeout", "5s", *extra, url],
                         capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _wrk_ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _wrk_ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return Result(rps, p50, p99, int(errors.group(1)) if errors else 0,
                  int(timeouts.group(1)) if timeouts else 0)


async def _client(path: str, port: int, until: float, latencies: list[float],
                  errors: list[int]) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode()
    try:
        while time.perf_counter() < until:
            began = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            found = re.search(rb"content-length: (\d+)", head.lower())
            await reader.readexactly(int(found.group(1)) if found else 0)
            latencies.append(time.perf_counter() - began)
            if not head.startswith(b"HTTP/1.1 2"):
                errors.append(1)
    finally:
        writer.close()


def load_with_python(url: str, seconds: int, connections: int) -> Result:
    port = int(url.split(":")[2].split("/")[0])
    path = "/" + url.split("/", 3)[3]
    latencies: list[float] = []
    errors: list[int] = []

    async def run() -> None:
        until = time.perf_counter() + seconds
        await asyncio.gather(*(_client(path, port, until, latencies, errors)
                               for _ in range(connections)))

    began = time.perf_counter()
    asyncio.run(run())
    elapsed = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return Result(len(latencies) / elapsed, pct(0.50), pct(0.99), len(errors))


# Page weight ------------------------------------------------------------------------------

def player_page_weight(base: str) -> tuple[int, dict[str, int]]:
    """Return the bytes a browser without a cache loads for the player, and each part's."""
    html = fetch(base + "/player").decode()
    parts = {"/player": len(html.encode())}
    for ref in re.findall(r'(?:href|src)="(/static/[^"]+)"', html):
        parts[ref] = len(fetch(base + ref))
    parts["/api/v1/sessions/current"] = len(fetch(base + "/api/v1/sessions/current"))
    import json

    plan = json.loads(fetch(base + "/api/v1/plan"))
    items = (plan.get("today") or {}).get("items") or []
    first = items[0]["exercise"] if items else "cat_cow"
    figure = f"/api/v1/exercises/{first}/figure.svg?pose=start"
    parts[figure] = len(fetch(base + figure))
    return sum(parts.values()), parts


# Main -------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per URL (default 10)")
    parser.add_argument("--connections", type=int, default=50, help="(default 50)")
    parser.add_argument("--python-load", action="store_true",
                        help="use the asyncio load generator even when wrk is installed")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.python_load
    load = load_with_wrk if use_wrk else load_with_python
    with tempfile.TemporaryDirectory(prefix="backcoach-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        seed(url, date.today())
        env = {**os.environ, "BACKCOACH_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
        app, app_port = start_server("backcoach.web.app:app_from_env", env)
        bare, bare_port = start_server("benchmarks.web:bare_app", env)
        try:
            base = f"http://{HOST}:{app_port}"
            for warm in ("/today", "/history", "/api/v1/plan"):  # the first is computed
                fetch(base + warm)
            targets = [("bare FastAPI endpoint", f"http://{HOST}:{bare_port}/bare"),
                       ("GET /today", base + "/today"),
                       ("GET /history", base + "/history"),
                       ("GET /api/v1/plan", base + "/api/v1/plan")]
            print(f"load: {'wrk -t1' if use_wrk else 'asyncio generator'}, "
                  f"{args.connections} connections, {args.seconds} s per URL, "
                  f"{os.cpu_count()} cores, uvicorn 1 worker each")
            print(f"{'endpoint':24} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8}")
            results = {}
            for name, target in targets:
                results[name] = result = load(target, args.seconds, args.connections)
                ratio = result.requests_per_second / results[targets[0][0]].requests_per_second
                errors = (f"  ({result.errors} errors, {result.timeouts} timeouts)"
                          if result.errors or result.timeouts else "")
                print(f"{name:24} {result.requests_per_second:9.0f} {result.p50_ms:8.2f} "
                      f"{result.p99_ms:8.2f} {ratio:8.0%}{errors}")
            total, parts = player_page_weight(base)
            print(f"player page without cache: {total / 1024:.1f} KB "
                  f"({', '.join(f'{k} {v / 1024:.1f}' for k, v in parts.items())})")
            writes = write_mix(base, args.seconds, args.connections) if use_wrk else None
        finally:
            for process in (app, bare):
                process.terminate()
                process.wait(timeout=10)
    bare_rps = results[targets[0][0]].requests_per_second
    ok = all(results[name].requests_per_second >= bare_rps / 2
             and results[name].p99_ms < P99_LIMIT_MS for name in ("GET /today", "GET /api/v1/plan"))
    print(f"targets (/today and /plan >= 50 % of bare, p99 < {P99_LIMIT_MS:g} ms, page < 150 KB): "
          f"{'met' if ok and total < PAGE_LIMIT else 'NOT met'}")
    today, history = results["GET /today"], results["GET /history"]
    ratio = history.requests_per_second / today.requests_per_second
    print(f"target (/history >= 50 % of /today, no timeouts): {ratio:.0%} of /today, "
          f"{history.timeouts} timeouts: "
          f"{'met' if ratio >= 0.5 and not history.timeouts else 'NOT met'}")
    if writes is not None:
        read = results["GET /api/v1/plan"]
        share = writes.requests_per_second / read.requests_per_second
        tail = writes.p99_ms / read.p99_ms
        print(f"target (write mix >= 20 % of GET /api/v1/plan, p99 < 10x its p99, no "
              f"timeouts): {share:.0%} of its req/s, p99 {tail:.1f}x, {writes.timeouts} "
              f"timeouts, {writes.errors} errors: "
              f"{'met' if share >= 0.2 and tail < 10 and not writes.timeouts else 'NOT met'}")
    return 0


def write_mix(base: str, seconds: int, connections: int) -> Result:
    """Load POST /api/v1/log and POST /api/v1/pain alternating; print and return it."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRITE_MIX % (date.today() - timedelta(days=1)).isoformat())
    try:
        result = load_with_wrk(base + "/api/v1/log", seconds, connections, script.name)
    finally:
        os.unlink(script.name)
    errors = (f"  ({result.errors} errors, {result.timeouts} timeouts)"
              if result.errors or result.timeouts else "")
    print(f"{'POST log + pain (mix)':24} {result.requests_per_second:9.0f} "
          f"{result.p50_ms:8.2f} {result.p99_ms:8.2f} {'':>8}{errors}")
    return result


if __name__ == "__main__":
    sys.exit(main())
