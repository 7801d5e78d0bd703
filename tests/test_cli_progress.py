"""`backcoach progress`: the summary, --json and --chart, from a store filled by the log."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import pytest
from typer.testing import CliRunner

from backcoach.catalog import Catalog
from backcoach.cli import app
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile
from backcoach.store import Store

runner = CliRunner()
TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())
START = MONDAY - timedelta(weeks=4)  # four full weeks before this one


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def store(catalog: Catalog) -> Store:
    """Four weeks of three sessions a week (plan: three), pain from 6 down to 2, PSFS."""
    opened, _ = Store.open()
    opened.save_profile(Profile(age=45, days_per_week=3),
                        at=datetime.combine(START, datetime.min.time()))
    for week in range(4):
        for weekday in (0, 2, 4):
            on = START + timedelta(weeks=week, days=weekday)
            reps = 6 + 2 * week
            opened.record_session(SessionRecord(
                date=on, phase="therapeutic" if week < 2 else "entry",
                pain_before=6 - week, pain_after=5 - week, exercises=[
                    ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=reps)] * 2),
                    ExerciseDone(exercise="side_plank", sets=[
                        SetDone(hold_seconds=10 + week, side=side) for side in ("left", "right")]),
                ]), catalog=catalog, today=TODAY)
    opened.rate_psfs({"Tie my shoes": 2, "Sit for an hour": 3}, on=START, today=TODAY)
    opened.rate_psfs({"Tie my shoes": 5, "Sit for an hour": 4}, on=START + timedelta(weeks=3),
                     today=TODAY)
    return opened


def test_progress_json(store):
    result = run("progress", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["today"] == str(TODAY) and data["sessions"] == 12
    adherence = data["adherence"]
    assert [(w["done"], w["planned"], w["met"]) for w in adherence["weeks"]] == [
        (3, 3, True)] * 4 + [(0, 3, False)]
    assert adherence["overall"] == 1.0 and adherence["this_week"]["done"] == 0
    assert data["streaks"]["current_weeks"] == 4 == data["streaks"]["longest_weeks"]
    before = data["pain"]["before"]
    assert (before["baseline"], before["latest"], before["verdict"]) == (6.0, 3.0, "better")
    assert data["psfs"]["change"]["change"] == 2.0 and data["psfs"]["change"]["meaningful"]
    assert [d["exercise_name"] for d in data["dosage"]] == ["Cat-cow", "Side plank"]
    assert (data["dosage"][0]["first"]["reps"], data["dosage"][0]["latest"]["reps"]) == (6, 12)
    assert data["dosage"][1]["latest"]["sets"] == 1  # per side, counted once
    assert [(c["from_phase"], c["to_phase"], c["direction"]) for c in data["phase_changes"]] \
        == [("therapeutic", "entry", "up")]


def test_progress_summary_for_people(store):
    result = run("progress")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # Rich wraps lines to the terminal width
    assert "12 sessions since" in out
    assert "this week 0 of 3 planned sessions" in out
    assert "overall 100% of planned sessions done (12 of 12)" in out
    assert "4 weeks in a row meeting the plan (longest 4)" in out
    assert "before sessions, 7-day average: 6 -> 3: better (-3; meaningful" in out
    assert "after sessions, 7-day average: 5 -> 2: better" in out
    assert "PSFS average: 2.5 -> 4.5: better (+2; meaningful, at least 2 points)" in out
    assert "Sit for an hour: 3 -> 4: about the same (+1; under 3 points" in out
    assert "therapeutic -> entry on" in out and "(up)" in out
    assert "Cat-cow" in out and "2 x 6 reps" in out and "2 x 12 reps" in out
    assert "1 x hold 13 s" in out


def test_progress_with_nothing_recorded():
    result = run("progress")
    assert result.exit_code == 0
    assert "No sessions logged yet" in result.stdout
    data = json.loads(run("progress", "--json").stdout)
    assert data["sessions"] == 0 and data["dosage"] == [] and data["pain"]["days"] == []


def test_progress_with_only_a_pain_check_in():
    opened, _ = Store.open()
    opened.add_pain(4, at=datetime.now().replace(microsecond=0) - timedelta(minutes=1))
    result = run("progress")
    assert result.exit_code == 0
    assert "no sessions logged yet" in result.stdout
    shown = " ".join(result.stdout.split())
    assert f"check-ins, 7-day average: 4 on {date.today()} (a change shows once" in shown


@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_progress_chart(store, tmp_path, suffix):
    path = tmp_path / f"progress.{suffix}"
    result = run("progress", "--chart", str(path))
    assert result.exit_code == 0, result.output
    assert f"Charts written to {path}." in result.stdout
    if suffix == "svg":
        ids = {e.get("id") for e in ET.parse(path).getroot().iter()}
        assert {"pain-before", "adherence-done", "dosage-cat_cow", "psfs-average"} <= ids
    else:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_progress_json_and_chart_keep_stdout_json(store, tmp_path):
    path = tmp_path / "p.svg"
    result = run("progress", "--json", "--chart", str(path))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["sessions"] == 12
    assert "Charts written" in result.stderr and path.exists()


def test_progress_chart_needs_svg_or_png(tmp_path):
    result = run("progress", "--chart", str(tmp_path / "progress.pdf"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("backcoach: error: --chart")
    assert ".svg or .png" in result.stderr
    assert not (tmp_path / "data" / "backcoach.db").exists()  # failed before opening it


def test_progress_json_reads_a_current_file_without_the_heavy_imports(store):
    """On an up-to-date SQLite file the command reads with sqlite3: no SQLAlchemy, pydantic
    or matplotlib to import (each costs more than the whole rest of the command)."""
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom backcoach.cli import app\n"
            "r = CliRunner().invoke(app, ['progress', '--json'])\n"
            "assert r.exit_code == 0, r.output\nimport json\n"
            "assert json.loads(r.stdout)['sessions'] == 12\n"
            "print(sorted(m for m in ('matplotlib', 'sqlalchemy', 'pydantic') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_progress_on_an_older_database_upgrades_it_first_and_says_so(store):
    from backcoach.store.db import _alembic_config

    expected = run("progress", "--json").stdout
    from alembic import command

    command.downgrade(_alembic_config(store.engine), "0003")  # as an older backcoach left it
    store.engine.dispose()
    result = run("progress", "--json")
    assert result.exit_code == 0, result.output
    assert "upgraded the database to schema" in result.stderr
    assert result.stdout == expected  # the doses were rebuilt from the sets
    again = run("progress", "--json")
    assert again.stderr == "" and again.stdout == expected


def test_progress_on_a_new_machine_creates_the_database():
    result = run("progress", "--json")
    assert result.exit_code == 0, result.output
    assert "created the database" in result.stderr
    assert json.loads(result.stdout)["sessions"] == 0


def test_progress_json_is_written_like_every_other_json_output(store):
    out = run("progress", "--json").stdout
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
