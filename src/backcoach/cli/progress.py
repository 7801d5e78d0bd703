"""The progress command: adherence, streaks, pain, function, dosage and phases; charts."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import WideOpt, app, cli, fail, literal, open_store
from backcoach.cli.lang import decimal, shown_day
from backcoach.i18n import N_, _, ngettext
from backcoach.terms import phase_word
from backcoach.words import amount, plural, signed

if TYPE_CHECKING:
    from rich.table import Table

    from backcoach.progress import Change, DosePoint, Progress, ProgressData, PsfsPoint

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a summary.")]
ChartOpt = Annotated[Path | None, typer.Option(
    "--chart", metavar="FILE", help="Also draw the charts (pain, adherence, dosage, PSFS) to "
    "FILE.svg or FILE.png.")]
TOP_EXERCISES = 5
AllOpt = Annotated[bool, typer.Option("--all", help=N_(
    "Every exercise's dosage, not only the {count} done most.", count=str(TOP_EXERCISES)))]


@app.command()
def progress(as_json: JsonOpt = False, chart: ChartOpt = None, show_all: AllOpt = False,
             wide: WideOpt = False) -> None:
    """Show your progress: adherence, streaks, pain, function, dosage and phase changes."""
    if chart is not None:  # a wrong file name fails before anything is read
        from backcoach.charts import ChartError, chart_format

        try:
            chart_format(chart)
        except ChartError as exc:
            fail(str(exc))
    from backcoach.cli.lang import exercise_names
    from backcoach.progress import progress_json, progress_of

    result = progress_of(_progress_data(), exercise_names(), date.today())
    if chart is not None:
        from backcoach.charts import ChartError, write_chart

        try:
            write_chart(result, chart)
        except ChartError as exc:
            fail(str(exc))
        typer.echo(_("Charts written to {file}.").format(file=chart), err=as_json)
    if as_json:
        # As print_json writes it (indent 2), written by hand: json's indenting encoder is
        # pure Python and five times slower on years of data.
        sys.stdout.write(progress_json(result) + "\n")
        return
    _render(result, show_all=show_all)


def _progress_data() -> ProgressData:
    """Read the progress rows: straight from an up-to-date SQLite file when there is one
    (no SQLAlchemy to import: a third of the time), else through the Store, which creates
    or upgrades the database first and says so."""
    from backcoach.store.progress_rows import read_sqlite
    from backcoach.store.settings import LOCAL_USER, sqlite_file

    path = sqlite_file(cli().settings.database_url)
    data = read_sqlite(path, LOCAL_USER) if path is not None else None
    return data if data is not None else open_store().progress_data()


def _change(change: Change | None, threshold: str, so_far: str) -> str:
    """Return a change in words; without one yet, ``so_far`` (what there is)."""
    if change is None:
        return so_far
    verdicts = {"better": _("better"), "worse": _("worse"),
                "about the same": _("about the same")}
    text = (_("{before} -> {after}: {verdict} ({change}; meaningful, at least {threshold}) "
              "from {start} to {end}") if change.meaningful else
            _("{before} -> {after}: {verdict} ({change}; under {threshold}) from {start} to "
              "{end}"))
    return text.format(before=decimal(amount(change.baseline)),
                       after=decimal(amount(change.latest)),
                       verdict=verdicts.get(change.verdict, change.verdict),
                       change=decimal(signed(change.change)), threshold=threshold,
                       start=shown_day(change.baseline_date), end=shown_day(change.latest_date))


def _pain_so_far(p: Progress, field: str) -> str:
    """Return the latest 7-day average of one pain series, for when no change shows yet."""
    day = next(d for d in reversed(p.pain.days) if getattr(d, field) is not None)
    return _("{value} on {day} (a change shows once the records span more than a "
             "week)").format(value=decimal(amount(getattr(day, field))),
                             day=shown_day(day.date))


def _psfs_so_far(point: PsfsPoint, score: float) -> str:
    return _("{value} on {day} (a change shows after a later rating)").format(
        value=decimal(amount(score)), day=shown_day(point.date))


def _dose(point: DosePoint) -> str:
    parts = []
    if point.reps is not None:
        parts.append(plural(point.reps, "rep"))
    if point.hold_seconds is not None:
        parts.append(_("hold {seconds} s").format(seconds=decimal(amount(point.hold_seconds))))
    if point.minutes is not None:
        parts.append(_("{minutes} min").format(minutes=decimal(amount(point.minutes))))
    return _("{sets} x {dose}").format(sets=point.sets, dose=", ".join(parts)) if parts \
        else plural(point.sets, "set")


def _summary(p: Progress) -> Table:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    a, s = p.adherence, p.streaks
    if a.this_week is not None:
        plan = "" if a.plan_from_profile else " " + _("(no profile saved: 3 a week assumed)")
        overall = ("; " + _("overall {percent} of planned sessions done ({done} of {planned}) "
                            "over {weeks}, {met} met the plan").format(
            percent=_percent(a.overall), done=a.overall_done, planned=a.overall_planned,
            weeks=plural(a.finished_weeks, "finished week"), met=a.weeks_met)
            if a.overall is not None else "; " + _("no finished week yet"))
        grid.add_row(_("Adherence"), _("this week {done} of {planned} planned sessions").format(
            done=a.this_week.done, planned=a.this_week.planned) + overall + plan)
        grid.add_row(_("Streaks"), _("{weeks} in a row meeting the plan (longest {longest_weeks}); "
                                     "{days} in a row with a session (longest "
                                     "{longest_days})").format(
            weeks=plural(s.current_weeks, "week"), longest_weeks=s.longest_weeks,
            days=plural(s.current_days, "day"), longest_days=s.longest_days))
    label = _("Pain")
    for field, name in (("before", _("before sessions")), ("after", _("after sessions")),
                        ("checkin", _("check-ins"))):
        if any(getattr(day, field) is not None for day in p.pain.days):
            grid.add_row(label, _("{series}, 7-day average: ").format(series=name) + _change(
                getattr(p.pain, field), _("2 points or 30 %"), _pain_so_far(p, field)))
            label = ""
    if not p.pain.days:
        grid.add_row(label, _("nothing recorded yet ('backcoach pain N', or pain before and "
                              "after in 'backcoach log')"))
    if p.psfs.points:
        latest = p.psfs.points[-1]
        grid.add_row(_("Function"), _("PSFS average: ") + _change(
            p.psfs.change, _points(p.psfs.mcid_average),
            _psfs_so_far(latest, latest.average)))
        changes = {a.activity: a.change for a in p.psfs.activities}
        for activity, score in latest.ratings.items():
            grid.add_row("", f"{literal(activity)}: " + _change(
                changes.get(activity), _("{points} for one activity").format(
                    points=_points(p.psfs.mcid_activity)),
                _psfs_so_far(latest, score)))
    else:
        grid.add_row(_("Function"), _("no PSFS ratings yet ('backcoach psfs')"))
    if p.phase_changes:
        grid.add_row(_("Phases"), "; ".join(
            _("{before} -> {after} on {day} ({direction})").format(
                before=phase_word(c.from_phase), after=phase_word(c.to_phase),
                day=shown_day(c.date), direction=_direction(c.direction))
            for c in p.phase_changes))
    if p.phase_now is not None:
        grid.add_row("" if p.phase_changes else _("Phases"),
                     _("now {phase}").format(phase=phase_word(p.phase_now)))
    return grid


def _points(value: float) -> str:
    """Return points of a scale: "2 points", "1.5 points"; "2 балла", "1,5 балла"."""
    shown = amount(value)
    count = int(shown) if shown.isdigit() else 2  # a fraction takes the form of "2"
    return ngettext("{points} point", "{points} points", count).format(points=decimal(shown))


def _percent(share: float) -> str:
    """Return a share as a percentage: "75%"; in Russian "75 %"."""
    from backcoach.cli.lang import english

    if english():
        return f"{share:.0%}"
    from babel.numbers import format_percent

    from backcoach import i18n

    return str(format_percent(share, locale=i18n.current()))


def _direction(direction: str) -> str:
    """Return which way a phase changed: up, down, other."""
    words = {"up": _("up"), "down": _("down"), "other": _("other")}
    return words.get(direction, direction)


def _dosage(p: Progress, *, show_all: bool) -> Table:
    """Return the dosage of the exercises done most (every one with ``show_all``), then
    and now, with a caption saying how many are not shown."""
    from rich.markup import escape

    from backcoach.cli import output
    from backcoach.cli.output import Column

    # The weeks compared are hidden first on a narrow terminal.
    columns = (Column(ngettext("exercise", "exercises", 1), whole=True),
               Column(_("days"), justify="right"), Column(_("first week")),
               Column(_("latest week")), Column(_("weeks"), hide=1))
    shown = p.dosage if show_all else p.dosage[:TOP_EXERCISES]
    rows = [(escape(d.exercise_name), str(d.days), escape(_dose(d.first)),
             escape(_dose(d.latest)), _("{start} to {end}").format(
                 start=d.first.week_start, end=d.latest.week_start))
            for d in shown]
    table = output.table(_("Dosage: first week and latest week of each exercise"), columns,
                         rows)
    more = len(p.dosage) - len(shown)
    if more:
        note = _("and {exercises}: 'backcoach progress --all' shows them.").format(
            exercises=plural(more, "more exercise"))
        table.caption = f"{table.caption}\n{note}" if table.caption else note
    return table


def _render(p: Progress, *, show_all: bool) -> None:
    from backcoach.cli import output

    with output.paged() as out:
        if not (p.sessions or p.pain.days or p.psfs.points):
            out.print(_("No sessions logged yet. After a session, run 'backcoach log'; "
                        "'backcoach pain N' and 'backcoach psfs' record how your back "
                        "feels."))
            return
        if p.sessions:
            out.print(_("Your progress to {today}: {sessions} since {first} ({completed} "
                        "completed, {stopped} stopped).").format(
                today=shown_day(p.today), sessions=plural(p.sessions, "session"),
                first=shown_day(p.first_session) if p.first_session else "",
                completed=p.completed, stopped=p.stopped))
        else:
            out.print(_("Your progress to {today}: no sessions logged yet.").format(
                today=shown_day(p.today)))
        out.print(_summary(p))
        if p.dosage:
            out.print(_dosage(p, show_all=show_all))
