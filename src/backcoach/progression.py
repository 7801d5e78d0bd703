"""Where a person stands and what today's numbers are, from their own record.

Two pure questions, both answered with the reasons a person is shown:

- :func:`decide_phase`: rest, therapeutic, entry, strengthening or advanced, from the
  screening, the profile and the sessions logged so far;
- :func:`dose_for`: today's reps, hold seconds, minutes and sets for one program item,
  progressed from what the log shows the person last did and how their back took it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from backcoach.catalog.models import Metric, Phase, Prescription, Range
from backcoach.history import SessionRecord
from backcoach.profile import Profile
from backcoach.scales import ACUTE_PAIN, PAIN_MCID_POINTS
from backcoach.screening import Screening
from backcoach.words import amount, plural

LADDER: tuple[Phase, ...] = ("therapeutic", "entry", "strengthening", "advanced")
# One name per phase, wherever a person reads it.
PHASE_NAMES: dict[Phase, str] = {
    "rest": "Rest", "therapeutic": "Therapeutic (stages I-II)", "entry": "Entry month",
    "strengthening": "Strengthening", "advanced": "Advanced",
    "supervised": "Supervised (stages III-IV)"}

# How long, and how many completed sessions, before moving up from a phase. The entry month
# is the source's ("you do these exercises for a month"); the other figures are backcoach's
# choice, since the source gives none: two weeks of therapy before the entry month, and a
# month of the three-a-week sets before the harder work.
PROMOTION: dict[Phase, tuple[int, int, str]] = {
    "therapeutic": (14, 6, "backcoach's choice: two weeks and six sessions of gentle therapy"),
    "entry": (28, 20, "the source: the entry exercises are done daily for a month"),
    "strengthening": (28, 10, "backcoach's choice: a month of the three-a-week sets"),
}

# The highest phase each condition allows, even after a doctor's clearance.
CAPS: dict[str, tuple[Phase, str]] = {
    "pregnancy": ("therapeutic", "during pregnancy the plan stays with gentle therapy"),
    "spine_flare": ("therapeutic", "during a flare of the spine disease the plan stays gentle"),
    "recent_injury": ("therapeutic", "after a recent injury the plan stays gentle"),
    "radiating_pain": ("therapeutic", "while pain spreads down a leg the plan stays gentle"),
    "recent_birth": ("entry", "in the months after a birth the plan goes no further than the "
                     "entry level"),
    "hernia": ("strengthening", "with a disc hernia the harder work (hyperextension, loaded "
               "gym work) is left out"),
    "osteoporosis": ("strengthening", "with osteoporosis the harder work is left out"),
    "chronic_spine_disease": ("strengthening", "with a chronic spine disease the harder work "
                              "is left out"),
}

PAIN_RISE = PAIN_MCID_POINTS  # a rise this big after sessions steps the plan back
TREND_SESSIONS = 3  # pain after sessions is compared over the last this-many in a phase
DEFAULT_STEP: dict[Metric, float] = {"reps": 2, "hold_seconds": 5, "minutes": 1, "sets": 1}


@dataclass(frozen=True)
class PhaseDecision:
    phase: Phase
    reasons: list[str]
    changed: str | None = None  # "up", "down" or None, said plainly in the reasons
    change_text: str | None = None  # the change in words, for a notice
    setback: str | None = None  # what went wrong last time, when the plan holds back


def _bad(session: SessionRecord) -> bool:
    """Return True when the session was too much: stopped for pain or a spasm, pain after
    it at the acute level, or pain after 2 or more points above pain before."""
    return setback_of(session) is not None


def setback_of(session: SessionRecord) -> str | None:
    """Return what made the session too much, in words ("was stopped for a spasm"), or
    None when it went well."""
    if session.stopped_for_pain():
        return "was stopped for " + ("a spasm" if session.stopped_reason == "spasm" else "pain")
    if session.pain_after is not None and session.pain_after >= ACUTE_PAIN:
        return f"left you with pain of {session.pain_after}/10"
    rise = session.pain_rise()
    if rise is not None and rise >= PAIN_RISE:
        return f"raised your pain from {session.pain_before} to {session.pain_after}"
    return None


def _pain_trend(run: list[SessionRecord]) -> str | None:
    """Return the rise of pain after the last sessions of a run, in words, when the latest
    is 2 points or more (the meaningful change on the 0-10 scale) above the lowest of the
    ones before it, else None."""
    after = [s.pain_after for s in run if s.pain_after is not None][-TREND_SESSIONS:]
    if len(after) < 2:
        return None
    low, last = min(after[:-1]), after[-1]
    if last - low < PAIN_RISE:
        return None
    return (f"pain after your last {len(after)} sessions went from {low} to {last}, a rise "
            "that counts")


def _start_phase(profile: Profile, screening: Screening) -> tuple[Phase, str]:
    if any(r.cleared_on is not None for r in screening.reasons):
        return "therapeutic", ("A doctor cleared you after the screening asked for it, so "
                               "you start with gentle therapeutic exercise.")
    if profile.pain_now == "dull" and profile.pain_level >= 4:
        return "therapeutic", (f"Your back aches ({profile.pain_level}/10): you start with "
                               "the gentle stages of exercise therapy.")
    if profile.pain_now == "dull":
        return "entry", ("Your pain is dull and mild: as the source says, this is when the "
                         "entry-level month begins.")
    return "entry", "You start with the entry-level month: short daily morning sessions."


def decide_phase(
    profile: Profile, screening: Screening, history: list[SessionRecord], today: date
) -> PhaseDecision:
    """Return today's phase with its reasons.

    The phase of the last logged session is the starting point. A setback moves the person
    one phase down, or, in the gentlest phase, keeps them there with a lighter session
    (``setback`` says why): the last session stopped for pain or spasm, ended at acute pain,
    or raised the pain by 2 points or more, or pain after the last sessions of the phase
    rose by 2 or more. Enough time and completed sessions in a phase without a setback move
    them one up. Conditions cap how high the phase may go.
    """
    if screening.verdict == "rest":
        return PhaseDecision("rest", ["Acute pain today: rest, no exercise."])
    past = [s for s in history if s.date <= today and s.phase in LADDER]
    reasons: list[str] = []
    changed: str | None = None
    change_text: str | None = None
    setback: str | None = None
    if not past:
        phase, why = _start_phase(profile, screening)
        reasons.append(why)
    else:
        last = past[-1]
        phase = last.phase
        index = LADDER.index(phase)
        what = setback_of(last)
        if what is not None:
            what = f"your last session ({last.date}) {what}"
        else:
            what = _pain_trend(_run(past, phase))
        if what is not None and index > 0:
            phase = LADDER[index - 1]
            changed = "down"
            change_text = (f"A step back to {PHASE_NAMES[phase]}: {what}. It stays gentler "
                           "until your back settles.")
            reasons.append(f"{what[0].upper()}{what[1:]}: you step back from the {last.phase} "
                           f"phase to {phase} until your back settles.")
        elif what is not None:
            setback = what
            reasons.append(f"{what[0].upper()}{what[1:]}: you stay with the gentlest exercises, "
                           "one lighter set of each today; if this keeps happening, see a "
                           "doctor.")
        else:
            phase, changed, why = _maybe_promote(phase, past, today)
            reasons.append(why)
            if changed == "up":
                change_text = f"You move up to {PHASE_NAMES[phase]}: {why}"
    if profile.pain_level >= 5 and LADDER.index(phase) > 0:
        reasons.append(f"Your pain today is {profile.pain_level}/10: today stays with gentle "
                       "therapy.")
        phase, changed = "therapeutic", "down"
        change_text = (f"Today stays with {PHASE_NAMES[phase]}: your pain is "
                       f"{profile.pain_level}/10.")
    for condition in sorted(screening.conditions):
        if condition in CAPS:
            cap, why = CAPS[condition]
            if LADDER.index(phase) > LADDER.index(cap):
                reasons.append(f"Kept at {cap}: {why}.")
                phase = cap
                if changed == "up":
                    changed = change_text = None
    return PhaseDecision(phase, reasons, changed, change_text, setback)


def _run(past: list[SessionRecord], phase: Phase) -> list[SessionRecord]:
    """Return the latest sessions in a row done in ``phase``, oldest first."""
    run = []
    for session in reversed(past):
        if session.phase != phase:
            break
        run.append(session)
    run.reverse()
    return run


def _maybe_promote(
    phase: Phase, past: list[SessionRecord], today: date
) -> tuple[Phase, str | None, str]:
    run = _run(past, phase)
    days = (today - run[0].date).days
    done = sum(1 for s in run if s.completed)
    if phase not in PROMOTION:
        return phase, None, f"You are in the {phase} phase ({plural(done, 'session')} so far)."
    need_days, need_sessions, basis = PROMOTION[phase]
    setbacks = [s for s in run if _bad(s) and (today - s.date).days <= 14]
    if days >= need_days and done >= need_sessions and not setbacks:
        following = LADDER[LADDER.index(phase) + 1]
        return following, "up", (
            f"{plural(done, 'session')} over {plural(days, 'day')} in the {phase} phase "
            "without your pain rising "
            f"({basis}): you move up to {following}.")
    missing = []
    if days < need_days:
        missing.append(f"{plural(need_days - days, 'more day')}")
    if done < need_sessions:
        missing.append(f"{plural(need_sessions - done, 'more session')}")
    if setbacks:
        missing.append("two weeks without a session that raised your pain")
    return phase, None, (f"You stay in the {phase} phase: {plural(done, 'session')} over "
                         f"{plural(days, 'day')} so far; moving up needs "
                         f"{' and '.join(missing)} ({basis}).")


def describe_dose(sets: int, reps: int | None, hold: float | None, to_fatigue: bool,
                  minutes: float | None, per_side: bool) -> str:
    """Return a dose as a person reads it: "2 sets x 10 reps, hold 5 s, per side"."""
    parts = []
    if reps is not None:
        parts.append(plural(reps, "rep"))
    if hold is not None:
        parts.append(f"hold {amount(hold)} s")
    if to_fatigue:
        parts.append("hold as long as you comfortably can")
    if minutes is not None:
        parts.append(f"{amount(minutes)} min")
    text = ", ".join(parts)
    if sets > 1:
        text = f"{sets} sets x {text}"
    return text + (", per side" if per_side else "")


@dataclass(frozen=True)
class Dose:
    """Today's concrete numbers for one item, and how they were reached."""

    sets: int
    reps: int | None
    hold_seconds: int | None
    minutes: float | None
    why: str | None


def _metric_done(session: SessionRecord, exercise: str, metric: Metric) -> float | None:
    for done in session.exercises:
        if done.exercise != exercise or done.skipped:
            continue
        if metric == "sets":
            return len(done.sets)
        values = [getattr(s, metric) for s in done.sets if getattr(s, metric) is not None]
        return max(values) if values else None
    return None


def _whole(value: float) -> int:
    return math.floor(value + 1e-9)


def dose_for(
    exercise: str, dose: Prescription, history: list[SessionRecord], today: date
) -> Dose:
    """Return today's numbers for ``exercise`` given its prescription and the log.

    With a progression: start at its start; after a good session (completed, pain not up
    by 2 or more) add one step to what was last done; after a bad one take a step back;
    never below the start or above the target, and where the source gives a time
    ("after a month") no faster than an even climb over that time. Without a progression,
    a range ("8-10") starts at its low end and moves to the high end after a good session.
    """
    sessions = [s for s in history if s.date < today
                and any(e.exercise == exercise and not e.skipped for e in s.exercises)]
    last = sessions[-1] if sessions else None
    values: dict[Metric, float | None] = {
        "sets": dose.sets.low,
        "reps": dose.reps.low if dose.reps else None,
        "hold_seconds": dose.hold_seconds.low if dose.hold_seconds else None,
        "minutes": dose.minutes.low if dose.minutes else None,
    }
    why: str | None = None
    ranges: dict[Metric, Range | None] = {"sets": dose.sets, "reps": dose.reps,
                                          "hold_seconds": dose.hold_seconds,
                                          "minutes": dose.minutes}
    progression = dose.progression
    if last is not None and not _bad(last):
        for metric, rng in ranges.items():
            if rng is not None and rng.high > rng.low and (
                    progression is None or progression.metric != metric):
                values[metric] = rng.high
                why = "Last time went well, so today is the top of the source's range."
    elif last is not None:
        why = "Last time your back protested, so today stays at the low end."
    if progression is not None:
        metric = progression.metric
        step = progression.step or DEFAULT_STEP[metric]
        low, high = progression.start.low, progression.target.high
        previous = _metric_done(last, exercise, metric) if last else None
        if previous is None:
            value = low
            why = f"First time: the source's starting figure ({progression.start})."
        elif _bad(last):  # type: ignore[arg-type]
            value = max(low, previous - step)
            why = f"Last time raised your pain: one step back from {previous:g}."
        else:
            value = min(high, previous + step)
            why = f"Last time you did {previous:g} without more pain: +{step:g} today."
        if progression.after_weeks is not None and sessions:
            first = sessions[0].date
            weeks = (today - first).days / 7
            ceiling = low + (high - low) * min(1.0, weeks / progression.after_weeks)
            if value > ceiling:
                value = max(low, ceiling)
                why = (f"Kept to an even climb: {progression.start} -> {progression.target} "
                       f"over about {progression.after_weeks:g} weeks.")
        values[metric] = max(low, min(high, value))
    reps, hold, minutes = values["reps"], values["hold_seconds"], values["minutes"]
    return Dose(
        sets=max(1, _whole(values["sets"] or 1)),
        reps=None if reps is None else _whole(reps),
        hold_seconds=None if hold is None else _whole(hold),
        minutes=minutes,
        why=why,
    )


def lighter(dose: Dose, prescription: Prescription, why: str) -> Dose:
    """Return ``dose`` cut to one set at the start of its range or progression, saying
    ``why`` (after a setback the gentlest phase cannot step down from)."""
    start = {"reps": prescription.reps, "hold_seconds": prescription.hold_seconds,
             "minutes": prescription.minutes}
    if prescription.progression is not None:
        start[prescription.progression.metric] = prescription.progression.start
    low = {k: (r.low if r is not None else None) for k, r in start.items()}

    def least(value: float | None, floor: float | None) -> float | None:
        return value if value is None or floor is None else min(value, floor)

    reps, hold = least(dose.reps, low["reps"]), least(dose.hold_seconds, low["hold_seconds"])
    return Dose(sets=1, reps=None if reps is None else int(reps),
                hold_seconds=None if hold is None else int(hold),
                minutes=least(dose.minutes, low["minutes"]),
                why=f"Lighter today, one set at the start of the range: {why}.")
