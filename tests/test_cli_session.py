"""The terminal player: plain lines through the runner, the full screen in a real tmux."""

from __future__ import annotations

import os
import time
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.profile import Profile
from backcoach.store import Store
from backcoach.store.live import LiveSessions
from tests.tmux import needs_tmux, terminal

if TYPE_CHECKING:
    from backcoach.planner import Plan
    from backcoach.player import Player

runner = CliRunner()


@pytest.fixture
def store() -> Store:
    opened, _ = Store.open()
    opened.save_profile(Profile(age=34, days_per_week=7, minutes_per_day=10))
    return opened


def _planned_sets(store: Store) -> int:
    import json

    plan = json.loads(runner.invoke(app, ["plan", "--json"]).stdout)
    return sum(i["sets"] * (2 if i["per_side"] else 1) for i in plan["today"]["items"])


def test_plain_session_runs_to_the_end_and_saves_every_set(store):
    planned = _planned_sets(store)
    result = runner.invoke(app, ["session", "--speed", "1000", "--pain-before", "2",
                                 "--pain-after", "1", "--effort", "4"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "session done" in result.stdout and "Session saved" in result.stdout
    (session,) = store.history()
    assert session.completed
    assert (session.pain_before, session.pain_after, session.effort) == (2, 1, 4)
    assert sum(len(e.sets) for e in session.exercises) == planned


def test_session_for_a_chosen_program_and_refusals(store):
    result = runner.invoke(app, ["session", "--program", "home_sett"])
    assert result.exit_code == 2 and "did you mean 'home_set'" in result.stderr
    later = runner.invoke(app, ["session", "--program", "advanced_set"])
    assert later.exit_code == 2 and "comes later" in later.stderr
    supervised = runner.invoke(app, ["session", "--program", "therapy_stages_3_4"])
    assert supervised.exit_code == 2 and "supervision" in supervised.stderr


def test_no_session_without_a_plan():
    opened, _ = Store.open()
    opened.save_profile(Profile(age=40, pain_now="acute", pain_level=8))
    result = runner.invoke(app, ["session"])
    assert result.exit_code == 0
    assert "No exercise today" in result.stdout
    assert opened.count_sessions() == 0


@pytest.fixture
def tmux(tmp_path, store):
    yield from terminal(tmp_path, str(os.getpid()))


@needs_tmux
def test_terminal_start_pause_and_stop_for_pain(tmux, store):
    tmux.start("session", "--speed", "3")
    tmux.wait_for("Pain before")
    tmux.keys("3", "Enter")
    tmux.wait_for("space pause")
    tmux.keys(" ")
    paused = tmux.wait_for("PAUSED")
    time.sleep(1.0)
    assert tmux.screen().splitlines()[3:7] == paused.splitlines()[3:7], "the clock moved"
    tmux.keys(" ")
    tmux.keys("s")
    tmux.wait_for("Why are you stopping?")
    tmux.keys("p")
    tmux.wait_for("How much does it hurt now?")
    tmux.keys("6")
    assert tmux.exit_code() == 0
    # The summary and the warning signs are longer than the screen: read all that was shown.
    shown = tmux.raw().decode(errors="replace")
    assert "Stopped (pain) after" in shown and "See a doctor if" in shown
    (session,) = store.history()
    assert not session.completed and session.stopped_reason == "pain"
    assert (session.pain_before, session.pain_after) == (3, 6)


@needs_tmux
def test_terminal_resume_after_the_process_is_killed(tmux, store):
    planned = _planned_sets(store)
    tmux.start("session", "--speed", "40")
    tmux.wait_for("Pain before")
    tmux.keys("Enter")
    live = LiveSessions(store)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        open_one = live.unfinished()
        if open_one is not None and open_one.sets_saved >= 3:
            break
        time.sleep(0.05)
    tmux.kill()  # the terminal and backcoach die mid-session
    saved = live.unfinished()
    assert saved is not None and 3 <= saved.sets_saved < planned
    result = runner.invoke(app, ["session", "--resume", "--speed", "1000"], input="\n\n",
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (session,) = store.history()
    assert session.completed
    # Nothing lost and nothing done twice: exactly the planned sets.
    assert sum(len(e.sets) for e in session.exercises) == planned


def _begin_today(store: Store, catalog: Any) -> tuple[Plan, LiveSessions, int, Player]:
    """Begin today's plan as `backcoach session` does: the plan, the live sessions, the
    session's id and a player on its timeline."""
    from backcoach.planner import make_plan
    from backcoach.player import Player, build_timeline

    profile = store.profile()
    assert profile is not None
    plan = make_plan(profile, [], date.today(), catalog)
    assert plan.today is not None
    live = LiveSessions(store)
    session_id = live.begin(plan=plan, pain_before=None, now=datetime.now())
    return plan, live, session_id, Player(build_timeline(plan.today.items, catalog))


def test_resume_after_a_skip_continues_where_the_person_was(store, catalog):
    from backcoach.store.live import resume_step

    _, live, session_id, player = _begin_today(store, catalog)
    timeline = player.timeline

    def run_until(now: float) -> float:
        for event in player.tick(now):
            if event.kind == "step_done" and event.step is not None:
                live.record_set(session_id, timeline.steps[event.step])
        return now

    player.start(0.0)
    first_item_end = next(s for s in timeline.steps if s.item == 1).index
    now = run_until(sum(s.duration or 0 for s in timeline.steps[:first_item_end]))
    player.skip(now)  # the second exercise is skipped at once
    assert player.step is not None and player.step.item == 2
    start = now
    work = next(s for s in timeline.steps[player.step.index:] if s.kind == "work")
    run_until(start + sum(s.duration or 0
                          for s in timeline.steps[player.step.index:work.index + 1]))
    # The process dies here. Counting sets would land inside the skipped exercise.
    saved = live.unfinished()
    assert saved is not None and saved.last_step == work.index
    assert resume_step(timeline.steps, saved.sets_saved, saved.last_step) == work.index + 1
    assert resume_step(timeline.steps, saved.sets_saved) < work.index


def _clocked_runner(store: Store, session_id: int, player: Player,
                    monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The terminal player's runner on a clock the test moves, started at 0 s, and
    ``at(seconds, key=None)``: move the clock there (pressing ``key``, if given)."""
    from backcoach.cli.session import _Runner

    runner = _Runner(player, store, session_id, speed=1.0, interactive=False)
    clock = [0.0]
    monkeypatch.setattr(runner, "now", lambda: clock[0])

    def at(seconds: float, key: str | None = None) -> None:
        clock[0] = seconds
        runner.handle(player.tick(seconds))
        if key:
            runner.on_key(key)

    runner.handle(player.start(0.0))
    return runner, at


def test_d_in_the_middle_of_a_set_records_what_was_done(store, catalog, monkeypatch):
    """The terminal player's keys, on a clock the test moves: d ends a set early."""
    plan, live, session_id, player = _begin_today(store, catalog)
    assert plan.today is not None
    runner, at = _clocked_runner(store, session_id, player, monkeypatch)
    relax, tilts = plan.today.items[:2]
    assert (relax.minutes, tilts.reps, tilts.hold_seconds) == (1, 10, 3)
    at(5 + 24, "d")  # 24 s of the minute's relaxation
    at(29 + 5 + 12, "d")  # 12 s into the tilts: two 3 s holds done, the third begun
    at(46 + 2)
    runner.on_key("q")
    assert runner.quit
    live.finish(session_id, stopped_reason="tired", pain_after=None, effort=None,
                now=datetime.now())
    (session,) = store.history()
    assert [(e.exercise, [(s.reps, s.hold_seconds, s.minutes) for s in e.sets])
            for e in session.exercises] == [(relax.exercise, [(None, None, 0.4)]),
                                            (tilts.exercise, [(2, 3, None)])]


def test_the_summary_minutes_leave_pauses_out(store, catalog, monkeypatch):
    """Paused 20 s, then on to the next exercise with n (which resumes without a word)."""
    _, _, session_id, player = _begin_today(store, catalog)
    runner, at = _clocked_runner(store, session_id, player, monkeypatch)
    at(10.0, " ")
    at(30.0, "n")
    at(60.0)
    assert runner.active_minutes() == (60 - 20) / 60
    at(70.0, " ")
    at(100.0, "s")  # the stop's question pauses too...
    at(130.0, "t")  # ...until the answer stops the session
    assert player.state == "stopped"
    # The summary comes later; the session ended at the stop.
    monkeypatch.setattr(runner, "now", lambda: 500.0)
    assert runner.active_minutes() == (130 - 20 - 60) / 60
