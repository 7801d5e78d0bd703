"""Progress: adherence, streaks, pain trend, dosage over time, function (PSFS), phases.

A pure function of what a person recorded and the day it is::

    data = store.progress_data()                    # plain rows, one query per table
    progress = compute_progress(sessions=data.sessions, doses=data.doses,
                                pain_checkins=data.pain_checkins, psfs=data.psfs,
                                days_per_week=data.days_per_week, today=date.today())
    progress.model_dump(mode="json")                # what `backcoach progress --json` prints

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

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any, Literal, NamedTuple, TypeVar

from backcoach._strict import StrictModel
from backcoach.history import SessionRecord
from backcoach.profile import Profile

# Clinically meaningful changes (CLINICAL.md).
PAIN_MCID_POINTS = 2.0  # Ostelo et al. 2008; Childs et al. 2005 (smallest detectable change)
PAIN_MCID_FRACTION = 0.30  # Ostelo et al. 2008: 30 % of the starting value
PSFS_MCID_AVERAGE = 2.0  # Stratford et al. 1995
PSFS_MCID_ACTIVITY = 3.0  # Stratford et al. 1995
# When no profile was ever saved: the profile's own default.
DEFAULT_DAYS_PER_WEEK: int = Profile.model_fields["days_per_week"].default
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


# The answer ----------------------------------------------------------------------------


class WeekAdherence(StrictModel):
    week_start: date  # the Monday
    planned: int
    done: int
    met: bool
    ratio: float  # done / planned, 2 decimals (may exceed 1)


class Adherence(StrictModel):
    weeks: list[WeekAdherence]
    this_week: WeekAdherence | None
    overall: float | None  # finished weeks: sum(min(done, planned)) / sum(planned)
    overall_done: int
    overall_planned: int
    finished_weeks: int
    weeks_met: int
    plan_from_profile: bool


class Streaks(StrictModel):
    current_weeks: int
    longest_weeks: int
    current_days: int
    longest_days: int


class Change(StrictModel):
    """A score then and now, and whether the difference is clinically meaningful."""

    baseline: float
    baseline_date: date
    latest: float
    latest_date: date
    change: float  # latest - baseline
    meaningful: bool
    verdict: Verdict


class PainDay(StrictModel):
    """7-day averages ending on ``date`` (None when that series has no value in the window)."""

    date: date
    before: float | None
    after: float | None
    checkin: float | None


class PainTrend(StrictModel):
    days: list[PainDay]
    before: Change | None
    after: Change | None
    checkin: Change | None
    mcid_points: float
    mcid_fraction: float


class PsfsPoint(StrictModel):
    date: date
    average: float
    ratings: dict[str, int]  # each activity's latest rating on or before ``date``


class ActivityChange(StrictModel):
    activity: str
    change: Change


class Psfs(StrictModel):
    points: list[PsfsPoint]
    baseline: float | None  # the first score, the centre of the chart's band
    change: Change | None
    activities: list[ActivityChange]
    mcid_average: float
    mcid_activity: float


class DosePoint(StrictModel):
    week_start: date
    days: int
    sets: int
    reps: int | None
    hold_seconds: float | None
    minutes: float | None


class ExerciseDosage(StrictModel):
    exercise: str
    exercise_name: str
    days: int
    first: DosePoint
    latest: DosePoint
    weeks: list[DosePoint]


class PhaseChange(StrictModel):
    date: date
    from_phase: str
    to_phase: str
    direction: Direction


class Progress(StrictModel):
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


def _adherence(done: list[SessionSummary], settings: list[PlanSetting],
               today: date) -> Adherence:
    starts = [d for d in (done[0].date if done else None,
                          settings[0].since if settings else None) if d is not None]
    if not starts or min(starts) > today:
        return Adherence(weeks=[], this_week=None, overall=None, overall_done=0,
                         overall_planned=0, finished_weeks=0, weeks_met=0,
                         plan_from_profile=bool(settings))
    per_week: dict[date, int] = defaultdict(int)
    for s in done:
        per_week[_monday(s.date)] += 1
    weeks: list[WeekAdherence] = []
    monday, this_monday = _monday(min(starts)), _monday(today)
    index = 0  # the newest setting saved on or before the current week's Sunday
    while monday <= this_monday:
        sunday = monday + timedelta(days=6)
        while index + 1 < len(settings) and settings[index + 1].since <= sunday:
            index += 1
        planned = settings[index].days_per_week if settings else DEFAULT_DAYS_PER_WEEK
        count = per_week.get(monday, 0)
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
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest_days = max(longest_days, run)
        previous = day
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
    """Return the average over the 7 days ending at each of ``days`` (ascending ordinals)."""
    keys = sorted(series)
    out: list[float | None] = []
    total = count = low = high = 0  # the window holds keys[low:high]
    for day in days:
        while high < len(keys) and keys[high] <= day:
            total += series[keys[high]][0]
            count += series[keys[high]][1]
            high += 1
        while low < high and keys[low] <= day - WINDOW_DAYS:
            total -= series[keys[low]][0]
            count -= series[keys[low]][1]
            low += 1
        out.append(total / count if count else None)
    return out


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
    before, after, checkin = (_windows(one, days) for one in series)
    pain_days = [PainDay(date=date.fromordinal(day),
                         before=None if b is None else _r2(b),
                         after=None if a is None else _r2(a),
                         checkin=None if c is None else _r2(c))
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


def _bigger(a: _Number | None, b: _Number | None) -> _Number | None:
    return b if a is None else a if b is None else max(a, b)


def _dosage(doses: list[DoseSummary], names: Mapping[str, str]) -> list[ExerciseDosage]:
    # exercise -> week -> [days, sets, reps, hold, minutes]: the most of each in the week
    # (two blocks of the same exercise in one day count as the bigger one).
    weekly: dict[str, dict[date, list[Any]]] = defaultdict(dict)
    mondays: dict[date, date] = {}
    for d in doses:
        monday = mondays.get(d.date)
        if monday is None:
            monday = mondays[d.date] = _monday(d.date)
        week = weekly[d.exercise].get(monday)
        if week is None:
            weekly[d.exercise][monday] = [{d.date}, d.sets, d.reps, d.hold_seconds, d.minutes]
        else:
            week[0].add(d.date)
            week[1] = max(week[1], d.sets)
            week[2] = _bigger(week[2], d.reps)
            week[3] = _bigger(week[3], d.hold_seconds)
            week[4] = _bigger(week[4], d.minutes)
    out = []
    for exercise, weeks in weekly.items():
        points = [DosePoint(week_start=monday, days=len(days), sets=sets, reps=reps,
                            hold_seconds=hold, minutes=minutes)
                  for monday, (days, sets, reps, hold, minutes) in sorted(weeks.items())]
        out.append(ExerciseDosage(exercise=exercise, exercise_name=names.get(exercise, exercise),
                                  days=sum(p.days for p in points), first=points[0],
                                  latest=points[-1], weeks=points))
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
