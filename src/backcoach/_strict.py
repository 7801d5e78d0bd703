"""The base of every backcoach data model: unknown fields are errors, values are frozen."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer, WithJsonSchema

from backcoach.timestamps import with_offset


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


# A moment in a model: written out with its UTC offset (see backcoach.timestamps).
Timestamp = Annotated[
    datetime,
    PlainSerializer(with_offset, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time",
                    "description": "A moment with its UTC offset: the person's time zone "
                                   "when written by backcoach; read in without one, the "
                                   "person's local time."}),
]
