"""Numbers in words a person reads: "1 set", "2 sets", "hold 3.3 s", "1 min 30 s".

    plural(1, "session")            -> "1 session"
    plural(3, "activity", "activities") -> "3 activities"
    amount(3.29268)                 -> "3.3"      (whole, or one decimal)
    duration(90)                    -> "1 min 30 s"

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


def duration(seconds: float) -> str:
    """Return a length of time as seconds under a minute, else minutes and seconds."""
    whole = round(seconds)
    if whole < 60:
        return f"{amount(seconds)} s" if seconds < 10 else f"{whole} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min" + (f" {rest} s" if rest else "")
