"""The screening and planning commands: screen, plan, onboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.profile import Profile
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
    path = _profile(tmp_path, "age = 60\nhernia = true\ndays_per_week = 7\n"
                    "[[clearances]]\ndate = 2026-11-02\ncovers = ['condition.hernia']\n")
    result = run("plan", "--profile", str(path), "--date", "2026-11-30", "--explain")
    assert result.exit_code == 0
    assert "Phase: Therapeutic" in result.stdout
    assert "A doctor cleared you on 2026-11-02" in result.stdout
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
        "n",                # not a month without improvement
        "n", "n", "n", "n", "n",  # each emergency sign, asked one by one
        "n",                # none of the serious signs
        "n", "n", "n",      # cancer ever, immune system, long-term steroids
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


def _onboard_answers(*, pain: bool, hernia: bool, cleared: str | None = None) -> str:
    answers = ["52", "male"]
    answers += ["dull", "3", "none", "n", "n"] if pain else ["none"]
    answers += ["n"] * 5 + ["n"] + ["n"] * 3  # five emergency signs, the serious gate, history
    answers += ["y" if hernia else "n", "n", "n", "n"]  # hernia, osteoporosis, injury, chronic
    answers += ["", "home", "20", "5", "relieve"]
    if cleared is not None:  # asked once the answers are saved and screened
        answers += ["y", cleared]
    return "\n".join(answers) + "\n"


def test_onboard_asks_each_emergency_sign_and_history_in_plain_words():
    result = run("onboard", stdin=_onboard_answers(pain=True, hernia=False))
    assert result.exit_code == 0, result.stdout
    out = " ".join(result.stdout.split())  # questions wrap at the terminal's width
    for question in ("numbness or tingling in the saddle area",
                     "trouble starting to pass urine", "problems with sexual function",
                     "Are both of your legs weak", "pain shoot down both of your legs"):
        assert question in out, question
    assert "The saddle area is the part you would sit on in a saddle" in out
    assert "Do you have any of these now?" in out  # only the serious signs are gated
    assert out.count("Do you have any of these now?") == 1
    assert "Have you ever had cancer?" in out
    assert "Have you taken steroid tablets" in out
    assert "gone on for a month or more without getting any better" in out
    assert "Has a doctor seen all of this" not in out  # nothing needs a clearance


def test_onboard_records_a_clearance_only_where_one_is_needed():
    result = run("onboard", stdin=_onboard_answers(pain=False, hernia=True,
                                                   cleared="2026-11-02"))
    assert result.exit_code == 0, result.stdout
    assert "Has a doctor seen all of this" in result.stdout
    assert "  - a diagnosed disc hernia (a disease of the spine)\n" in result.stdout
    assert "Recorded: a doctor cleared you on 2026-11-02." in result.stdout
    assert "GO" in result.stdout
    (clearance,) = Store.open()[0].clearances()
    assert clearance.covers == ["condition.hernia"] and str(clearance.date) == "2026-11-02"


def test_screen_lists_each_exclusion_once_and_groups_the_unreachable(tmp_path):
    path = _profile(tmp_path, "age = 34\nequipment = ['chair']\n")
    result = run("screen", "--profile", str(path))
    assert result.exit_code == 0
    out = " ".join(result.stdout.replace("│", " ").split())  # the panel's lines as one text
    assert out.count("Deadlift") == 1 and out.count("Barbell squat") == 1
    assert "needing equipment you have not listed anyway" in out


def test_a_profile_file_with_the_old_boolean_says_how_to_record_a_clearance(tmp_path):
    path = _profile(tmp_path, "age = 60\nhernia = true\ndoctor_cleared = true\n")
    result = run("plan", "--profile", str(path))
    assert result.exit_code == 2
    assert "doctor_cleared is no longer one of the answers" in result.stderr
    assert "[[clearances]]" in result.stderr


def test_plan_and_session_after_todays_session(tmp_path):
    opened, _ = Store.open()
    opened.save_profile(Profile(age=34, days_per_week=7))
    assert run("log", "--done", "--pain-after", "1").exit_code == 0
    plan = run("plan")
    assert "Today's session is done" in plan.stdout
    assert "backcoach session --again" in plan.stdout
    session = run("session", "--new")
    assert session.exit_code == 0
    assert "Today's session is done" in session.stdout
    assert opened.count_sessions(finished=True) == 1
    stopped = run("log", "--again", "--stopped", "pain", "--pain-after", "6", "--done")
    assert stopped.exit_code == 0 and "no more exercise today" in stopped.stdout
    rest = run("session", "--new", "--again")
    assert rest.exit_code == 0 and "no more exercise today" in rest.stdout
    assert "See a doctor if any of these appear" in rest.stdout
    assert opened.count_sessions(finished=True) == 2
