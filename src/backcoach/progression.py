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
from typing import cast

from backcoach import i18n
from backcoach.catalog.models import Metric, Phase, Prescription, Range
from backcoach.history import SessionRecord
from backcoach.i18n import _, ngettext
from backcoach.profile import Profile
from backcoach.scales import ACUTE_PAIN, PAIN_MCID_POINTS
from backcoach.screening import Screening
from backcoach.terms import phase_names, phase_word
from backcoach.words import Worded, amount, date_text, decimal, plural

LADDER: tuple[Phase, ...] = ("therapeutic", "entry", "strengthening", "advanced")


def _phase_names() -> dict[Phase, str]:
    return cast(dict[Phase, str], phase_names())


# One name per phase, wherever a person reads it, in the current language at each read.
PHASE_NAMES: Worded[Phase, str] = Worded(_phase_names)

# How long, and how many completed sessions, before moving up from a phase. The entry month
# is the source's ("you do these exercises for a month"); the other figures are backcoach's
# choice, since the source gives none: two weeks of therapy before the entry month, and a
# month of the three-a-week sets before the harder work.
PROMOTION: Worded[Phase, tuple[int, int, str]] = Worded(lambda: {
    "therapeutic": (14, 6, _("backcoach's choice: two weeks and six sessions of gentle "
                             "therapy")),
    "entry": (28, 20, _("the source: the entry exercises are done daily for a month")),
    "strengthening": (28, 10, _("backcoach's choice: a month of the three-a-week sets")),
})

# The highest phase each condition allows, even after a doctor's clearance.
CAPS: Worded[str, tuple[Phase, str]] = Worded(lambda: {
    "pregnancy": ("therapeutic", _("during pregnancy the plan stays with gentle therapy")),
    "spine_flare": ("therapeutic", _("during a flare of the spine disease the plan stays "
                                     "gentle")),
    "recent_injury": ("therapeutic", _("after a recent injury the plan stays gentle")),
    "radiating_pain": ("therapeutic", _("while pain spreads down a leg the plan stays gentle")),
    "recent_birth": ("entry", _("in the months after a birth the plan goes no further than "
                                "the entry level")),
    "hernia": ("strengthening", _("with a disc hernia the harder work (hyperextension, loaded "
                                  "gym work) is left out")),
    "osteoporosis": ("strengthening", _("with osteoporosis the harder work is left out")),
    "chronic_spine_disease": ("strengthening", _("with a chronic spine disease the harder "
                                                 "work is left out")),
})

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
        return (_("was stopped for a spasm") if session.stopped_reason == "spasm" else
                _("was stopped for pain"))
    if session.pain_after is not None and session.pain_after >= ACUTE_PAIN:
        return _("left you with pain of {pain}/10").format(pain=session.pain_after)
    rise = session.pain_rise()
    if rise is not None and rise >= PAIN_RISE:
        return _("raised your pain from {before} to {after}").format(
            before=session.pain_before, after=session.pain_after)
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
    return ngettext("pain after your last {count} sessions went from {low} to {last}, a rise "
                    "that counts",
                    "pain after your last {count} sessions went from {low} to {last}, a rise "
                    "that counts", len(after)).format(count=len(after), low=low, last=last)


def _start_phase(profile: Profile, screening: Screening) -> tuple[Phase, str]:
    if any(r.cleared_on is not None for r in screening.reasons):
        return "therapeutic", _("A doctor cleared you after the screening asked for it, so "
                                "you start with gentle therapeutic exercise.")
    if profile.pain_now == "dull" and profile.pain_level >= 4:
        return "therapeutic", _("Your back aches ({level}/10): you start with the gentle "
                                "stages of exercise therapy.").format(level=profile.pain_level)
    if profile.pain_now == "dull":
        return "entry", _("Your pain is dull and mild: as the source says, this is when the "
                          "entry-level month begins.")
    return "entry", _("You start with the entry-level month: short daily morning sessions.")


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
        return PhaseDecision("rest", [_("Acute pain today: rest, no exercise.")])
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
            what = _("your last session ({date}) {what}").format(date=date_text(last.date),
                                                                 what=what)
        else:
            what = _pain_trend(_run(past, phase))
        if what is not None and index > 0:
            phase = LADDER[index - 1]
            changed = "down"
            change_text = _("A step back to {phase}: {what}. It stays gentler until your back "
                            "settles.").format(phase=PHASE_NAMES[phase], what=what)
            reasons.append(_("{what}: you step back from the {previous} phase to {phase} until "
                             "your back settles.").format(
                what=_capital(what), previous=phase_word(last.phase), phase=phase_word(phase)))
        elif what is not None:
            setback = what
            reasons.append(_("{what}: you stay with the gentlest exercises, one lighter set of "
                             "each today; if this keeps happening, see a doctor.").format(
                what=_capital(what)))
        else:
            phase, changed, why = _maybe_promote(phase, past, today)
            reasons.append(why)
            if changed == "up":
                change_text = _("You move up to {phase}: {why}").format(
                    phase=PHASE_NAMES[phase], why=why)
    if profile.pain_level >= 5 and LADDER.index(phase) > 0:
        reasons.append(_("Your pain today is {level}/10: today stays with gentle therapy.")
                       .format(level=profile.pain_level))
        phase, changed = "therapeutic", "down"
        change_text = _("Today stays with {phase}: your pain is {level}/10.").format(
            phase=PHASE_NAMES[phase], level=profile.pain_level)
    caps = dict(CAPS)
    for condition in sorted(screening.conditions):
        if condition in caps:
            cap, why = caps[condition]
            if LADDER.index(phase) > LADDER.index(cap):
                reasons.append(_("Kept at {phase}: {why}.").format(phase=phase_word(cap),
                                                                     why=why))
                phase = cap
                if changed == "up":
                    changed = change_text = None
    return PhaseDecision(phase, reasons, changed, change_text, setback)


def _capital(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}"


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
    promotion = PROMOTION.get(phase)
    if promotion is None:
        return phase, None, _("You are in the {phase} phase ({sessions} so far).").format(
            phase=phase_word(phase), sessions=plural(done, "session"))
    need_days, need_sessions, basis = promotion
    setbacks = [s for s in run if _bad(s) and (today - s.date).days <= 14]
    if days >= need_days and done >= need_sessions and not setbacks:
        following = LADDER[LADDER.index(phase) + 1]
        return following, "up", _(
            "{sessions} over {days} in the {phase} phase without your pain rising ({basis}): "
            "you move up to {following}.").format(
            sessions=plural(done, "session"), days=plural(days, "day"), phase=phase_word(phase),
            basis=basis, following=phase_word(following))
    missing = []
    if days < need_days:
        missing.append(f"{plural(need_days - days, 'more day')}")
    if done < need_sessions:
        missing.append(f"{plural(need_sessions - done, 'more session')}")
    if setbacks:
        missing.append(_("two weeks without a session that raised your pain"))
    return phase, None, _("You stay in the {phase} phase: {sessions} over {days} so far; "
                          "moving up needs {missing} ({basis}).").format(
        phase=phase_word(phase), sessions=plural(done, "session"), days=plural(days, "day"),
        missing=_(" and ").join(missing), basis=basis)


def describe_dose(sets: int, reps: int | None, hold: float | None, to_fatigue: bool,
                  minutes: float | None, per_side: bool) -> str:
    """Return a dose as a person reads it: "2 sets x 10 reps, hold 5 s, per side"."""
    parts = []
    if reps is not None:
        parts.append(plural(reps, "rep"))
    if hold is not None:
        parts.append(_("hold {seconds} s").format(seconds=amount(hold)))
    if to_fatigue:
        parts.append(_("hold as long as you comfortably can"))
    if minutes is not None:
        parts.append(_("{minutes} min").format(minutes=amount(minutes)))
    text = ", ".join(parts)
    if sets > 1:
        text = ngettext("{sets} sets x {dose}", "{sets} sets x {dose}", sets).format(
            sets=sets, dose=text)
    return text + (_(", per side") if per_side else "")


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
                why = _("Last time went well, so today is the top of the source's range.")
    elif last is not None:
        why = _("Last time your back protested, so today stays at the low end.")
    if progression is not None:
        metric = progression.metric
        step = progression.step or DEFAULT_STEP[metric]
        low, high = progression.start.low, progression.target.high
        previous = _metric_done(last, exercise, metric) if last else None
        if previous is None:
            value = low
            why = _("First time: the source's starting figure ({start}).").format(
                start=_span(progression.start))
        elif _bad(last):  # type: ignore[arg-type]
            value = max(low, previous - step)
            why = _("Last time raised your pain: one step back from {previous}.").format(
                previous=decimal(previous))
        else:
            value = min(high, previous + step)
            why = _("Last time you did {previous} without more pain: +{step} today.").format(
                previous=decimal(previous), step=decimal(step))
        if progression.after_weeks is not None and sessions:
            first = sessions[0].date
            weeks = (today - first).days / 7
            ceiling = low + (high - low) * min(1.0, weeks / progression.after_weeks)
            if value > ceiling:
                value = max(low, ceiling)
                why = _("Kept to an even climb: {start} -> {target} over about {weeks} "
                        "weeks.").format(start=_span(progression.start),
                                         target=_span(progression.target),
                                         weeks=decimal(progression.after_weeks))
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
                why=_("Lighter today, one set at the start of the range: {why}.").format(why=why))


def _span(figures: Range) -> str:
    """Return a range of the catalog as written in the current language ("8-10"; "8–10")."""
    if i18n.current() == i18n.DEFAULT:
        return str(figures)
    if figures.low == figures.high:
        return decimal(figures.low)
    return f"{decimal(figures.low)}–{decimal(figures.high)}"
