"""Start-up of the read commands: on an up-to-date SQLite file, ``plan``, ``history`` and
``screen`` read (and ``plan`` saves the plan given) with sqlite3, without importing
SQLAlchemy, and answer exactly what the Store answers. The timings themselves are
printed by benchmarks/cli_startup.py."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from typer.testing import CliRunner

from backcoach.catalog import Catalog
from backcoach.clearance import Clearance
from backcoach.cli import app
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile, RedFlags
from backcoach.store import Store

runner = CliRunner()
TODAY = date.today()
READS = (["plan", "--json"], ["history", "--json"], ["screen", "--json"],
         ["history", "--last", "2"])


@pytest.fixture
def store(catalog: Catalog) -> Iterator[Store]:
    """A person with answers, a doctor's clearance and three sessions."""
    opened, _ = Store.open()
    opened.save_profile(Profile(age=50))
    opened.record_clearance(Clearance(date=TODAY, note="Dr. Who", covers=["night_pain"]),
                            today=TODAY)
    for days_ago in (5, 3, 1):
        opened.record_session(SessionRecord(
            date=TODAY - timedelta(days=days_ago), phase="therapeutic", program="warm_up",
            completed=days_ago != 3, stopped_reason=None if days_ago != 3 else "tired",
            pain_before=4, pain_after=3, notes="a [b] note",
            exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=8)] * 2),
                       ExerciseDone(exercise="side_plank", sets=[
                           SetDone(hold_seconds=12.5, side=side) for side in ("left", "right")])]),
            catalog=catalog, today=TODAY)
    yield opened
    opened.engine.dispose()


def _imports(args: list[str]) -> tuple[str, list[str]]:
    """Run the command in a fresh interpreter; return its output and which of the heavy
    modules it imported."""
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom backcoach.cli import app\n"
            f"r = CliRunner().invoke(app, {args!r})\n"
            "assert r.exit_code == 0, r.output\nsys.stderr.write(r.stdout)\n"
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'rich.table') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return done.stderr, ast.literal_eval(done.stdout)


@pytest.mark.parametrize("args", READS[:3], ids=lambda a: a[0])
def test_read_commands_on_a_current_file_do_not_import_sqlalchemy(store, args):
    output, heavy = _imports(args)
    assert heavy == []
    assert output == runner.invoke(app, args).stdout


def test_the_sqlite_reads_answer_what_the_store_answers(store):
    from backcoach.store.records import open_sqlite
    from backcoach.store.settings import LOCAL_USER, sqlite_file

    path = sqlite_file(store.engine.url.render_as_string())
    assert path is not None
    records = open_sqlite(path, LOCAL_USER)
    assert records is not None
    try:
        assert records.profile() == store.profile()
        assert records.clearances() == store.clearances()
        assert records.sessions() == store.sessions()
        assert records.sessions(latest=2) == store.sessions(latest=2)
        assert records.sessions(since=TODAY - timedelta(days=3)) == \
            store.sessions(since=TODAY - timedelta(days=3))
        assert records.count_sessions(finished=True) == store.count_sessions(finished=True) == 3
        assert records.history()[0].exercises[1].sets[0].hold_seconds == 12.5
    finally:
        records.close()


def test_plan_saves_the_plan_of_the_day_once_through_sqlite(store):
    first = json.loads(runner.invoke(app, ["plan", "--json"]).stdout)
    output, heavy = _imports(["plan", "--json"])
    assert heavy == [] and json.loads(output) == first
    plans = store.plans()
    assert [(day, phase) for day, phase, _ in plans] == [(TODAY, first["phase"])]
    assert plans[0][2] == first  # as the Store reads it back: one row, the latest


def test_a_database_to_create_or_upgrade_goes_through_the_store():
    # No file yet: the Store creates it (and says so); the next run reads it directly.
    result = runner.invoke(app, ["history", "--json"])
    assert result.exit_code == 0 and "created the database" in result.stderr
    assert json.loads(result.stdout) == []


def test_read_records_is_none_for_a_file_of_another_schema_or_no_database(tmp_path):
    import sqlite3

    from backcoach.store.records import open_sqlite

    assert open_sqlite(tmp_path / "missing.db", "local") is None
    assert not (tmp_path / "missing.db").exists()  # not created by looking
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert open_sqlite(other, "local") is None
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    conn.close()
    assert open_sqlite(old, "local") is None


def test_history_table_reads_the_same_through_sqlite(store):
    shown = runner.invoke(app, ["history", "--last", "2"], env={"COLUMNS": "100"})
    assert shown.exit_code == 0, shown.output
    assert "2 of 3 sessions" in shown.stdout and "Warm-up" in shown.stdout
    assert "stopped (tired)" in shown.stdout


def test_plan_when_nothing_is_recorded_says_how_to_begin():
    Store.open()[0].engine.dispose()  # a current file, but nobody in it yet
    result = runner.invoke(app, ["plan", "--json"])
    assert result.exit_code == 2
    assert "no profile yet: run 'backcoach onboard'" in result.stderr


def test_the_profile_saved_last_is_the_one_read(store):
    assert json.loads(_imports(["screen", "--json"])[0])["verdict"] == "go"
    store.save_profile(Profile(age=51, red_flags=RedFlags(saddle_numbness=True)),
                       at=datetime.now() + timedelta(seconds=1))
    assert json.loads(_imports(["screen", "--json"])[0])["verdict"] == "urgent"


def test_a_write_that_cannot_happen_is_one_error_and_changes_nothing(store):
    import sqlite3

    from backcoach.errors import UnavailableError
    from backcoach.store.records import open_sqlite
    from backcoach.store.settings import LOCAL_USER, sqlite_file

    path = sqlite_file(store.engine.url.render_as_string())
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    records = open_sqlite(path, LOCAL_USER, busy_ms=50)
    assert records is not None
    try:
        with pytest.raises(UnavailableError, match=r"could not be written .*database is "
                           r"locked.*What was recorded before is safe"):
            records.save_plan(on=TODAY, phase="entry", data={"a": 1})
        assert records.profile() == store.profile()  # reads go on (WAL)
    finally:
        records.close()
        other.execute("ROLLBACK")
        other.close()
    assert store.plans() == []
