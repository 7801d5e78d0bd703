"""What already happened today: the sessions finished, and whether another may follow.

A pure function of (history, today)::

    so_far = today_so_far(history, date.today(), catalog, again=False)
    if so_far.status == "rest_after_stop": ...

After a session stopped for pain or a spasm, no more exercise that day whatever is asked
(the source: stop at once, and see a doctor if a painful attack stopped you). After another
finished session the day is done; another session comes only when the person asks
(``again``), and not after one that was too much for the back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from backcoach._strict import StrictModel
from backcoach.catalog import Catalog
from backcoach.history import SessionRecord, StopReason
from backcoach.i18n import _
from backcoach.progress import summarize_history
from backcoach.progression import describe_dose, setback_of


class DoneExercise(StrictModel):
    """One exercise of a session finished today, as it was done."""

    exercise: str
    exercise_name: str
    sets: int
    summary: str


class DoneSession(StrictModel):
    """A session finished today: how it ended and what was done."""

    program: str | None
    completed: bool
    stopped_reason: StopReason | None
    pain_before: int | None
    pain_after: int | None
    exercises: list[DoneExercise]


# The reason of a session with nothing more to say; the skins show only other reasons. In
# English; compare a reason with ``_(READY)``: the reason is in the current language.
READY = "Today's session is ready."


@dataclass(frozen=True)
class SoFar:
    """Today so far: ``status`` None means a session may be planned."""

    status: Literal["done", "rest_after_stop"] | None
    reason: str = ""
    advice: list[str] = field(default_factory=list)
    train_again_allowed: bool = False
    done: list[DoneSession] = field(default_factory=list)


def done_today(history: list[SessionRecord], today: date,
               catalog: Catalog) -> list[DoneSession]:
    """Return the sessions finished on ``today``, each with what was done: per exercise the
    sets (a left and right pair counting once), the most reps, the longest hold and minutes,
    as progress counts them."""
    done = []
    for session in (s for s in history if s.date == today):
        doses = summarize_history([session])[1]
        performed = [e for e in session.exercises if not e.skipped]  # what doses are of
        exercises = []
        for ex, dose in zip(performed, doses, strict=True):
            known = catalog.exercises.get(ex.exercise)
            per_side = any(one.side != "both" for one in ex.sets)
            exercises.append(DoneExercise(
                exercise=ex.exercise, sets=dose.sets,
                exercise_name=known.display_name(ex.variant) if known else ex.exercise,
                summary=describe_dose(dose.sets, dose.reps, dose.hold_seconds, False,
                                      dose.minutes, per_side)))
        done.append(DoneSession(program=session.program, completed=session.completed,
                                stopped_reason=session.stopped_reason,
                                pain_before=session.pain_before,
                                pain_after=session.pain_after, exercises=exercises))
    return done


def today_so_far(history: list[SessionRecord], today: date, catalog: Catalog, *,
                 again: bool) -> SoFar:
    """Return today as done, or as a rest after a stop, or (status None) open for a session.

    After a session stopped for pain or a spasm, no more today whatever is asked. After
    another finished session, another only when asked for (``again``), and only if that one
    was not too much for the back.
    """
    todays = [s for s in history if s.date == today]
    if not todays:
        return SoFar(None)
    done = done_today(history, today, catalog)
    stopped = next((s for s in todays if s.stopped_for_pain()), None)
    if stopped is not None:
        reason = (_("You stopped today's session for a spasm: no more exercise today. Rest "
                    "and keep moving gently; the next plan holds back.")
                  if stopped.stopped_reason == "spasm" else
                  _("You stopped today's session for pain: no more exercise today. Rest and "
                    "keep moving gently; the next plan holds back."))
        return SoFar("rest_after_stop", done=done, advice=list(catalog.guidance.pain.what_to_do),
                     reason=reason)
    too_much = next((w for s in todays if (w := setback_of(s)) is not None), None)
    if too_much is not None:
        return SoFar("done", done=done, train_again_allowed=False,
                     reason=_("Today's session is done, and it {what}: no more today. Rest; the "
                              "next plan holds back.").format(what=too_much))
    if again:
        return SoFar(None, done=done)
    ended = (_("Today's session is done.") if all(s.completed for s in todays) else
             _("Today's session is over: you stopped it early, and that counts for today."))
    return SoFar("done", done=done, train_again_allowed=True,
                 reason=f"{ended} " + _("Rest and come back on your next training day, or "
                                        "train again today if you really want to."))


def planned_reason(so_far: SoFar, setback: str | None) -> str:
    """Return why today's session is as it is, in a line."""
    if so_far.done:
        return _("A second session today, as you asked: keep it easy and stop if anything "
                 "hurts.")
    if setback is not None:
        return _("Today's session is lighter than usual: {setback}.").format(setback=setback)
    return _("Today's session is ready.")
