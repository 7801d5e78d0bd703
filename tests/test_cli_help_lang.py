"""``--help`` in the run's language (issue 15): every command's and option's text, and
Typer's and click's own words, in Russian for ``--lang ru``, ``BACKCOACH_LANG=ru`` or a
Russian locale; English exactly as it was."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
import typer.main
from typer.testing import CliRunner

from backcoach.cli import app

runner = CliRunner()
BACKCOACH = Path(sys.executable).parent / "backcoach"
WIDE = {"COLUMNS": "200"}


def _commands() -> list[tuple[str, ...]]:
    """Return the path of every registered command, groups' commands too ("accounts add")."""
    found: list[tuple[str, ...]] = [()]

    def walk(command: object, path: tuple[str, ...]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            found.append((*path, name))
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def _allowed() -> set[str]:
    """Return the Latin words a Russian help may keep: what is typed (commands, options,
    the codes an option takes), metavars, names of formats and programs, and units."""
    from backcoach.catalog import vocab
    from backcoach.cli.catalog import GUIDE_TOPICS

    root = typer.main.get_command(app)
    words = {"backcoach", "JSON", "TOML", "SQLite", "PostgreSQL", "URL", "SVG", "PNG", "PSFS",
             "REST", "API", "PAGER", "less", "LANG", "BACKCOACH", "DATABASE", "en", "ru",
             "ics", "svg", "png", "api", "v", "db", "help", "h",
             # metavars: Typer's and our own
             "OPTIONS", "COMMAND", "ARGS", "str", "path", "int", "float", "range", "x", "N",
             "FILE", "ID",
             # the codes options take: stop reasons, roles, poses
             "pain", "spasm", "tired", "other", "clinician", "patient", "start", "end", "all",
             # the camera's: the pose model, video formats, a key
             "MediaPipe", "MP", "AVI", "MKV", "WebM", "Ctrl", "C",
             # a time zone's standard and an example of its names
             "IANA", "Europe", "Moscow"}
    words.update(GUIDE_TOPICS)
    from backcoach.catalog import load_catalog

    for exercise in load_catalog().exercises:  # ids given as examples ("e.g. hip_hinge")
        words.update(exercise.split("_"))
    for literal in (vocab.Equipment, vocab.Position, vocab.Kind):
        for code in get_args(literal):
            words.update(code.split("_"))

    def walk(command: typer.main.click.Command) -> None:  # type: ignore[name-defined]
        words.update(re.findall(r"[A-Za-z]+", command.name or ""))
        for param in command.params:
            for name in [*param.opts, *param.secondary_opts, param.name or ""]:
                words.update(re.findall(r"[A-Za-z]+", name))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(root)
    return words


def _latin(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text))


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "backcoach")
def test_every_commands_help_is_russian_with_lang_ru(path):
    result = runner.invoke(app, ["--lang", "ru", *path, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    shown = result.stdout
    assert "Использование:" in shown and "Параметры" in shown
    assert "Показать эту справку и выйти." in shown
    assert _latin(shown) - _allowed() == set(), shown


def test_the_root_help_names_its_panels_and_commands_in_russian():
    shown = runner.invoke(app, ["--lang", "ru", "--help"], env=WIDE).stdout
    for text in ("Первые шаги", "Записи", "Каталог", "Данные", "Сервер",
                 "Домашний тренер по упражнениям",
                 "[переменная окружения: BACKCOACH_DATABASE_URL]"):
        assert text in shown, text
    for english in ("Usage", "Options", "Getting started", "Show this message"):
        assert english not in shown, english


def test_required_arguments_and_filled_in_values_are_said_in_russian():
    add = runner.invoke(app, ["--lang", "ru", "accounts", "add", "--help"], env=WIDE).stdout
    assert "Аргументы" in add and "[обязательно]" in add and "required" not in add
    history = runner.invoke(app, ["--lang", "ru", "history", "--help"], env=WIDE).stdout
    assert "таблица показывает последние 30" in history
    exercises = runner.invoke(app, ["--lang", "ru", "exercises", "--help"], env=WIDE).stdout
    assert "Только упражнения с этим инвентарём: mat, chair," in exercises


def test_the_help_follows_backcoach_lang_and_the_locale(monkeypatch):
    monkeypatch.setenv("BACKCOACH_LANG", "ru")
    assert "Показать ваш этап" in runner.invoke(app, ["plan", "--help"]).stdout
    monkeypatch.delenv("BACKCOACH_LANG")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert "Показать ваш этап" in runner.invoke(app, ["plan", "--help"]).stdout
    # --lang wins over both.
    assert "Show your phase" in runner.invoke(app, ["--lang", "en", "plan", "--help"]).stdout


def test_english_help_is_as_it_was_even_after_a_russian_one(monkeypatch):
    monkeypatch.delenv("BACKCOACH_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    before = {path: runner.invoke(app, [*path, "--help"], env=WIDE).stdout
              for path in _commands()}
    runner.invoke(app, ["--lang", "ru", "--help"], env=WIDE)
    runner.invoke(app, ["--lang", "ru", "accounts", "add", "--help"], env=WIDE)
    for path, shown in before.items():
        # Typer's words (module constants) are put back after a Russian help.
        assert runner.invoke(app, [*path, "--help"], env=WIDE).stdout == shown, path
        assert not re.search("[А-Яа-яЁё]", shown), path
    root = before[()]
    for text in ("Usage: backcoach [OPTIONS] COMMAND [ARGS]...", "Options", "Getting started",
                 "Show this message and exit.", "[env var: BACKCOACH_DATABASE_URL]",
                 "A home exercise coach for a stronger, pain-free lower back."):
        assert text in root, text


def _real(*args: str, lang_env: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("BACKCOACH_LANG", "LANG", "LC_ALL", "LC_MESSAGES")}
    env.update(COLUMNS="120", LANG="C.UTF-8")
    if lang_env:
        env["BACKCOACH_LANG"] = lang_env
    return subprocess.run([str(BACKCOACH), *args], capture_output=True, text=True, env=env,
                          check=False)


def test_the_real_command_line_prints_its_help_in_russian():
    plan = _real("--lang", "ru", "plan", "--help")
    assert plan.returncode == 0, plan.stderr
    assert "Использование: backcoach plan [OPTIONS]" in plan.stdout
    assert "Составить план на этот день (ГГГГ-ММ-ДД); по умолчанию сегодня." in plan.stdout
    root = _real("--help", lang_env="ru")
    assert root.returncode == 0 and "Домашний тренер по упражнениям" in root.stdout
    assert "Getting started" not in root.stdout
    bare = _real(lang_env="ru")  # no command: the help, in Russian too
    assert "Использование: backcoach" in bare.stdout + bare.stderr
    english = _real("--help")
    assert "Usage: backcoach" in english.stdout and "Первые шаги" not in english.stdout
