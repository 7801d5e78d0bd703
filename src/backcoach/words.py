"""Numbers in words a person reads: "1 set", "2 sets", "hold 3.3 s", "12 minutes".

    plural(1, "session")                -> "1 session"
    plural(3, "activity", "activities") -> "3 activities"
    amount(3.29268)                     -> "3.3"      (whole, or one decimal)
    signed(-3.0)                        -> "-3"       (a change: its sign always shown)
    minutes(1)                          -> "1 minute"
    minutes(2.25)                       -> "2.3 minutes"
    date_text(date(2026, 3, 5))         -> "2026-03-05"  ("5 марта 2026" in Russian)

The noun's form and the number's writing follow the current language (:mod:`backcoach.i18n`):
in Russian, ``plural(5, "session")`` is "5 сессий" and a thousand is "1 000".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import TypeVar

from backcoach import i18n

K = TypeVar("K")
V = TypeVar("V")


def number(count: int) -> str:
    """Return a whole number as the current language writes it ("1,234"; "1 234")."""
    if i18n.current() == i18n.DEFAULT:
        return f"{count:,}"
    from babel.numbers import format_decimal

    return format_decimal(count, locale=i18n.current())


def plural(count: int, singular: str, many: str | None = None) -> str:
    """Return ``count`` with the noun in the form that number takes."""
    word = i18n.ngettext(singular, many or singular + "s", count)
    return f"{number(count)} {word}"


def amount(value: float) -> str:
    """Return ``value`` whole when it is (within a twentieth), else with one decimal, with
    the current language's decimal mark ("3.3"; "3,3")."""
    rounded = round(value, 1)
    if abs(rounded - round(rounded)) < 0.05:
        return str(round(rounded))
    shown = f"{rounded:.1f}"
    return shown if i18n.current() == i18n.DEFAULT else shown.replace(".", ",")


def signed(value: float) -> str:
    """Return a change as :func:`amount` writes it, with its sign: "+2", "-0.5", "0"."""
    shown = amount(value)
    return shown if shown.startswith("-") or shown == "0" else "+" + shown


def minutes(value: float) -> str:
    """Return ``value`` minutes in words, the noun agreeing with the number shown."""
    shown = amount(value)
    # A fraction takes the form English and Russian use after 2 ("2.5 minutes", "2,5 минуты").
    count = int(shown) if shown.lstrip("-").isdigit() else 2
    return f"{shown} {i18n.ngettext('minute', 'minutes', count)}"



def date_text(day: date) -> str:
    """Return a date for prose: as written so far in English ("2026-03-05"), as a person
    writes it in the other languages ("5 марта 2026")."""
    if i18n.current() == i18n.DEFAULT:
        return str(day)
    from babel.dates import format_date

    return format_date(day, format="d MMMM y", locale=i18n.current())


def decimal(value: float) -> str:
    """Return ``value`` as ``f"{value:g}"`` writes it, with the current language's decimal
    mark ("7.5"; "7,5")."""
    shown = f"{value:g}"
    return shown if i18n.current() == i18n.DEFAULT else shown.replace(".", ",")


class Worded(Mapping[K, V]):
    """A table of texts in the current language: ``build`` words it anew at each read, so a
    module may keep the table as a constant without freezing the language of its import.
    (A copy, ``dict(table)``, keeps the language of the moment it is made.)"""

    def __init__(self, build: Callable[[], Mapping[K, V]]) -> None:
        self._build = build

    def __getitem__(self, key: K) -> V:
        return self._build()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._build())

    def __len__(self) -> int:
        return len(self._build())
