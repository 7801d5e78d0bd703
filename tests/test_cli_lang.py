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


# The command line's own texts in Russian (issue 15): labels, messages, plural forms ------

def _russian(*args: str) -> str:
    result = runner.invoke(app, ["--lang", "ru", *args], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _store_with_sessions(count: int) -> None:
    """A person with answers and ``count`` completed sessions of the entry month."""
    from datetime import date, timedelta

    from backcoach.catalog import load_catalog
    from backcoach.history import ExerciseDone, SessionRecord, SetDone
    from backcoach.profile import Profile
    from backcoach.store import Store

    store, _ = Store.open()
    store.save_profile(Profile(age=40, equipment=["mat"], days_per_week=5))
    today = date.today()
    for days_ago in range(count, 0, -1):
        store.record_session(SessionRecord(
            date=today - timedelta(days=days_ago), phase="entry", program="entry_month",
            pain_before=3, pain_after=2,
            exercises=[ExerciseDone(exercise="cat_cow", sets=[SetDone(reps=10)] * 2)]),
            catalog=load_catalog(), today=today)
    store.engine.dispose()


def test_start_in_russian_leaves_no_english_but_the_commands():
    shown = _russian("start")
    assert "Ответьте на несколько вопросов о своей спине" in shown
    assert "[далее ] 1." in shown
    assert "не занимайтесь: сначала обратитесь к врачу" in " ".join(shown.split())
    # Every Latin word left is a command, or the product's name.
    import re

    words = set(re.findall(r"[A-Za-z]+", shown))
    assert words <= {"backcoach", "onboard", "plan", "session", "progress", "guide", "pain",
                     "programs", "exercises"}, words


def test_plan_in_russian_labels_the_phase_week_and_session():
    _store_with_sessions(1)
    shown = _russian("plan")
    for label in ("Проверка безопасности", "МОЖНО", "Этап:", "Начальный этап (первый месяц)",
                  "Эта неделя:", "(● день занятий)", "упражнение", "дозировка", "Сегодня,",
                  "Дальше: backcoach session  (с подсказками и таймерами"):
        assert label in shown, label
    for english in ("Screening", "Phase:", "This week:", "training day", "Next:", " dose "):
        assert english not in shown, english


def test_history_in_russian_with_its_plural_forms():
    _store_with_sessions(1)
    one = _russian("history", "--wide")
    assert one.splitlines()[0].strip() == "1 сессия"
    for header in ("дата", "этап", "программа", "итог", "боль", "упражнения", "подходы"):
        assert header in one, header
    assert "готово" in one and "начальный" in one and "Месяц начального уровня" in one
    assert "done" not in one and "Entry month" not in one


def test_history_counts_two_and_five_sessions_in_russian():
    _store_with_sessions(2)
    assert _russian("history").splitlines()[0].strip() == "2 сессии"
    _store_with_sessions(3)  # three more: five in all
    assert _russian("history").splitlines()[0].strip() == "5 сессий"


def test_the_session_summary_in_russian_agrees_each_noun_with_its_number():
    from datetime import date

    from backcoach import i18n
    from backcoach.cli.session_summary import summary_lines
    from backcoach.history import ExerciseDone, SessionRecord, SetDone
    from backcoach.progress import Streaks

    def lines(exercises: int, days: int) -> list[str]:
        record = SessionRecord(date=date.today(), phase="entry", pain_before=4, pain_after=2,
                               exercises=[ExerciseDone(exercise="cat_cow",
                                                       sets=[SetDone(reps=10)])] * exercises)
        streaks = Streaks(current_weeks=0, longest_weeks=0, current_days=days,
                          longest_days=days)
        with i18n.using("ru"):
            return summary_lines(record, minutes=exercises, streaks=streaks, following="")

    assert lines(1, 1) == ["Сессия сохранена: 1 упражнение, 1 подход, 1 минута. Отличная "
                           "работа.", "Боль: до — 4, после — 2 (на 2 меньше).",
                           "Серия: 1 день подряд."]
    assert lines(2, 2)[0] == "Сессия сохранена: 2 упражнения, 2 подхода, 2 минуты. " \
        "Отличная работа."
    assert lines(5, 5)[0] == "Сессия сохранена: 5 упражнений, 5 подходов, 5 минут. " \
        "Отличная работа."
    assert lines(5, 5)[2] == "Серия: 5 дней подряд."


def test_a_usage_error_and_a_cancel_are_said_in_russian():
    result = runner.invoke(app, ["--lang", "ru", "history", "--since", "вчера"])
    assert result.exit_code == 2
    assert result.stderr.startswith("backcoach: ошибка: --since 'вчера' — это не дата")
    cancelled = runner.invoke(app, ["--lang", "ru", "onboard"], input="")
    assert cancelled.stderr.strip().splitlines()[-1] == "Отменено; ничего не сохранено."


def test_a_choice_is_answered_in_russian_words_whole_or_begun():
    import typer

    from backcoach.cli.ask import ask_choice

    words = {"home": "дома", "gym": "зал", "pool": "бассейн"}
    asked = typer.Typer()

    @asked.command()
    def where() -> None:
        typer.echo(ask_choice("Где", ("home", "gym", "pool"), "home", words))

    answered = CliRunner().invoke(asked, [], input="ЗАЛ\n")
    assert answered.stdout.strip().endswith("gym")
    shortened = CliRunner().invoke(asked, [], input="бас\n")
    assert "[дома/зал/бассейн]" in shortened.stdout
    assert shortened.stdout.strip().endswith("pool")


def test_no_text_is_marked_inside_an_f_string():
    # Babel does not look inside f-strings: a text marked there would never reach the .po.
    import io
    import re
    import tokenize
    from pathlib import Path

    import backcoach.cli

    marked = re.compile(r"\b_\(|gettext\(|\bplural\(")
    for source in Path(backcoach.cli.__file__).parent.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            prefix = re.match(r"[A-Za-z]*", token.string)
            if token.type == tokenize.STRING and prefix and "f" in prefix[0].lower():
                assert not marked.search(token.string), (source.name, token.start)


def test_the_terminal_players_screen_in_russian(catalog):
    from backcoach import i18n
    from backcoach.cli.player_screen import countdown, counter_text, key_lines
    from backcoach.planner import PlannedItem
    from backcoach.player import build_timeline

    item = PlannedItem(block="main", exercise="pelvic_tilt", exercise_name="Наклон таза",
                       variant=None, program="home_set", sets=1, reps=10, hold_seconds=3,
                       hold_to_fatigue=False, minutes=None, per_side=False, rest_seconds=30,
                       dose_text="", estimated_seconds=0, modification=None, why=[])
    work = build_timeline([item], catalog).steps[1]
    with i18n.using("ru"):
        assert key_lines(200, paused=True) == [
            "пробел продолжить · n следующее упражнение · d подход выполнен · b назад · "
            "s стоп · q сохранить и выйти"]
        assert countdown(work, 3.5) == (1.5, "Повторение 1 из 10: расслабьтесь")
        assert counter_text(work, 11.0)[1] == \
            "Повторение 3 из 10: удерживайте · до конца подхода 00:39"


def test_an_english_run_never_imports_babel():
    # The .po files are compiled (with Babel) only for another language: English starts fast.
    import subprocess
    import sys

    code = ("import sys\nfrom typer.testing import CliRunner\nfrom backcoach.cli import app\n"
            "r = CliRunner().invoke(app, ['start'])\nassert r.exit_code == 0, r.output\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
