"""Moments in time as the API and the export write them: with their UTC offset.

backcoach records moments as this computer's local time (a check-in at 08:30 is at 08:30
wherever the person is), without an offset. Written out, a :data:`Timestamp` carries the
local offset (``2026-03-04T08:30:00+01:00``), as RFC 3339 and the OpenAPI "date-time"
format want; read in, one with an offset is turned into local time, and one without is
taken as local time (older export files)::

    at: Timestamp
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, NaiveDatetime, PlainSerializer, WithJsonSchema


def local(value: Any) -> Any:
    """Return ``value`` as a naive local datetime when it is one (with an offset or not),
    else unchanged, for validation to say what is wrong."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)
    return value


def with_offset(value: datetime) -> str:
    """Return ``value`` (local time) in ISO 8601 with this computer's UTC offset."""
    try:
        return (value if value.tzinfo else value.astimezone()).isoformat()
    except (OverflowError, OSError, ValueError):  # year 1 or 9999: no offset can be had
        return value.isoformat()


Timestamp = Annotated[
    NaiveDatetime, BeforeValidator(local),
    PlainSerializer(with_offset, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time",
                    "description": "Local time with its UTC offset."}),
]

__all__ = ["Timestamp", "local", "with_offset"]
