"""Server mode at a clinic's scale, on PostgreSQL (issue 14).

    .venv/bin/python benchmarks/clinic.py [--users N] [--patients N] [--pause S] [--keep]
        [--reuse]

A fresh database ``backcoach_clinic_bench`` on postgresql://postgres@127.0.0.1:5432 (the
run says so and stops when none answers): N people (10,000) with a year of sessions each,
ending yesterday (benchmarks/progress.py's generator), one clinician following the first
200 of them. Measured in the same run:

(a) the dashboard's queries (every patient of the clinician at once) against one patient's
    progress query; target: under 10x. The whole dashboard (queries and the summaries) and
    the dashboard page through the app (in process), p50; target for the page: 150 ms.
(b) 200 patients at once, each starting a session and saving it set by set (with an
    Idempotency-Key, as the phone does, one set in ten sent twice) about ``--pause``
    seconds apart (5 s; a set takes half a minute in life, so this is a clinic's morning
    squeezed six-fold), against ``serve --server --workers 2``; then the sets in the
    database must be exactly the sets sent. Target: p99 per set under 100 ms. Printed
    next to one person saving sets back to back against a local-mode server (SQLite) in
    the same run: requests per second of each. ``--pause 0`` sends every set back to back:
    then latency is the queue (200 waiting clients over the server's throughput).

The client runs on the same machine as the server and PostgreSQL: on a small machine the
figures include the load generator's own share of the cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from tests.serving import free_port

from backcoach import clinic
from backcoach.accounts import add_account
from backcoach.auth import create_token
from backcoach.catalog import load_catalog
from backcoach.profile import Profile
from backcoach.store import Store
from backcoach.store.accounts import Accounts
from backcoach.store.auth import AuthRows
from backcoach.store.clinic import ClinicRows
from backcoach.store.db import make_engine
from backcoach.timestamps import Zone
from benchmarks.progress import PG_FILL, _timed

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_DATABASE = "backcoach_clinic_bench"
PASSWORD = "benchmark password"
BACKCOACH = str(Path(sys.executable).parent / "backcoach")


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def build(url: str, users: int, patients: int, today: date) -> tuple[Store, list[str]]:
    """Fill the database; return a store and the patients' emails."""
    store, _ = Store.open(url, user="user1")
    start = today - timedelta(days=365)
    profile = Profile(age=45, days_per_week=5).model_dump_json()
    began = time.perf_counter()
    with store.engine.begin() as conn:
        for statement in PG_FILL:
            conn.execute(text(statement.replace("2025-01-01", start.isoformat())),
                         {"users": users, "profile": profile})
    accounts = Accounts(store.engine)
    clinician = add_account(accounts, "lead@clinic.org", "clinician", PASSWORD)
    hashed = accounts.credentials("lead@clinic.org")
    assert hashed is not None
    emails = [f"patient{u}@example.com" for u in range(1, patients + 1)]
    with store.engine.begin() as conn:  # the patients' accounts, on the generated people
        conn.execute(text(
            """INSERT INTO accounts (user_id, email, role, password_hash, clinician_id,
                                     created_at, password_changed_at)
               SELECT u, 'patient' || u || '@example.com', 'patient', :hash, :lead,
                      now(), now()
               FROM generate_series(1, :patients) u"""),
            {"hash": hashed[1], "lead": clinician.id, "patients": patients})
        conn.execute(text("ANALYZE"))
        counts = {name: conn.scalar(text(f"SELECT count(*) FROM {name}"))
                  for name in ("users", "accounts", "sessions", "sets")}
    print(f"built in {time.perf_counter() - began:.0f} s: "
          + ", ".join(f"{n:,} {k}" for k, n in counts.items()), flush=True)
    return store, emails


def dashboard(store: Store, today: date) -> None:
    print("(a) the dashboard", flush=True)
    catalog = load_catalog()
    accounts, rows = Accounts(store.engine), ClinicRows(store.engine)
    lead = accounts.get("lead@clinic.org")
    patient = accounts.get("patient100@example.com")
    assert lead is not None and patient is not None
    one = accounts.store_of(patient)
    one.progress_data()  # connect first
    single = statistics.median(_timed(one.progress_data, 30))
    since = today - timedelta(days=clinic.TREND_DAYS)
    queries = statistics.median(_timed(lambda: rows.read(lead.id, since), 30))
    def day(zone: Zone) -> date:
        return today  # every patient in the clinician's zone

    whole = statistics.median(_timed(lambda: clinic.patients(rows, catalog, lead, day), 10))
    found = clinic.patients(rows, catalog, lead, day)
    print(f"    one patient's progress query      {single * 1000:7.1f} ms (reference)")
    print(f"    the dashboard's queries, {len(found)} patients {queries * 1000:7.1f} ms = "
          f"{queries / single:.1f}x the reference (target < 10x: "
          f"{'ok' if queries / single < 10 else 'OVER TARGET'})")
    print(f"    the whole dashboard (queries + summaries) {whole * 1000:7.1f} ms; "
          f"{sum(1 for p in found if p.flags)} patients flagged")
    page_p50 = asyncio.run(_page(store.engine.url.render_as_string(hide_password=False),
                                 today))
    print(f"    GET /patients through the app, p50 {page_p50:7.1f} ms (target 150 ms: "
          f"{'ok' if page_p50 < 150 else 'OVER TARGET'})", flush=True)


async def _page(url: str, today: date) -> float:
    from dataclasses import replace

    from backcoach.settings import Settings
    from backcoach.web import create_app

    app = create_app(replace(Settings.load(url.replace("+psycopg", "")), server=True),
                     today=lambda: today)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://localhost") as client:
        login = await client.post("/api/v1/auth/login", json={"email": "lead@clinic.org",
                                                              "password": PASSWORD})
        assert login.status_code == 200, login.text
        times = []
        for _ in range(15):
            began = time.perf_counter()
            answer = await client.get("/patients")
            times.append(time.perf_counter() - began)
            assert answer.status_code == 200
    app.state.backcoach.store.engine.dispose()
    return statistics.median(times) * 1000


async def _send(client: httpx.AsyncClient, method: str, url: str,
                **options: Any) -> httpx.Response:
    """Send as the phone's outbox does: a dropped connection (the server closed an idle
    one as it was reused) is sent again, with the same Idempotency-Key."""
    for attempt in range(3):
        try:
            return await client.request(method, url, **options)
        except httpx.TransportError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


async def _one_patient(client: httpx.AsyncClient, token: str | None,
                       latencies: list[float], pause: float = 0.0) -> int:
    """Start a session and save each of its sets, ``pause`` seconds apart (a set takes
    half a minute in life); return how many were sent."""
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    # A program chosen for today: a session whatever the weekday (a rest day otherwise);
    # "again", as a --reuse run finds today's session done by the run before.
    started = await _send(client, "POST", "/api/v1/sessions",
                          json={"program": "therapeutic_set", "again": True},
                          headers=auth | {"Idempotency-Key": str(uuid.uuid4())})
    assert started.status_code == 201, started.text
    live = started.json()
    sent = 0
    for step in (s for s in live["steps"] if s["kind"] == "work"):
        await asyncio.sleep(pause * random.uniform(0.5, 1.5))
        key = {"Idempotency-Key": str(uuid.uuid4())}
        for _ in range(2 if sent % 10 == 0 else 1):  # now and then the phone sends twice
            began = time.perf_counter()
            answer = await _send(client, "POST",
                                 f"/api/v1/sessions/{live['session_id']}/sets",
                                 json={"step": step["index"]}, headers=auth | key)
            latencies.append(time.perf_counter() - began)
            assert answer.status_code in (200, 201), answer.text
        sent += 1
    done = await _send(client, "POST", f"/api/v1/sessions/{live['session_id']}/finish",
                       json={}, headers=auth | {"Idempotency-Key": str(uuid.uuid4())})
    assert done.status_code == 200, done.text
    return sent


def _serve(args: list[str], port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "BACKCOACH_DATABASE_URL"} | {"CI": "1"}
    log = open(Path(tempfile.gettempdir()) / f"backcoach-bench-{port}.log", "wb")  # noqa: SIM115
    server = subprocess.Popen([BACKCOACH, *args, "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/me", timeout=2)
            return server
        except httpx.HTTPError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: see {log.name}") from None
            time.sleep(0.2)


async def _crowd(base: str, tokens: list[str],
                 pause: float) -> tuple[int, list[float], float]:
    latencies: list[float] = []

    async def phone(token: str) -> int:  # each patient on a connection of their own
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            return await _one_patient(client, token, latencies, pause)

    began = time.perf_counter()
    sent = await asyncio.gather(*(phone(t) for t in tokens))
    return sum(sent), latencies, time.perf_counter() - began


def crowd(store: Store, emails: list[str], url: str, pause: float) -> None:
    print(f"(b) {len(emails)} patients saving a session set by set at once, a set every "
          f"{pause:g} s on average", flush=True)
    accounts, auth_rows = Accounts(store.engine), AuthRows(store.engine)
    tokens = []
    for email in emails:
        account = accounts.get(email)
        assert account is not None
        accounts.store_of(account).save_profile(Profile(age=45, days_per_week=7,
                                                        minutes_per_day=15))
        tokens.append(create_token(auth_rows, account, "bench")[1])
    with store.engine.connect() as conn:
        before = conn.scalar(text("SELECT count(*) FROM sets"))
    port = free_port()
    server = _serve(["--db", url, "serve", "--server", "--workers", "2"], port)
    try:
        sent, latencies, elapsed = asyncio.run(_crowd(f"http://127.0.0.1:{port}", tokens,
                                                      pause))
    finally:
        server.terminate()
        server.wait(timeout=30)
    with store.engine.connect() as conn:
        stored = conn.scalar(text("SELECT count(*) FROM sets")) - before
    p99 = _ms(latencies, 0.99)
    print(f"    sets sent {sent:,} (and {len(latencies) - sent} sent twice), stored "
          f"{stored:,}: {'0 lost, 0 duplicated' if stored == sent else 'MISMATCH'}")
    print(f"    per set: p50 {_ms(latencies, 0.5):.1f} ms, p99 {p99:.1f} ms (target 100 ms: "
          f"{'ok' if p99 < 100 else 'OVER TARGET'}); {len(latencies) / elapsed:.0f} "
          f"requests/s", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "local.db"
        local, _ = Store.open(f"sqlite:///{db}")
        local.save_profile(Profile(age=45, days_per_week=7, minutes_per_day=15))
        local.engine.dispose()
        port = free_port()
        server = _serve(["--db", str(db), "serve"], port)
        try:
            latencies = []
            began = time.perf_counter()

            async def alone() -> int:
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                    return await _one_patient(client, None, latencies)

            asyncio.run(alone())
            elapsed = time.perf_counter() - began  # back to back: the server's own pace
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"    for comparison, one person in local mode (SQLite): "
              f"{len(latencies) / elapsed:.0f} requests/s, p50 {_ms(latencies, 0.5):.1f} ms",
              flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--pause", type=float, default=5.0,
                        help="average seconds between one patient's sets (0: back to back)")
    parser.add_argument("--keep", action="store_true",
                        help=f"keep the database {PG_DATABASE} afterwards (building it "
                        "takes minutes)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure on the database a --keep run left (with the sessions "
                        "that run's crowd added), instead of building it again")
    args = parser.parse_args()
    try:
        admin = make_engine(f"{PG_SERVER}/postgres").execution_options(
            isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": PG_DATABASE}) is not None
            reuse = args.reuse and exists
            if not reuse:
                conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"))
                conn.execute(text(f"CREATE DATABASE {PG_DATABASE}"))
    except Exception as exc:
        print(f"stopped: PostgreSQL at {PG_SERVER} does not answer ({exc.__class__.__name__})")
        return 1
    url = f"{PG_SERVER}/{PG_DATABASE}"
    try:
        today = date.today()
        if reuse:
            store, _ = Store.open(url, user="user1")
            emails = [f"patient{u}@example.com" for u in range(1, args.patients + 1)]
            print(f"reusing the database {PG_DATABASE} a --keep run left", flush=True)
        else:
            store, emails = build(url, args.users, args.patients, today)
        dashboard(store, today)
        crowd(store, emails, url, args.pause)
        store.engine.dispose()
    finally:
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"))
            print(f"dropped the database {PG_DATABASE}")
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())

