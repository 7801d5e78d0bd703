"""Nothing a person records is ever lost: concurrent writers, crashes, upgrades, bad input.

Run against the real storage: an SQLite file, and PostgreSQL when one is reachable (the
``store`` and ``store_url`` fixtures). The concurrency and crash tests use real processes.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

import backcoach.store.repository as repository
from backcoach.catalog import load_catalog
from backcoach.clearance import Clearance
from backcoach.cli import app
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.screening import clearable_findings
from backcoach.store import RecordError, Store, database_url
from backcoach.store.db import make_engine, upgrade
from backcoach.store.settings import HEAD
from backcoach.store.tables import Base
from backcoach.timestamps import LOCAL

TODAY = date(2026, 11, 27)
BACKCOACH = Path(sys.executable).parent / "backcoach"
CHILD_TIMEOUT = 120


def row_counts(engine: Engine) -> dict[str, int]:
    """Return the number of rows in every table, for "nothing was written" checks."""
    with engine.connect() as conn:
        return {table.name: conn.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables}


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Engine]]:
    """Close every engine a test makes, including the ones CLI commands open in-process."""
    made: list[Engine] = []

    def tracked(url: str) -> Engine:
        made.append(make_engine(url))
        return made[-1]

    monkeypatch.setattr(repository, "make_engine", tracked)
    yield made
    for engine in made:
        engine.dispose()


@pytest.fixture
def opened(store: Store, engines: list[Engine]) -> Store:
    """A store at HEAD whose user exists, as after a first 'backcoach onboard'."""
    assert store.user_id
    return store


@pytest.fixture
def url(opened: Store) -> str:
    """The URL of ``opened``'s database, for child processes and the CLI."""
    return opened.engine.url.render_as_string(hide_password=False)


def python(code: str, *args: str) -> subprocess.Popen[str]:
    """Start a Python child running ``code`` with ``args``, pipes for stdin and stdout."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run_together(children: list[subprocess.Popen[str]]) -> None:
    """Wait until every child says "ready", release them at once, and expect success."""
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        _, err = child.communicate(timeout=CHILD_TIMEOUT)
        assert child.returncode == 0, err


# Concurrent writers -----------------------------------------------------------------------

WORKER = """
    import sys
    from datetime import date, timedelta
    from backcoach.catalog import load_catalog
    from backcoach.history import ExerciseDone, SessionRecord, SetDone
    from backcoach.store import Store

    url, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    catalog = load_catalog()
    store, _ = Store.open(url)
    store.user_id
    print("ready", flush=True)
    sys.stdin.readline()  # the barrier: every worker starts writing at once
    for n in range(count):
        store.record_session(SessionRecord(
            date=date(2026, 1, 1) + timedelta(days=n), phase="entry", notes=f"{worker}-{n}",
            exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=n)] * 3)]),
            catalog=catalog, today=date(2026, 11, 27))
    print("done", flush=True)
"""
# Waits at the same barrier, then becomes the real `backcoach log --file` process.
CLI_AT_BARRIER = """
    import os, sys
    print("ready", flush=True)
    sys.stdin.readline()
    os.execv(sys.argv[1], sys.argv[1:])
"""


def test_processes_logging_at_the_same_moment_lose_nothing(opened, url, tmp_path):
    per_worker, in_file = 50, 20
    sessions = tmp_path / "sessions.json"
    sessions.write_text(json.dumps([
        {"date": f"2026-10-{n + 1:02d}", "phase": "entry", "notes": f"cli-{n}",
         "exercises": [{"exercise": "plank", "sets": [{"hold_seconds": 10}] * 3}]}
        for n in range(in_file)]))
    children = [python(WORKER, url, f"w{n}", str(per_worker)) for n in range(2)]
    children.append(python(CLI_AT_BARRIER, str(BACKCOACH), "--db", url, "log",
                           "--file", str(sessions)))
    run_together(children)
    stored = opened.sessions()
    notes = sorted(s.record.notes or "" for s in stored)
    assert len(stored) == 2 * per_worker + in_file
    assert notes == sorted([f"w{w}-{n}" for w in range(2) for n in range(per_worker)]
                           + [f"cli-{n}" for n in range(in_file)])
    assert all(len(s.record.exercises[0].sets) == 3 for s in stored)



FIRST_OPEN = """
    import sys
    from datetime import date
    from backcoach.catalog import load_catalog
    from backcoach.history import ExerciseDone, SessionRecord, SetDone
    from backcoach.store import Store

    print("ready", flush=True)
    sys.stdin.readline()
    store, _ = Store.open(sys.argv[1])  # the database does not exist yet
    store.record_session(SessionRecord(
        date=date(2026, 11, 1), phase="entry", notes=sys.argv[2],
        exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)])]),
        catalog=load_catalog(), today=date(2026, 11, 27))
"""


def test_processes_opening_a_new_database_at_the_same_moment(store_url, engines):
    # Each must find the schema and the user made by whichever came first, not crash.
    children = [python(FIRST_OPEN, store_url, f"p{n}") for n in range(4)]
    run_together(children)
    store, applied = Store.open(store_url)
    engines.append(store.engine)
    assert applied == []
    assert sorted(s.record.notes or "" for s in store.sessions()) == ["p0", "p1", "p2", "p3"]


# Crashes -----------------------------------------------------------------------------------

CRASH_BEFORE_COMMIT = """
    import os, sys
    from datetime import date
    from sqlalchemy import text
    from sqlalchemy.engine.base import RootTransaction
    from backcoach.catalog import load_catalog
    from backcoach.history import ExerciseDone, SessionRecord, SetDone
    from backcoach.store import Store

    catalog = load_catalog()
    store, _ = Store.open(sys.argv[1])
    store.user_id

    def die_instead_of_committing(self):
        # Inside record_session's transaction: the session and its sets are written, not
        # yet committed. Say how many sets this transaction sees, then die on the spot.
        seen = self.connection.execute(text("SELECT count(*) FROM sets")).scalar()
        print(f"sets written {seen}", flush=True)
        os._exit(17)

    RootTransaction.commit = die_instead_of_committing
    store.record_session(SessionRecord(
        date=date(2026, 11, 20), phase="entry",
        exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)] * 30)]),
        catalog=catalog, today=date(2026, 11, 27))
    print("committed?!", flush=True)
"""


def test_a_crash_before_the_commit_leaves_no_partial_session(opened, url):
    before = row_counts(opened.engine)
    child = python(CRASH_BEFORE_COMMIT, url)
    out, err = child.communicate(timeout=CHILD_TIMEOUT)
    assert child.returncode == 17, err
    assert out.strip() == "sets written 30"  # the crash came after the sets were added
    assert row_counts(opened.engine) == before
    assert opened.sessions() == []


BIG_SESSIONS_FOREVER = """
    import sys
    from datetime import date
    from backcoach.catalog import load_catalog
    from backcoach.history import ExerciseDone, SessionRecord, SetDone
    from backcoach.store import Store

    catalog = load_catalog()
    store, _ = Store.open(sys.argv[1])
    store.user_id
    sides = [SetDone(hold_seconds=20, side="left"), SetDone(hold_seconds=20, side="right")]
    record = SessionRecord(date=date(2026, 11, 20), phase="entry", exercises=[
        ExerciseDone(exercise="side_plank", sets=sides * 25),  # 50 sets: the most one takes
        ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)] * 50),
        ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)] * 50)])
    for n in range(10_000):  # bounded; the test kills it long before
        store.record_session(record, catalog=catalog, today=date(2026, 11, 27))
        print(n, flush=True)
"""


def test_a_killed_writer_leaves_only_whole_sessions(opened, url):
    child = python(BIG_SESSIONS_FOREVER, url)
    assert child.stdout is not None
    committed = 0
    while committed < 3:  # let it commit a few, then kill it in the middle of the next ones
        line = child.stdout.readline()
        assert line, child.communicate(timeout=CHILD_TIMEOUT)[1]
        committed += 1
    # It spends nearly all its time inside record_session: the kill lands mid-transaction.
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=CHILD_TIMEOUT)
    assert child.returncode == -signal.SIGKILL
    stored = opened.sessions()
    assert len(stored) >= committed  # every session it reported is there
    for one in stored:
        assert [len(e.sets) for e in one.record.exercises] == [50, 50, 50]
    assert row_counts(opened.engine)["sets"] == 150 * len(stored)
    if url.startswith("sqlite"):
        with opened.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


# Migrations --------------------------------------------------------------------------------

FIRST_SCHEMA_ROWS: dict[str, list[dict[str, Any]]] = {
    "users": [{"id": 1, "name": "local", "created_at": datetime(2026, 9, 1, 8, 0)},
              {"id": 2, "name": "ana", "created_at": datetime(2026, 9, 2, 8, 0, 0, 250)}],
    "profiles": [{"id": 1, "user_id": 1, "created_at": datetime(2026, 9, 1, 8, 5),
                  "data": {"age": 52, "hernia": True, "equipment": ["chair"]}}],
    "clearances": [{"id": 1, "user_id": 1, "date": date(2026, 9, 3), "note": "Dr Nováková",
                    "created_at": datetime(2026, 9, 3, 12, 0)}],
    "plans": [{"id": 1, "user_id": 1, "date": date(2026, 9, 4), "phase": "therapeutic",
               "data": {"items": [], "note": "ünïcode"},
               "created_at": datetime(2026, 9, 4, 7, 0)}],
    "sessions": [{"id": 1, "user_id": 1, "date": date(2026, 9, 4), "phase": "therapeutic",
                  "program": "therapy_stages_1_2", "status": "completed",
                  "stopped_reason": None, "pain_before": 4, "pain_after": 3, "effort": 2,
                  "notes": "first one", "started_at": datetime(2026, 9, 4, 7, 5),
                  "finished_at": datetime(2026, 9, 4, 7, 25),
                  "created_at": datetime(2026, 9, 4, 7, 26)},
                 {"id": 2, "user_id": 2, "date": date(2026, 9, 5), "phase": "entry",
                  "program": None, "status": "stopped", "stopped_reason": "pain",
                  "pain_before": None, "pain_after": 7, "effort": None, "notes": None,
                  "started_at": None, "finished_at": None,
                  "created_at": datetime(2026, 9, 5, 18, 0)}],
    "sets": [{"id": 1, "session_id": 1, "position": 0, "item": 0, "exercise": "cat_cow",
              "variant": "arch_only", "side": "both", "reps": 6, "hold_seconds": None,
              "minutes": None, "skipped": False},
             {"id": 2, "session_id": 1, "position": 1, "item": 1, "exercise": "side_plank",
              "variant": None, "side": "left", "reps": None, "hold_seconds": 7.5,
              "minutes": None, "skipped": False},
             {"id": 3, "session_id": 2, "position": 0, "item": 0, "exercise": "swimming_crawl",
              "variant": None, "side": "both", "reps": None, "hold_seconds": None,
              "minutes": 12.25, "skipped": True}],
}


def _as_sql(value: Any) -> Any:
    """Return ``value`` as plain SQL takes it: times and dates as text, JSON as text."""
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _aware(row: dict[str, Any]) -> dict[str, Any]:
    """Return ``row`` with its local times as the moments they are (aware)."""
    return {k: LOCAL.attach(v) if isinstance(v, datetime) else v for k, v in row.items()}


def _typed_rows(engine: Engine, table: str) -> list[dict[str, Any]]:
    """Return the rows read through the models' column types (datetimes, JSON, booleans)."""
    model = Base.metadata.tables[table]
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(model).order_by(model.c.id)).mappings()]


def _insert(engine: Engine, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Insert the rows of each table in plain SQL, as an older schema takes them."""
    with engine.begin() as conn:
        for table, rows in tables.items():
            columns = list(rows[0])
            conn.execute(text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                              f"({', '.join(':' + c for c in columns)})"),
                         [{k: _as_sql(v) for k, v in row.items()} for row in rows])


def test_an_upgrade_from_the_first_schema_keeps_every_row(store_url, engines):
    engine = make_engine(database_url(store_url))
    engines.append(engine)
    assert upgrade(engine, "0001") == ["0001"]
    _insert(engine, FIRST_SCHEMA_ROWS)
    applied = upgrade(engine)
    assert applied[-1] == HEAD and applied[0] != "0001"
    # Columns added since 0001 come back empty (0003: the step a set finished); 0006 gave
    # the clearance what the answers in force then held.
    added: dict[str, dict[str, Any]] = {"sets": {"step": None},
                                        "clearances": {"covers": ["condition.hernia"]}}
    # The local times they held are UTC now (0011), and read back as the same moments.
    for table, rows in FIRST_SCHEMA_ROWS.items():
        assert _typed_rows(engine, table) == [_aware({**row, **added.get(table, {})})
                                              for row in rows], table
    # 0004 summed the sets already there into each session's doses (the skipped one out).
    with engine.connect() as conn:
        assert [tuple(row) for row in conn.execute(text(
            "SELECT session_id, item, exercise, sets, reps, hold_seconds, minutes "
            "FROM session_doses ORDER BY session_id, item"))] == [
            (1, 0, "cat_cow", 1, 6, None, None), (1, 1, "side_plank", 1, None, 7.5, None)]
    # And backcoach reads them as it reads its own.
    store = Store(engine)
    profile = store.profile()
    assert profile is not None and profile.hernia and profile.age == 52
    assert [r.notes for r in store.history()] == ["first one"]
    assert [len(e.sets) for e in store.history()[0].exercises] == [1, 1]
    assert Store(engine, user="ana").history()[0].stopped_reason == "pain"
    assert [(d.exercise, d.sets) for d in store.progress_data().doses] == [
        ("cat_cow", 1), ("side_plank", 1)]
    assert upgrade(engine) == []  # current now: nothing more to do


def _sets(session_id: int, item: int, exercise: str,
          *rows: tuple[int, int, int | None, dict[str, Any]]) -> list[dict[str, Any]]:
    """Return set rows of one item: (id, position, step, {reps/hold_seconds/minutes})."""
    return [{"id": id_, "session_id": session_id, "position": position, "item": item,
             "step": step, "exercise": exercise, "variant": None, "side": "both",
             "reps": None, "hold_seconds": None, "minutes": None, "skipped": False, **amount}
            for id_, position, step, amount in rows]


# Schema 0004 as a redo left it: "back" saved steps a second time, and the doses counted both.
DOUBLED_ROWS: dict[str, list[dict[str, Any]]] = {
    "users": FIRST_SCHEMA_ROWS["users"][:1],
    "sessions": [{**FIRST_SCHEMA_ROWS["sessions"][0], "id": n, "status": status,
                  "date": date(2026, 9, n)} for n, status in
                 ((1, "completed"), (2, "completed"), (3, "started"))],
    "sets": [
        # Session 1 (the player): the plank held 30 s, then redone and given up at 12 s;
        # cat-cow 10 reps, then redone with 4; the side plank done once.
        *_sets(1, 0, "plank", (1, 0, 1, {"hold_seconds": 30.0}), (3, 2, 1, {"hold_seconds": 12.0})),
        *_sets(1, 1, "cat_cow", (2, 1, 3, {"reps": 10}), (4, 3, 3, {"reps": 4})),
        *_sets(1, 2, "side_plank", (5, 4, 5, {"hold_seconds": 20.0})),
        # Session 2 (logged whole, no steps): three equal sets, all kept.
        *_sets(2, 0, "cat_cow", *((n, n - 6, None, {"reps": 10}) for n in (6, 7, 8))),
        # Session 3 (running): one step saved twice at one moment, both at position 0.
        *_sets(3, 0, "plank", (9, 0, 1, {"hold_seconds": 25.0}), (10, 0, 1, {"hold_seconds": 5.0})),
    ],
    "session_doses": [
        {"session_id": 1, "item": 0, "exercise": "plank", "sets": 2, "reps": None,
         "hold_seconds": 30.0, "minutes": None},
        {"session_id": 1, "item": 1, "exercise": "cat_cow", "sets": 2, "reps": 10,
         "hold_seconds": None, "minutes": None},
        {"session_id": 1, "item": 2, "exercise": "side_plank", "sets": 1, "reps": None,
         "hold_seconds": 20.0, "minutes": None},
        {"session_id": 2, "item": 0, "exercise": "cat_cow", "sets": 3, "reps": 10,
         "hold_seconds": None, "minutes": None},
        {"session_id": 3, "item": 0, "exercise": "plank", "sets": 2, "reps": None,
         "hold_seconds": 25.0, "minutes": None},
    ],
}


def test_an_upgrade_keeps_the_set_of_a_redone_step_done_last(store_url, engines):
    engine = make_engine(database_url(store_url))
    engines.append(engine)
    upgrade(engine, "0004")
    _insert(engine, DOUBLED_ROWS)
    assert upgrade(engine, "0005") == ["0005"]
    with engine.connect() as conn:
        kept = [tuple(r) for r in conn.execute(text(
            "SELECT session_id, id, position, step FROM sets ORDER BY session_id, position"))]
        doses = [tuple(r) for r in conn.execute(text(
            "SELECT session_id, item, exercise, sets, reps, hold_seconds, minutes "
            "FROM session_doses ORDER BY session_id, item"))]
    assert kept == [(1, 3, 2, 1), (1, 4, 3, 3), (1, 5, 4, 5),
                    (2, 6, 0, None), (2, 7, 1, None), (2, 8, 2, None), (3, 10, 0, 1)]
    assert doses == [(1, 0, "plank", 1, None, 12.0, None), (1, 1, "cat_cow", 1, 4, None, None),
                     (1, 2, "side_plank", 1, None, 20.0, None),
                     (2, 0, "cat_cow", 3, 10, None, None),
                     (3, 0, "plank", 1, None, 5.0, None)]
    # From now on the database itself keeps one set per step; steps left empty may repeat.
    with pytest.raises(IntegrityError):
        _insert(engine, {"sets": _sets(1, 0, "plank", (11, 9, 1, {"hold_seconds": 1.0}))})
    _insert(engine, {"sets": _sets(2, 0, "cat_cow", (11, 9, None, {"reps": 10}))})
    # And the downgrade takes the index away again.
    from alembic import command

    from backcoach.store.db import _alembic_config

    command.downgrade(_alembic_config(engine), "0004")
    _insert(engine, {"sets": _sets(1, 0, "plank", (12, 10, 1, {"hold_seconds": 1.0}))})


# Schema 0005 with the sticky boolean: local answered three times, the second time ticking
# "a doctor has seen these answers" on the web form, then recorded a clearance with
# `backcoach cleared` (which wrote a row and a version saying cleared); ana only ticked it.
STICKY_ROWS: dict[str, list[dict[str, Any]]] = {
    "users": FIRST_SCHEMA_ROWS["users"],
    "profiles": [
        {"id": 1, "user_id": 1, "created_at": datetime(2026, 5, 1, 8, 0),
         "data": {"age": 52, "hernia": True, "doctor_cleared": False}},
        {"id": 2, "user_id": 1, "created_at": datetime(2026, 5, 2, 8, 0),
         "data": {"age": 52, "hernia": True, "doctor_cleared": True,
                  "red_flags": {"night_pain": True}}},
        {"id": 3, "user_id": 1, "created_at": datetime(2026, 6, 1, 9, 0),
         "data": {"age": 52, "hernia": True, "osteoporosis": True, "doctor_cleared": False}},
        {"id": 4, "user_id": 1, "created_at": datetime(2026, 6, 3, 9, 0, 1),
         "data": {"age": 52, "hernia": True, "osteoporosis": True, "doctor_cleared": True}},
        {"id": 5, "user_id": 2, "created_at": datetime(2026, 7, 1, 9, 0),
         "data": {"age": 70, "doctor_cleared": True, "pain_now": "dull", "pain_level": 3,
                  "pain_is_new": True, "pain_spreads": "below_knee"}},
    ],
    "clearances": [{"id": 1, "user_id": 1, "date": date(2026, 6, 2), "note": "Dr Novak",
                    "created_at": datetime(2026, 6, 3, 9, 0)}],
}


def test_an_upgrade_turns_the_sticky_boolean_into_dated_clearances(store_url, engines):
    engine = make_engine(database_url(store_url))
    engines.append(engine)
    upgrade(engine, "0005")
    _insert(engine, STICKY_ROWS)
    assert upgrade(engine, "0006") == ["0006"]
    local, ana = Store(engine), Store(engine, user="ana")
    # The recorded clearance covers what the answers in force when it was written held;
    # the web form's tick became a clearance dated at those answers, covering theirs.
    assert local.clearances() == [
        Clearance(date=date(2026, 5, 2), covers=["red_flag.night_pain", "condition.hernia"],
                  note="From your answers of 2026-05-02, which said a doctor had seen them "
                  "(recorded before clearances were dated records)."),
        Clearance(date=date(2026, 6, 2), note="Dr Novak",
                  covers=["condition.hernia", "condition.osteoporosis"])]
    assert [c.covers for c in ana.clearances()] == [["pain_spreads.below_knee", "age.new_pain"]]
    # The boolean has left every saved version of the answers, which all still read.
    with engine.connect() as conn:
        texts = [str(r) for (r,) in conn.execute(text("SELECT data FROM profiles"))]
    assert len(texts) == 5 and not any("doctor_cleared" in t for t in texts)
    assert [p.age for _, p in local.profile_versions()] == [52, 52, 52, 52]
    # What the clearances cover is what the screening now lifts: no more, no less.
    profile = local.profile()
    assert profile is not None
    assert local.clearances()[-1].covers == clearable_findings(profile, load_catalog())
    # Downgraded, the answers say "cleared" from the first clearance on.
    from alembic import command

    from backcoach.store.db import _alembic_config

    command.downgrade(_alembic_config(engine), "0005")
    with engine.connect() as conn:
        flags = [json.loads(r) if isinstance(r, str) else r for (r,) in conn.execute(
            text("SELECT data FROM profiles ORDER BY id"))]
    assert [f["doctor_cleared"] for f in flags] == [False, True, True, True, True]


def test_the_migrated_schema_equals_the_models(store_url, engines):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(database_url(store_url))
    engines.append(engine)
    upgrade(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_head_in_settings_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from backcoach.store.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD]


# Bad values ----------------------------------------------------------------------------------

def _good(**changes: Any) -> SessionRecord:
    fields: dict[str, Any] = {
        "date": date(2026, 11, 20), "phase": "entry", "pain_before": 3,
        "exercises": [ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)])]}
    return SessionRecord(**(fields | changes))


def test_bad_values_are_refused_by_the_library_and_nothing_written(opened, catalog):
    before = row_counts(opened.engine)
    with pytest.raises(RecordError, match=r"pain must be from 0 \(none\) to 10"):
        opened.add_pain(11, at=datetime(2026, 11, 20, 8, 0))
    with pytest.raises(ValidationError, match="pain_before"):
        _good(pain_before=11)
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        SetDone(reps=-3)
    with pytest.raises(RecordError, match="the session date 2026-11-28 is in the future"):
        opened.record_session(_good(date=date(2026, 11, 28)), catalog=catalog, today=TODAY)
    with pytest.raises(RecordError, match="unknown exercise 'cat_cov'; did you mean 'cat_cow'"):
        opened.record_session(_good(exercises=[ExerciseDone(
            exercise="cat_cov", sets=[SetDone(reps=10)])]), catalog=catalog, today=TODAY)
    assert row_counts(opened.engine) == before


def test_the_database_itself_refuses_out_of_range_values(opened, catalog):
    """A last line of defence for anything that bypasses the library's checks."""
    from sqlalchemy.exc import IntegrityError

    session_id = opened.record_session(_good(), catalog=catalog, today=TODAY)
    before = row_counts(opened.engine)
    for sql in ("UPDATE sessions SET pain_after = 11",
                "UPDATE sets SET reps = -1",
                f"INSERT INTO pain_checkins (user_id, at, pain) VALUES ({opened.user_id}, "
                "'2026-11-20 08:00:00', 11)"):
        with pytest.raises(IntegrityError), opened.engine.begin() as conn:
            conn.execute(text(sql))
    assert row_counts(opened.engine) == before
    assert opened.sessions()[0].id == session_id


SESSION: dict[str, Any] = {"date": "2026-11-20", "phase": "entry",
           "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 10}]}]}
BAD_FILES: list[tuple[dict[str, Any], str]] = [
    ({"pain_before": 11}, "pain_before: Input should be less than or equal to 10"),
    ({"exercises": [{"exercise": "cat_cow", "sets": [{"reps": -2}]}]},
     "reps: Input should be greater than or equal to 0"),
    ({"date": "2999-01-01"}, "the session date 2999-01-01 is in the future"),
    ({"exercises": [{"exercise": "cat_cov", "sets": [{"reps": 10}]}]},
     "unknown exercise 'cat_cov'; did you mean 'cat_cow'?"),
]


@pytest.mark.parametrize(("change", "message"), BAD_FILES)
def test_bad_values_are_refused_by_the_cli_and_nothing_written(opened, url, tmp_path,
                                                              change, message):
    path = tmp_path / "sessions.json"
    # A good session first: the bad one after it must keep it from being written too.
    path.write_text(json.dumps([SESSION, SESSION | change]))
    before = row_counts(opened.engine)
    result = CliRunner().invoke(app, ["--db", url, "log", "--file", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "nothing was recorded" in result.stderr or "session 2" in result.stderr
    assert row_counts(opened.engine) == before


def test_pain_out_of_range_is_refused_by_the_cli(opened, url):
    before = row_counts(opened.engine)
    for level in ("11", "-1"):
        result = CliRunner().invoke(app, ["--db", url, "pain", "--", level])
        assert result.exit_code == 2, result.output
        assert "pain is from 0 (none) to 10" in result.stderr
    assert row_counts(opened.engine) == before


def test_bad_values_through_the_real_cli_process(opened, url, tmp_path):
    path = tmp_path / "sessions.json"
    path.write_text(json.dumps([SESSION, SESSION | BAD_FILES[3][0]]))
    before = row_counts(opened.engine)
    done = subprocess.run([str(BACKCOACH), "--db", url, "log", "--file", str(path)],
                          capture_output=True, text=True, timeout=CHILD_TIMEOUT, check=False)
    assert done.returncode == 2
    assert done.stderr == (f"backcoach: error: {path}: unknown exercise 'cat_cov'; did you "
                           "mean 'cat_cow'?; nothing was recorded\n")
    assert row_counts(opened.engine) == before
