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
