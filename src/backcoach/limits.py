"""What backcoach accepts at most, in one place, so the API, ``log --file`` and ``import``
refuse the same things.

A value past a limit is refused, never cut: strings with a NUL character (PostgreSQL cannot
store one), notes and names past their length, sessions with more exercises or sets than
anyone does, days more than ten years from today, files and request bodies past their size::

    notes: Note | None = None            # at most MAX_NOTE characters, no NUL
    check_window(record.date, today)     # raises InvalidError naming "date"
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, Strict, StringConstraints, WithJsonSchema

from backcoach.errors import InvalidError
from backcoach.i18n import DEFAULT, _, current, ngettext

# No NUL character (U+0000): PostgreSQL refuses it in text, so no backend may take it. As a
# pattern, the OpenAPI document states it and the check runs in pydantic's core.
NO_NUL = r"^[^\x00]*$"
MAX_NOTE = 2000  # a note of a session, a check-in or a clearance
MAX_NAME = 200  # a PSFS activity, where the back hurts
MAX_ID = 100  # an exercise, variant or program id (the catalog's longest is 24)
MAX_EXERCISES = 60  # exercises in one session (the longest program has 14)
MAX_SETS = 50  # sets of one exercise in one session
MAX_SESSIONS = 20_000  # sessions in one file (ten years, five a day)
MAX_FILE_BYTES = 64 * 1024 * 1024  # an export or log file to read
# Days asked about or recorded lie within ten years of today: a year-1 date is a typo, and
# it would stretch every chart and weekly count across two thousand years.
DAY_LIMIT = timedelta(days=3660)

Note = Annotated[str, StringConstraints(max_length=MAX_NOTE, pattern=NO_NUL)]
Name = Annotated[str, StringConstraints(max_length=MAX_NAME, pattern=NO_NUL)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID, pattern=NO_NUL)]
def whole(value: Any) -> Any:
    """Return 3.0 as 3 (JSON has one kind of number); refuses true and false."""
    if isinstance(value, bool):
        raise ValueError(_("give a number, not true or false"))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Numbers that are numbers: strict, so true is not 1 and "3" is not 3.
# (The validator comes last: before a Field's bounds, pydantic would drop them from the
# JSON schema.)
Count = Annotated[int, Strict(), BeforeValidator(whole)]
Flag = Annotated[bool, Strict()]
Amount = Annotated[float, Strict()]
Score = Annotated[int, Strict(), Field(ge=0, le=10), BeforeValidator(whole)]


def iso_day(value: Any) -> Any:
    """Return a day given as YYYY-MM-DD text or a date; refuses the rest that pydantic
    would take for a day (a number of seconds since 1970, a date and time)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(_("'{value}' is not a day; write it as YYYY-MM-DD").format(
            value=value[:40]))
    if isinstance(value, datetime) or not isinstance(value, str | date):
        raise ValueError(_("give the day as text, YYYY-MM-DD"))
    return value


# A day: YYYY-MM-DD only (pydantic alone takes 0 for 1970-01-01), within ten years of
# today; a PastDay also not after today. The OpenAPI document states each range exactly
# (web/openapi.py reads "x-days").
Day = Annotated[date, BeforeValidator(iso_day),
                WithJsonSchema({"type": "string", "format": "date", "x-days": "window"})]
PastDay = Annotated[date, BeforeValidator(iso_day),
                    WithJsonSchema({"type": "string", "format": "date", "x-days": "past"})]


def within_window(day: date, today: date) -> bool:
    return abs(day - today) <= DAY_LIMIT


def check_window(day: date, today: date, field: str = "date") -> date:
    """Return ``day``; raises :class:`InvalidError` naming ``field`` if it is years away."""
    if not within_window(day, today):
        raise InvalidError(_("{day} is too far from today ({today}): give a day within ten "
                             "years").format(day=day, today=today), field=field)
    return day


def error_text(err: Any) -> str:
    """Return a pydantic error's message, in words for the NUL check."""
    if err.get("type") == "string_pattern_mismatch" and \
            "\\x00" in str((err.get("ctx") or {}).get("pattern")):
        if "\x00" in str(err.get("input", "")):
            return _("remove the NUL character (\\0) from the text")
        return _("give some text, not only spaces")
    if current() != DEFAULT:
        translated = _pydantic_text(err)
        if translated is not None:
            return translated
    return str(err.get("msg", "")).removeprefix("Value error, ")


def _pydantic_text(err: Any) -> str | None:
    """Return the most frequent of pydantic's own messages in the language of the run (None:
    one it has no translation for, said as pydantic says it). English is pydantic's text
    as it is, so only another language asks for this."""
    kind = err.get("type")
    ctx = err.get("ctx") or {}
    if kind == "less_than_equal":
        return _("Input should be less than or equal to {le}").format(le=ctx.get("le"))
    if kind == "greater_than_equal":
        return _("Input should be greater than or equal to {ge}").format(ge=ctx.get("ge"))
    if kind == "less_than":
        return _("Input should be less than {lt}").format(lt=ctx.get("lt"))
    if kind == "greater_than":
        return _("Input should be greater than {gt}").format(gt=ctx.get("gt"))
    if kind == "string_too_long":
        length = int(ctx.get("max_length", 0))
        return ngettext("String should have at most {max_length} character",
                        "String should have at most {max_length} characters",
                        length).format(max_length=length)
    simple = {
        "missing": _("Field required"),
        "extra_forbidden": _("Extra inputs are not permitted"),
        "int_type": _("Input should be a valid integer"),
        "int_from_float": _("Input should be a valid integer, got a number with a "
                            "fractional part"),
        "float_type": _("Input should be a valid number"),
        "bool_type": _("Input should be a valid boolean"),
        "string_type": _("Input should be a valid string"),
    }
    return simple.get(str(kind))


__all__ = [
    "DAY_LIMIT",
    "MAX_EXERCISES",
    "MAX_FILE_BYTES",
    "MAX_ID",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_SESSIONS",
    "MAX_SETS",
    "NO_NUL",
    "Amount",
    "Count",
    "Day",
    "Flag",
    "Id",
    "Name",
    "Note",
    "PastDay",
    "Score",
    "check_window",
    "error_text",
    "iso_day",
    "whole",
    "within_window",
]
