"""Numbers in words a person reads: "1 set", "2 sets", "hold 3.3 s", "12 minutes".

    plural(1, "session")                -> "1 session"
    plural(3, "activity", "activities") -> "3 activities"
    amount(3.29268)                     -> "3.3"      (whole, or one decimal)
    signed(-3.0)                        -> "-3"       (a change: its sign always shown)
    minutes(1)                          -> "1 minute"
    minutes(2.25)                       -> "2.3 minutes"

One place for these, so the Russian translation (three plural forms) can replace them.
"""

from __future__ import annotations


def plural(count: int, singular: str, many: str | None = None) -> str:
    """Return ``count`` with the noun in the form that number takes."""
    word = singular if count == 1 else (many or singular + "s")
    return f"{count:,} {word}"


def amount(value: float) -> str:
    """Return ``value`` whole when it is (within a twentieth), else with one decimal."""
    rounded = round(value, 1)
    if abs(rounded - round(rounded)) < 0.05:
        return str(round(rounded))
    return f"{rounded:.1f}"


def signed(value: float) -> str:
    """Return a change as :func:`amount` writes it, with its sign: "+2", "-0.5", "0"."""
    shown = amount(value)
    return shown if shown.startswith("-") or shown == "0" else "+" + shown


def minutes(value: float) -> str:
    """Return ``value`` minutes in words, the noun agreeing with the number shown."""
    shown = amount(value)
    return f"{shown} {'minute' if shown == '1' else 'minutes'}"

