"""Export and import (store/backup.py): a lossless round trip, and all-or-nothing imports."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest
from pydantic import BaseModel
from sqlalchemy import text

from backcoach.clearance import Clearance
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile
from backcoach.store import Store
from backcoach.store.backup import (
    FORMAT_VERSION,
    BackupError,
    ExportDocument,
    export_user,
    import_user,
    parse_document,
    read_document,
    write_document,
)
from backcoach.timestamps import with_offset

TODAY = date(2026, 11, 27)
SET_FIELDS = {"position", "item", "exercise", "variant", "side", "reps", "hold_seconds",
              "minutes", "skipped", "step"}
SESSION_FIELDS = {"date", "phase", "program", "status", "stopped_reason", "pain_before",
                  "pain_after", "effort", "notes", "started_at", "finished_at", "created_at",
                  "sets"}


def fill(store: Store, catalog) -> None:
    """Give the store's user at least one of everything, with awkward values."""
    store.save_profile(Profile(age=52, pain_now="dull", pain_level=4, hernia=True,
                               equipment=["chair", "fitball"]),
                       at=datetime(2026, 10, 1, 8, 30, 15, 123456))
    store.record_clearance(Clearance(date=date(2026, 10, 3), note="Dr Nováková: gentle work only",
                                     covers=["condition.hernia", "red_flag.night_pain"]),
                           today=TODAY)
    store.save_plan(on=date(2026, 10, 4), phase="therapeutic",
                    data={"phase": "therapeutic", "items": [{"reps": 5, "minutes": 1.5}],
                          "nothing": None})
    store.save_plan(on=date(2026, 12, 1), phase=None, data={})  # a plan ahead is fine
    store.record_session(SessionRecord(
        date=date(2026, 10, 5), phase="therapeutic", program="therapy_stages_1_2",
        pain_before=4, pain_after=3, effort=2, notes="easy; «quotes» and\nnew lines",
        exercises=[
            ExerciseDone(exercise="cat_cow", variant="arch_only",
                         sets=[SetDone(reps=6), SetDone(reps=5)]),
            ExerciseDone(exercise="side_plank",
                         sets=[SetDone(hold_seconds=7.25, side="left"),
                               SetDone(hold_seconds=6.5, side="right")]),
            ExerciseDone(exercise="swimming_crawl", skipped=True, sets=[SetDone(minutes=0)]),
        ]), catalog=catalog, today=TODAY)
    store.record_session(SessionRecord(
        date=date(2026, 10, 7), phase="therapeutic", program=None, completed=False,
        stopped_reason="spasm", pain_before=3, pain_after=6,
        exercises=[ExerciseDone(exercise="plank", sets=[SetDone(hold_seconds=10)])]),
        catalog=catalog, today=TODAY)
    with store.engine.begin() as conn:  # a session still going, and one only planned
        started = conn.execute(text(
            "INSERT INTO sessions (user_id, date, phase, program, status, started_at, "
            "finished_at, created_at) VALUES (:u, :d, 'entry', 'entry_month', 'started', "
            ":s, :f, :c) RETURNING id"),
            {"u": store.user_id, "d": date(2026, 10, 9), "s": datetime(2026, 10, 9, 7, 1, 2),
             "f": datetime(2026, 10, 9, 7, 20, 0, 500), "c": datetime(2026, 10, 9, 7, 0)},
        ).scalar_one()
        conn.execute(text(
            "INSERT INTO sets (session_id, position, item, exercise, variant, side, reps, "
            "hold_seconds, minutes, skipped) VALUES (:s, 0, 0, 'superman', "
            "'arms_along_body', 'both', NULL, 20.5, NULL, :f)"), {"s": started, "f": False})
        conn.execute(text(
            "INSERT INTO sessions (user_id, date, phase, status, created_at) "
            "VALUES (:u, :d, 'entry', 'planned', :c)"),
            {"u": store.user_id, "d": date(2026, 10, 10), "c": datetime(2026, 10, 9, 22, 0)})
    store.add_pain(5, at=datetime(2026, 10, 6, 21, 15), note="after the long drive")
    store.add_pain(0, at=datetime(2026, 10, 8, 7, 0))
    store.rate_psfs({f"Activity {n}": n for n in range(4)} | {"Tie my shoes": 2},
                    on=date(2026, 10, 2), today=TODAY)
    store.rate_psfs({"Tie my shoes": 7}, on=date(2026, 11, 2), today=TODAY)


def assert_same(left: Any, right: Any, where: str = "document") -> None:
    """Compare two documents field by field, naming the first field that differs."""
    if isinstance(left, BaseModel):
        assert type(left) is type(right), where
        for name in type(left).model_fields:
            assert_same(getattr(left, name), getattr(right, name), f"{where}.{name}")
    elif isinstance(left, list):
        assert isinstance(right, list) and len(left) == len(right), f"{where}: length"
        for n, (a, b) in enumerate(zip(left, right, strict=True)):
            assert_same(a, b, f"{where}[{n}]")
    elif isinstance(left, dict):
        assert isinstance(right, dict) and list(left) == list(right), f"{where}: keys"
        for key in left:
            assert_same(left[key], right[key], f"{where}.{key}")
    else:
        assert type(left) is type(right) and left == right, f"{where}: {left!r} != {right!r}"


def test_export_holds_every_field_as_stored(store, catalog, tmp_path):
    fill(store, catalog)
    path = tmp_path / "backup.json"
    write_document(export_user(store), path)
    data = json.loads(path.read_text())
    assert data["format"] == "backcoach-export" and data["format_version"] == FORMAT_VERSION
    assert data["user"]["name"] == "local"
    assert set(data) == {"format", "format_version", "exported_at", "user",
                                     "profiles", "clearances", "plans", "sessions",
                                     "pain_checkins", "psfs_activities"}
    assert [s["status"] for s in data["sessions"]] == ["completed", "stopped", "started",
                                                       "planned"]
    for one in data["sessions"]:
        assert set(one) == SESSION_FIELDS
        for s in one["sets"]:
            assert set(s) == SET_FIELDS
    assert data["sessions"][0]["sets"][2] == {
        "position": 2, "item": 1, "exercise": "side_plank", "variant": None, "side": "left",
        "reps": None, "hold_seconds": 7.25, "minutes": None, "skipped": False, "step": None}
    assert data["sessions"][2]["finished_at"] == with_offset(datetime(2026, 10, 9, 7, 20, 0, 500))
    assert data["profiles"][0]["created_at"] == with_offset(
        datetime(2026, 10, 1, 8, 30, 15, 123456))
    assert data["plans"][0]["data"] == {"phase": "therapeutic",
                                        "items": [{"reps": 5, "minutes": 1.5}], "nothing": None}
    assert [a["name"] for a in data["psfs_activities"]][-1] == "Tie my shoes"
    assert [r["score"] for r in data["psfs_activities"][-1]["ratings"]] == [2, 7]


def test_round_trip_is_lossless_field_by_field(store, catalog, tmp_path):
    """store_url -> file -> a fresh SQLite file -> file: every field equal, every type kept."""
    fill(store, catalog)
    exported = export_user(store, now=datetime(2026, 11, 27, 12, 0))
    path = tmp_path / "backup.json"
    write_document(exported, path)
    read_back = read_document(path)
    assert_same(exported, read_back)

    target, _ = Store.open(f"sqlite:///{tmp_path / 'target.db'}")
    counts = import_user(target, read_back, catalog=catalog, today=TODAY)
    assert counts == store.record_counts() == target.record_counts()
    again = export_user(target, now=exported.exported_at)
    assert_same(exported, again)
    assert target.user_rows() == store.user_rows()
    # What the rest of backcoach reads is the same too.
    assert target.history() == store.history()
    assert target.profile_versions() == store.profile_versions()
    assert target.clearances() == store.clearances()
    assert target.plans() == store.plans()
    assert target.pain_checkins() == store.pain_checkins()
    assert target.psfs_scores() == store.psfs_scores()
    target.engine.dispose()


def test_round_trip_into_either_backend(store, catalog, tmp_path):
    """A fresh SQLite file -> store_url (PostgreSQL when reachable): nothing lost."""
    source, _ = Store.open(f"sqlite:///{tmp_path / 'source.db'}")
    fill(source, catalog)
    exported = export_user(source, now=datetime(2026, 11, 27, 12, 0))
    import_user(store, parse_document(exported.model_dump_json()), catalog=catalog,
                today=TODAY)
    assert_same(exported, export_user(store, now=exported.exported_at))
    source.engine.dispose()


def test_import_refuses_a_store_with_records_and_replace_replaces(store, catalog, tmp_path):
    fill(store, catalog)
    doc = export_user(store)
    before = store.user_rows()
    with pytest.raises(BackupError, match="already has records"):
        import_user(store, doc, catalog=catalog, today=TODAY)
    assert store.user_rows() == before

    other, _ = Store.open(f"sqlite:///{tmp_path / 'other.db'}")
    other.add_pain(9, at=datetime(2026, 11, 1, 8, 0))
    with pytest.raises(BackupError, match=r"1 pain check-in\b"):
        import_user(other, doc, catalog=catalog, today=TODAY)
    import_user(other, doc, catalog=catalog, today=TODAY, replace=True)
    assert [p.pain for p in other.pain_checkins()] == [5, 0]  # the 9 is gone, not merged
    assert other.user_rows() == before
    other.engine.dispose()


def test_an_import_that_fails_midway_writes_nothing(store, catalog, tmp_path, monkeypatch):
    source, _ = Store.open(f"sqlite:///{tmp_path / 'source.db'}")
    fill(source, catalog)
    doc = export_user(source)
    store.add_pain(9, at=datetime(2026, 11, 1, 8, 0))
    before = store.user_rows()
    from backcoach.store.tables import PsfsRating

    def broken(*_: Any, **__: Any) -> None:  # the last rows written: PSFS ratings
        raise RuntimeError("disk full")

    monkeypatch.setattr(PsfsRating, "__init__", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        import_user(store, doc, catalog=catalog, today=TODAY, replace=True)
    assert store.user_rows() == before  # the old records are back, none of the new ones
    source.engine.dispose()


@pytest.fixture(scope="module")
def _exported(tmp_path_factory: pytest.TempPathFactory, catalog) -> str:
    source, _ = Store.open(f"sqlite:///{tmp_path_factory.mktemp('source') / 'source.db'}")
    fill(source, catalog)
    text_ = export_user(source).model_dump_json()
    source.engine.dispose()
    return text_


@pytest.fixture
def document(_exported: str) -> dict[str, Any]:
    """A good export document as JSON data, the test's own copy to break."""
    data: dict[str, Any] = json.loads(_exported)
    return data


@pytest.mark.parametrize(("break_it", "message"), [
    (lambda d: d.pop("sessions"), "sessions: Field required"),
    (lambda d: d.update(format_version=4), "format version 4"),
    (lambda d: d.pop("format"), "not a backcoach export"),
    (lambda d: d["pain_checkins"][0].update(pain=11), "pain check-in 1, pain: Input should "
                                                      "be less than or equal to 10"),
    (lambda d: d["sessions"][0]["sets"][1].update(reps=-1), "session 1, set 2, reps"),
    (lambda d: d["sessions"][0]["sets"][1].update(reps="5"), "session 1, set 2, reps"),
    (lambda d: d["sessions"][0].update(mood="great"), "session 1, mood: Extra inputs"),
    (lambda d: d["sessions"][0].update(status="finished"), "session 1, status"),
    (lambda d: d["profiles"][0]["data"].update(age=5), "profile 1, data.age"),
    (lambda d: d["pain_checkins"][0].update(at="yesterday evening"), "pain check-in 1, at"),
    (lambda d: d["plans"].append(d["plans"][0]), "2 plans for 2026-10-04"),
    (lambda d: d["sessions"][0]["sets"][1].update(exercise="plank"),
     "session 1: the sets of item 0 name different exercises"),
    (lambda d: d["sessions"][0]["sets"][1].update(position=0), "two sets share one position"),
    (lambda d: [one.update(step=4) for one in d["sessions"][0]["sets"][:2]],
     "session 1: 2 sets record step 4; a step of the guided session has one set"),
    (lambda d: d["psfs_activities"].append(dict(d["psfs_activities"][0], name="Sixth")),
     "psfs_activities: List should have at most 5 items"),
])
def test_a_bad_or_partial_document_is_refused_saying_what(document, break_it, message):
    data = document
    break_it(data)
    with pytest.raises(BackupError) as caught:
        parse_document(json.dumps(data), "backup.json")
    assert message in str(caught.value)
    assert str(caught.value).startswith("backup.json: ")


def test_a_file_cut_short_or_of_the_wrong_kind_is_refused(tmp_path, document):
    text_ = json.dumps(document)
    with pytest.raises(BackupError, match=r"not valid JSON.*cut short"):
        parse_document(text_[: len(text_) // 2])
    with pytest.raises(BackupError, match="log --file"):
        parse_document("[]")
    with pytest.raises(BackupError, match="cannot read"):
        read_document(tmp_path / "missing.json")


@pytest.mark.parametrize(("break_it", "message"), [
    (lambda d: [s.update(exercise="cat_cov") for s in d["sessions"][0]["sets"][:2]],
     "session 1 (2026-10-05), set 1: unknown exercise 'cat_cov'; did you mean 'cat_cow'?"),
    (lambda d: [s.update(variant="upside_down") for s in d["sessions"][0]["sets"][:2]],
     "exercise 'cat_cow' has no variant 'upside_down'"),
    (lambda d: d["sessions"][1].update(program="home_sett"),
     "unknown program 'home_sett'; did you mean 'home_set'?"),
    (lambda d: d["sessions"][1].update(date="2026-11-28"), "the date is in the future"),
    (lambda d: d["pain_checkins"][1].update(at="2026-11-28T07:00:00"), "in the future"),
    (lambda d: d["clearances"][0].update(date="2026-11-28"), "in the future"),
    (lambda d: d["psfs_activities"][0]["ratings"][0].update(date="2026-11-28"),
     "in the future"),
])
def test_unknown_ids_and_future_dates_are_refused_and_nothing_written(
        store, catalog, document, break_it, message):
    data = document
    break_it(data)
    doc = parse_document(json.dumps(data))
    for replace in (False, True):
        with pytest.raises(BackupError) as caught:
            import_user(store, doc, catalog=catalog, today=TODAY, replace=replace)
        assert message in str(caught.value)
    assert set(store.record_counts().values()) == {0}


def test_every_problem_is_listed_at_once(document, catalog, store):
    data = document
    data["sessions"][1]["sets"][0]["exercise"] = "nope"
    data["sessions"][1]["program"] = "nope"
    with pytest.raises(BackupError) as caught:
        import_user(store, parse_document(json.dumps(data)), catalog=catalog, today=TODAY)
    assert len(caught.value.problems) == 2


def test_an_empty_store_exports_an_empty_document(store):
    doc = export_user(store)
    assert isinstance(doc, ExportDocument)
    assert set(doc.counts().values()) == {0}
    assert parse_document(doc.model_dump_json()) == doc


def test_a_version_1_file_is_read_as_the_migration_reads_a_database(store, catalog):
    fill(store, catalog)
    old = json.loads(export_user(store).model_dump_json())
    hernia = {"age": 52, "hernia": True}
    fever = {**hernia, "red_flags": {"fever_or_chills": True}}
    # As version 1 had it: `backcoach cleared` wrote a clearance and a version saying
    # cleared; later the web form's box was ticked again with a new finding, and no record.
    old |= {"format_version": 1,
            "clearances": [{"date": "2026-10-03", "note": "Dr Lee",
                            "created_at": "2026-10-03T09:00:00"}],
            "profiles": [
                {"created_at": "2026-10-01T08:30:00", "data": {**hernia, "doctor_cleared": False}},
                {"created_at": "2026-10-03T09:00:00", "data": {**hernia, "doctor_cleared": True}},
                {"created_at": "2026-10-20T10:00:00", "data": {**hernia, "doctor_cleared": False}},
                {"created_at": "2026-11-01T08:00:00", "data": {**fever, "doctor_cleared": True}}]}
    doc = parse_document(json.dumps(old), "old.json")
    assert doc.format_version == FORMAT_VERSION
    assert [(c.date, c.note is not None, c.covers) for c in doc.clearances] == [
        (date(2026, 10, 3), True, ["condition.hernia"]),
        (date(2026, 11, 1), True, ["red_flag.fever_or_chills", "condition.hernia"])]
    assert "doctor_cleared" not in json.dumps(doc.model_dump(mode="json")["profiles"])
    counts = import_user(Store(store.engine, user="old"), doc, catalog=catalog, today=TODAY)
    assert counts["clearances"] == 2 and counts["profiles"] == 4
    # A version 1 file whose answers are broken is refused naming the field, not a crash.
    old["profiles"][0]["data"]["age"] = 3
    with pytest.raises(BackupError, match=r"profile 1, data\.age"):
        parse_document(json.dumps(old), "old.json")
