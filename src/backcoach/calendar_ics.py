"""The plan's training days as an iCalendar file, each with a reminder.

Pure: plans in, bytes out::

    plans = training_plans(profile, history, date(2026, 12, 1), weeks=4, catalog=catalog)
    data = calendar_ics(plans, catalog=catalog, start=time(8, 0), reminder_minutes=15,
                        generated_at=datetime.now(timezone.utc))
    Path("backcoach.ics").write_bytes(data)

Every training day is one event at the chosen time (floating: the phone's own time zone),
as long as the session is estimated to take, named after its program, with the session's
exercises and doses in the description and a display alarm before it. Each event's UID is
made of the user and the day only, so importing a newer file updates the same events
instead of adding copies; SEQUENCE grows with the time the file is made, so calendars take
the newer version.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from backcoach.catalog import Catalog
from backcoach.clearance import Clearance
from backcoach.history import SessionRecord
from backcoach.i18n import _
from backcoach.planner import Plan, make_plan
from backcoach.profile import Profile
from backcoach.terms import block_names, phase_word
from backcoach.words import amount

PRODID = "-//backcoach//training calendar//EN"
# A session shorter than this still gets a visible slot in the calendar.
MIN_EVENT_MINUTES = 5


def training_plans(profile: Profile, history: list[SessionRecord], start: date, *,
                   weeks: int, catalog: Catalog,
                   clearances: Sequence[Clearance] = ()) -> list[Plan]:
    """Return the plans of the training days from ``start`` for ``weeks`` weeks.

    Each day is planned as :func:`backcoach.planner.make_plan` would plan it with today's
    history, so programs that alternate by week and phases that end on a date show up on
    the right days. Empty when the screening allows no exercise.
    """
    plans = []
    for offset in range(weeks * 7):
        plan = make_plan(profile, history, start + timedelta(days=offset), catalog,
                         clearances=clearances)
        if plan.training_today and plan.today.items:
            plans.append(plan)
    return plans


def event_uid(day: date, user: str) -> str:
    """Return the stable UID of the training event of ``user`` on ``day``."""
    slug = re.sub(r"[^a-z0-9]+", "-", user.casefold()).strip("-") or "user"
    return f"training-{day:%Y%m%d}-{slug}@backcoach"


def _program_names(plan: Plan, catalog: Catalog) -> str:
    names = [catalog.programs[p].name if p in catalog.programs else p for p in plan.programs]
    return " + ".join(names) or _("Training")


def _description(plan: Plan, catalog: Catalog) -> str:
    """The event's text, in the current language (the catalog given is in it too)."""
    phase = phase_word(plan.phase) if plan.phase is not None else ""
    lines = [_("{programs}, about {minutes} min (phase: {phase}).").format(
        programs=_program_names(plan, catalog),
        minutes=amount(plan.today.estimated_minutes), phase=phase)]
    for block, title in block_names().items():
        items = [f"{i.exercise_name} {i.dose_text}" for i in plan.today.items
                 if i.block == block]
        if items:
            lines.append(f"{title}: " + "; ".join(items) + ".")
    lines.append(_("Stop at once on sharp pain or a spasm. Details: backcoach plan --date "
                   "{day}").format(day=plan.date))
    return "\n".join(lines)


def calendar_ics(plans: list[Plan], *, catalog: Catalog, start: time = time(8, 0),
                 reminder_minutes: int = 15, generated_at: datetime,
                 user: str = "local") -> bytes:
    """Return an iCalendar file (bytes) with one event and one reminder per plan.

    ``start`` is the local time of day of every session; ``reminder_minutes`` how long
    before it the phone reminds (0: at the start); ``generated_at`` (aware, any zone) is
    the DTSTAMP and sets the SEQUENCE.
    """
    if reminder_minutes < 0:
        raise ValueError(f"reminder_minutes must be 0 or more, not {reminder_minutes}")
    if generated_at.tzinfo is None:
        raise ValueError("generated_at needs a time zone, e.g. datetime.now(timezone.utc)")
    stamp = generated_at.astimezone(UTC)
    sequence = int(stamp.timestamp()) // 60  # grows with every newer file
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("backcoach training"))
    for plan in plans:
        if not plan.today.items:
            continue
        begins = datetime.combine(plan.date, start)
        minutes = max(MIN_EVENT_MINUTES, math.ceil(plan.today.estimated_minutes))
        title = _("Back exercises: {programs}").format(programs=_program_names(plan, catalog))
        event = Event()
        event.add("uid", event_uid(plan.date, user))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=minutes))
        event.add("summary", title)
        event.add("description", _description(plan, catalog))
        event.add("categories", ["backcoach"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("{title} in {minutes} min").format(
            title=title, minutes=reminder_minutes) if reminder_minutes else title)
        alarm.add("trigger", timedelta(minutes=-reminder_minutes))
        event.add_component(alarm)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
