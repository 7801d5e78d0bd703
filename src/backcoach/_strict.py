"""The base of every backcoach data model: unknown fields are errors, values are frozen."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A pydantic model that forbids unknown fields (a typo is an error) and is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def one_of(kind: str, known: Iterable[str]) -> Callable[[str], str]:
    """Return a validator (for ``AfterValidator``) that accepts only a name in ``known``
    and refuses any other with its likely meaning: "'hpi' is not a known joint; did you
    mean 'hip'?"."""
    names = tuple(known)

    def check(value: str) -> str:
        if value not in names:
            import difflib

            close = difflib.get_close_matches(value, names, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ValueError(f"'{value}' is not a known {kind}{hint}")
        return value

    return check
