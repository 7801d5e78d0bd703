"""Turning submitted forms into library values, and validation errors into words per field.

Forms are re-shown with what was entered and each error next to its field, so the
functions here return the raw values alongside the parsed result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from backcoach.i18n import _
from backcoach.profile import Profile, RedFlags

NUMBER_FIELDS = ("age", "pain_level", "minutes_per_day", "days_per_week")
CHOICE_FIELDS = ("pain_now", "pain_spreads", "place", "goal", "sex")
FLAG_FIELDS = ("pain_is_new", "pain_seen_by_doctor", "hernia", "osteoporosis", "pregnant",
               "recent_birth", "recent_injury", "chronic_spine_disease", "spine_flare",
               "long_term_steroids", "supervised")
RED_FLAGS = tuple(RedFlags.model_fields)
# Answers the form always shows filled in: one cleared is an error naming it, never quietly
# replaced by the profile's default (a person who empties "Minutes a day" did not mean 20).
REQUIRED = ("pain_now", "pain_level", "pain_spreads", "age", "place", "minutes_per_day",
            "days_per_week", "goal")


def message(err: Any) -> str:
    """Return a pydantic error as a sentence a person understands."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return _("Please answer this.")
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return _("Give a whole number.")
    if kind == "greater_than_equal":
        return _("Give a number of at least {low}.").format(low=ctx.get("ge"))
    if kind == "less_than_equal":
        return _("Give a number of at most {high}.").format(high=ctx.get("le"))
    if kind == "literal_error":
        return _("Choose one of the options.")
    if kind == "string_too_long":
        return _("Keep it under {count} characters.").format(count=ctx.get("max_length"))
    text = str(err.get("msg", "This value is not right.")).removeprefix("Value error, ")
    for pattern, friendly in _across():
        found = re.match(pattern, text)
        if found:
            return friendly(*found.groups())
    return text


def _across() -> tuple[tuple[str, Callable[..., str]], ...]:
    """Return the checks across answers, said with the form's words instead of the field
    names (in the current language)."""
    return (
        (r"pain_now is 'none' but pain_level is (\d+)", lambda level: _(
            "You answered “No pain” but rated the pain {level}: choose dull or acute pain, or "
            "set the pain to 0.").format(level=level)),
        (r"pain_now is '(\w+)' but pain_level is 0", lambda kind: _(
            "You have {kind} pain: rate it from 1 to 10.").format(
                kind={"dull": _("dull"), "acute": _("acute")}.get(kind, kind))),
        (r"spine_flare needs chronic_spine_disease", lambda: _(
            "A flare needs a chronic spine disease: tick that too, or untick the flare.")),
    )


def field_errors(exc: ValidationError, known: tuple[str, ...]) -> dict[str, str]:
    """Return {field: message}; errors of the whole form go to the field they name."""
    errors: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        text = message(err)
        if loc:
            name = ".".join(loc[:2]) if loc[0] == "red_flags" else loc[0]
        else:  # a model validator: the field its message names first
            raw = str(err.get("msg", ""))
            found = [(m.start(), f) for f in known
                     if (m := re.search(rf"\b{f}\b", raw)) is not None]
            name = min(found)[1] if found else "form"
        errors.setdefault(name, text[0].upper() + text[1:] if text else text)
    return errors


def profile_values(profile: Profile | None) -> dict[str, Any]:
    """Return a saved profile as the form's values (or the form's defaults)."""
    if profile is None:
        return {"pain_now": "none", "pain_level": "0", "pain_spreads": "none", "place": "home",
                "goal": "prevent", "minutes_per_day": "20", "days_per_week": "3",
                "equipment": ["mat"], "sex": ""}
    data = profile.model_dump()
    values: dict[str, Any] = {k: ("" if v is None else str(v) if k in NUMBER_FIELDS else v)
                              for k, v in data.items() if k != "red_flags"}
    values["sex"] = profile.sex or ""
    for name, ticked in data["red_flags"].items():
        values[f"red_flags.{name}"] = ticked
    return values


def read_profile(form: FormData) -> tuple[dict[str, Any], Profile | None, dict[str, str]]:
    """Return (the values entered, the profile or None, errors by field)."""
    values: dict[str, Any] = {}
    data: dict[str, Any] = {"red_flags": {}}
    for name in NUMBER_FIELDS:
        raw = str(form.get(name) or "").strip()
        values[name] = raw
        if raw:  # whole numbers are strict: only ASCII digits make one ('²' does not)
            data[name] = int(raw) if raw.isascii() and raw.isdigit() else raw
    for name in CHOICE_FIELDS:
        raw = str(form.get(name) or "").strip()
        values[name] = raw
        if raw:
            data[name] = raw
    where = str(form.get("pain_where") or "").strip()
    values["pain_where"] = where
    if where:
        data["pain_where"] = where
    for name in FLAG_FIELDS:
        values[name] = data[name] = name in form
    for name in RED_FLAGS:
        values[f"red_flags.{name}"] = data["red_flags"][name] = f"red_flags.{name}" in form
    values["equipment"] = data["equipment"] = [str(v) for v in form.getlist("equipment")]
    errors = {name: _("Please answer this.") for name in REQUIRED if not values[name]}
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        known = (*NUMBER_FIELDS, *CHOICE_FIELDS, *FLAG_FIELDS, "pain_where", "equipment")
        return values, None, {**field_errors(exc, known), **errors}
    return values, (None if errors else profile), errors
