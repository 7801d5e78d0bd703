"""Choosing the language, and texts and plurals in it."""

from __future__ import annotations

import pytest

from backcoach import i18n
from backcoach.words import plural


@pytest.mark.parametrize(("header", "lang"), [
    (None, "en"), ("", "en"), ("ru", "ru"), ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
    ("en-GB,en;q=0.9,ru;q=0.8", "en"), ("de-DE,de;q=0.9,ru;q=0.5", "ru"),
    ("de, fr", "en"), ("en;q=0.2, ru;q=0.7", "ru"), ("ru;q=0", "en"), ("*", "en"),
    ("ru;q=abc, en", "en"), ("ru-RU;q=0.5, ru-UA;q=0.9", "ru"), ("x" * 500, "en"),
])
def test_accept_language_picks_the_preferred_language_we_have(header, lang):
    assert i18n.negotiate(header) == lang


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "en"), ({"LANG": "ru_RU.UTF-8"}, "ru"), ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"), ({"BACKCOACH_LANG": "ru", "LANG": "en_US.UTF-8"}, "ru"),
    ({"BACKCOACH_LANG": "en", "LANG": "ru_RU.UTF-8"}, "en"),
    ({"BACKCOACH_LANG": "fr", "LANG": "ru_RU.UTF-8"}, "ru"),  # ours unknown: the locale
    ({"LC_ALL": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}, "ru"),
])
def test_a_command_speaks_backcoach_lang_then_the_locale(environ, lang):
    assert i18n.from_environment(environ) == lang


def test_russian_plurals_have_three_forms_and_english_two():
    assert [plural(n, "session") for n in (1, 2, 5)] == ["1 session", "2 sessions",
                                                         "5 sessions"]
    with i18n.using("ru"):
        assert [plural(n, "session") for n in (1, 2, 5, 11, 21, 22, 1234)] == [
            "1 сессия", "2 сессии", "5 сессий", "11 сессий", "21 сессия", "22 сессии",
            "1\xa0234 сессии"]
    assert i18n.current() == "en"  # the block ended


def test_an_unknown_language_is_english_and_untranslated_texts_stay_as_written():
    with i18n.using("xx"):
        assert i18n.current() == "en"
    with i18n.using("ru"):
        assert i18n.gettext("a text no one translated") == "a text no one translated"
