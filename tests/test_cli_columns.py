"""Every table fits 80 columns without cutting a name, --wide shows every column, and
long output goes through the pager only on a terminal (tested through Typer's runner at
COLUMNS=80; tests/test_cli_tmux.py does the same in a real terminal)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from backcoach.catalog import Catalog
from backcoach.cli import app
from backcoach.cli.output import Column, fitted
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.profile import Profile
from backcoach.store import Store

runner = CliRunner()
TODAY = date.today()
NARROW = {"COLUMNS": "80"}


def shown(*args: str, env: dict[str, str] | None = None) -> list[str]:
    result = runner.invoke(app, list(args), env=env or NARROW, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def assert_fits(lines: list[str], names: list[str], width: int = 80) -> None:
    """No line wider than ``width`` cells, no "…", and each name whole on one line."""
    assert max(cell_len(line) for line in lines) <= width
    assert not any("…" in line for line in lines)
    for name in names:
        assert any(name in line for line in lines), f"{name!r} is cut or missing"


@pytest.fixture
def store(catalog: Catalog) -> Iterator[Store]:
    """A person on the classic set with ten sessions of seven exercises each."""
    opened, _ = Store.open()
    opened.save_profile(Profile(age=40, equipment=["mat", "fitball"], days_per_week=7,
                                minutes_per_day=60))
    program = catalog.programs["therapy_stages_1_2"]
    exercises = [item.exercise for item in catalog.programs["classic_set"].items()][:7]
    for days_ago in range(10, 0, -1):
        opened.record_session(SessionRecord(
            date=TODAY - timedelta(days=days_ago), phase="therapeutic", program=program.id,
            completed=days_ago != 4, stopped_reason=None if days_ago != 4 else "spasm",
            pain_before=10, pain_after=10 - days_ago % 3,
            exercises=[ExerciseDone(exercise=ex, sets=[SetDone(reps=10 + days_ago % 2,
                                                               hold_seconds=3.29268)] * 2)
                       for ex in exercises]), catalog=catalog, today=TODAY)
    yield opened
    opened.engine.dispose()


def test_exercises_fit_80_columns_and_name_what_they_hide(catalog):
    lines = shown("exercises")
    assert_fits(lines, [ex.name for ex in catalog.exercises.values()])
    assert lines[-1].strip() == "Not shown at this width: id, level; --wide shows them."


def test_wide_shows_every_column(catalog):
    lines = shown("exercises", "--wide")
    assert "level" in lines[2] and "id" in lines[2]
    assert any("back_raise" in line for line in lines)
    assert not any("Not shown" in line for line in lines)


def test_catalog_tables_fit_80_columns(catalog):
    assert_fits(shown("programs"), [p.name for p in catalog.programs.values()])
    for program in ("home_set", "classic_set", "therapy_stages_1_2"):
        names = [catalog.exercises[item.exercise].name
                 for item in catalog.programs[program].items()]
        assert_fits(shown("program", program), names)
    assert_fits(shown("search", "plank"), ["Side plank"])
    assert_fits(shown("guide"), [n.name for n in catalog.guidance.nutrition])


def test_records_fit_80_columns(store, catalog):
    assert_fits(shown("history"), ["Exercise therapy, stages I-II", "stopped (spasm)"])
    progress = shown("progress")
    dosage = [catalog.exercises[ex].name for ex in
              [item.exercise for item in catalog.programs["classic_set"].items()][:5]]
    assert_fits(progress, [name for name in dosage if any(name in line for line in progress)])
    assert_fits(shown("plan"), [])
    assert_fits(shown("plan", "--explain"), [])


def test_history_shows_names_not_ids(store):
    text = "\n".join(shown("history", "--wide"))
    assert "Exercise therapy, stages I-II" in text and "therapy_stages_1_2" not in text
    assert "10\u21929" in text  # pain before -> after


def test_progress_says_what_it_hides_and_all_shows_it(store):
    text = "\n".join(shown("progress"))
    assert "and 2 more exercises: 'backcoach progress --all' shows them." in text
    everything = "\n".join(shown("progress", "--all"))
    assert "more exercises" not in everything
    assert "hold 3.3 s" in everything and "3.29268" not in everything


def test_output_is_not_paged_on_a_pipe(monkeypatch):
    # PAGER names a command that would fail the test: the runner's output is no terminal.
    monkeypatch.setenv("PAGER", "false")
    assert len(shown("program", "classic_set")) > 24


def test_a_long_name_wraps_between_words_rather_than_being_cut():
    name = "Thoracic crunch with hands behind the head"
    rows = [(name, "x " * 40)]
    table = fitted(None, (Column("exercise", whole=True), Column("why")), rows, width=50)
    from rich.console import Console

    console = Console(width=50, record=True)
    console.print(table)
    lines = console.export_text().splitlines()
    assert max(cell_len(line) for line in lines) <= 50
    assert all(any(word in line for line in lines) for word in name.split(" "))
    assert "…" not in "".join(lines)


def test_columns_hide_in_order_and_never_below_the_longest_word():
    columns = (Column("name", whole=True), Column("a", hide=1), Column("b", hide=2))
    rows = [("Bodyweight squat", "alpha beta", "gamma delta")]
    wide = fitted(None, columns, rows, width=80)
    assert [c.header for c in wide.columns] == ["name", "a", "b"] and wide.caption is None
    narrow = fitted(None, columns, rows, width=34)
    assert [c.header for c in narrow.columns] == ["name", "a"]
    assert narrow.caption == "Not shown at this width: b; --wide shows them."
    assert narrow.columns[0].width == len("Bodyweight squat")
    assert all((c.width or 0) >= 5 for c in narrow.columns)  # "alpha": never cut
