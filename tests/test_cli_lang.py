"""The command line's language: --lang, BACKCOACH_LANG, the locale."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from backcoach.cli import app

runner = CliRunner()


def test_an_unknown_language_is_a_usage_error():
    result = runner.invoke(app, ["--lang", "de", "exercises"])
    assert result.exit_code == 2 and "--lang 'de' is not known" in result.stderr


def test_english_is_the_default_whatever_locale_backcoach_lacks(monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("BACKCOACH_LANG", raising=False)
    result = runner.invoke(app, ["exercise", "cat_cow", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["exercise"]["name"] == "Cat-cow"


def test_the_exercises_in_russian_by_option_variable_or_locale(monkeypatch):
    russian = runner.invoke(app, ["--lang", "ru", "exercise", "cat_cow", "--json"])
    assert json.loads(russian.stdout)["exercise"]["name"] == "Кошка"
    monkeypatch.setenv("BACKCOACH_LANG", "ru")
    assert json.loads(runner.invoke(app, ["exercise", "cat_cow", "--json"]).stdout)[
        "exercise"]["name"] == "Кошка"
    monkeypatch.delenv("BACKCOACH_LANG")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    found = runner.invoke(app, ["search", "мостик", "--json"])
    assert found.exit_code == 0 and "glute_bridge" in found.stdout
    english = runner.invoke(app, ["--lang", "en", "exercise", "cat_cow", "--json"])
    assert json.loads(english.stdout)["exercise"]["name"] == "Cat-cow"
