"""The onboarding questionnaire: one question at a time, defaults, re-asked on bad answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, get_args

import typer
from pydantic import ValidationError

from backcoach import questions
from backcoach.catalog.vocab import Equipment
from backcoach.cli.app import say
from backcoach.cli.ask import ask_choice, ask_int, ask_text, ask_yes
from backcoach.cli.lang import english, shown_day
from backcoach.i18n import _
from backcoach.profile import Profile, RedFlags
from backcoach.questions import Question
from backcoach.terms import term


def _whole(question: str, low: int, high: int, default: int) -> int:
    value = ask_int(question, low, high, default)
    assert value is not None  # a default is given, so Enter cannot skip
    return value


def _equipment(current: Sequence[str]) -> list[str]:
    """Ask for the equipment at hand, by its codes or (in another language) its names."""
    known = get_args(Equipment)
    # English: the codes ("gymnastic_stick"); another language: the names shown.
    names = {code: code if english() else term(code) for code in known}
    codes = {name.lower(): code for code, name in names.items()}
    none = _("none")
    while True:
        answer = ask_text(_("What equipment do you have? Comma-separated, or 'none'") + "\n"
                          f"  ({', '.join(names.values())})",
                          ", ".join(names.get(c, c) for c in current) or none).strip()
        if answer.lower() in ("", "none", "-", none.lower()):
            return []
        typed = [a.strip().lower() for a in answer.split(",") if a.strip()]
        items = [codes.get(t, t.replace(" ", "_")) for t in typed]
        unknown = [i if english() else t for t, i in zip(typed, items, strict=True)
                   if i not in known]
        if not unknown:
            return items
        say("  " + _("Not known: {items}. Use the names listed.").format(
            items=", ".join(unknown)))


def _ask_each(questions: Sequence[Question], answers: dict[str, Any],
              flags: dict[str, bool]) -> None:
    """Ask each question on its own (with its hint), into ``flags`` or ``answers``."""
    for question in questions:
        if question.hint:
            say(f"  ({question.hint})")
        value = ask_yes(question.ask)
        if question.field.startswith("red_flags."):
            flags[question.name] = value
        else:
            answers[question.field] = value


def _gated(questions: Sequence[Question], intro: str, flags: dict[str, bool]) -> None:
    """List the questions, and ask each only when the person has any of them."""
    say(intro)
    for question in questions:
        say(f"  - {question.label}")
    if ask_yes(_("Do you have any of these now?")):
        for question in questions:
            flags[question.name] = ask_yes(f"  {question.ask}")


def ask(previous: Profile | None = None) -> Profile:
    """Ask the questions on the terminal and return a validated profile.

    The warning signs of an emergency are asked one by one, never behind a "none of these";
    with a ``previous`` profile, its age, equipment, place, minutes, days and goal are the
    defaults, so answering again is mostly pressing Enter.
    """
    before = previous or Profile(age=35)
    say(_("A few questions about you and your back. Press Enter to keep the default.")
        + "\n")
    answers: dict[str, Any] = {"age": _whole(_("Your age"), 12, 110, before.age)}
    answers["sex"] = ask_choice(_("Sex"), ("female", "male", "other"), before.sex or "other",
                                {"female": _("female"), "male": _("male"),
                                 "other": _("other")})
    answers["pain_now"] = ask_choice(
        _("Back pain right now: none, dull (aching) or acute (sharp)"),
        ("none", "dull", "acute"), "none",
        {"none": _("none"), "dull": _("dull"), "acute": _("acute")})
    flags: dict[str, bool] = {}
    if answers["pain_now"] != "none":
        answers["pain_level"] = _whole(_("How strong, 0 = none, 10 = worst imaginable"), 1, 10,
                                       3)
        answers["pain_spreads"] = ask_choice(
            _("Does it spread"), ("none", "buttock_or_thigh", "below_knee", "both_legs"),
            "none", {"none": _("none"), "buttock_or_thigh": _("buttock_or_thigh"),
                     "below_knee": _("below_knee"), "both_legs": _("both_legs")})
        answers["pain_is_new"] = ask_yes(_("Did this pain start in the last six weeks?"))
        month, seen = questions.PAIN_COURSE
        flags[month.name] = ask_yes(month.ask)
        if flags[month.name]:  # a doctor's look settles this one, so ask
            answers[seen.field] = ask_yes(seen.ask)
    say("\n" + _("First, signs that need a doctor at once. Answer each one:"))
    _ask_each(questions.EMERGENCY, answers, flags)
    _gated(questions.SERIOUS_NOW,
           "\n" + _("Signs a doctor should check before any exercise:"), flags)
    say("\n" + _("Your medical history:"))
    _ask_each(questions.HISTORY, answers, flags)
    answers["red_flags"] = RedFlags(**flags)
    say("")
    answers["hernia"] = ask_yes(_("Has a doctor diagnosed a disc hernia?"))
    answers["osteoporosis"] = ask_yes(_("Do you have osteoporosis?"))
    if answers["sex"] != "male":
        answers["pregnant"] = ask_yes(_("Are you pregnant?"))
        answers["recent_birth"] = ask_yes(_("Have you given birth in the last six months?"))
    answers["recent_injury"] = ask_yes(_("A back injury or fracture in the last months?"))
    answers["chronic_spine_disease"] = ask_yes(_("A chronic disease of the spine?"))
    if answers["chronic_spine_disease"]:
        answers["spine_flare"] = ask_yes(_("Is it flaring up now?"))
    say("")
    answers["equipment"] = _equipment(before.equipment)
    answers["place"] = ask_choice(_("Where will you train"), ("home", "gym", "pool"),
                                  before.place,
                                  {"home": _("home"), "gym": _("gym"), "pool": _("pool")})
    answers["minutes_per_day"] = _whole(_("Minutes a day you can give"), 5, 120,
                                        before.minutes_per_day)
    answers["days_per_week"] = _whole(_("Days a week"), 1, 7, before.days_per_week)
    answers["goal"] = ask_choice(_("Your goal"), ("prevent", "relieve", "strengthen"),
                                 before.goal, {"prevent": _("prevent"), "relieve": _("relieve"),
                                               "strengthen": _("strengthen")})
    try:
        return Profile(**answers)
    except ValidationError as exc:  # pragma: no cover - every answer is checked above
        raise typer.BadParameter(str(exc)) from exc


def ask_cleared(findings: Sequence[str]) -> bool:
    """Ask whether a doctor has already seen ``findings`` (what needs a clearance)."""
    say("\n" + _("These need a doctor's look before they stop holding you back:"))
    for finding in findings:
        say(f"  - {finding}")
    return ask_yes(_("Has a doctor seen all of this and allowed you to exercise?"))


def ask_day(question: str, today: date) -> date:
    """Return a day no later than ``today`` (Enter for today), re-asking on anything else."""
    while True:
        raw = ask_text(question + " " + _("(YYYY-MM-DD)"), today.isoformat()).strip()
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            say("  " + _("Write the day as YYYY-MM-DD, e.g. 2026-03-01."))
            continue
        if day > today:
            say("  " + _("{day} is in the future; give the day the doctor saw you.").format(
                day=shown_day(day)))
            continue
        return day
