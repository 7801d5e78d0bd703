"""Every Store method, on an SQLite file and on PostgreSQL (see ``store_url`` in conftest)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from backcoach.clearance import Clearance
from backcoach.errors import ConflictError
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile
from backcoach.store import RecordError, Store
from backcoach.store.settings import HEAD
from backcoach.timestamps import LOCAL

TODAY = date(2026, 11, 27)


def session(day: date = date(2026, 11, 20), **changes) -> SessionRecord:
    fields = {
        "date": day, "phase": "entry", "program": "entry_month", "pain_before": 3,
        "pain_after": 2, "effort": 5, "notes": "felt fine",
        "exercises": [
            ExerciseDone(exercise="cat_cow", variant="arch_only",
                         sets=[SetDone(reps=10), SetDone(reps=8)]),
            ExerciseDone(exercise="side_plank", sets=[SetDone(hold_seconds=12.5, side="left"),
                                                      SetDone(hold_seconds=10, side="right")]),
            ExerciseDone(exercise="swimming_crawl", skipped=True, sets=[SetDone(minutes=0)]),
        ],
    }
    fields.update(changes)
    return SessionRecord(**fields)


def test_open_creates_the_schema_once(store_url):
    first, applied = Store.open(store_url)
    again, applied_again = Store.open(store_url)
    assert applied[-1] == HEAD
    assert applied_again == []
    first.engine.dispose()
    again.engine.dispose()


def test_user_is_created_once_and_users_are_separate(store):
    assert store.user_id == store.user_id
    other = Store(store.engine, user="ana")
    assert other.user_id != store.user_id
    store.add_pain(3, at=datetime(2026, 11, 1, 9, 0))
    assert other.pain_checkins() == []
    assert [p.pain for p in store.pain_checkins()] == [3]


def test_profiles_keep_every_version_and_the_newest_wins(store):
    assert store.profile() is None
    assert store.profile_versions() == []
    store.save_profile(Profile(age=34), at=datetime(2026, 11, 1, 8, 0))
    store.save_profile(Profile(age=35, hernia=True), at=datetime(2026, 11, 2, 8, 0))
    profile = store.profile()
    assert profile is not None and profile.age == 35 and profile.hernia
    versions = store.profile_versions()
    # Kept as UTC, read back aware at the wall-clock time they were given.
    assert [(at, p.age) for at, p in versions] == [
        (LOCAL.attach(datetime(2026, 11, 1, 8, 0)), 34),
        (LOCAL.attach(datetime(2026, 11, 2, 8, 0)), 35)]
    assert all(at.tzinfo is not None for at, _ in versions)


def test_a_clearance_is_kept_with_its_day_note_and_findings(store):
    with pytest.raises(RecordError, match="future"):
        store.record_clearance(Clearance(date=date(2026, 11, 28), covers=["condition.hernia"]),
                               today=TODAY)
    with pytest.raises(ConflictError, match="nothing in your answers needs"):
        store.record_clearance(Clearance(date=TODAY, covers=[]), today=TODAY)
    assert store.clearances() == []
    kept = Clearance(date=date(2026, 11, 25), note="Dr Novak",
                     covers=["red_flag.fever_or_chills", "condition.hernia"])
    store.record_clearance(kept, today=TODAY)
    store.record_clearance(Clearance(date=date(2026, 11, 20), covers=["condition.hernia"]),
                           today=TODAY)
    assert store.clearances() == [  # by date, each with the findings it covers, in order
        Clearance(date=date(2026, 11, 20), covers=["condition.hernia"]), kept]
    assert store.profile_versions() == []  # a clearance is not a new version of the answers


def test_a_days_plan_is_replaced_not_doubled(store):
    store.save_plan(on=TODAY, phase="entry", data={"items": [1]})
    store.save_plan(on=date(2026, 11, 26), phase=None, data={})
    store.save_plan(on=TODAY, phase="strengthening", data={"items": [2], "note": "ünïcode"})
    assert store.plans() == [(date(2026, 11, 26), None, {}),
                             (TODAY, "strengthening", {"items": [2], "note": "ünïcode"})]


def test_a_session_round_trips_set_by_set(store, catalog):
    record = session()
    new_id = store.record_session(record, catalog=catalog, today=TODAY)
    stored = store.sessions()
    assert [s.id for s in stored] == [new_id]
    assert stored[0].record == record
    assert store.history() == [record]
    assert store.count_sessions() == 1


def test_a_stopped_session_keeps_its_reason(store, catalog):
    record = session(completed=False, stopped_reason="spasm", pain_after=6)
    store.record_session(record, catalog=catalog, today=TODAY)
    assert store.history() == [record]


def test_sessions_come_oldest_first_and_since_filters(store, catalog):
    for day in (date(2026, 11, 20), date(2026, 11, 3), date(2026, 11, 12)):
        store.record_session(session(day), catalog=catalog, today=TODAY)
    assert [r.date for r in store.history()] == [date(2026, 11, 3), date(2026, 11, 12),
                                                 date(2026, 11, 20)]
    assert [r.date for r in store.history(since=date(2026, 11, 12))] == [
        date(2026, 11, 12), date(2026, 11, 20)]


def test_the_latest_sessions_only_still_oldest_first(store, catalog):
    days = [date(2026, 11, n) for n in (20, 3, 12, 12, 25)]
    ids = [store.record_session(session(day), catalog=catalog, today=TODAY) for day in days]
    assert [(s.record.date, s.id) for s in store.sessions(latest=3)] == [
        (date(2026, 11, 12), ids[3]), (date(2026, 11, 20), ids[0]), (date(2026, 11, 25), ids[4])]
    assert store.sessions(latest=10) == store.sessions()
    assert [s.record.date for s in store.sessions(since=date(2026, 11, 13), latest=1)] == [
        date(2026, 11, 25)]


def test_one_session_by_id_only_if_finished_and_this_persons(store, catalog):
    mine = store.record_session(session(), catalog=catalog, today=TODAY)
    found = store.session(mine)
    assert found is not None and found.id == mine and found.record == session()
    theirs = Store(store.engine, user="ana").record_session(session(), catalog=catalog,
                                                            today=TODAY)
    assert store.session(theirs) is None and store.session(mine + theirs + 1) is None
    assert store.session(0) is None and store.session(-1) is None
    assert store.session(2**31) is None and store.session(10**30) is None  # not an error
    with store.engine.begin() as conn:
        running = conn.execute(text(
            "INSERT INTO sessions (user_id, date, phase, status, created_at) "
            "VALUES (:u, :d, 'entry', 'started', :c) RETURNING id"),
            {"u": store.user_id, "d": TODAY, "c": datetime(2026, 11, 27, 8)}).scalar_one()
    assert store.session(running) is None


def test_planned_and_started_sessions_are_not_history(store, catalog):
    store.record_session(session(), catalog=catalog, today=TODAY)
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO sessions (user_id, date, phase, status, created_at) "
                          "VALUES (:u, :d, 'entry', 'started', :c)"),
                     {"u": store.user_id, "d": TODAY, "c": datetime(2026, 11, 27, 8)})
    assert len(store.sessions()) == 1
    assert store.count_sessions() == 2


@pytest.mark.parametrize(("changes", "message"), [
    ({"date": date(2026, 11, 28)}, "in the future"),
    ({"program": "home_sett"}, "unknown program 'home_sett'; did you mean 'home_set'"),
    ({"exercises": [ExerciseDone(exercise="cat_cov", sets=[SetDone(reps=5)])]},
     "unknown exercise 'cat_cov'; did you mean 'cat_cow'"),
    ({"exercises": [ExerciseDone(exercise="cat_cow", variant="upside_down",
                                 sets=[SetDone(reps=5)])]}, "no variant 'upside_down'"),
])
def test_a_wrong_session_is_refused_and_nothing_written(store, catalog, changes, message):
    record = session(**changes)
    with pytest.raises(RecordError, match=message):
        store.check_session(record, catalog=catalog, today=TODAY)
    with pytest.raises(RecordError, match=message):
        store.record_session(record, catalog=catalog, today=TODAY)
    assert store.count_sessions() == 0
    assert store.record_counts()["sets"] == 0


def test_pain_check_ins(store):
    store.add_pain(4, at=datetime(2026, 11, 2, 9, 0), note="after gardening")
    store.add_pain(2, at=datetime(2026, 11, 1, 9, 0))
    assert [(p.at.day, p.pain, p.note) for p in store.pain_checkins()] == [
        (1, 2, None), (2, 4, "after gardening")]
    assert [p.pain for p in store.pain_checkins(since=date(2026, 11, 2))] == [4]
    for bad in (11, -1):
        with pytest.raises(RecordError, match="from 0"):
            store.add_pain(bad, at=datetime(2026, 11, 2, 9, 0))
    with pytest.raises(RecordError, match="future"):
        store.add_pain(3, at=datetime(2999, 1, 1))
    assert len(store.pain_checkins()) == 2


def test_psfs_ratings_and_activities(store):
    store.rate_psfs({"Tie my shoes": 3, "Sit an hour": 5}, on=date(2026, 11, 1), today=TODAY)
    store.rate_psfs({"Tie my shoes": 6}, on=date(2026, 11, 20), today=TODAY)
    assert store.psfs_activities() == ["Tie my shoes", "Sit an hour"]
    assert [(s.activity, s.date.day, s.score) for s in store.psfs_scores()] == [
        ("Tie my shoes", 1, 3), ("Sit an hour", 1, 5), ("Tie my shoes", 20, 6)]


@pytest.mark.parametrize(("ratings", "on", "message"), [
    ({"Walk": 3}, date(2026, 11, 28), "future"),
    ({"  ": 3}, TODAY, "needs a name"),
    ({"Walk": 11}, TODAY, "from 0"),
    ({"Walk": -1}, TODAY, "from 0"),
])
def test_wrong_psfs_ratings_are_refused(store, ratings, on, message):
    with pytest.raises(RecordError, match=message):
        store.rate_psfs(ratings, on=on, today=TODAY)
    assert store.psfs_scores() == []


def test_psfs_holds_five_activities_at_most(store):
    five = {f"Activity {n}": n for n in range(5)}
    store.rate_psfs(five, on=TODAY, today=TODAY)
    store.rate_psfs({"Activity 0": 9}, on=TODAY, today=TODAY)  # a known one: fine
    with pytest.raises(ConflictError, match="at most 5"):
        store.rate_psfs({"Activity 1": 2, "A sixth": 4}, on=TODAY, today=TODAY)
    # All or nothing: the known activity's rating in the refused call was not kept either.
    assert len(store.psfs_scores()) == 6
    assert len(store.psfs_activities()) == 5


def _fill(store: Store, catalog) -> None:
    store.save_profile(Profile(age=40), at=datetime(2026, 11, 1, 8, 0))
    store.record_session(session(), catalog=catalog, today=TODAY)
    store.add_pain(3, at=datetime(2026, 11, 2, 9, 0))
    store.rate_psfs({"Walk": 4}, on=TODAY, today=TODAY)


def test_record_counts(store, catalog):
    assert set(store.record_counts().values()) == {0}
    _fill(store, catalog)
    assert store.record_counts() == {
        "profiles": 1, "clearances": 0, "plans": 0, "pain_checkins": 1, "sessions": 1,
        "sets": 5, "psfs_activities": 1, "psfs_ratings": 1}


def test_user_rows_load_into_an_empty_store_and_come_back_equal(store, catalog, tmp_path):
    _fill(store, catalog)
    rows = store.user_rows()
    assert rows["sessions"][0]["sets"][0] == {
        "position": 0, "item": 0, "exercise": "cat_cow", "variant": "arch_only",
        "side": "both", "reps": 10, "hold_seconds": None, "minutes": None, "skipped": False,
        "step": None}
    target, _ = Store.open(f"sqlite:///{tmp_path / 'target.db'}")
    target.load_user_rows(rows)
    assert target.user_rows() == rows
    assert target.history() == store.history()
    target.engine.dispose()


def test_loading_rows_refuses_a_store_with_records_unless_replacing(store, catalog):
    _fill(store, catalog)
    rows = store.user_rows()
    before = store.record_counts()
    with pytest.raises(ConflictError, match="already has records"):
        store.load_user_rows(rows)
    assert store.record_counts() == before
    store.load_user_rows(rows, replace=True)
    assert store.record_counts() == before  # replaced, not doubled
    assert store.user_rows() == rows


def test_loading_rows_is_all_or_nothing(store, catalog):
    _fill(store, catalog)
    rows = store.user_rows()
    before = store.user_rows()
    # The last session breaks a database check: every row before it must vanish too,
    # and with replace the old records must come back.
    bad = dict(rows["sessions"][0], pain_after=11)
    broken = {**rows, "sessions": [*rows["sessions"], bad]}
    with pytest.raises(RecordError, match="refused a row"):
        store.load_user_rows(broken, replace=True)
    assert store.user_rows() == before
    empty = Store(store.engine, user="someone_else")
    with pytest.raises(RecordError, match="nothing was written"):
        empty.load_user_rows(broken)
    assert set(empty.record_counts().values()) == {0}
    with store.engine.connect() as conn:
        users = conn.execute(text("SELECT name FROM users ORDER BY id")).scalars().all()
    assert "someone_else" not in users


@pytest.mark.parametrize(("url", "path"), [
    ("sqlite:///data/backcoach.db", "data/backcoach.db"),
    ("sqlite+pysqlite:////abs/backcoach.db?timeout=3", "/abs/backcoach.db"),
    ("sqlite:///:memory:", None), ("sqlite://", None),
    ("postgresql+psycopg://me@host/backcoach", None)])
def test_the_file_of_an_sqlite_url(url, path):
    from pathlib import Path

    from backcoach.store.settings import sqlite_file

    assert sqlite_file(url) == (None if path is None else Path(path))
