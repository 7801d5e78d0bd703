"""Moments in time: kept as UTC, seen in the person's time zone.

The database keeps every moment as UTC (:class:`backcoach.store.tables.UtcDateTime`). A
person's records come back as aware datetimes in their :class:`Zone`: this computer's in
local mode, the one their account names in server mode (a patient in Vladivostok sees
their own "today", not the server's). A naive datetime handed to the store is taken as the
person's wall clock::

    zone = Zone("Europe/Moscow")
    zone.today()                          # the day it is there
    zone.attach(datetime(2026, 3, 4, 8))  # 08:00 in Moscow, aware
    zone.utc(moment)                      # naive UTC, as a column holds it

Written out (API, export: :data:`backcoach._strict.Timestamp`), a moment carries its UTC
offset (``2026-03-04T08:30:00+03:00``), as RFC 3339 and the OpenAPI "date-time" format
want; read in, one with an offset keeps it, and one without (older export files) is left
naive, for the store to take as the person's wall clock. Nothing here needs pydantic: the
command line's quick reads use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from functools import cached_property

from backcoach.errors import InvalidError
from backcoach.i18n import _

MAX_ZONE_NAME = 64
# Files of the zone database that name no place: this computer's link, a placeholder.
_NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})


# zoneinfo is imported where a named zone is needed: the command line's quick reads, in
# this computer's zone, start without it.


def zone_names() -> list[str]:
    """Return the IANA time zone names this installation knows, sorted."""
    from zoneinfo import available_timezones

    return sorted(available_timezones() - _NOT_PLACES)


def check_zone(name: str) -> str:
    """Return ``name`` when it is an IANA time zone (``Europe/Moscow``), else raise
    :class:`~backcoach.errors.InvalidError` saying what one looks like."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if not name or len(name) > MAX_ZONE_NAME or name != name.strip() or \
                name in _NOT_PLACES:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidError(_("'{zone}' is not a time zone: give its IANA name, such as "
                             "Europe/Moscow or America/New_York").format(zone=name[:80]),
                           field="time_zone") from None
    return name


@dataclass(frozen=True)
class Zone:
    """A person's time zone: an IANA name, or None for this computer's own."""

    name: str | None = None

    @cached_property
    def tzinfo(self) -> tzinfo | None:
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.name) if self.name else None

    def attach(self, value: datetime) -> datetime:
        """Return ``value`` as an aware datetime in this zone: a naive one is taken as
        this zone's wall clock, an aware one is converted."""
        try:
            if value.tzinfo is None:
                if self.tzinfo is None:
                    return value.astimezone()  # the computer's rules, summer time too
                return value.replace(tzinfo=self.tzinfo)
            return value.astimezone(self.tzinfo)
        except (OverflowError, OSError, ValueError):  # year 1 or 9999: no offset to be had
            return value if value.tzinfo else value.replace(tzinfo=UTC)

    def utc(self, value: datetime) -> datetime:
        """Return ``value`` (naive: this zone's wall clock) as naive UTC, as a column
        holds it."""
        return to_column(self.attach(value))

    def from_utc(self, value: datetime | str) -> datetime:
        """Return a column's value (naive UTC, or text on SQLite) in this zone."""
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return self.attach(moment if moment.tzinfo else moment.replace(tzinfo=UTC))

    def now(self) -> datetime:
        """Return the moment it is, in this zone, to the second."""
        return self.attach(datetime.now(UTC)).replace(microsecond=0)

    def today(self) -> date:
        """Return the day it is in this zone."""
        return self.now().date()


LOCAL = Zone()  # this computer's


def to_column(value: datetime) -> datetime:
    """Return the aware ``value`` as naive UTC, as a column keeps it; a naive one is
    refused (ValueError): whose wall clock would it be?"""
    if value.tzinfo is None:
        raise ValueError(f"{value.isoformat()} has no time zone: a column keeps UTC, so "
                         "give it one (backcoach.timestamps.Zone.attach)")
    return value.astimezone(UTC).replace(tzinfo=None)


def utc_now() -> datetime:
    """Return the moment it is, aware and in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def with_offset(value: datetime) -> str:
    """Return ``value`` in ISO 8601 with its UTC offset (a naive one: this computer's)."""
    return (value if value.tzinfo else LOCAL.attach(value)).isoformat()


__all__ = ["LOCAL", "Zone", "check_zone", "to_column", "utc_now", "with_offset",
           "zone_names"]
