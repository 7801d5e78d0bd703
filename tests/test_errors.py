"""One family of errors: every refusal names its field and kind, and each front end turns
the kind into its own answer (a status, an exit code) without reading the message."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import backcoach
from backcoach.cli import app
from backcoach.errors import EXIT_CODE, HTTP_STATUS, BackcoachError, InvalidError


def _library_exceptions() -> list[type[Exception]]:
    found = []
    for info in pkgutil.walk_packages(backcoach.__path__, "backcoach."):
        if ".migrations" in info.name:
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Exception) and cls.__module__ == info.name:
                found.append(cls)
    return found


def test_every_error_the_library_defines_is_a_backcoach_error_with_a_known_kind():
    classes = _library_exceptions()
    assert len(classes) >= 15  # the walk found the library's errors
    # Signals between two parts of the library, never shown to a person.
    internal = {"backcoach.store.db.WouldWait"}
    classes = [c for c in classes if f"{c.__module__}.{c.__name__}" not in internal]
    strays = [f"{c.__module__}.{c.__name__}" for c in classes
              if not issubclass(c, BackcoachError)]
    assert strays == []
    for cls in classes:
        assert issubclass(cls, BackcoachError)
        assert cls.code in HTTP_STATUS and cls.code in EXIT_CODE, cls


def test_kinds_keep_the_builtin_bases_python_readers_expect():
    from backcoach.catalog import UnknownIdError
    from backcoach.store import DatabaseError, RecordError

    assert issubclass(RecordError, ValueError) and RecordError.code == "invalid"
    assert issubclass(UnknownIdError, LookupError) and UnknownIdError.code == "not_found"
    assert issubclass(DatabaseError, RuntimeError) and DatabaseError.code == "unavailable"
    error = InvalidError("pain is from 0 to 10, not 12", field="pain_before")
    assert (str(error), error.field, error.http_status, error.exit_code) == (
        "pain is from 0 to 10, not 12", "pain_before", 422, 2)


def test_a_cross_field_check_names_its_field_not_the_first_word_of_its_message():
    from pydantic import ValidationError

    from backcoach.profile import Profile

    with pytest.raises(ValidationError) as caught:
        Profile(age=40, pain_now="dull", pain_level=0)
    cause = caught.value.errors()[0]["ctx"]["error"]
    assert isinstance(cause, BackcoachError) and cause.field == "pain_level"


def test_a_refusal_deep_in_the_library_is_one_line_and_exit_2_on_the_command_line(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "b.db")
    assert runner.invoke(app, ["--db", db, "onboard"], input="40\n" + "\n" * 60).exit_code == 0
    result = runner.invoke(app, ["--db", db, "calendar", "--out", str(tmp_path / "c.ics"),
                                 "--date", "1990-01-01"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"backcoach: error: 1990-01-01 is too far from today ({_today()}): give a day "
        "within ten years"]
    assert not (tmp_path / "c.ics").exists()


def test_the_real_command_prints_no_traceback(tmp_path):
    db = tmp_path / "b.db"
    sessions = tmp_path / "s.json"
    sessions.write_text('[{"date": "1999-01-01", "phase": "entry", "completed": true, '
                        '"exercises": []}]')
    command = str(Path(sys.executable).parent / "backcoach")
    done = subprocess.run([command, "--db", str(db), "log", "--file", str(sessions)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "within ten years" in done.stderr


def _today() -> str:
    from datetime import date

    return date.today().isoformat()
