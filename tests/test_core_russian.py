"""What the library says, in Russian end to end: the safety questions, the screening, the
phase and the whole plan carry no English word (exercise and program names are the
catalog's Russian), numbers take their Russian forms, and English stays as written."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from backcoach import i18n, questions
from backcoach.catalog import Catalog, load_catalog
from backcoach.history import SessionRecord
from backcoach.planner import Plan, PlanError, make_plan
from backcoach.profile import Profile, RedFlags
from backcoach.progression import PHASE_NAMES, describe_dose
from backcoach.screening import screen
from backcoach.words import amount, date_text, minutes, plural

MONDAY = date(2026, 11, 23)
# Latin words a Russian text may keep: the product's name, and Roman numerals (I–II этапы).
ALLOWED = {"backcoach"}
LATIN = re.compile(r"[A-Za-z]+")
ROMAN = re.compile(r"[IVX]+")


def _english_words(text: str) -> list[str]:
    return [w for w in LATIN.findall(text) if w not in ALLOWED and not ROMAN.fullmatch(w)]


@pytest.fixture(scope="module")
def russian() -> Catalog:
    return load_catalog(lang="ru")


@pytest.fixture
def ru():
    with i18n.using("ru"):
        yield


def _plan_texts(plan: Plan) -> list[str]:
    """Every text of a plan a person reads."""
    texts = [plan.screening.headline, *plan.screening.advice,
             *(r.text for r in plan.screening.reasons), *plan.phase_reasons,
             *plan.program_reasons, *plan.schedule_reasons, plan.today.reason,
             *(plan.today.advice or [])]
    if plan.phase_change_text:
        texts.append(plan.phase_change_text)
    for item in plan.today.items:
        texts += [item.exercise_name, item.dose_text, *item.why]
    texts += [f"{x.exercise_name}: {x.reason}" for x in plan.left_out]
    return texts


def test_the_safety_questions_are_russian_when_read_in_russian(ru):
    for question in questions.ALL:
        for text in (question.ask, question.label, question.hint or ""):
            assert _english_words(text) == [], text
    assert "«седловидной»" in questions.EMERGENCY[1].label


def test_the_questions_follow_the_language_of_each_read():
    english = questions.EMERGENCY[0].label
    with i18n.using("ru"):
        russian = questions.EMERGENCY[0].label
    assert english == "New trouble passing urine, or loss of bladder or bowel control"
    assert russian.startswith("Новые трудности с мочеиспусканием")
    assert questions.EMERGENCY[0].label == english  # the block ended


def test_an_emergency_sign_is_screened_in_russian(ru, russian):
    profile = Profile(age=40, red_flags=RedFlags(saddle_numbness=True))
    result = screen(profile, russian)
    assert result.verdict == "urgent"
    assert "приёмное отделение" in result.headline
    assert result.reasons[0].text == ("Вы отметили: онемение или покалывание в «седловидной» "
                                      "области.")
    assert any("синдроме конского хвоста" in a for a in result.advice)
    for text in (result.headline, *result.advice, *(r.text for r in result.reasons)):
        assert _english_words(text) == [], text


def test_a_clearance_is_dated_as_russian_writes_a_date(ru, russian):
    from backcoach.clearance import Clearance

    profile = Profile(age=40, pregnant=True)
    cleared = Clearance(date=date(2026, 3, 5), covers=["condition.pregnant"])
    result = screen(profile, russian, [cleared], today=date(2026, 4, 1))
    assert result.verdict == "go"
    assert "Врач дал вам допуск 5 марта 2026" in result.reasons[0].text


@pytest.mark.parametrize(("age", "word"), [(61, "61 год"), (62, "62 года"), (65, "65 лет")])
def test_new_pain_at_an_age_takes_the_russian_form_of_the_years(ru, russian, age, word):
    profile = Profile(age=age, pain_now="dull", pain_level=2, pain_is_new=True)
    reason = next(r for r in screen(profile, russian).reasons if r.code == "age.new_pain")
    assert f"в {word}," in reason.text


@pytest.mark.parametrize("profile", [
    Profile(age=35, days_per_week=3, pain_now="dull", pain_level=2),
    Profile(age=35, days_per_week=7, pain_now="dull", pain_level=5, equipment=["fitball"]),
    Profile(age=60, pain_now="dull", pain_level=2, pain_is_new=True, hernia=True),
    Profile(age=35, pain_now="acute", pain_level=8),
    Profile(age=35, minutes_per_day=5, osteoporosis=True),
], ids=["entry", "therapeutic", "consult", "rest", "short"])
def test_a_whole_plan_reads_in_russian(ru, russian, profile):
    plan = make_plan(profile, [], MONDAY, russian)
    for text in _plan_texts(plan):
        assert _english_words(text) == [], text


def test_a_step_back_and_a_rest_day_read_in_russian(ru, russian):
    history = [SessionRecord(date=MONDAY - timedelta(days=1), phase="strengthening",
                             pain_before=2, pain_after=6, completed=True)]
    plan = make_plan(Profile(age=35, days_per_week=7), history, MONDAY, russian)
    assert plan.phase == "entry" and plan.phase_change_text
    assert plan.phase_change_text.startswith("Шаг назад — «Начальный этап (первый месяц)»")
    assert "усилила боль с 2 до 6" in plan.phase_change_text
    for text in _plan_texts(plan):
        assert _english_words(text) == [], text
    resting = make_plan(Profile(age=35, days_per_week=3), [], MONDAY + timedelta(days=1),
                        russian)
    assert resting.today.status == "rest_day"
    assert resting.today.reason.startswith("Сегодня день отдыха; следующий день занятий — ")
    assert _english_words(resting.today.reason) == []


def test_a_plan_error_is_russian(ru, russian):
    with pytest.raises(PlanError, match="для более позднего этапа"):
        make_plan(Profile(age=35), [], MONDAY, russian, program="advanced_set")


def test_plurals_and_numbers_take_their_russian_forms(ru):
    assert [plural(n, "more day", "more days") for n in (1, 2, 5)] == [
        "1 дополнительный день", "2 дополнительных дня", "5 дополнительных дней"]
    assert [describe_dose(n, 10, None, False, None, False) for n in (2, 5)] == [
        "2 подхода × 10 повторений", "5 подходов × 10 повторений"]
    assert describe_dose(1, 1, 2.5, False, None, True) == (
        "1 повторение, удержание 2,5 с, на каждую сторону")
    assert [minutes(n) for n in (1, 2, 5, 2.5)] == ["1 минута", "2 минуты", "5 минут",
                                                      "2,5 минуты"]
    assert amount(3.29) == "3,3"
    assert date_text(date(2026, 3, 5)) == "5 марта 2026"


def test_phase_names_follow_the_language_of_each_read():
    assert PHASE_NAMES["entry"] == "Entry month"
    with i18n.using("ru"):
        assert PHASE_NAMES["entry"] == "Начальный этап (первый месяц)"
        assert dict(PHASE_NAMES)["strengthening"] == "Этап укрепления"
    assert PHASE_NAMES["entry"] == "Entry month"


def test_english_stays_as_written():
    assert describe_dose(2, 10, 2.5, False, None, True) == (
        "2 sets x 10 reps, hold 2.5 s, per side")
    assert [minutes(n) for n in (1, 2.25)] == ["1 minute", "2.2 minutes"]
    assert date_text(date(2026, 3, 5)) == "2026-03-05"


def test_the_profile_and_day_errors_are_russian(ru):
    from pydantic import TypeAdapter, ValidationError

    from backcoach.errors import InvalidError
    from backcoach.limits import Day, check_window, error_text
    from backcoach.profile import ProfileError, parse_profile

    with pytest.raises(ProfileError, match="оцените боль от 1 до 10"):
        parse_profile({"age": 40, "pain_now": "dull", "pain_level": 0})
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Day).validate_python("1 марта")
    assert error_text(raised.value.errors()[0]) == (
        "«1 марта» — не дата; запишите её как ГГГГ-ММ-ДД")
    with pytest.raises(InvalidError, match="укажите дату в пределах десяти лет"):
        check_window(date(1990, 1, 1), MONDAY)


def test_verdicts_and_sources_in_words(ru):
    from backcoach.progress import verdict_words
    from backcoach.screening import NICE, source_words

    assert [verdict_words(v) for v in ("better", "worse", "about the same")] == [
        "лучше", "хуже", "примерно так же"]
    assert source_words(NICE).startswith("клиническое руководство NICE NG59")
    assert source_words("training_rules") == "training_rules"


def test_the_guided_sessions_steps_and_cues_are_russian(ru, russian):
    from backcoach.player import build_timeline

    plan = make_plan(Profile(age=40, days_per_week=7, minutes_per_day=30), [],
                     date(2026, 11, 23), russian)
    timeline = build_timeline(plan.today.items, russian)
    texts = [t for step in timeline.steps
             for t in (step.title, step.cue, *(b.text for b in step.beats))]
    assert any(t.startswith("Приготовьтесь: ") for t in texts)
    assert any(re.fullmatch(r"Повторение \d+ из \d+(: удерживайте)?", t) for t in texts)
    assert [t for t in texts if _english_words(t)] == []
