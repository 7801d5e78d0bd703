"""The progress as the history page shows it: a few facts in words, and one chart per
question, each led by a line of words and backed by a table of its numbers.

    view = progress_view(progress)
    view.facts    # [("Sessions", "12 sessions since 2 Mar (10 completed, 2 stopped)"), ...]
    view.charts   # ChartViews: pain, sessions per week, one per top exercise, function

The questions, in order: is my pain going down (pain before and after sessions and at
check-ins, 7-day averages); do I keep to the plan (sessions per week against it); am I
doing more (the dosage of the most-done exercises, a small chart each, since each has its
own unit); can I do more in daily life (the PSFS average, with the band inside which a
change is not meaningful).

Charts cover at most the last :data:`WINDOW_WEEKS` weeks, so that their points stay apart
on a phone: pain a point a day while that spans under :data:`DAILY_UP_TO` days, else a
point a week (the 7-day average on the week's last day with a value). The changes in the
lead lines are the progress's own, over the whole record; what counts as meaningful is
scales.py's (CLINICAL.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from babel.dates import format_date
from markupsafe import Markup

from backcoach import i18n
from backcoach.charts import TOP_EXERCISES, dosage_metric
from backcoach.i18n import _
from backcoach.progress import Change, DosePoint, ExerciseDosage, PainDay, Progress
from backcoach.scales import PAIN_MCID_FRACTION, PAIN_MCID_POINTS, PSFS_MAX, PSFS_MCID_AVERAGE
from backcoach.terms import phase_names
from backcoach.web import svgchart
from backcoach.web.svgchart import Band, Chart, Series
from backcoach.words import amount as point_amount, number, plural

WINDOW_WEEKS = 26  # half a year: 26 weekly points fit a phone's width
DAILY_UP_TO = 56  # days: beyond, pain is drawn a point a week
NONE = "—"
PAIN_FIELDS = ("before", "after", "checkin")
# The pain a lead line speaks of: after sessions first (what a session did), if recorded.
LEAD_FIELDS = ("after", "before", "checkin")
# Texts are asked for when a page is drawn, in its language (never frozen at import).


def metrics() -> dict[str, tuple[str, str]]:
    """Return each dosage metric's (column, what the chart plots; the words of a value say
    the same)."""
    return {"reps": (_("Reps in a set"), _("the most reps in a set, each week")),
            "hold_seconds": (_("Seconds held in a set"),
                             _("the most seconds held in a set, each week")),
            "minutes": (_("Minutes in a set"), _("the most minutes in a set, each week")),
            "sets": (_("Sets in a session"), _("the most sets in a session, each week"))}


def pain_series() -> tuple[tuple[str, str], ...]:
    """Return the pain series: (field, label)."""
    return (("before", _("before sessions")), ("after", _("after sessions")),
            ("checkin", _("check-ins")))


def pain_columns() -> dict[str, str]:
    """Return the pain table's column of each series."""
    return {"before": _("Pain before sessions"), "after": _("Pain after sessions"),
            "checkin": _("Pain check-ins")}


def pain_leads() -> tuple[tuple[str, str], ...]:
    """Return the pain a lead line speaks of: (field, its name), after sessions first."""
    return (("after", _("Pain after sessions")), ("before", _("Pain before sessions")),
            ("checkin", _("Pain at check-ins")))


def amount(value: float) -> str:
    """Return a value as :func:`backcoach.words.amount` does, with the decimal comma of the
    current language where it has one ("3,5")."""
    shown = point_amount(value)
    return shown if i18n.current() == i18n.DEFAULT else shown.replace(".", ",")


@dataclass(frozen=True)
class Table:
    """The numbers of a chart, for people who cannot see it (and anyone who wants them)."""

    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class LegendItem:
    label: str
    swatch: Markup  # the series' marker and dash, hidden from screen readers


@dataclass(frozen=True)
class ChartView:
    """One chart as the page shows it; ``svg`` is None while nothing is recorded (the lead
    then says what to record)."""

    id: str
    heading: str
    lead: str
    scale: str  # what the axes read, shown small above the chart
    svg: Markup | None
    legend: list[LegendItem]
    table: Table | None


@dataclass(frozen=True)
class ProgressView:
    facts: list[tuple[str, str]]
    charts: list[ChartView]


def progress_view(progress: Progress) -> ProgressView:
    """Return the facts and the charts of ``progress`` as the history page shows them."""
    words = _Words(progress.today)
    return ProgressView(
        facts=_facts(progress, words),
        charts=[_pain(progress, words), _sessions(progress, words),
                *_dosage(progress, words), _function(progress, words)])


class _Words:
    """Dates and spans in the words of the page, relative to today's year."""

    def __init__(self, today: date) -> None:
        self.today = today

    def day(self, day: date) -> str:
        """Return "3 Mar", with the year when it is not this year's."""
        this_year = day.year == self.today.year
        if i18n.current() != i18n.DEFAULT:
            return format_date(day, format="d MMMM" if this_year else "d MMMM y",
                               locale=i18n.current())
        text = f"{day.day} {day:%b}"
        return text if this_year else f"{text} {day.year}"

    @staticmethod
    def span(first: date, last: date) -> str:
        """Return "5 days", "4 weeks" or "7 months": how long from ``first`` to ``last``."""
        days = (last - first).days
        if days < 14:
            return plural(days, "day")
        if days < 91:
            return plural(round(days / 7), "week")
        return plural(round(days / 30.44), "month")

    def change(self, label: str, change: Change, threshold: str) -> str:
        """Return "Pain after sessions: 5 → 3 over 4 weeks, a meaningful change for the
        better" (or "about the same", saying what would count)."""
        if change.meaningful and change.verdict == "better":
            verdict = _("a meaningful change for the better")
        elif change.meaningful and change.verdict == "worse":
            verdict = _("a meaningful change for the worse")
        elif change.meaningful:
            verdict = _("a meaningful change")
        else:
            verdict = _("about the same (a change under {threshold} is not meaningful)").format(
                threshold=threshold)
        return _("{label}: {first} → {latest} over {span}, {verdict}.").format(
            label=label, first=amount(change.baseline), latest=amount(change.latest),
            span=self.span(change.baseline_date, change.latest_date), verdict=verdict)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _window_start(today: date) -> date:
    """The first day the charts show: the Monday :data:`WINDOW_WEEKS` weeks back."""
    return _monday(today) - timedelta(weeks=WINDOW_WEEKS - 1)


def _view(chart: Chart, heading: str, table: Table) -> ChartView:
    legend = [LegendItem(s.label, Markup(svgchart.legend_swatch(s.style, s.kind)))
              for s in chart.series]
    return ChartView(id=chart.id, heading=heading, lead=chart.description, scale=chart.title,
                     svg=Markup(svgchart.render(chart)), legend=legend, table=table)


def _empty(chart_id: str, heading: str, lead: str) -> ChartView:
    return ChartView(id=chart_id, heading=heading, lead=lead, scale="", svg=None, legend=[],
                     table=None)


# The facts -------------------------------------------------------------------------------


def _facts(p: Progress, words: _Words) -> list[tuple[str, str]]:
    facts: list[tuple[str, str]] = []
    if p.first_session is not None:
        facts.append((_("Sessions"), _(
            "{sessions} since {date} ({completed} completed, {stopped} stopped)").format(
                sessions=plural(p.sessions, "session"), date=words.day(p.first_session),
                completed=number(p.completed), stopped=number(p.stopped))))
    s = p.streaks
    facts.append((_("Streaks"), _(
        "{weeks} in a row meeting the plan; {days} in a row with a session").format(
            weeks=plural(s.current_weeks, "week"), days=plural(s.current_days, "day"))))
    if p.phase_now is not None:
        facts.append((_("Phase"), _phase(p, words)))
    return facts


def _phase(p: Progress, words: _Words) -> str:
    names = phase_names()
    now = names.get(p.phase_now or "", p.phase_now or "")
    if not p.phase_changes:
        return now
    last = p.phase_changes[-1]
    before = names.get(last.from_phase, last.from_phase)
    how = {"up": _("a step up from {phase}"), "down": _("a step back from {phase}"),
           "other": _("after {phase}")}[last.direction].format(phase=before)
    return _("{phase}, since {date} ({how})").format(phase=now, date=words.day(last.date),
                                                     how=how)


# Pain --------------------------------------------------------------------------------------


def _pain(p: Progress, words: _Words) -> ChartView:
    heading = _("Pain")
    # Nothing in the window but older records: their last day, rather than "nothing yet".
    days = [d for d in p.pain.days if d.date >= _window_start(p.today)] or p.pain.days[-1:]
    if not days:
        return _empty("pain", heading, _(
            "No pain recorded yet: give your pain before and after each session, or record "
            "how your back is now, below."))
    weekly = (p.today - days[0].date).days >= DAILY_UP_TO
    rows = _weekly_pain(days) if weekly else days
    start = _monday(days[0].date) if weekly else days[0].date
    end = _monday(p.today) if weekly else p.today
    labels = pain_series()
    present = [(field, label) for field, label in labels
               if any(getattr(d, field) is not None for d in rows)]
    series = [Series(label, [(d.date, getattr(d, field)) for d in rows
                             if getattr(d, field) is not None], style=n)
              for n, (field, label) in enumerate(labels) if (field, label) in present]
    chart = Chart(id="pain", title=_("Pain, 7-day average: 0 = none, 10 = worst"),
                  description=_pain_lead(p, words), start=start, end=end,
                  slot_days=7 if weekly else 1, y_max=10, series=series)
    columns = pain_columns()
    table = Table(caption=(_("Pain, 7-day average at the end of each week") if weekly
                           else _("Pain, 7-day average")),
                  columns=[_("Week of") if weekly else _("Day"),
                           *(columns[field] for field, _label in present)],
                  rows=[[words.day(d.date),
                         *(_cell(getattr(d, field)) for field, _label in present)] for d in rows])
    return _view(chart, heading, table)


def _weekly_pain(days: list[PainDay]) -> list[PainDay]:
    """Return one row a week (dated its Monday): each series' last value that week."""
    weeks: dict[date, dict[str, float]] = {}
    for d in days:
        week = weeks.setdefault(_monday(d.date), {})
        for field in PAIN_FIELDS:
            value = getattr(d, field)
            if value is not None:
                week[field] = value
    return [PainDay(date=monday, before=v.get("before"), after=v.get("after"),
                    checkin=v.get("checkin")) for monday, v in weeks.items()]


def _pain_lead(p: Progress, words: _Words) -> str:
    threshold = _("{points} points or {percent} %").format(
        points=amount(PAIN_MCID_POINTS), percent=round(PAIN_MCID_FRACTION * 100))
    for field, label in pain_leads():
        change: Change | None = getattr(p.pain, field)
        if change is not None:
            return words.change(label, change, threshold)
    for field, label in pain_leads():
        last = next((d for d in reversed(p.pain.days) if getattr(d, field) is not None), None)
        if last is not None:
            return _("{label}: {value} (7-day average on {date}); a trend shows once your "
                     "records span more than a week.").format(
                         label=label, value=amount(getattr(last, field)),
                         date=words.day(last.date))
    return _("No pain recorded yet.")  # unreachable: _pain draws only with a value


def _cell(value: float | None) -> str:
    return NONE if value is None else amount(value)


# Sessions per week ------------------------------------------------------------------------


def _sessions(p: Progress, words: _Words) -> ChartView:
    heading = _("Sessions per week")
    weeks = p.adherence.weeks[-WINDOW_WEEKS:]
    if not weeks:
        return _empty("sessions", heading, _(
            "No sessions yet: each week's sessions show here against your plan."))
    series = [Series(_("done"), [(w.week_start, float(w.done)) for w in weeks], kind="bars"),
              Series(_("planned"), [(w.week_start, float(w.planned)) for w in weeks],
                     style=1)]
    chart = Chart(id="sessions", title=_("Sessions per week: done and planned"),
                  description=_sessions_lead(p), start=weeks[0].week_start,
                  end=weeks[-1].week_start, slot_days=7, series=series)
    table = Table(caption=heading, columns=[_("Week of"), _("Done"), _("Planned")],
                  rows=[[words.day(w.week_start), str(w.done), str(w.planned)]
                        for w in weeks])
    return _view(chart, heading, table)


def _sessions_lead(p: Progress) -> str:
    a = p.adherence
    now = a.this_week
    text = (_("This week: {done} of {planned}.").format(
        done=number(now.done), planned=plural(now.planned, "planned session"))
        if now is not None else "")
    if a.overall is not None:
        text += " " + _("Before it: {percent} % of planned sessions done over {weeks}, {met} "
                        "of them meeting the plan.").format(
                            percent=round(a.overall * 100),
                            weeks=plural(a.finished_weeks, "week"), met=number(a.weeks_met))
    return text.strip()


# Dosage ------------------------------------------------------------------------------------


def _dosage(p: Progress, words: _Words) -> list[ChartView]:
    top = p.dosage[:TOP_EXERCISES]
    if not top:
        return [_empty("dose-0", _("How much you do"), _(
            "No exercises recorded yet: how much you do of your most frequent exercises shows "
            "here, week by week."))]
    start = _window_start(p.today)
    return [_dose(n, dosage, [w for w in dosage.weeks if w.week_start >= start] or
                  [dosage.latest], words) for n, dosage in enumerate(top)]


def _dose(n: int, dosage: ExerciseDosage, weeks: list[DosePoint], words: _Words) -> ChartView:
    field, _metric = dosage_metric(dosage)
    column, plotted = metrics()[field]

    def value(week: DosePoint) -> float | None:
        measured: float | None = getattr(week, field)
        return measured

    name = dosage.exercise_name
    first, latest = dosage.first, dosage.latest
    if first.week_start == latest.week_start:
        lead = _("{name}: {dose}, the week of {date}.").format(
            name=name, dose=_dose_words(field, value(latest)),
            date=words.day(latest.week_start))
    else:
        lead = _("{name}: {first} → {dose} over {span} ({days} done).").format(
            name=name, first=_whole(value(first)), dose=_dose_words(field, value(latest)),
            span=words.span(first.week_start, latest.week_start),
            days=plural(dosage.days, "day"))
    points = [(w.week_start, float(v)) for w in weeks if (v := value(w)) is not None]
    title = f"{name}: {plotted}"
    chart = Chart(id=f"dose-{n}", title=title,
                  description=lead, start=weeks[0].week_start, end=weeks[-1].week_start,
                  slot_days=7, series=[Series(column, points)])
    table = Table(caption=title, columns=[_("Week of"), column, _("Days done")],
                  rows=[[words.day(w.week_start), _whole(value(w)), str(w.days)]
                        for w in weeks])
    return _view(chart, _("How much: {name}").format(name=name), table)


def _dose_words(field: str, value: float | None) -> str:
    """Return "12 reps in a set", "30 s held in a set", "12 minutes in a set" (whole
    minutes: a person does not count tenths) or "3 sets in a session"."""
    if value is None:
        return NONE
    whole = round(value)
    if field == "reps":
        return _("{reps} in a set").format(reps=plural(whole, "rep"))
    if field == "hold_seconds":
        return _("{seconds} s held in a set").format(seconds=number(whole))
    if field == "minutes":
        return _("{minutes} in a set").format(minutes=plural(whole, "minute"))
    return _("{sets} in a session").format(sets=plural(whole, "set"))


def _whole(value: float | None) -> str:
    return NONE if value is None else number(round(value))


# Function (PSFS) ---------------------------------------------------------------------------


def _function(p: Progress, words: _Words) -> ChartView:
    heading = _("Everyday activities (PSFS)")
    psfs = p.psfs
    points = [x for x in psfs.points if x.date >= _window_start(p.today)] or psfs.points[-1:]
    if not points or psfs.baseline is None:
        return _empty("psfs", heading, _(
            "No everyday activities rated yet: name the ones your back makes hard, below, and "
            "rate them."))
    if psfs.change is not None:
        lead = words.change(_("Function (PSFS average, 10 = as before)"), psfs.change,
                            _("{points} points").format(points=amount(PSFS_MCID_AVERAGE)))
    else:
        lead = _("Function (PSFS average, 10 = as before): {value} on {date}; rate the same "
                 "activities again in a week or two to see the change.").format(
                     value=amount(points[-1].average), date=words.day(points[-1].date))
    band = Band(max(psfs.baseline - psfs.mcid_average, 0),
                min(psfs.baseline + psfs.mcid_average, PSFS_MAX))
    chart = Chart(id="psfs", title=_("PSFS average: 0 = unable, 10 = as before the problem"),
                  description=lead, start=points[0].date, end=max(p.today, points[-1].date),
                  y_max=PSFS_MAX, band=band,
                  series=[Series(_("PSFS average"), [(x.date, x.average) for x in points])])
    activities = list(dict.fromkeys(a for x in points for a in x.ratings))
    table = Table(caption=_("PSFS ratings: each activity's latest rating on each day"),
                  columns=[_("Day"), _("Average"), *activities],
                  rows=[[words.day(x.date), amount(x.average),
                         *(_cell(x.ratings.get(a)) for a in activities)] for x in points])
    view = _view(chart, heading, table)
    shade = LegendItem(_("shaded: within {points} points of the first score (no meaningful "
                         "change)").format(points=amount(psfs.mcid_average)),
                       Markup(svgchart.band_swatch()))
    return replace(view, legend=[*view.legend, shade])
