"""A doctor's clearance: a dated record of exactly which findings a doctor has seen.

Usage::

    clearance = Clearance(date=date(2026, 3, 2), covers=["condition.hernia"])
    screen(profile, catalog, [clearance], today=date(2026, 11, 30))

A clearance lifts only the findings it lists (screening reason codes such as
``red_flag.fever_or_chills`` or ``condition.hernia``): a finding reported after it is not
covered. A serious red flag needs a clearance from the last :data:`SERIOUS_VALID_DAYS`
days; an emergency sign is never lifted (see :mod:`backcoach.screening`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import date, timedelta

from pydantic import Field

from backcoach._strict import StrictModel
from backcoach.limits import Id, Note

# A serious red flag (possible cancer, infection, fracture) is looked at again after a
# year: backcoach's choice, as NICE NG59 gives no interval; a careful one, since these
# signs can change.
SERIOUS_VALID_DAYS = 365


class Clearance(StrictModel):
    """A doctor's clearance to exercise, as the person recorded it."""

    date: dt.date = Field(description="The day the doctor saw the person.")
    note: Note | None = Field(default=None,
                             description="Who cleared the person, and what they said.")
    covers: list[Id] = Field(
        default=[], max_length=100,
        description="The findings the doctor saw: the screening reason codes present in the "
        "answers when it was recorded (e.g. condition.hernia, red_flag.fever_or_chills).")


def covering(clearances: Sequence[Clearance], code: str, *, today: date,
             serious: bool) -> Clearance | None:
    """Return the newest clearance that lifts ``code`` on ``today``, or None.

    One dated after ``today`` lifts nothing; for a ``serious`` finding one older than
    :data:`SERIOUS_VALID_DAYS` lifts nothing either.
    """
    oldest = today - timedelta(days=SERIOUS_VALID_DAYS) if serious else date.min
    found = [c for c in clearances if code in c.covers and oldest <= c.date <= today]
    return max(found, key=lambda c: c.date, default=None)


def latest(clearances: Sequence[Clearance], *, today: date) -> Clearance | None:
    """Return the newest clearance dated ``today`` or earlier, or None."""
    return max((c for c in clearances if c.date <= today), key=lambda c: c.date, default=None)
