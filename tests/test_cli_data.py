"""The data commands: export, import and calendar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.profile import Profile
from backcoach.store import Store

runner = CliRunner()
SESSIONS = [
    {"date": "2026-11-01", "phase": "entry", "program": "entry_month", "pain_before": 3,
     "pain_after": 2, "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 10},
                                                                     {"reps": 9}]}]},
    {"date": "2026-11-03", "phase": "entry", "completed": False, "stopped_reason": "tired",
     "exercises": [{"exercise": "side_plank", "sets": [{"hold_seconds": 12, "side": "left"}]}]},
]


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def counts(url: str) -> dict[str, int]:
    store, _ = Store.open(url)
    found = store.record_counts()
    store.engine.dispose()
    return found


@pytest.fixture
def logged(tmp_path: Path) -> str:
    """An SQLite database with a profile, two sessions and a pain check-in; its URL."""
    url = f"sqlite:///{tmp_path / 'mine.db'}"
    sessions = tmp_path / "sessions.json"
    sessions.write_text(json.dumps(SESSIONS))
    assert run("--db", url, "log", "--file", str(sessions)).exit_code == 0
    assert run("--db", url, "pain", "3", "--note", "morning").exit_code == 0
    store, _ = Store.open(url)
    store.save_profile(Profile(age=34, days_per_week=3))
    store.engine.dispose()
    return url


def test_export_then_import_elsewhere(logged, store_url, tmp_path):
    backup = tmp_path / "backup.json"
    result = run("--db", logged, "export", str(backup))
    assert result.exit_code == 0, result.output
    assert "2 sessions (3 sets)" in result.stdout
    assert json.loads(backup.read_text())["format"] == "backcoach-export"
    result = run("--db", store_url, "import", str(backup))
    assert result.exit_code == 0, result.output
    assert "Imported 1 profile version, 2 sessions (3 sets), 1 pain check-in," in result.stdout
    assert counts(store_url) == counts(logged)
    imported, _ = Store.open(store_url)
    assert [s.date for s in imported.history()] == [date(2026, 11, 1), date(2026, 11, 3)]
    imported.engine.dispose()


def test_import_refuses_a_database_with_records_unless_replace(logged, tmp_path):
    backup = tmp_path / "backup.json"
    run("--db", logged, "export", str(backup))
    before = counts(logged)
    result = run("--db", logged, "import", str(backup))
    assert result.exit_code == 2
    assert "already has records" in result.stderr and "--replace" in result.stderr
    assert counts(logged) == before
    result = run("--db", logged, "import", "--replace", str(backup))
    assert result.exit_code == 0, result.output
    assert counts(logged) == before  # replaced, not doubled


@pytest.mark.parametrize(("content", "message"), [
    ('{"format": "backcoach-export", "format_version": 1, "user": ',
     "not valid JSON"),
    ('{"format": "backcoach-export", "format_version": 1}', "user: Field required"),
    ("[]", "log --file"),
])
def test_a_bad_or_partial_file_changes_nothing(logged, tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    before = counts(logged)
    result = run("--db", logged, "import", "--replace", str(bad))
    assert result.exit_code == 2
    assert message in result.stderr and "nothing was imported" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert counts(logged) == before


def test_an_unknown_exercise_in_the_file_changes_nothing(logged, tmp_path):
    backup = tmp_path / "backup.json"
    run("--db", logged, "export", str(backup))
    data = json.loads(backup.read_text())
    data["sessions"][1]["sets"][0]["exercise"] = "side_plonk"
    backup.write_text(json.dumps(data))
    before = counts(logged)
    result = run("--db", logged, "import", "--replace", str(backup))
    assert result.exit_code == 2
    assert "unknown exercise 'side_plonk'; did you mean 'side_plank'?" in result.stderr
    assert counts(logged) == before


def test_import_as_a_real_process(logged, tmp_path):
    backcoach = Path(sys.executable).parent / "backcoach"
    backup = tmp_path / "backup.json"
    run("--db", logged, "export", str(backup))
    target = f"sqlite:///{tmp_path / 'target.db'}"
    done = subprocess.run([str(backcoach), "--db", target, "import", str(backup)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Imported 1 profile version, 2 sessions (3 sets)")
    assert counts(target) == counts(logged)


def test_records_moved_to_a_computer_in_another_zone_keep_their_moments(tmp_path):
    """Recorded in Moscow, exported, imported on a laptop in New York: the same instants,
    shown in New York's time."""
    backcoach = Path(sys.executable).parent / "backcoach"
    source, target = (f"sqlite:///{tmp_path / name}" for name in ("moscow.db", "ny.db"))
    backup = tmp_path / "backup.json"

    def cli(zone: str, *args: str) -> str:
        done = subprocess.run([str(backcoach), *args], capture_output=True, text=True,
                              timeout=60, check=False, env={**os.environ, "TZ": zone})
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli("Europe/Moscow", "--db", source, "pain", "4")
    cli("Europe/Moscow", "--db", source, "export", str(backup))
    written = json.loads(backup.read_text())
    assert written["pain_checkins"][0]["at"].endswith("+03:00")
    said = cli("America/New_York", "--db", target, "import", str(backup))
    exported = datetime.fromisoformat(written["exported_at"])
    in_new_york = exported.astimezone(ZoneInfo("America/New_York"))
    assert f"exported {in_new_york:%Y-%m-%d %H:%M}" in said
    moments = []
    for url in (source, target):
        store, _ = Store.open(url)
        moments.append([p.at for p in store.pain_checkins()])
        store.engine.dispose()
    assert moments[0] == moments[1]  # the same instants
    assert moments[0][0] == datetime.fromisoformat(written["pain_checkins"][0]["at"])


def _calendar(path: Path) -> list[Any]:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_calendar_writes_the_training_days(logged, tmp_path):
    out = tmp_path / "training.ics"
    result = run("--db", logged, "calendar", "--out", str(out), "--date", "2026-11-30")
    assert result.exit_code == 0, result.output
    found = _calendar(out)
    assert len(found) == 12  # three days a week for four weeks
    assert "Wrote 12 training sessions from 2026-11-30" in result.stdout
    first = found[0]
    assert first.decoded("DTSTART") == datetime(2026, 11, 30, 8, 0)
    assert next(iter(first.walk("VALARM"))).decoded("TRIGGER") == timedelta(minutes=-15)
    assert str(first["SUMMARY"]).startswith("Back exercises: ")


def test_calendar_options(logged, tmp_path):
    out = tmp_path / "training.ics"
    result = run("--db", logged, "calendar", "--out", str(out), "--weeks", "2", "--time",
                 "18:45", "--reminder", "30", "--date", "2026-11-30")
    assert result.exit_code == 0, result.output
    found = _calendar(out)
    assert len(found) == 6
    assert {e.decoded("DTSTART").time() for e in found} == {time(18, 45)}
    assert {next(iter(e.walk("VALARM"))).decoded("TRIGGER") for e in found} == {
        timedelta(minutes=-30)}
    again = tmp_path / "again.ics"
    run("--db", logged, "calendar", "--out", str(again), "--weeks", "2", "--date",
        "2026-11-30")
    assert [str(e["UID"]) for e in _calendar(again)] == [str(e["UID"]) for e in found]


@pytest.mark.parametrize(("args", "message"), [
    (["--time", "8am"], "--time '8am' is not a time of day"),
    (["--time", "25:00"], "is not a time of day"),
    (["--weeks", "0"], "--weeks"),
    (["--reminder", "-5"], "--reminder"),
    (["--date", "30.11.2026"], "is not a date"),
])
def test_calendar_refuses_wrong_options(logged, tmp_path, args, message):
    out = tmp_path / "training.ics"
    result = run("--db", logged, "calendar", "--out", str(out), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_calendar_needs_a_profile_and_training_days(tmp_path):
    out = tmp_path / "training.ics"
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    result = run("--db", url, "calendar", "--out", str(out))
    assert result.exit_code == 2 and "onboard" in result.stderr
    store, _ = Store.open(url)
    store.save_profile(Profile(age=40, pain_now="acute", pain_level=8))
    store.engine.dispose()
    result = run("--db", url, "calendar", "--out", str(out))
    assert result.exit_code == 2 and "no training days" in result.stderr
    assert not out.exists()
