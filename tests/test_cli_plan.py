"""The screening and planning commands: screen, plan, onboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.store import Store

runner = CliRunner()


def _profile(tmp_path: Path, text: str, name: str = "me.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


def test_screen_go(tmp_path):
    path = _profile(tmp_path, "age = 34\n")
    result = run("screen", "--profile", str(path), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"] == "go"


def test_screen_urgent_says_emergency(tmp_path):
    path = _profile(tmp_path, "age = 44\n[red_flags]\nsaddle_numbness = true\n")
    result = run("screen", "--profile", str(path))
    assert result.exit_code == 0
    assert "URGENT" in result.stdout
    assert "emergency department" in result.stdout


def test_plan_json_for_a_day(tmp_path):
    path = _profile(tmp_path, "age = 34\ndays_per_week = 7\nminutes_per_day = 20\n")
    result = run("plan", "--profile", str(path), "--date", "2026-11-30", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["date"] == "2026-11-30"
    assert data["phase"] == "entry"
    assert data["today"]["items"][0]["block"] == "warm_up"
    assert data["today"]["estimated_minutes"] <= 20


def test_plan_explain_shows_why_and_what_is_left_out(tmp_path):
    path = _profile(tmp_path, "age = 60\nhernia = true\ndoctor_cleared = true\n"
                    "days_per_week = 7\n")
    result = run("plan", "--profile", str(path), "--date", "2026-11-30", "--explain")
    assert result.exit_code == 0
    assert "Phase: therapeutic" in result.stdout
    assert "Left out" in result.stdout
    assert "Deadlift" in result.stdout


def test_plan_reads_history(tmp_path):
    profile = _profile(tmp_path, "age = 34\ndays_per_week = 7\n")
    history = tmp_path / "history.json"
    history.write_text(json.dumps([{
        "date": "2026-11-29", "phase": "entry", "completed": False, "stopped_reason": "pain",
        "pain_before": 2, "pain_after": 6, "exercises": [],
    }]))
    result = run("plan", "--profile", str(profile), "--history", str(history),
                 "--date", "2026-11-30", "--json")
    data = json.loads(result.stdout)
    assert data["phase"] == "therapeutic"
    assert data["phase_change"] == "down"
    assert "stopped for pain" in " ".join(data["phase_reasons"])


@pytest.mark.parametrize(("content", "expected"), [
    ('age = 34\npain_now = "sharp"\n', "pain_now"),
    ("age = 4\n", "age"),
    ("age = 34\nequipment = ['trampoline']\n", "equipment.0"),
    ("age = [\n", "not valid TOML"),
])
def test_bad_profile_is_a_usage_error_naming_the_field(tmp_path, content, expected):
    path = _profile(tmp_path, content)
    result = run("plan", "--profile", str(path))
    assert result.exit_code == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_date_and_missing_profile(tmp_path):
    path = _profile(tmp_path, "age = 34\n")
    bad_date = run("plan", "--profile", str(path), "--date", "30/11/2026")
    assert bad_date.exit_code == 2
    assert "YYYY-MM-DD" in bad_date.stderr
    missing = run("plan")
    assert missing.exit_code == 2
    assert "backcoach onboard" in missing.stderr


def test_bad_history_file(tmp_path):
    path = _profile(tmp_path, "age = 34\n")
    history = tmp_path / "h.json"
    history.write_text('[{"date": "2026-11-01", "phase": "entry", "pain_before": 12}]')
    result = run("plan", "--profile", str(path), "--history", str(history))
    assert result.exit_code == 2
    assert "session 1: pain_before" in result.stderr


def test_onboard_asks_reasks_and_saves(tmp_path):
    answers = "\n".join([
        "abc", "34",        # age: a bad answer is asked again
        "female",
        "dull", "4", "none", "n",   # pain now, level, spreads, new
        "n", "n",           # no emergency or serious signs
        "n", "n", "n", "n", "n", "n",  # hernia, osteoporosis, pregnant, birth, injury, chronic
        "fitball, trampoline", "fitball",  # an unknown item is refused, then fixed
        "home", "15", "5", "relieve",
    ]) + "\n"
    result = run("onboard", stdin=answers)
    assert result.exit_code == 0, result.stdout
    assert "Please give a whole number" in result.stdout
    assert "Not known: trampoline" in result.stdout
    assert "GO" in result.stdout
    assert (tmp_path / "data" / "backcoach.db").exists()
    saved = Store.open()[0].profile()
    assert saved is not None
    assert saved.age == 34 and saved.pain_level == 4 and saved.equipment == ["fitball"]
    # The saved profile is what plan reads by default.
    plan = run("plan", "--date", "2026-11-30", "--json")
    assert json.loads(plan.stdout)["phase"] == "therapeutic"
