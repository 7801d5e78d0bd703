"""The limits of backcoach.limits, applied by ``log --file`` and ``import`` as by the API:
NUL bytes, dates centuries away, too many sessions, files too large (issue 18)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.history import HistoryError, load_history, parse_history
from backcoach.limits import MAX_FILE_BYTES, MAX_SESSIONS
from backcoach.store import Store
from backcoach.store.backup import BackupError, export_user, import_user, parse_document

runner = CliRunner()
TODAY = date(2026, 3, 4)
SESSION = {"date": "2026-03-01", "phase": "entry",
           "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 5}]}]}


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_a_history_file_with_a_nul_byte_names_the_field():
    with pytest.raises(HistoryError, match=r"session 1: notes: remove the NUL"):
        parse_history([{**SESSION, "notes": "a\x00b"}])


def test_a_history_file_with_too_many_sessions_is_refused():
    with pytest.raises(HistoryError, match=f"at most {MAX_SESSIONS}"):
        parse_history([SESSION] * (MAX_SESSIONS + 1))


def test_booleans_are_not_numbers_in_a_history_file():
    with pytest.raises(HistoryError, match="pain_before"):
        parse_history([{**SESSION, "pain_before": True}])


def test_log_file_refuses_nul_and_a_year_one_session(store_url, tmp_path: Path):
    path = tmp_path / "log.json"
    path.write_text(json.dumps([{**SESSION, "notes": "x\x00"}]))
    result = run("--db", store_url, "log", "--file", str(path))
    assert result.exit_code == 2 and "NUL" in result.output
    path.write_text(json.dumps([{**SESSION, "date": "0001-01-01"}]))
    result = run("--db", store_url, "log", "--file", str(path))
    assert result.exit_code == 2 and "ten years" in result.output
    store, _ = Store.open(store_url)
    assert store.count_sessions() == 0
    store.engine.dispose()


def test_files_past_the_size_limit_are_refused_before_reading(tmp_path: Path):
    big = tmp_path / "big.json"
    with big.open("wb") as f:  # sparse: no disk used
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(Exception, match="MiB") as caught:
        load_history(big)
    assert caught.value.code == "too_large"  # type: ignore[attr-defined]
    result = run("--db", f"sqlite:///{tmp_path / 'x.db'}", "import", str(big))
    assert result.exit_code == 2 and "up to 64 MiB" in result.output


def _document(tmp_path: Path) -> dict[str, object]:
    store, _ = Store.open(f"sqlite:///{tmp_path / 'source.db'}")
    store.add_pain(3, at=__import__("datetime").datetime(2026, 3, 1, 8))
    doc = json.loads(export_user(store).model_dump_json())
    store.engine.dispose()
    return dict(doc)


def test_import_refuses_nul_bytes_anywhere_naming_where(tmp_path: Path):
    doc = _document(tmp_path)
    doc["pain_checkins"][0]["note"] = "x\x00"  # type: ignore[index]
    with pytest.raises(BackupError, match=r"pain check-in 1, note: remove the NUL"):
        parse_document(json.dumps(doc))
    doc = _document(tmp_path)
    doc["plans"] = [{"date": "2026-03-01", "phase": "entry", "data": {"x": ["\x00"]},
                     "created_at": "2026-03-01T08:00:00"}]
    with pytest.raises(BackupError, match=r"plan 1, data: remove the NUL"):
        parse_document(json.dumps(doc))


def test_import_refuses_dates_centuries_away(store, tmp_path: Path):
    doc = _document(tmp_path)
    doc["pain_checkins"][0]["at"] = "0001-01-01T08:00:00"  # type: ignore[index]
    parsed = parse_document(json.dumps(doc))
    with pytest.raises(BackupError, match="pain check-in 1: 0001-01-01 is more than ten"):
        import_user(store, parsed, today=TODAY)
    assert not any(store.record_counts().values())


def test_a_current_export_is_parsed_once(tmp_path: Path, monkeypatch):
    text = json.dumps(_document(tmp_path))

    def refuse(*args, **kwargs):
        raise AssertionError("parsed a second time")

    # json.loads is the second parse: a current document never needs it.
    monkeypatch.setattr("backcoach.store.backup.json.loads", refuse)
    assert parse_document(text).pain_checkins[0].pain == 3
