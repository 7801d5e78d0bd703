"""Progress: adherence, streaks, pain trend, dosage over time, function (PSFS), phases.

A pure function of what a person recorded and the day it is::

    data = store.progress_data()                    # plain rows, one query per table
    progress = compute_progress(sessions=data.sessions, doses=data.doses,
                                pain_checkins=data.pain_checkins, psfs=data.psfs,
                                days_per_week=data.days_per_week, today=date.today())
    progress_json(progress)                         # what `backcoach progress --json` prints

Nothing after ``today`` counts. The definitions (README, "Progress", says the same):

- **Weeks** run Monday to Sunday. They start with the week of the first session or the
  first saved profile, whichever is earlier, and end with the week of ``today``.
- **Adherence.** *Planned* in a week is the training days a week the person's profile
  allows: ``days_per_week`` of the newest profile version saved on or before that week's
  Sunday (weeks before the first version use the first version; with no profile at all,
  the profile's default, 3, and ``plan_from_profile`` is false). Nothing else caps it.
  *Done* is the completed or stopped sessions that week. A week *meets the plan* when
  done >= planned. *Overall* adherence is over finished weeks only (those whose Sunday is
  before ``today``): the sum over those weeks of min(done, planned) divided by the sum of planned,
  so extra sessions in one week do not make up for a missed one. The week in progress is
  reported on its own as ``this_week``.
- **Streaks.** In weeks: consecutive weeks that met the plan; the current streak ends with
  this week if it has already met the plan, else with last week (a week still in progress
  does not break it). In days: consecutive calendar days with at least one session; the
  current one ends today, or yesterday when there is no session yet today.
- **Pain trend.** For each day with a pain value, the average over the 7 days ending that
  day of ``pain_before`` (and separately ``pain_after``, and the check-ins outside
  sessions). The change compares the average of the first 7 days with data (the baseline)
  with the 7-day average at the last day with data; it needs data spanning more than a
  week. A change is clinically meaningful at 2 points or 30 % of the baseline (Ostelo et
  al., Spine 2008; Childs et al., Spine 2005); smaller changes are "about the same".
- **PSFS.** The score on a date is the average, over every activity rated so far, of each
  activity's latest rating on or before that date. The change compares the activities
  rated on the first date: their average then with the average of their latest ratings.
  A change of 2 points in the average, or 3 for one activity, is meaningful (Stratford et
  al., Physiotherapy Canada 1995; Maughan & Lewis, Eur Spine J 2010, report 1.4 for the
  average in chronic low back pain, of the same order).
- **Dosage.** Per exercise and week: the most sets in one session (a set done on each
  side counts once), the most reps in a set, the longest hold and the longest minutes;
  skipped exercises do not count. Exercises come ordered by the days they were done, most
  first.
- **Phase changes.** Each session whose phase differs from the session before it: "up" or
  "down" the ladder therapeutic, entry, strengthening, advanced, "other" for rest or
  supervised.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate, pairwise
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, TypeVar

from backcoach.scales import (  # clinically meaningful changes (CLINICAL.md)
    PAIN_MCID_FRACTION,
    PAIN_MCID_POINTS,
    PSFS_MCID_ACTIVITY,
    PSFS_MCID_AVERAGE,
)

if TYPE_CHECKING:
    # Not at run time: both import pydantic (~130 ms), which `backcoach progress --json`
    # does without (a test keeps it so).
    from backcoach.history import SessionRecord

# When no profile was ever saved: the profile's own default (Profile.days_per_week; a test
# keeps them equal), not read from it: importing the profile would load pydantic.
DEFAULT_DAYS_PER_WEEK = 3
WINDOW_DAYS = 7
# progression.LADDER (a test keeps them equal), not imported: it would load the screening.
LADDER = ("therapeutic", "entry", "strengthening", "advanced")
_EPSILON = 1e-9
_Number = TypeVar("_Number", int, float)

Verdict = Literal["better", "worse", "about the same"]
Direction = Literal["up", "down", "other"]


# Inputs: plain rows, as the store's progress query returns them ------------------------


class SessionSummary(NamedTuple):
    """A finished session without its sets."""

    date: date
    phase: str
    completed: bool
    pain_before: int | None
    pain_after: int | None


class DoseSummary(NamedTuple):
    """How much of one exercise was done in one session."""

    date: date
    exercise: str
    sets: int
    reps: int | None
    hold_seconds: float | None
    minutes: float | None


class PainReading(NamedTuple):
    at: datetime
    pain: int


class PsfsReading(NamedTuple):
    activity: str
    date: date
    score: int


class PlanSetting(NamedTuple):
    """A profile version's training days a week, from the day it was saved."""

    since: date
    days_per_week: int


@dataclass(frozen=True)
class ProgressData:
    """Everything :func:`compute_progress` reads, as the store returns it."""

    sessions: list[SessionSummary]
    doses: list[DoseSummary]
    pain_checkins: list[PainReading]
    psfs: list[PsfsReading]
    days_per_week: list[PlanSetting]


def summarize_history(
    records: Iterable[SessionRecord],
) -> tuple[list[SessionSummary], list[DoseSummary]]:
    """Return the session and dose rows of a history read from a file or built in memory."""
    sessions: list[SessionSummary] = []
    doses: list[DoseSummary] = []
    for r in records:
        sessions.append(SessionSummary(r.date, r.phase, r.completed, r.pain_before,
                                       r.pain_after))
        for done in r.exercises:
            if done.skipped:
                continue
            sides = {"both": 0, "left": 0, "right": 0}
            for one in done.sets:
                sides[one.side] += 1
            doses.append(DoseSummary(
                r.date, done.exercise, sides["both"] + max(sides["left"], sides["right"]),
                _max(s.reps for s in done.sets), _max(s.hold_seconds for s in done.sets),
                _max(s.minutes for s in done.sets)))
    return sessions, doses


# The answer: plain frozen records, built only here (nothing to validate) -----------------


class _Record:
    """The base of the answer's records: no fields, only what FastAPI documents of them."""

    __slots__ = ()
    # Read by pydantic when FastAPI makes these the API's response schema (nothing here
    # imports it): as the pydantic models were, they say no other key comes.
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class WeekAdherence(_Record):
    week_start: date  # the Monday
    planned: int
    done: int
    met: bool
    ratio: float  # done / planned, 2 decimals (may exceed 1)


@dataclass(frozen=True, slots=True)
class Adherence(_Record):
    weeks: list[WeekAdherence]
    this_week: WeekAdherence | None
    overall: float | None  # finished weeks: sum(min(done, planned)) / sum(planned)
    overall_done: int
    overall_planned: int
    finished_weeks: int
    weeks_met: int
    plan_from_profile: bool


@dataclass(frozen=True, slots=True)
class Streaks(_Record):
    current_weeks: int
    longest_weeks: int
    current_days: int
    longest_days: int


@dataclass(frozen=True, slots=True)
class Change(_Record):
    """A score then and now, and whether the difference is clinically meaningful."""

    baseline: float
    baseline_date: date
    latest: float
    latest_date: date
    change: float  # latest - baseline
    meaningful: bool
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class PainDay(_Record):
    """7-day averages ending on ``date`` (None when that series has no value in the window)."""

    date: dt.date  # spelled so: the slot named date hides datetime.date here
    before: float | None
    after: float | None
    checkin: float | None


@dataclass(frozen=True, slots=True)
class PainTrend(_Record):
    days: list[PainDay]
    before: Change | None
    after: Change | None
    checkin: Change | None
    mcid_points: float
    mcid_fraction: float


@dataclass(frozen=True, slots=True)
class PsfsPoint(_Record):
    date: dt.date  # spelled so: the slot named date hides datetime.date here
    average: float
    ratings: dict[str, int]  # each activity's latest rating on or before ``date``


@dataclass(frozen=True, slots=True)
class ActivityChange(_Record):
    activity: str
    change: Change


@dataclass(frozen=True, slots=True)
class Psfs(_Record):
    points: list[PsfsPoint]
    baseline: float | None  # the first score, the centre of the chart's band
    change: Change | None
    activities: list[ActivityChange]
    mcid_average: float
    mcid_activity: float


@dataclass(frozen=True, slots=True)
class DosePoint(_Record):
    week_start: date
    days: int
    sets: int
    reps: int | None
    hold_seconds: float | None
    minutes: float | None


@dataclass(frozen=True, slots=True)
class ExerciseDosage(_Record):
    exercise: str
    exercise_name: str
    days: int
    first: DosePoint
    latest: DosePoint
    weeks: list[DosePoint]


@dataclass(frozen=True, slots=True)
class PhaseChange(_Record):
    date: dt.date  # spelled so: the slot named date hides datetime.date here
    from_phase: str
    to_phase: str
    direction: Direction


@dataclass(frozen=True, slots=True)
class Progress(_Record):
    """A person's progress up to ``today``."""

    today: date
    sessions: int
    completed: int
    stopped: int
    first_session: date | None
    last_session: date | None
    phase_now: str | None
    adherence: Adherence
    streaks: Streaks
    pain: PainTrend
    psfs: Psfs
    dosage: list[ExerciseDosage]
    phase_changes: list[PhaseChange]


# The computation -----------------------------------------------------------------------


def compute_progress(
    *,
    sessions: Sequence[SessionSummary],
    doses: Sequence[DoseSummary] = (),
    pain_checkins: Sequence[PainReading] = (),
    psfs: Sequence[PsfsReading] = (),
    days_per_week: Sequence[PlanSetting] = (),
    today: date,
    exercise_names: Mapping[str, str] | None = None,
) -> Progress:
    """Return the person's :class:`Progress` up to ``today`` (see the module docstring)."""
    done = sorted((s for s in sessions if s.date <= today), key=lambda s: s.date)
    settings = sorted(days_per_week, key=lambda p: p.since)
    adherence = _adherence(done, settings, today)
    return Progress(
        today=today,
        sessions=len(done),
        completed=sum(1 for s in done if s.completed),
        stopped=sum(1 for s in done if not s.completed),
        first_session=done[0].date if done else None,
        last_session=done[-1].date if done else None,
        phase_now=done[-1].phase if done else None,
        adherence=adherence,
        streaks=_streaks(adherence, {s.date for s in done}, today),
        pain=_pain_trend(done, [p for p in pain_checkins if p.at.date() <= today]),
        psfs=_psfs([r for r in psfs if r.date <= today]),
        dosage=_dosage([d for d in doses if d.date <= today], exercise_names or {}),
        phase_changes=_phase_changes(done),
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _r2(value: float) -> float:
    return round(value + 0.0, 2)


def _max(values: Iterable[_Number | None]) -> _Number | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _monday_ordinal(ordinal: int) -> int:
    """Return the Monday of a day's week, both as ``date.toordinal()`` numbers."""
    return ordinal - (ordinal + 6) % 7  # (ordinal + 6) % 7 is date.weekday()


def _adherence(done: list[SessionSummary], settings: list[PlanSetting],
               today: date) -> Adherence:
    starts = [d for d in (done[0].date if done else None,
                          settings[0].since if settings else None) if d is not None]
    if not starts or min(starts) > today:
        return Adherence(weeks=[], this_week=None, overall=None, overall_done=0,
                         overall_planned=0, finished_weeks=0, weeks_met=0,
                         plan_from_profile=bool(settings))
    per_week = Counter([_monday_ordinal(s.date.toordinal()) for s in done])
    weeks: list[WeekAdherence] = []
    monday, this_monday = _monday(min(starts)), _monday(today)
    index = 0  # the newest setting saved on or before the current week's Sunday
    while monday <= this_monday:
        sunday = monday + timedelta(days=6)
        while index + 1 < len(settings) and settings[index + 1].since <= sunday:
            index += 1
        planned = settings[index].days_per_week if settings else DEFAULT_DAYS_PER_WEEK
        count = per_week.get(monday.toordinal(), 0)
        weeks.append(WeekAdherence(week_start=monday, planned=planned, done=count,
                                   met=count >= planned,
                                   ratio=_r2(count / planned) if planned else 0.0))
        monday += timedelta(days=7)
    finished = weeks[:-1]  # the last week is today's, still in progress
    planned_sum = sum(w.planned for w in finished)
    done_sum = sum(min(w.done, w.planned) for w in finished)
    return Adherence(
        weeks=weeks, this_week=weeks[-1],
        overall=_r2(done_sum / planned_sum) if planned_sum else None,
        overall_done=done_sum, overall_planned=planned_sum, finished_weeks=len(finished),
        weeks_met=sum(1 for w in finished if w.met), plan_from_profile=bool(settings))


def _runs(flags: list[bool]) -> tuple[int, int]:
    """Return (the run of True ending at the last flag, the longest run)."""
    longest = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return run, longest


def _streaks(adherence: Adherence, days: set[date], today: date) -> Streaks:
    met = [w.met for w in adherence.weeks]
    if met and not met[-1]:
        met = met[:-1]  # this week is not over: it cannot break the streak yet
    current_weeks, _ = _runs(met)
    _, longest_weeks = _runs([w.met for w in adherence.weeks])
    current_days = 0
    day = today if today in days else today - timedelta(days=1)
    while day in days:
        current_days += 1
        day -= timedelta(days=1)
    longest_days = run = 0
    previous = -1  # no ordinal follows it
    for ordinal in sorted([d.toordinal() for d in days]):
        run = run + 1 if ordinal - previous == 1 else 1
        longest_days = max(longest_days, run)
        previous = ordinal
    return Streaks(current_weeks=current_weeks, longest_weeks=longest_weeks,
                   current_days=current_days, longest_days=longest_days)


def _by_day(pairs: Iterable[tuple[date, int | None]]) -> dict[int, tuple[int, int]]:
    """Return day (as an ordinal) -> (sum, count) of the values present."""
    out: dict[int, tuple[int, int]] = {}
    for day, value in pairs:
        if value is not None:
            key = day.toordinal()
            total, count = out.get(key, (0, 0))
            out[key] = (total + value, count + 1)
    return out


def _windows(series: dict[int, tuple[int, int]], days: list[int]) -> list[float | None]:
    """Return the average over the 7 days ending at each of ``days`` (ordinals)."""
    if not days:
        return []
    # Running sums over every day from a week before the first: the window ending at the
    # i-th day adds up to totals[i] - totals[i - 7]. (A span of years is a few thousand.)
    start = min(min(days), min(series, default=days[0])) - WINDOW_DAYS
    size = max(max(days), max(series, default=days[0])) - start + 1
    totals, counts = [0] * size, [0] * size
    for day, (total, count) in series.items():
        totals[day - start] = total
        counts[day - start] = count
    totals, counts = list(accumulate(totals)), list(accumulate(counts))
    return [(totals[i] - totals[i - WINDOW_DAYS]) / n
            if (n := counts[i] - counts[i - WINDOW_DAYS]) else None
            for i in [day - start for day in days]]


def verdict_words(verdict: Verdict) -> str:
    """Return a change's verdict as a person reads it, in the current language ("better";
    "лучше"): the verdict itself is a value of the answer, the same in every language."""
    from backcoach.i18n import _

    return {"better": _("better"), "worse": _("worse"),
            "about the same": _("about the same")}[verdict]


def _verdict(change: float, meaningful: bool, *, higher_is_better: bool) -> Verdict:
    if not meaningful:
        return "about the same"
    return "better" if (change > 0) == higher_is_better else "worse"


def _pain_change(series: dict[int, tuple[int, int]]) -> Change | None:
    if not series:
        return None
    first, last = min(series), max(series)
    if last - first < WINDOW_DAYS:
        return None  # the two windows would overlap: not enough to call a trend
    total = count = 0
    for day, (day_total, day_count) in series.items():
        if day - first < WINDOW_DAYS:
            total += day_total
            count += day_count
    baseline = _r2(total / count)
    latest = _r2(_windows(series, [last])[0] or 0.0)
    change = _r2(latest - baseline)
    meaningful = abs(change) >= PAIN_MCID_POINTS - _EPSILON or (
        baseline > 0 and abs(change) >= PAIN_MCID_FRACTION * baseline - _EPSILON)
    return Change(baseline=baseline, baseline_date=date.fromordinal(first), latest=latest,
                  latest_date=date.fromordinal(last), change=change, meaningful=meaningful,
                  verdict=_verdict(change, meaningful, higher_is_better=False))


def _pain_trend(done: list[SessionSummary], checkins: list[PainReading]) -> PainTrend:
    series = (_by_day((s.date, s.pain_before) for s in done),
              _by_day((s.date, s.pain_after) for s in done),
              _by_day((p.at.date(), p.pain) for p in checkins))
    days = sorted(series[0].keys() | series[1].keys() | series[2].keys())
    # Rounded as _r2 does, inline: thousands of days.
    before, after, checkin = ([None if v is None else round(v + 0.0, 2) for v in
                               _windows(one, days)] for one in series)
    pain_days = [PainDay(date=date.fromordinal(day), before=b, after=a, checkin=c)
                 for day, b, a, c in zip(days, before, after, checkin, strict=True)]
    return PainTrend(days=pain_days, before=_pain_change(series[0]),
                     after=_pain_change(series[1]), checkin=_pain_change(series[2]),
                     mcid_points=PAIN_MCID_POINTS, mcid_fraction=PAIN_MCID_FRACTION)


def _psfs_change(baseline: float, first: date, latest: float, last: date,
                 mcid: float) -> Change:
    change = _r2(latest - baseline)
    meaningful = abs(change) >= mcid - _EPSILON
    return Change(baseline=_r2(baseline), baseline_date=first, latest=_r2(latest),
                  latest_date=last, change=change, meaningful=meaningful,
                  verdict=_verdict(change, meaningful, higher_is_better=True))


def _psfs(readings: list[PsfsReading]) -> Psfs:
    by_date: dict[date, dict[str, int]] = defaultdict(dict)
    for r in readings:  # in the order rated: a later rating the same day wins
        by_date[r.date][r.activity] = r.score
    points: list[PsfsPoint] = []
    state: dict[str, int] = {}
    first_rated: dict[str, tuple[date, int]] = {}
    last_rated: dict[str, tuple[date, int]] = {}
    for day in sorted(by_date):
        for activity, score in by_date[day].items():
            state[activity] = score
            first_rated.setdefault(activity, (day, score))
            last_rated[activity] = (day, score)
        points.append(PsfsPoint(date=day, average=_r2(sum(state.values()) / len(state)),
                                ratings=dict(state)))
    change = None
    activities: list[ActivityChange] = []
    if len(points) > 1:
        first, last = points[0], points[-1]
        base = first.ratings
        change = _psfs_change(sum(base.values()) / len(base), first.date,
                              sum(last.ratings[a] for a in base) / len(base), last.date,
                              PSFS_MCID_AVERAGE)
        for activity, (day0, score0) in first_rated.items():
            day1, score1 = last_rated[activity]
            if day1 > day0:
                activities.append(ActivityChange(activity=activity, change=_psfs_change(
                    score0, day0, score1, day1, PSFS_MCID_ACTIVITY)))
    return Psfs(points=points, baseline=points[0].average if points else None, change=change,
                activities=activities, mcid_average=PSFS_MCID_AVERAGE,
                mcid_activity=PSFS_MCID_ACTIVITY)


def _dosage(doses: list[DoseSummary], names: Mapping[str, str]) -> list[ExerciseDosage]:
    # (exercise, Monday's ordinal) -> [days, sets, reps, hold, minutes]: the most of each in
    # the week (two blocks of the same exercise in one day count as the bigger one). Inline
    # comparisons, no calls: years of doses.
    weekly: dict[tuple[str, int], list[Any]] = {}
    mondays: dict[date, int] = {}
    for day, exercise, sets, reps, hold, minutes in doses:
        monday = mondays.get(day)
        if monday is None:
            monday = mondays[day] = _monday_ordinal(day.toordinal())
        week = weekly.get((exercise, monday))
        if week is None:
            weekly[exercise, monday] = [{day}, sets, reps, hold, minutes]
            continue
        week[0].add(day)
        if sets > week[1]:
            week[1] = sets
        if reps is not None and (week[2] is None or reps > week[2]):
            week[2] = reps
        if hold is not None and (week[3] is None or hold > week[3]):
            week[3] = hold
        if minutes is not None and (week[4] is None or minutes > week[4]):
            week[4] = minutes
    points: dict[str, list[DosePoint]] = defaultdict(list)
    for (exercise, monday), (days, sets, reps, hold, minutes) in sorted(weekly.items()):
        points[exercise].append(DosePoint(week_start=date.fromordinal(monday), days=len(days),
                                          sets=sets, reps=reps, hold_seconds=hold,
                                          minutes=minutes))
    out = [ExerciseDosage(exercise=exercise, exercise_name=names.get(exercise, exercise),
                          days=sum(p.days for p in weeks), first=weeks[0], latest=weeks[-1],
                          weeks=weeks)
           for exercise, weeks in points.items()]
    out.sort(key=lambda e: (-e.days, e.exercise))
    return out


def _direction(before: str, after: str) -> Direction:
    if before in LADDER and after in LADDER:
        return "up" if LADDER.index(after) > LADDER.index(before) else "down"
    return "other"


def _phase_changes(done: list[SessionSummary]) -> list[PhaseChange]:
    changes = []
    for previous, session in pairwise(done):
        if session.phase != previous.phase:
            changes.append(PhaseChange(date=session.date, from_phase=previous.phase,
                                       to_phase=session.phase,
                                       direction=_direction(previous.phase, session.phase)))
    return changes


# JSON ----------------------------------------------------------------------------------
# Written by hand, record by record: the text pydantic's ``model_dump_json(indent=2)`` gave
# (keys in field order, dates as YYYY-MM-DD, UTF-8 unescaped), without importing it. A test
# holds it equal to json.dumps of dataclasses.asdict, so a field added and not written here
# fails it.


def progress_json(progress: Progress) -> str:
    """Return ``progress`` as JSON text, indented by 2: what `backcoach progress --json` prints."""
    p = progress
    return (
        '{\n'
        f'  "today": {_day(p.today)},\n'
        f'  "sessions": {p.sessions},\n'
        f'  "completed": {p.completed},\n'
        f'  "stopped": {p.stopped},\n'
        f'  "first_session": {_day(p.first_session)},\n'
        f'  "last_session": {_day(p.last_session)},\n'
        f'  "phase_now": {_text(p.phase_now)},\n'
        f'  "adherence": {_adherence_json(p.adherence)},\n'
        f'  "streaks": {_streaks_json(p.streaks)},\n'
        f'  "pain": {_pain_json(p.pain)},\n'
        f'  "psfs": {_psfs_json(p.psfs)},\n'
        f'  "dosage": {_items([_dosage_json(d) for d in p.dosage], "  ")},\n'
        f'  "phase_changes": {_items([_phase_json(c) for c in p.phase_changes], "  ")}\n'
        '}')


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _day(value: date | None) -> str:
    return "null" if value is None else f'"{value.isoformat()}"'


def _int(value: int | None) -> str:
    return "null" if value is None else str(value)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _float(value: float | None) -> str:
    if value is None:
        return "null"
    text = repr(value)
    if "e" in text or "n" in text:  # an exponent, inf or nan: rare, written as pydantic does
        return _float_rare(value, text)
    return text


def _float_rare(value: float, text: str) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return "null"
    # Big ones as Python writes them (1e+16); small ones Python writes 1.5e-05 and 1e-06,
    # pydantic 0.000015 and 1e-6.
    mantissa, exponent = text.split("e")
    power = int(exponent)
    if power > 0:
        return text
    if power == -5:
        sign, digits = ("-", mantissa[1:]) if mantissa.startswith("-") else ("", mantissa)
        return f"{sign}0.0000{digits.replace('.', '')}"
    return f"{mantissa}e{power}"


def _items(texts: list[str], pad: str) -> str:
    """Return a list of JSON texts (each already indented for ``pad`` + 2) as a JSON array."""
    if not texts:
        return "[]"
    inner = pad + "  "
    return f"[\n{inner}" + f",\n{inner}".join(texts) + f"\n{pad}]"


def _week_json(w: WeekAdherence | None, pad: str) -> str:
    if w is None:
        return "null"
    return (f'{{\n{pad}  "week_start": "{w.week_start.isoformat()}",\n'
            f'{pad}  "planned": {w.planned},\n{pad}  "done": {w.done},\n'
            f'{pad}  "met": {_bool(w.met)},\n{pad}  "ratio": {_float(w.ratio)}\n{pad}}}')


def _adherence_json(a: Adherence) -> str:
    return (
        '{\n'
        f'    "weeks": {_items([_week_json(w, "      ") for w in a.weeks], "    ")},\n'
        f'    "this_week": {_week_json(a.this_week, "    ")},\n'
        f'    "overall": {_float(a.overall)},\n'
        f'    "overall_done": {a.overall_done},\n'
        f'    "overall_planned": {a.overall_planned},\n'
        f'    "finished_weeks": {a.finished_weeks},\n'
        f'    "weeks_met": {a.weeks_met},\n'
        f'    "plan_from_profile": {_bool(a.plan_from_profile)}\n'
        '  }')


def _streaks_json(s: Streaks) -> str:
    return (f'{{\n    "current_weeks": {s.current_weeks},\n'
            f'    "longest_weeks": {s.longest_weeks},\n'
            f'    "current_days": {s.current_days},\n'
            f'    "longest_days": {s.longest_days}\n  }}')


def _change_json(c: Change | None, pad: str) -> str:
    if c is None:
        return "null"
    return (f'{{\n{pad}  "baseline": {_float(c.baseline)},\n'
            f'{pad}  "baseline_date": "{c.baseline_date.isoformat()}",\n'
            f'{pad}  "latest": {_float(c.latest)},\n'
            f'{pad}  "latest_date": "{c.latest_date.isoformat()}",\n'
            f'{pad}  "change": {_float(c.change)},\n'
            f'{pad}  "meaningful": {_bool(c.meaningful)},\n'
            f'{pad}  "verdict": {encode_basestring(c.verdict)}\n{pad}}}')


def _pain_day_json(d: PainDay) -> str:
    return (f'{{\n        "date": "{d.date.isoformat()}",\n'
            f'        "before": {_float(d.before)},\n'
            f'        "after": {_float(d.after)},\n'
            f'        "checkin": {_float(d.checkin)}\n      }}')


def _pain_json(p: PainTrend) -> str:
    return (
        '{\n'
        f'    "days": {_items([_pain_day_json(d) for d in p.days], "    ")},\n'
        f'    "before": {_change_json(p.before, "    ")},\n'
        f'    "after": {_change_json(p.after, "    ")},\n'
        f'    "checkin": {_change_json(p.checkin, "    ")},\n'
        f'    "mcid_points": {_float(p.mcid_points)},\n'
        f'    "mcid_fraction": {_float(p.mcid_fraction)}\n'
        '  }')


def _psfs_point_json(p: PsfsPoint) -> str:
    if p.ratings:
        ratings = ("{\n" + ",\n".join(f'          {encode_basestring(k)}: {v}'
                                      for k, v in p.ratings.items()) + "\n        }")
    else:
        ratings = "{}"
    return (f'{{\n        "date": "{p.date.isoformat()}",\n'
            f'        "average": {_float(p.average)},\n'
            f'        "ratings": {ratings}\n      }}')


def _activity_json(a: ActivityChange) -> str:
    return (f'{{\n        "activity": {encode_basestring(a.activity)},\n'
            f'        "change": {_change_json(a.change, "        ")}\n      }}')


def _psfs_json(p: Psfs) -> str:
    return (
        '{\n'
        f'    "points": {_items([_psfs_point_json(x) for x in p.points], "    ")},\n'
        f'    "baseline": {_float(p.baseline)},\n'
        f'    "change": {_change_json(p.change, "    ")},\n'
        f'    "activities": {_items([_activity_json(a) for a in p.activities], "    ")},\n'
        f'    "mcid_average": {_float(p.mcid_average)},\n'
        f'    "mcid_activity": {_float(p.mcid_activity)}\n'
        '  }')


def _dose_json(d: DosePoint, pad: str) -> str:
    return (f'{{\n{pad}  "week_start": "{d.week_start.isoformat()}",\n'
            f'{pad}  "days": {d.days},\n{pad}  "sets": {d.sets},\n'
            f'{pad}  "reps": {_int(d.reps)},\n'
            f'{pad}  "hold_seconds": {_float(d.hold_seconds)},\n'
            f'{pad}  "minutes": {_float(d.minutes)}\n{pad}}}')


def _dosage_json(e: ExerciseDosage) -> str:
    weeks = _items([_dose_json(w, "        ") for w in e.weeks], "      ")
    return (f'{{\n      "exercise": {encode_basestring(e.exercise)},\n'
            f'      "exercise_name": {encode_basestring(e.exercise_name)},\n'
            f'      "days": {e.days},\n'
            f'      "first": {_dose_json(e.first, "      ")},\n'
            f'      "latest": {_dose_json(e.latest, "      ")},\n'
            f'      "weeks": {weeks}\n    }}')


def _phase_json(c: PhaseChange) -> str:
    return (f'{{\n      "date": "{c.date.isoformat()}",\n'
            f'      "from_phase": {encode_basestring(c.from_phase)},\n'
            f'      "to_phase": {encode_basestring(c.to_phase)},\n'
            f'      "direction": {encode_basestring(c.direction)}\n    }}')


def progress_of(data: ProgressData, exercise_names: dict[str, str], today: date) -> Progress:
    """Return the progress of the rows the store read (:meth:`Store.progress_data`, or the
    command line's straight SQLite read, :func:`backcoach.store.progress_rows.read_sqlite`)."""
    return compute_progress(sessions=data.sessions, doses=data.doses,
                            pain_checkins=data.pain_checkins, psfs=data.psfs,
                            days_per_week=data.days_per_week, today=today,
                            exercise_names=exercise_names)
