"""Recording from the command line: log, history, pain, psfs, cleared."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from backcoach.clearance import Clearance
from backcoach.cli import app
from backcoach.profile import Profile
from backcoach.store import Store

runner = CliRunner()
TODAY = date.today()


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def store() -> Store:
    opened, _ = Store.open()
    # Seven training days a week, so today is always a training day.
    opened.save_profile(Profile(age=34, days_per_week=7, minutes_per_day=30))
    return opened


def test_log_done_records_todays_plan(store):
    result = run("log", "--done", "--pain-before", "3", "--pain-after", "2", "--effort", "5")
    assert result.exit_code == 0, result.output
    (session,) = store.history()
    assert session.date == TODAY and session.completed
    assert (session.pain_before, session.pain_after, session.effort) == (3, 2, 5)
    plan = json.loads(run("plan", "--json").stdout)
    # Today's plan now says the session is done, with what was done, and offers no other.
    assert plan["phase"] == session.phase
    assert plan["today"]["status"] == "done" and plan["today"]["items"] == []
    done = [e["exercise"] for e in plan["today"]["done"][0]["exercises"]]
    assert [e.exercise for e in session.exercises] == done
    twice = run("log", "--done")
    assert twice.exit_code == 2 and "--again" in twice.stderr
    assert len(store.history()) == 1
    # Asked for explicitly, another session is planned: the same exercises.
    again = json.loads(run("plan", "--again", "--json").stdout)
    assert again["today"]["status"] == "planned" and again["today"]["again"]
    assert [i["exercise"] for i in again["today"]["items"]] == done
    assert run("log", "--done", "--again").exit_code == 0
    assert len(store.history()) == 2


def test_per_side_items_are_logged_per_side(store):
    run("log", "--done")
    (session,) = store.history()
    sided = [e for e in session.exercises if {s.side for s in e.sets} == {"left", "right"}]
    assert sided, "the entry month's heel reach is per side"


def test_interactive_log_asks_item_by_item(store):
    plan = json.loads(run("plan", "--json").stdout)
    items = plan["today"]["items"]
    answers = ["2"]  # pain before
    answers += ["y"] * (len(items) - 2)
    # The second to last: fewer reps (or seconds) than planned; the last: skipped.
    answers += ["n", "5"] + (["4"] if items[-2]["hold_seconds"] is not None
                             and items[-2]["reps"] is not None else [])
    answers += ["s", "n", "3", "6"]  # skipped, did not stop, pain after, effort
    result = run("log", stdin="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    (session,) = store.history()
    assert len(session.exercises) == len(items) - 1
    assert (session.pain_before, session.pain_after, session.effort) == (2, 3, 6)


def test_log_stopped_for_pain_warns_and_steps_back(store):
    result = run("log", "--done", "--stopped", "pain", "--pain-before", "2",
                 "--pain-after", "6")
    assert "the next plan steps back" in " ".join(result.stdout.split())
    (session,) = store.history()
    assert not session.completed and session.stopped_reason == "pain"


@pytest.mark.parametrize(("args", "message"), [
    (["--pain-before", "11"], "--pain-before 11 is out of range"),
    (["--stopped", "bored"], "--stopped 'bored' is not a reason"),
    (["--date", "27.11.2026"], "YYYY-MM-DD"),
])
def test_bad_flags_write_nothing(store, args, message):
    result = run("log", "--done", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert store.count_sessions() == 0


def test_log_file_is_all_or_nothing(store, tmp_path):
    good = {"date": str(TODAY - timedelta(days=1)), "phase": "entry",
            "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 10}]}]}
    future = {**good, "date": str(TODAY + timedelta(days=3))}
    path = tmp_path / "s.json"
    path.write_text(json.dumps([good, future]))
    result = run("log", "--file", str(path))
    assert result.exit_code == 2
    assert "in the future" in result.stderr and "nothing was recorded" in result.stderr
    assert store.count_sessions() == 0
    unknown = {**good, "exercises": [{"exercise": "cat_cwo", "sets": [{"reps": 10}]}]}
    path.write_text(json.dumps(unknown))
    result = run("log", "--file", str(path))
    assert "unknown exercise 'cat_cwo'; did you mean 'cat_cow'?" in result.stderr
    path.write_text(json.dumps([good]))
    assert run("log", "--file", str(path)).exit_code == 0
    assert store.count_sessions() == 1


def test_history_lists_and_filters(store, tmp_path):
    sessions = [{"date": str(TODAY - timedelta(days=d)), "phase": "entry",
                 "pain_before": 3, "pain_after": 2,
                 "exercises": [{"exercise": "plank", "sets": [{"hold_seconds": 30}]}]}
                for d in (10, 5, 1)]
    path = tmp_path / "s.json"
    path.write_text(json.dumps(sessions))
    run("log", "--file", str(path))
    data = json.loads(run("history", "--json").stdout)
    assert [d["date"] for d in data] == [s["date"] for s in sessions]
    since = json.loads(run("history", "--since", str(TODAY - timedelta(days=6)),
                           "--json").stdout)
    assert len(since) == 2
    table = run("history").stdout
    assert "3\u21922" in table  # pain before -> after


def test_history_table_shows_the_latest_sessions_unless_asked_for_more(store, tmp_path):
    from backcoach.cli.log import TABLE_SESSIONS

    count = TABLE_SESSIONS + 2
    days = [TODAY - timedelta(days=d) for d in range(count, 0, -1)]
    path = tmp_path / "s.json"
    path.write_text(json.dumps([
        {"date": str(day), "phase": "entry", "pain_before": n % 10, "pain_after": 2,
         "exercises": [{"exercise": "plank", "sets": [{"hold_seconds": 30}]}]}
        for n, day in enumerate(days)]))
    run("log", "--file", str(path))

    def dates(*args: str) -> list[str]:
        return re.findall(r"\d{4}-\d\d-\d\d", run("history", *args).stdout)

    assert dates() == [str(day) for day in days[-TABLE_SESSIONS:]]  # oldest first
    assert f"The latest {TABLE_SESSIONS} of {count} sessions" in \
        " ".join(run("history").stdout.split())
    assert dates("--all") == [str(day) for day in days]
    assert dates("--last", "2") == [str(day) for day in days[-2:]]
    assert dates("--since", str(days[3])) == [str(day) for day in days[3:]]
    assert len(json.loads(run("history", "--json").stdout)) == count  # scripts get all
    assert [d["date"] for d in json.loads(run("history", "--json", "--last", "1").stdout)] \
        == [str(days[-1])]
    for wrong in (["--all", "--last", "3"], ["--last", "0"]):
        result = run("history", *wrong)
        assert result.exit_code == 2 and result.stdout == ""


def test_history_empty_says_what_to_do():
    assert "backcoach log" in run("history").stdout


def test_pain_checkin(store):
    assert run("pain", "4", "--note", "after gardening").exit_code == 0
    (point,) = store.pain_checkins()
    assert point.pain == 4 and point.note == "after gardening"
    severe = run("pain", "8")
    assert "no exercise today" in severe.stdout
    bad = run("pain", "11")
    assert bad.exit_code == 2
    assert len(store.pain_checkins()) == 2


def test_psfs_rate_and_interactive(store):
    result = run("psfs", "--rate", "Tie my shoes=4", "--rate", "Sit an hour=6")
    assert "average 5/10" in result.stdout
    assert store.psfs_activities() == ["Tie my shoes", "Sit an hour"]
    # Enter alone is not a rating of 0: the question is asked again.
    again = run("psfs", stdin="\n5\n7\n")
    assert again.exit_code == 0 and "average 6/10" in again.stdout
    assert "Please give a whole number" in again.stdout
    assert len(store.psfs_scores()) == 4
    bad = run("psfs", "--rate", "Lift a child")
    assert bad.exit_code == 2 and "ACTIVITY=SCORE" in bad.stderr


def test_cleared_turns_consult_into_a_gentle_plan():
    opened, _ = Store.open()
    opened.save_profile(Profile(age=40, hernia=True, days_per_week=7))
    assert json.loads(run("screen", "--json").stdout)["verdict"] == "consult"
    recorded = run("cleared", "--note", "Dr Ruiz")
    assert recorded.exit_code == 0
    assert "for what you reported:\n  - a diagnosed disc hernia (a disease of the spine)\n" \
        in recorded.stdout
    plan = json.loads(run("plan", "--json").stdout)
    assert plan["screening"]["verdict"] == "go"
    assert plan["phase"] == "therapeutic"
    assert opened.clearances() == [Clearance(date=TODAY, note="Dr Ruiz",
                                             covers=["condition.hernia"])]
    assert len(opened.profile_versions()) == 1  # the answers themselves are unchanged
    bones = Store.open()[0]
    bones.save_profile(Profile(age=66, osteoporosis=True))
    gated = run("cleared")
    assert gated.exit_code == 0
    assert "  - osteoporosis (some exercises are given only with a doctor's clearance)\n" \
        in gated.stdout
    nothing = Store.open()[0]
    nothing.save_profile(Profile(age=40))
    refused = run("cleared")
    assert refused.exit_code == 2 and "nothing in your answers needs" in refused.stderr


def test_database_upgrade_is_announced_once(tmp_path):
    db = tmp_path / "other.db"
    first = run("--db", str(db), "history")
    assert "created the database" in first.stderr
    second = run("--db", str(db), "history")
    assert second.stderr == ""


def test_unreachable_database_is_a_clear_error():
    result = run("--db", "postgresql://nobody@127.0.0.1:1/none", "history")
    assert result.exit_code == 2
    assert "cannot open the database" in result.stderr
