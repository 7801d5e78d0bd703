"""The progress query and `backcoach progress --json`, timed on big histories.

    .venv/bin/python benchmarks/progress.py [--skip-postgres] [--users N]

(a) SQLite: one person, five years of daily sessions (a day missed now and then): about
    1,800 sessions and 15,000 sets, with pain before and after, two check-ins a week,
    three PSFS activities rated monthly and three profile versions. Targets: the progress
    query (``Store.progress_data``) under 20 ms, ``backcoach progress --json`` under 200 ms
    wall.
(b) PostgreSQL at postgresql://postgres@127.0.0.1:5432 (skipped, saying why, when it does
    not answer): a fresh database ``backcoach_bench`` with 10,000 people with a year each,
    generated server-side: about 9 sessions in 10 days, 6 sets a session (3 exercises x 2
    sets), a pain check-in a week, 3 PSFS activities rated monthly. Target: one person's
    progress query under 20 ms. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text

from backcoach.profile import Profile
from backcoach.progress import compute_progress, progress_json
from backcoach.store import Store
from backcoach.store.db import make_engine
from backcoach.store.progress_rows import statements
from backcoach.store.repository import refresh_doses
from backcoach.store.tables import (
    PainCheckin,
    ProfileVersion,
    PsfsActivity,
    PsfsRating,
    SessionRow,
    SetRow,
)

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_DATABASE = "backcoach_bench"
TODAY = date.today()


def _report(label: str, times: list[float], target: float | None) -> None:
    median = statistics.median(times)
    line = (f"{label:<46} median {median * 1000:8.1f} ms  min {min(times) * 1000:8.1f} ms  "
            f"({len(times)} runs)")
    if target is not None:
        verdict = "ok" if median < target else "OVER TARGET"
        line += f"  target {target * 1000:.0f} ms  {verdict}"
    print(line, flush=True)


def _timed(fn: Callable[[], Any], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


# (a) SQLite ---------------------------------------------------------------------------

# (exercise, metric, sets, per side): the four items of every session, the last rotating.
FIXED = [("cat_cow", "reps", 2, False), ("side_plank", "hold", 1, True),
         ("glute_bridge", "reps", 2, False)]
ROTATING = [("plank", "hold", 2, False), ("superman", "hold", 2, False),
            ("bird_dog", "reps", 2, False)]
EXTRA = ("child_pose", "hold", 1, False)  # a closing stretch in one session of three


def _phase(day: int) -> str:
    if day < 14:
        return "therapeutic"
    if day < 45:
        return "entry"
    if 700 <= day < 730:  # a flare: a month back down
        return "entry"
    return "strengthening" if day < 400 else "advanced"


def build_sqlite(path: Path, *, years: int = 5, seed: int = 7) -> dict[str, int]:
    """Create the one-person SQLite database; return how many rows of each kind."""
    rng = random.Random(seed)
    url = f"sqlite:///{path}"
    store, _ = Store.open(url)
    user_id = store.user_id
    start = TODAY - timedelta(days=365 * years)
    sessions: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    pain: list[dict[str, Any]] = []
    ratings: list[dict[str, Any]] = []
    for day in range((TODAY - start).days + 1):
        on = start + timedelta(days=day)
        at = datetime.combine(on, datetime.min.time(), UTC)
        if day % 7 in (2, 5):
            pain.append({"user_id": user_id, "at": at + timedelta(hours=20),
                         "pain": max(0, 6 - day // 200 + rng.randint(-1, 1)), "note": None})
        if rng.random() < 0.015:
            continue  # a missed day
        session_id = len(sessions) + 1
        level = max(0, 6 - day // 250)
        sessions.append({
            "id": session_id, "user_id": user_id, "date": on, "phase": _phase(day),
            "program": "home_set", "status": "completed" if rng.random() > 0.03 else "stopped",
            "stopped_reason": None, "pain_before": max(0, level + rng.randint(-1, 1)),
            "pain_after": max(0, level + rng.randint(-2, 1)), "effort": rng.randint(3, 7),
            "notes": None, "started_at": None, "finished_at": None,
            "created_at": at + timedelta(hours=8)})
        if sessions[-1]["status"] == "stopped":
            sessions[-1]["stopped_reason"] = "tired"
        items = [*FIXED, ROTATING[day % 3]] + ([EXTRA] if day % 3 == 0 else [])
        position = 0
        for item, (exercise, metric, count, per_side) in enumerate(items):
            for _ in range(count):
                for side in ("left", "right") if per_side else ("both",):
                    sets.append({
                        "session_id": session_id, "position": position, "item": item,
                        "exercise": exercise, "variant": None, "side": side,
                        "reps": 8 + day // 60 if metric == "reps" else None,
                        "hold_seconds": 10.0 + day // 30 if metric == "hold" else None,
                        "minutes": None, "skipped": False})
                    position += 1
    activities = ["Tie my shoes", "Sit for an hour", "Lift a child"]
    versions = [(0, 5), (365, 6), (2 * 365, 7)]
    with store.engine.begin() as conn:
        conn.execute(insert(SessionRow), sessions)
        conn.execute(insert(SetRow), sets)
        refresh_doses(conn, select(SessionRow.id))  # as the store writes them with the sets
        conn.execute(insert(PainCheckin), pain)
        for day, per_week in versions:
            data = Profile(age=40, days_per_week=per_week).model_dump(mode="json")
            conn.execute(insert(ProfileVersion), [{
                "user_id": user_id, "data": data,
                "created_at": datetime.combine(start + timedelta(days=day),
                                               datetime.min.time(), UTC)}])
        for n, name in enumerate(activities):
            activity_id = conn.execute(insert(PsfsActivity).values(
                user_id=user_id, name=name,
                created_at=datetime.combine(start, datetime.min.time(), UTC)
            ).returning(PsfsActivity.id)).scalar_one()
            for month in range(12 * years):
                ratings.append({"activity_id": activity_id,
                                "date": start + timedelta(days=30 * month),
                                "score": min(10, 2 + n + month // 6)})
        conn.execute(insert(PsfsRating), ratings)
    store.engine.dispose()
    return {"sessions": len(sessions), "sets": len(sets), "pain check-ins": len(pain),
            "PSFS ratings": len(ratings), "profile versions": len(versions)}


def bench_sqlite() -> None:
    print("(a) SQLite: one person, 5 years of daily sessions", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "backcoach.db"
        start = time.perf_counter()
        counts = build_sqlite(path)
        print(f"    built in {time.perf_counter() - start:.1f} s: "
              + ", ".join(f"{n:,} {k}" for k, n in counts.items()), flush=True)
        store = Store(make_engine(f"sqlite:///{path}"))
        store.progress_data()  # the user lookup and the first connection, as a process pays
        _report("progress query (Store.progress_data)", _timed(store.progress_data, 30), 0.020)
        data = store.progress_data()
        progress = compute_progress(sessions=data.sessions, doses=data.doses,
                                    pain_checkins=data.pain_checkins, psfs=data.psfs,
                                    days_per_week=data.days_per_week, today=TODAY)

        def compute() -> None:
            compute_progress(sessions=data.sessions, doses=data.doses,
                             pain_checkins=data.pain_checkins, psfs=data.psfs,
                             days_per_week=data.days_per_week, today=TODAY)

        _report("compute_progress (pure)", _timed(compute, 10), None)
        _report("Progress -> JSON text", _timed(lambda: progress_json(progress), 10),
                None)
        exe = Path(sys.executable).parent / "backcoach"
        env = {**os.environ, "BACKCOACH_DATA_DIR": tmp}
        env.pop("BACKCOACH_DATABASE_URL", None)
        # Timed as installed: with its bytecode cached (pip compiles it; an editable
        # install writes it on the first run, here the warm-up), not recompiled each run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)

        def run(*args: str) -> Callable[[], object]:
            return lambda: subprocess.run([str(exe), "--db", str(path), *args], check=True,
                                          capture_output=True, env=env)

        progress_cmd, help_cmd = run("progress", "--json"), run("--help")
        progress_cmd(), help_cmd()  # warm the file cache and the bytecode
        # Interleaved, so both see the same moments of this (noisy) machine.
        times: dict[str, list[float]] = {"progress": [], "help": []}
        for _ in range(20):
            times["progress"] += _timed(progress_cmd, 1)
            times["help"] += _timed(help_cmd, 1)
        _report("backcoach progress --json (wall)", times["progress"], 0.200)
        _report("  for comparison: backcoach --help (wall)", times["help"], None)
        ratio = statistics.median(times["progress"]) / statistics.median(times["help"])
        print(f"    progress --json / --help: {ratio:.2f} (the CLI's own start-up is the floor)",
              flush=True)
        store.engine.dispose()


# (b) PostgreSQL -----------------------------------------------------------------------

PG_FILL = [
    """INSERT INTO users (id, name, created_at)
       SELECT u, 'user' || u, TIMESTAMP '2025-01-01' FROM generate_series(1, :users) u""",
    "SELECT setval(pg_get_serial_sequence('users', 'id'), :users)",
    """INSERT INTO profiles (user_id, created_at, data)
       SELECT u, TIMESTAMP '2025-01-01', CAST(:profile AS json)
       FROM generate_series(1, :users) u""",
    # Everyone logs every day, so one person's rows are spread over the whole table.
    """INSERT INTO sessions (user_id, date, phase, program, status, stopped_reason,
                             pain_before, pain_after, effort, created_at)
       SELECT u, DATE '2025-01-01' + d,
              CASE WHEN d < 14 THEN 'therapeutic' WHEN d < 45 THEN 'entry'
                   ELSE 'strengthening' END,
              'home_set',
              CASE WHEN (u + d) % 25 = 0 THEN 'stopped' ELSE 'completed' END,
              CASE WHEN (u + d) % 25 = 0 THEN 'tired' END,
              GREATEST(0, 6 - d / 60 + (u * d) % 3 - 1), GREATEST(0, 5 - d / 60), 5,
              TIMESTAMP '2025-01-01' + d * INTERVAL '1 day'
       FROM generate_series(0, 364) d CROSS JOIN generate_series(1, :users) u
       WHERE (u * 7 + d * 3) % 10 <> 0
       ORDER BY d, u""",
    """INSERT INTO sets (session_id, position, item, exercise, variant, side, reps,
                         hold_seconds, minutes, skipped)
       SELECT s.id, k, k / 2, (ARRAY['cat_cow', 'glute_bridge', 'plank'])[k / 2 + 1], NULL,
              'both',
              CASE WHEN k / 2 < 2 THEN 8 + (s.date - DATE '2025-01-01') / 30 END,
              CASE WHEN k / 2 = 2 THEN 10 + (s.date - DATE '2025-01-01') / 14 END,
              NULL, false
       FROM sessions s CROSS JOIN generate_series(0, 5) k
       ORDER BY s.id, k""",
    # session_doses, as the store writes them with the sets (every set here is on "both"
    # sides, so each counts once).
    """INSERT INTO session_doses (session_id, item, exercise, sets, reps, hold_seconds,
                                  minutes)
       SELECT session_id, item, exercise, count(*), max(reps), max(hold_seconds),
              max(minutes)
       FROM sets GROUP BY session_id, item, exercise""",
    """INSERT INTO pain_checkins (user_id, at, pain)
       SELECT u, TIMESTAMP '2025-01-01 20:00' + w * INTERVAL '7 days',
              GREATEST(0, 6 - w / 8 + u % 2)
       FROM generate_series(0, 51) w CROSS JOIN generate_series(1, :users) u
       ORDER BY w, u""",
    """INSERT INTO psfs_activities (user_id, name, created_at)
       SELECT u, (ARRAY['Tie my shoes', 'Sit for an hour', 'Lift a child'])[a],
              TIMESTAMP '2025-01-01'
       FROM generate_series(1, :users) u CROSS JOIN generate_series(1, 3) a""",
    """INSERT INTO psfs_ratings (activity_id, date, score)
       SELECT a.id, DATE '2025-01-01' + 30 * m, LEAST(10, 2 + a.id % 3 + m / 2)
       FROM generate_series(0, 11) m CROSS JOIN psfs_activities a
       ORDER BY m, a.id""",
    "ANALYZE",
]


def _server_ms(store: Store) -> float:
    """Return PostgreSQL's own execution time of the progress statements (the user lookup
    and the five reads), in ms."""
    total = 0.0
    with store.engine.connect() as conn:
        for sql in statements(since=False):
            plan = conn.execute(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}"),
                                {"user": store.user_id, "name": store.user_name}).scalar_one()
            total += float(plan[0]["Execution Time"])
    return total


def bench_postgres(users: int) -> None:
    print(f"(b) PostgreSQL: {users:,} people with a year each", flush=True)
    try:
        admin = make_engine(f"{PG_SERVER}/postgres".replace("postgresql://",
                                                            "postgresql+psycopg://"))
        admin = admin.execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DATABASE}"))
            conn.execute(text(f"CREATE DATABASE {PG_DATABASE}"))
    except Exception as exc:
        print(f"    skipped: PostgreSQL at {PG_SERVER} does not answer "
              f"({exc.__class__.__name__}: {str(exc).splitlines()[0]})")
        return
    try:
        store, _ = Store.open(f"{PG_SERVER}/{PG_DATABASE}", user=f"user{users // 2}")
        start = time.perf_counter()
        profile = Profile(age=40, days_per_week=5).model_dump_json()
        with store.engine.begin() as conn:
            for statement in PG_FILL:
                conn.execute(text(statement), {"users": users, "profile": profile})
        with store.engine.connect() as conn:
            counts = {name: conn.scalar(text(f"SELECT count(*) FROM {name}"))
                      for name in ("users", "sessions", "sets", "session_doses", "pain_checkins",
                                   "psfs_ratings")}
        print(f"    built in {time.perf_counter() - start:.0f} s: "
              + ", ".join(f"{n:,} {k}" for k, n in counts.items()), flush=True)
        first = _timed(store.progress_data, 1)  # includes the user lookup and connecting
        _report("  first query (connect, look up the user)", first, None)
        _report("one person's progress query", _timed(store.progress_data, 20), 0.020)
        data = store.progress_data()
        print(f"    that person: {len(data.sessions)} sessions, {len(data.doses)} exercise "
              f"rows, {len(data.pain_checkins)} check-ins, {len(data.psfs)} PSFS ratings")
        print(f"    server time of its six statements (EXPLAIN ANALYZE): "
              f"{_server_ms(store):.1f} ms", flush=True)
        store.engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"))
        admin.dispose()
        print(f"    dropped the database {PG_DATABASE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--users", type=int, default=10_000)
    args = parser.parse_args()
    bench_sqlite()
    if args.skip_postgres:
        print("(b) PostgreSQL: skipped (--skip-postgres)")
    else:
        bench_postgres(args.users)


if __name__ == "__main__":
    main()
