"""The end-of-session summary: what was done, pain, the streak and what comes next."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from backcoach import coach
from backcoach.cli.session_summary import summary, summary_lines, what_next
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.planner import make_plan
from backcoach.profile import Profile
from backcoach.progress import Streaks
from backcoach.store import Store

STREAKS = Streaks(current_weeks=1, longest_weeks=2, current_days=1, longest_days=4)


def _record(**changes: object) -> SessionRecord:
    done = [ExerciseDone(exercise="pelvic_tilt", sets=[SetDone(reps=10, hold_seconds=3)]),
            ExerciseDone(exercise="glute_bridge", sets=[SetDone(reps=10), SetDone(reps=8)])]
    fields: dict[str, object] = {"date": date.today(), "phase": "entry", "pain_before": 4,
                                 "pain_after": 2, "exercises": done, **changes}
    return SessionRecord.model_validate(fields)


def test_a_completed_session_in_four_lines():
    lines = summary_lines(_record(), minutes=8.4, streaks=STREAKS,
                          following="your next session is on Wed 2026-12-02.")
    assert lines == [
        "Session saved: 2 exercises, 3 sets in 8 minutes. Well done.",
        "Pain: 4 before, 2 after (2 less).",
        "Streak: 1 day in a row, 1 week meeting your plan.",
        "Coming next: your next session is on Wed 2026-12-02.",
    ]


def test_a_stop_says_why_and_what_is_saved_and_missing_values_are_said():
    stopped = _record(completed=False, stopped_reason="pain", pain_before=None, pain_after=6)
    lines = summary_lines(stopped, minutes=0.5, streaks=STREAKS, following="")
    assert lines[0] == ("Stopped (pain) after 2 exercises, 3 sets in under a minute. "
                        "What you did is saved.")
    assert lines[1] == "Pain: not given before, 6 after."
    assert len(lines) == 3  # nothing to say about next: no line
    alone = summary_lines(_record(exercises=[], pain_before=None, pain_after=None), minutes=1,
                          streaks=Streaks(0, 0, 0, 0), following="")
    assert alone[:3] == ["Session saved: 0 exercises, 0 sets in 1 minute. Well done.",
                         "Pain: not given.", "Streak: 0 days in a row."]
    worse = summary_lines(_record(pain_before=2, pain_after=3), minutes=5, streaks=STREAKS,
                          following="")
    assert worse[1] == "Pain: 2 before, 3 after (1 more)."


def test_what_comes_next_is_the_plans_next_training_day_or_its_rest(catalog):
    today = date(2026, 12, 1)  # a Tuesday
    profile = Profile(age=34, days_per_week=3, minutes_per_day=10)
    done = SessionRecord(date=today, phase="entry")
    plan = make_plan(profile, [done], today, catalog)
    following = next(d for d in plan.week if d.training and d.date > today)
    assert what_next(plan) == (f"your next session is on {following.weekday} "
                               f"{following.date.isoformat()}.")
    assert following.date - today <= timedelta(days=7)
    stopped = SessionRecord(date=today, phase="entry", completed=False, stopped_reason="spasm")
    rest = what_next(make_plan(profile, [stopped], today, catalog))
    assert "no more exercise today" in rest


def test_the_summary_reads_the_saved_session_and_the_streak_from_the_store(catalog):
    store, _ = Store.open()
    store.save_profile(Profile(age=34, days_per_week=7, minutes_per_day=10))
    plan = coach.plan(store, catalog, date.today())
    started = coach.start_session(store, catalog, plan, now=datetime.now(), pain_before=3)
    work = [s for s in started.timeline.steps if s.records_a_set][:2]
    for step in work:
        coach.record_set(store, started.session_id, step)
    stored = coach.finish_session(store, started.session_id, stopped_reason=None,
                                  pain_after=1, effort=3, now=datetime.now())
    lines = summary(store, catalog, stored, minutes=2.2)
    assert lines[0] == "Session saved: 2 exercises, 2 sets in 2 minutes. Well done."
    assert lines[1] == "Pain: 3 before, 1 after (2 less)."
    assert lines[2].startswith("Streak: 1 day in a row")
    assert lines[3].startswith("Coming next: your next session is on ")
