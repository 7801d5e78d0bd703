"""The command line's words for codes, days and amounts, in the run's language.

    phase_name("entry")        -> "Entry month"             (Russian: "Начальный этап ...")
    stop_reason("tired")       -> "tired"                    ("усталость")
    shown_day(date(2026, 11, 27)) -> "2026-11-27"            ("27 ноября 2026")
    minutes_text(2.5)          -> "2.5 minutes"              ("2,5 мин")

Each text is translated when it is shown (never at import: that would freeze English), and
English stays exactly what the commands printed before they spoke other languages. Babel
is imported only for a language other than English.
"""

from __future__ import annotations

from datetime import date

from backcoach import i18n
from backcoach.i18n import _, ngettext
from backcoach.terms import phase_names


def english() -> bool:
    """Return whether this run speaks English (numbers and days as they always were)."""
    return i18n.current() == i18n.DEFAULT


def decimal(text: str) -> str:
    """Return a number written with a dot ("2.5") with the language's decimal mark."""
    return text if english() else text.replace(".", ",")


def shown_day(day: date) -> str:
    """Return a day as this run's language writes it in a sentence: "2026-11-27" in
    English (as ever), "27 ноября 2026" in Russian."""
    if english():
        return day.isoformat()
    from babel.dates import format_date

    return str(format_date(day, format="d MMMM y", locale=i18n.current()))


def weekday_short(day: date, english_name: str) -> str:
    """Return the day of the week, abbreviated: "Mon"; "пн"."""
    if english():
        return english_name[:3]
    from babel.dates import format_date

    return str(format_date(day, format="EEE", locale=i18n.current()))


def weekday_and_day(day: date, english_name: str) -> str:
    """Return the day of the week and the day: "Monday 2026-11-30"; "понедельник,
    30 ноября"."""
    if english():
        return f"{english_name} {day.isoformat()}"
    from babel.dates import format_date

    return str(format_date(day, format="EEEE, d MMMM", locale=i18n.current()))


def minutes_text(value: float) -> str:
    """Return ``value`` minutes in words: "1 minute", "2.5 minutes"; "2,5 мин"."""
    from backcoach.words import amount

    shown = amount(value)
    return ngettext("{amount} minute", "{amount} minutes", 1 if shown == "1" else 2).format(
        amount=decimal(shown))


def phase_name(phase: str) -> str:
    """Return a phase's name (as :data:`backcoach.progression.PHASE_NAMES`, without
    importing the planner's models)."""
    return phase_names().get(phase, phase)


def stop_reason(reason: str | None) -> str:
    """Return why a session stopped, in a word: pain, spasm, tired or other."""
    reasons = {"pain": _("pain"), "spasm": _("spasm"), "tired": _("tired"),
               "other": _("other")}
    return reasons.get(reason or "", reason or "")


def block_name(kind: str) -> str:
    """Return a part of a session in lower case: warm-up, main, cool-down."""
    names = {"warm_up": _("warm-up"), "main": _("main"), "cool_down": _("cool-down")}
    return names.get(kind, kind)


def block_title(kind: str) -> str:
    """Return a part of a session as a title: Warm-up, Main, Cool-down."""
    names = {"warm_up": _("Warm-up"), "main": _("Main"), "cool_down": _("Cool-down")}
    return names.get(kind, kind)


def program_names() -> dict[str, str]:
    """Return {id: name} of the programs in the run's language (in English the quick
    reading of the names alone, without building the catalog)."""
    from backcoach.catalog import names

    if english():
        return names.program_names()
    from backcoach.cli.app import run_catalog

    return {p.id: p.name for p in run_catalog().programs.values()}


def exercise_names() -> dict[str, str]:
    """Return {id: name} of the exercises in the run's language (as :func:`program_names`)."""
    from backcoach.catalog import names

    if english():
        return names.exercise_names()
    from backcoach.cli.app import run_catalog

    return {ex.id: ex.name for ex in run_catalog().exercises.values()}


def trunk_side(side: str) -> str:
    """Return a side of the trunk an exercise supports (English: its code)."""
    if english():
        return side
    names = {"front": _("the trunk's front"), "side": _("the trunk's side"),
             "back": _("the trunk's back")}
    return names.get(side, side)


def place_name(place: str) -> str:
    """Return where a program is done: home, gym, pool."""
    names = {"home": _("home"), "gym": _("gym"), "pool": _("pool")}
    return names.get(place, place)


def caution_action(action: str) -> str:
    """Return what a caution does, in a word: exclude, modify, clearance."""
    names = {"exclude": _("exclude"), "modify": _("modify"),
             "clearance": ngettext("clearance", "clearances", 1)}
    return names.get(action, action)
