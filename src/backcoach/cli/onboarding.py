"""The onboarding questionnaire: one question at a time, defaults, re-asked on bad answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, get_args

import typer
from pydantic import ValidationError

from backcoach.catalog.vocab import Equipment
from backcoach.profile import Profile, RedFlags
from backcoach.screening import EMERGENCY_SIGNS, SERIOUS_SIGNS


def _choice(question: str, options: tuple[str, ...], default: str) -> str:
    while True:
        answer = str(typer.prompt(f"{question} [{'/'.join(options)}]", default=default)).strip()
        if answer.lower() in options:
            return answer.lower()
        typer.echo(f"  Please answer one of: {', '.join(options)}.")


def _number(question: str, low: int, high: int, default: int) -> int:
    while True:
        answer = str(typer.prompt(f"{question} ({low}-{high})", default=str(default))).strip()
        try:
            value = int(answer)
        except ValueError:
            typer.echo(f"  Please give a whole number from {low} to {high}.")
            continue
        if low <= value <= high:
            return value
        typer.echo(f"  {value} is out of range: give a number from {low} to {high}.")


def _yes(question: str, default: bool = False) -> bool:
    answer = _choice(question, ("y", "n"), "y" if default else "n")
    return answer == "y"


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
    if not _yes("Do you have any of these now?"):
        return {}
    return {field: _yes(f"  {text[0].upper()}{text[1:]}?") for field, text in group.items()}


def ask(previous: Profile | None = None) -> Profile:
    """Ask the questions on the terminal and return a validated profile.

    With a ``previous`` profile, its age, equipment, place, minutes, days and goal are the
    defaults, so answering again is mostly pressing Enter.
    """
    before = previous or Profile(age=35)
    typer.echo("A few questions about you and your back. Press Enter to keep the default.\n")
    answers: dict[str, Any] = {"age": _number("Your age", 12, 110, before.age)}
    answers["sex"] = _choice("Sex", ("female", "male", "other"), before.sex or "other")
    answers["pain_now"] = _choice("Back pain right now: none, dull (aching) or acute (sharp)",
                                  ("none", "dull", "acute"), "none")
    if answers["pain_now"] != "none":
        answers["pain_level"] = _number("How strong, 0 = none, 10 = worst imaginable", 1, 10, 3)
        answers["pain_spreads"] = _choice(
            "Does it spread", ("none", "buttock_or_thigh", "below_knee", "both_legs"), "none")
        answers["pain_is_new"] = _yes("Did this pain start in the last six weeks?")
    flags = _flags(EMERGENCY_SIGNS, "\nSome signs need a doctor at once:")
    flags |= _flags(SERIOUS_SIGNS, "\nAnd some need a doctor's check before exercise:")
    answers["red_flags"] = RedFlags(**flags)
    typer.echo("")
    answers["hernia"] = _yes("Has a doctor diagnosed a disc hernia?")
    answers["osteoporosis"] = _yes("Do you have osteoporosis?")
    if answers["sex"] != "male":
        answers["pregnant"] = _yes("Are you pregnant?")
        answers["recent_birth"] = _yes("Have you given birth in the last six months?")
    answers["recent_injury"] = _yes("A back injury or fracture in the last months?")
    answers["chronic_spine_disease"] = _yes("A chronic disease of the spine?")
    if answers["chronic_spine_disease"]:
        answers["spine_flare"] = _yes("Is it flaring up now?")
    if any(answers.get(k) for k in ("hernia", "pregnant", "recent_birth", "recent_injury",
                                    "chronic_spine_disease")) or any(flags.values()):
        answers["doctor_cleared"] = _yes("Has a doctor seen this and allowed you to exercise?")
    typer.echo("")
    answers["equipment"] = _equipment(before.equipment)
    answers["place"] = _choice("Where will you train", ("home", "gym", "pool"), before.place)
    answers["minutes_per_day"] = _number("Minutes a day you can give", 5, 120,
                                         before.minutes_per_day)
    answers["days_per_week"] = _number("Days a week", 1, 7, before.days_per_week)
    answers["goal"] = _choice("Your goal", ("prevent", "relieve", "strengthen"), before.goal)
    try:
        return Profile(**answers)
    except ValidationError as exc:  # pragma: no cover - every answer is checked above
        raise typer.BadParameter(str(exc)) from exc
