"""The onboarding questionnaire: one question at a time, defaults, re-asked on bad answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, get_args

import typer
from pydantic import ValidationError

from backcoach.catalog.vocab import Equipment
from backcoach.cli.ask import ask_choice, ask_int, ask_yes
from backcoach.profile import Profile, RedFlags
from backcoach.screening import EMERGENCY_SIGNS, SERIOUS_SIGNS


def _whole(question: str, low: int, high: int, default: int) -> int:
    value = ask_int(question, low, high, default)
    assert value is not None  # a default is given, so Enter cannot skip
    return value


def _equipment(current: Sequence[str]) -> list[str]:
    known = get_args(Equipment)
    while True:
        answer = str(typer.prompt(
            "What equipment do you have? Comma-separated, or 'none'\n"
            f"  ({', '.join(known)})", default=", ".join(current) or "none")).strip()
        if answer.lower() in ("", "none", "-"):
            return []
        items = [a.strip().lower().replace(" ", "_") for a in answer.split(",") if a.strip()]
        unknown = [i for i in items if i not in known]
        if not unknown:
            return items
        typer.echo(f"  Not known: {', '.join(unknown)}. Use the names listed.")


def _flags(group: dict[str, str], intro: str) -> dict[str, bool]:
    typer.echo(intro)
    for text in group.values():
        typer.echo(f"  - {text}")
    if not ask_yes("Do you have any of these now?"):
        return {}
    return {field: ask_yes(f"  {text[0].upper()}{text[1:]}?") for field, text in group.items()}


def ask(previous: Profile | None = None) -> Profile:
    """Ask the questions on the terminal and return a validated profile.

    With a ``previous`` profile, its age, equipment, place, minutes, days and goal are the
    defaults, so answering again is mostly pressing Enter.
    """
    before = previous or Profile(age=35)
    typer.echo("A few questions about you and your back. Press Enter to keep the default.\n")
    answers: dict[str, Any] = {"age": _whole("Your age", 12, 110, before.age)}
    answers["sex"] = ask_choice("Sex", ("female", "male", "other"), before.sex or "other")
    answers["pain_now"] = ask_choice("Back pain right now: none, dull (aching) or acute (sharp)",
                                  ("none", "dull", "acute"), "none")
    if answers["pain_now"] != "none":
        answers["pain_level"] = _whole("How strong, 0 = none, 10 = worst imaginable", 1, 10, 3)
        answers["pain_spreads"] = ask_choice(
            "Does it spread", ("none", "buttock_or_thigh", "below_knee", "both_legs"), "none")
        answers["pain_is_new"] = ask_yes("Did this pain start in the last six weeks?")
    flags = _flags(EMERGENCY_SIGNS, "\nSome signs need a doctor at once:")
    flags |= _flags(SERIOUS_SIGNS, "\nAnd some need a doctor's check before exercise:")
    answers["red_flags"] = RedFlags(**flags)
    typer.echo("")
    answers["hernia"] = ask_yes("Has a doctor diagnosed a disc hernia?")
    answers["osteoporosis"] = ask_yes("Do you have osteoporosis?")
    if answers["sex"] != "male":
        answers["pregnant"] = ask_yes("Are you pregnant?")
        answers["recent_birth"] = ask_yes("Have you given birth in the last six months?")
    answers["recent_injury"] = ask_yes("A back injury or fracture in the last months?")
    answers["chronic_spine_disease"] = ask_yes("A chronic disease of the spine?")
    if answers["chronic_spine_disease"]:
        answers["spine_flare"] = ask_yes("Is it flaring up now?")
    if any(answers.get(k) for k in ("hernia", "pregnant", "recent_birth", "recent_injury",
                                    "chronic_spine_disease")) or any(flags.values()):
        answers["doctor_cleared"] = ask_yes("Has a doctor seen this and allowed you to exercise?")
    typer.echo("")
    answers["equipment"] = _equipment(before.equipment)
    answers["place"] = ask_choice("Where will you train", ("home", "gym", "pool"), before.place)
    answers["minutes_per_day"] = _whole("Minutes a day you can give", 5, 120,
                                         before.minutes_per_day)
    answers["days_per_week"] = _whole("Days a week", 1, 7, before.days_per_week)
    answers["goal"] = ask_choice("Your goal", ("prevent", "relieve", "strengthen"), before.goal)
    try:
        return Profile(**answers)
    except ValidationError as exc:  # pragma: no cover - every answer is checked above
        raise typer.BadParameter(str(exc)) from exc
