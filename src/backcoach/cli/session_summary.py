"""The end of a session in the terminal: what was done, how the back felt, the streak and
what comes next, completed or stopped.

    lines = summary(store, catalog, stored, minutes=8.2)

Nothing is computed twice: the sets are the stored session's, the streak is
:func:`backcoach.coach.progress`'s and what comes next is the plan
:func:`backcoach.coach.plan` makes now that the session is saved (a rest after a stop for
pain, or the next training day of its week).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from backcoach.cli.lang import stop_reason, weekday_and_day
from backcoach.i18n import _
from backcoach.words import plural

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.history import SessionRecord
    from backcoach.planner import Plan
    from backcoach.progress import Streaks
    from backcoach.store import Store, StoredSession


def summary(store: Store, catalog: Catalog, stored: StoredSession, *,
            minutes: float) -> list[str]:
    """Return the summary lines of session ``stored``, which took ``minutes`` here."""
    from backcoach import coach

    today = date.today()
    streaks = coach.progress(store, catalog, today).streaks
    try:
        following = what_next(coach.plan(store, catalog, today))
    except coach.NoProfileError:
        following = ""
    return summary_lines(stored.record, minutes=minutes, streaks=streaks, following=following)


def summary_lines(record: SessionRecord, *, minutes: float, streaks: Streaks,
                  following: str) -> list[str]:
    """Return the summary of ``record``: one line each for what, pain, streak and next."""
    sets = sum(len(done.sets) for done in record.exercises)
    what = _("{exercises}, {sets} in {time}").format(
        exercises=plural(len(record.exercises), "exercise"), sets=plural(sets, "set"),
        time=_minutes(minutes))
    lines = [_("Stopped ({reason}) after {what}. What you did is saved.").format(
                 reason=stop_reason(record.stopped_reason), what=what)
             if record.stopped_reason else
             _("Session saved: {what}. Well done.").format(what=what)]
    lines.append(_("Pain: {pain}").format(pain=_pain(record.pain_before, record.pain_after)))
    days = plural(streaks.current_days, "day")
    # No week met yet: nothing to boast of.
    lines.append(_("Streak: {days} in a row, {weeks} meeting your plan.").format(
        days=days, weeks=plural(streaks.current_weeks, "week")) if streaks.current_weeks
        else _("Streak: {days} in a row.").format(days=days))
    if following:
        lines.append(_("Coming next: {what}").format(what=following))
    return lines


def what_next(plan: Plan) -> str:
    """Return what the plan made after the session says comes next, in a sentence."""
    day = plan.today
    if day.status == "not_allowed":
        return plan.screening.headline
    if day.status == "rest_after_stop":
        return day.reason
    coming = next((entry for entry in plan.week if entry.training and entry.date > plan.date),
                  None)
    if coming is None:
        return _("no training day in the coming week; 'backcoach plan' says why.")
    return _("your next session is on {day}.").format(
        day=weekday_and_day(coming.date, coming.weekday))


def _minutes(minutes: float) -> str:
    if minutes < 1:
        return _("under a minute")
    return plural(round(minutes), "minute")


def _pain(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return _("not given.")
    said = _("{before} before, {after} after").format(
        before=before if before is not None else _("not given"),
        after=after if after is not None else _("not given"))
    if before is None or after is None or before == after:
        return said + "."
    change = after - before
    return said + " (" + (_("{points} less") if change < 0 else _("{points} more")).format(
        points=abs(change)) + ")."
