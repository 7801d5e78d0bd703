"""The guided session: a timeline of steps and a state machine that walks it.

Pure and clock-free: every call takes ``now`` (seconds on any monotonic clock), so tests
drive a 40-minute session in microseconds and front ends (terminal, web) share one logic::

    timeline = build_timeline(plan.today.items, catalog)
    player = Player(timeline)
    events = player.start(now=clock())
    while not player.finished:
        events = player.tick(now=clock())     # step started, halfway, 3-2-1, step done...

Deadlines are computed from when a step started, never by counting ticks, so the session
does not drift however late or irregular the ticks are. A paused step keeps its remaining
time. Stopping for pain or spasm ends the session at once, as the source demands.

Each finished work step's ``step_done`` event carries the set as done (:func:`measure_set`):
the prescription when the step ran its time, what was actually held or counted when the
person ended it early with "done". A step done again (after "back") replaces its set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from backcoach.catalog import Catalog
from backcoach.errors import ConflictError
from backcoach.history import MAX_HOLD_SECONDS, ExerciseDone, SetDone, Side, StopReason
from backcoach.i18n import _
from backcoach.planner import PlannedItem
from backcoach.timing import (
    GET_READY_SECONDS,
    RELAX_BETWEEN_HOLDS,
    SECONDS_PER_REP,
    SWITCH_SIDE_SECONDS,
    work_seconds,
)

StepKind = Literal["get_ready", "work", "rest", "switch_side"]
State = Literal["ready", "running", "paused", "finished", "stopped"]
EventKind = Literal[
    "session_started", "step_started", "cue", "halfway", "countdown", "step_done",
    "paused", "resumed", "session_done", "session_stopped",
]

COUNTDOWN_FROM = 3


@dataclass(frozen=True)
class Beat:
    """A moment inside a step worth announcing: "Rep 3", "Hold", "Release"."""

    offset: float
    text: str


@dataclass(frozen=True)
class Step:
    """One step of the timeline. ``duration`` None means: until the person confirms."""

    index: int
    kind: StepKind
    item: int  # index of the planned item it belongs to
    exercise: str
    exercise_name: str
    variant: str | None
    title: str
    cue: str
    duration: float | None
    set_number: int = 1
    sets: int = 1
    side: Side = "both"
    reps: int | None = None
    hold_seconds: float | None = None
    minutes: float | None = None
    hold_to_fatigue: bool = False  # "hold as long as you comfortably can": no duration
    beats: tuple[Beat, ...] = ()
    changes: tuple[str, ...] = ()  # what the person's conditions change in the exercise

    @property
    def records_a_set(self) -> bool:
        return self.kind == "work"

    def prescribed(self) -> SetDone:
        """Return the set as prescribed: what a step that runs its full time records."""
        return SetDone(reps=self.reps, hold_seconds=self.hold_seconds, minutes=self.minutes,
                       side=self.side)


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> float:
        """Return the duration of the timed steps (untimed ones wait for the person)."""
        return sum(step.duration or 0.0 for step in self.steps)


def _work_beats(reps: int | None, hold: float | None, per_rep: float) -> tuple[Beat, ...]:
    if not reps or reps <= 1:
        return ()
    beats = []
    for rep in range(reps):
        start = rep * per_rep
        if hold:
            beats.append(Beat(start, _("Rep {number} of {count}: hold").format(
                number=rep + 1, count=reps)))
            beats.append(Beat(start + hold, _("Release")))
        else:
            beats.append(Beat(start, _("Rep {number} of {count}").format(number=rep + 1,
                                                                        count=reps)))
    return tuple(beats)


def build_timeline(items: Sequence[PlannedItem], catalog: Catalog, *,
                   self_paced_reps: bool = False) -> Timeline:
    """Return the steps for today's items: get ready, work, rest, switch side...

    Repetitions are paced at the exercise's tempo (or, with ``self_paced_reps``, done at
    one's own pace and confirmed); holds count down; "as long as you can" waits for the
    person to say done.
    """
    steps: list[Step] = []

    def add(**kwargs: object) -> None:
        steps.append(Step(index=len(steps), **kwargs))  # type: ignore[arg-type]

    for number, item in enumerate(items):
        ex = catalog.exercises[item.exercise]
        first_cue = ex.cues[0] if ex.cues else ex.steps[0]
        common = {"item": number, "exercise": ex.id, "exercise_name": item.exercise_name,
                  "variant": item.variant,
                  "changes": tuple(m.modification for m in item.modifications)}
        add(kind="get_ready", title=_("Get ready: {name}").format(name=item.exercise_name),
            cue=ex.steps[0],
            duration=GET_READY_SECONDS, sets=item.sets, **common)
        tempo = SECONDS_PER_REP[ex.kind]
        sides: tuple[Side, ...] = ("left", "right") if item.per_side else ("both",)
        for set_number in range(1, item.sets + 1):
            for side_index, side in enumerate(sides):
                if side_index > 0:
                    add(kind="switch_side", title=_("Switch sides"),
                        cue=_("Now the left side.") if side == "left"
                        else _("Now the right side."),
                        duration=SWITCH_SIDE_SECONDS, set_number=set_number, sets=item.sets,
                        side=side, **common)
                duration = work_seconds(ex.kind, reps=item.reps, hold_seconds=item.hold_seconds,
                                        minutes=item.minutes,
                                        hold_to_fatigue=item.hold_to_fatigue)
                per_rep = (item.hold_seconds + RELAX_BETWEEN_HOLDS if item.hold_seconds
                           else tempo)
                if self_paced_reps and item.hold_seconds is None and item.minutes is None:
                    duration = None
                label = (_("Set {number} of {count}").format(number=set_number, count=item.sets)
                         if item.sets > 1 else "")
                side_label = {"left": _("left side"), "right": _("right side")}.get(side, "")
                title = ", ".join(p for p in (item.exercise_name, label, side_label) if p)
                add(kind="work", title=title, cue=first_cue, duration=duration,
                    set_number=set_number, sets=item.sets, side=side, reps=item.reps,
                    hold_seconds=item.hold_seconds, minutes=item.minutes,
                    hold_to_fatigue=item.hold_to_fatigue,
                    beats=_work_beats(item.reps, item.hold_seconds, per_rep)
                    if duration is not None else (), **common)
            if set_number < item.sets and item.rest_seconds > 0:
                add(kind="rest", title=_("Rest"),
                    cue=_("Breathe easily and let the muscles settle."),
                    duration=float(item.rest_seconds), set_number=set_number, sets=item.sets,
                    **common)
    return Timeline(tuple(steps))


# A rep that ends exactly at its moment counts, whatever the rounding of the clock's floats.
_EPSILON = 1e-9


def _tenths(value: float) -> float:
    # Half up, as Math.floor(x + 0.5) does in the browser (round() would go half to even).
    return math.floor(value * 10 + 0.5) / 10


def _hundredths(value: float) -> float:
    return math.floor(value * 100 + 0.5) / 100


def measure_set(step: Step, held: float) -> SetDone:
    """Return the set that work ``step`` came to after ``held`` seconds (pauses not counted).

    A step that ran its full time, and self-paced reps (the person counts them), record
    the prescription. Ended early with "done", the set records what was done, never more
    than prescribed:

    - a single hold: the seconds held, to a tenth;
    - reps at the exercise's tempo: the whole reps done;
    - reps with holds (each rep a hold, then ``RELAX_BETWEEN_HOLDS``): the reps whose hold
      was completed, each the prescribed hold; with none completed, 0 reps and the part held;
    - minutes: the minutes done, to a hundredth.

    "Hold as long as you comfortably can" (no duration) records the seconds held until
    "done": a single hold as it was; with reps, the reps as prescribed and the average hold,
    ``held / reps - RELAX_BETWEEN_HOLDS`` (not below 0). Only the total time is known, and
    this splits each rep into a hold and a breath exactly as timed held reps are split, so
    a hold to fatigue and a timed hold of the same length record the same seconds.

    The twin of ``measureSet`` in web/static/player.js: change the two alike
    (tests/e2e/test_player.py compares them).
    """
    prescribed = step.prescribed()
    if step.hold_to_fatigue:
        hold = held / step.reps - RELAX_BETWEEN_HOLDS if step.reps else held
        return prescribed.model_copy(
            update={"hold_seconds": _tenths(min(max(0.0, hold), MAX_HOLD_SECONDS))})
    if step.duration is None or held >= step.duration:
        return prescribed
    if step.minutes is not None:
        return prescribed.model_copy(update={"minutes": min(step.minutes,
                                                            _hundredths(held / 60))})
    if step.reps and step.hold_seconds is not None:
        # Rep k's hold is complete at k * (hold + relax) - relax.
        per_rep = step.hold_seconds + RELAX_BETWEEN_HOLDS
        holds = min(step.reps, math.floor((held + RELAX_BETWEEN_HOLDS) / per_rep + _EPSILON))
        return prescribed.model_copy(update={
            "reps": holds,
            "hold_seconds": step.hold_seconds if holds else min(step.hold_seconds,
                                                                _tenths(held))})
    if step.reps:
        per_rep = step.duration / step.reps
        return prescribed.model_copy(
            update={"reps": min(step.reps, math.floor(held / per_rep + _EPSILON))})
    if step.hold_seconds is not None:
        return prescribed.model_copy(update={"hold_seconds": min(step.hold_seconds,
                                                                 _tenths(held))})
    return prescribed


def set_problems(step: Step, done: SetDone) -> dict[str, str]:
    """Return what is wrong with ``done`` as the set of work ``step``, by field (empty: fine).

    A set records what was done: only amounts the step has, none negative, none above the
    prescription, except the hold of a hold to fatigue, which has no prescription.
    """
    problems: dict[str, str] = {}
    prescribed = step.prescribed()
    for name in ("reps", "hold_seconds", "minutes"):
        value, limit = getattr(done, name), getattr(prescribed, name)
        to_fatigue = name == "hold_seconds" and step.hold_to_fatigue
        if value is None:
            continue
        if limit is None and not to_fatigue:
            problems[name] = _("{name}: step {index} ({title}) has no {name}").format(
                name=name, index=step.index, title=step.title)
        elif value < 0:
            problems[name] = _("{name}: {value:g} is below 0").format(name=name, value=value)
        elif limit is not None and not to_fatigue and value > limit:
            problems[name] = _("{name}: {value:g} is more than the {limit:g} prescribed for "
                               "step {index} ({title})").format(
                name=name, value=value, limit=limit, index=step.index, title=step.title)
    if done.side != step.side:
        problems["side"] = _("side: step {index} is on the {side} side, not {done}").format(
            index=step.index, side=step.side, done=done.side)
    return problems


@dataclass(frozen=True)
class Event:
    """Something a front end turns into a sound, a spoken cue or a screen change.

    A work step's ``step_done`` carries ``done``, the set as done (see :func:`measure_set`).
    """

    kind: EventKind
    at: float
    step: int | None = None
    text: str = ""
    value: int | None = None
    done: SetDone | None = None


@dataclass
class Player:
    """Walks a timeline: start, pause, resume, skip, back, done, stop; the clock is passed in."""

    timeline: Timeline
    state: State = "ready"
    index: int = 0
    step_started_at: float = 0.0
    paused_at: float | None = None
    stop_reason: StopReason | None = None
    pain_at_stop: int | None = None
    completed_steps: list[int] = field(default_factory=list)
    # The set of each work step done, by step; a step done again replaces its set.
    sets_done: dict[int, SetDone] = field(default_factory=dict)
    _announced: set[tuple[int, str, float]] = field(default_factory=set)

    @property
    def finished(self) -> bool:
        return self.state in ("finished", "stopped")

    @property
    def step(self) -> Step | None:
        steps = self.timeline.steps
        return steps[self.index] if 0 <= self.index < len(steps) else None

    def elapsed(self, now: float) -> float:
        """Seconds spent in the current step, not counting pauses."""
        if self.state == "paused" and self.paused_at is not None:
            return self.paused_at - self.step_started_at
        return max(0.0, now - self.step_started_at)

    def remaining(self, now: float) -> float | None:
        step = self.step
        if step is None or step.duration is None:
            return None
        return max(0.0, step.duration - self.elapsed(now))

    def start(self, now: float, *, at_step: int = 0) -> list[Event]:
        """Begin (or, with ``at_step``, resume a saved session) at ``now``."""
        if self.state != "ready":
            raise PlayerError(f"cannot start a session that is {self.state}")
        if not self.timeline.steps:
            self.state = "finished"
            return [Event("session_done", now)]
        self.state = "running"
        self.completed_steps = list(range(at_step))
        return [Event("session_started", now), *self._enter(at_step, now)]

    def _enter(self, index: int, at: float) -> list[Event]:
        self.index = index
        self.step_started_at = at
        step = self.step
        if step is None:
            self.state = "finished"
            return [Event("session_done", at)]
        return [Event("step_started", at, step.index, step.title)]

    def _finish_step(self, at: float, held: float) -> list[Event]:
        step = self.step
        assert step is not None
        self.completed_steps.append(step.index)
        done = None
        if step.records_a_set:
            done = self.sets_done[step.index] = measure_set(step, held)
        return [Event("step_done", at, step.index, step.title, done=done),
                *self._enter(self.index + 1, at)]

    def tick(self, now: float) -> list[Event]:
        """Advance to ``now``: emit cues, halfway, 3-2-1 and every step that ended."""
        events: list[Event] = []
        while self.state == "running" and (step := self.step) is not None:
            start = self.step_started_at
            for beat in step.beats:
                events += self._once(step, "cue", start + beat.offset, now, beat.text)
            if step.duration is None:
                break
            end = start + step.duration
            if step.duration >= 10:
                events += self._once(step, "halfway", start + step.duration / 2, now,
                                    _("Halfway"))
            for n in range(COUNTDOWN_FROM, 0, -1):
                if step.duration > n:
                    events += self._once(step, "countdown", end - n, now, str(n), value=n)
            if now < end:
                break
            # The next step starts at the deadline: no drift.
            events += self._finish_step(end, step.duration)
        return events

    def _once(self, step: Step, kind: EventKind, at: float, now: float, text: str,
              value: int | None = None) -> list[Event]:
        key = (step.index, f"{kind}:{text}", round(at - self.step_started_at, 6))
        if at > now or key in self._announced:
            return []
        self._announced.add(key)
        return [Event(kind, at, step.index, text, value)]

    def pause(self, now: float) -> list[Event]:
        if self.state != "running":
            return []
        events = self.tick(now)  # steps that ended before the pause still count as done
        if self.state != "running":
            return events
        self.state, self.paused_at = "paused", now
        return [*events, Event("paused", now, self.index)]

    def resume(self, now: float) -> list[Event]:
        if self.state != "paused" or self.paused_at is None:
            return []
        self.step_started_at += now - self.paused_at  # the step keeps its remaining time
        self.state, self.paused_at = "running", None
        return [Event("resumed", now, self.index)]

    def toggle(self, now: float) -> list[Event]:
        return self.resume(now) if self.state == "paused" else self.pause(now)

    def done(self, now: float) -> list[Event]:
        """Finish the current step now: confirm an untimed one (self-paced reps, "as long as
        you can"), or end a timed one early, its set recording what was done."""
        if self.state != "running":
            return []
        return self._finish_step(now, self.elapsed(now))

    def skip(self, now: float) -> list[Event]:
        """Leave the current exercise (all its remaining steps) for the next one."""
        if self.finished:
            return []
        step = self.step
        assert step is not None
        following = next((s.index for s in self.timeline.steps[step.index:]
                          if s.item != step.item), len(self.timeline.steps))
        self.state = "running" if self.state == "paused" else self.state
        self.paused_at = None
        return self._enter(following, now)

    def back(self, now: float) -> list[Event]:
        """Go back to the start of the current exercise, or of the previous one if at its start."""
        if self.finished:
            return []
        step = self.step
        assert step is not None
        first = next(s.index for s in self.timeline.steps if s.item == step.item)
        if step.index == first and step.item > 0:
            first = next(s.index for s in self.timeline.steps if s.item == step.item - 1)
        self.completed_steps = [i for i in self.completed_steps if i < first]
        self.state = "running" if self.state == "paused" else self.state
        self.paused_at = None
        return self._enter(first, now)

    def stop(self, now: float, reason: StopReason, pain: int | None = None) -> list[Event]:
        """End the session at once, recording why and the pain now."""
        if self.finished:
            return []
        if pain is not None and not 0 <= pain <= 10:
            raise PlayerError(_("pain is from 0 to 10, not {value}").format(value=pain))
        self.state, self.stop_reason, self.pain_at_stop = "stopped", reason, pain
        return [Event("session_stopped", now, self.index, reason)]

    def performed(self) -> list[ExerciseDone]:
        """Return what was done so far, one set per work step done, ready for the log.

        A step done again after "back" counts once, as last done; a set done before "back"
        stays done until it is done again (as the store keeps it). Steps before a resumed
        session's start count as prescribed.
        """
        done: dict[int, ExerciseDone] = {}
        steps = self.timeline.steps
        for index in sorted({*self.completed_steps, *self.sets_done}):
            step = steps[index]
            if not step.records_a_set:
                continue
            one = self.sets_done.get(index) or step.prescribed()
            if step.item in done:
                prior = done[step.item]
                done[step.item] = prior.model_copy(update={"sets": [*prior.sets, one]})
            else:
                done[step.item] = ExerciseDone(exercise=step.exercise, variant=step.variant,
                                               sets=[one])
        return [done[k] for k in sorted(done)]


class PlayerError(ConflictError, RuntimeError):
    """A player call that makes no sense in its state (e.g. start twice)."""
