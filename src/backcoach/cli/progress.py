"""The progress command: adherence, streaks, pain, function, dosage and phases; charts."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import WideOpt, app, cli, fail, literal, open_store
from backcoach.words import amount, plural, signed

if TYPE_CHECKING:
    from rich.table import Table

    from backcoach.progress import Change, DosePoint, Progress, ProgressData, PsfsPoint

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a summary.")]
ChartOpt = Annotated[Path | None, typer.Option(
    "--chart", metavar="FILE", help="Also draw the charts (pain, adherence, dosage, PSFS) to "
    "FILE.svg or FILE.png.")]
TOP_EXERCISES = 5
AllOpt = Annotated[bool, typer.Option("--all", help="Every exercise's dosage, not only the "
                                      f"{TOP_EXERCISES} done most.")]


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
        typer.echo(f"Charts written to {chart}.", err=as_json)
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
    size = "meaningful, at least" if change.meaningful else "under"
    return (f"{amount(change.baseline)} -> {amount(change.latest)}: {change.verdict} "
            f"({signed(change.change)}; {size} {threshold}) from {change.baseline_date} to "
            f"{change.latest_date}")


def _pain_so_far(p: Progress, field: str) -> str:
    """Return the latest 7-day average of one pain series, for when no change shows yet."""
    day = next(d for d in reversed(p.pain.days) if getattr(d, field) is not None)
    return (f"{amount(getattr(day, field))} on {day.date} (a change shows once the "
            "records span more than a week)")


def _psfs_so_far(point: PsfsPoint, score: float) -> str:
    return f"{amount(score)} on {point.date} (a change shows after a later rating)"


def _dose(point: DosePoint) -> str:
    parts = []
    if point.reps is not None:
        parts.append(plural(point.reps, "rep"))
    if point.hold_seconds is not None:
        parts.append(f"hold {amount(point.hold_seconds)} s")
    if point.minutes is not None:
        parts.append(f"{amount(point.minutes)} min")
    return f"{point.sets} x " + ", ".join(parts) if parts else plural(point.sets, "set")


def _summary(p: Progress) -> Table:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    a, s = p.adherence, p.streaks
    if a.this_week is not None:
        plan = "" if a.plan_from_profile else " (no profile saved: 3 a week assumed)"
        overall = (f"; overall {a.overall:.0%} of planned sessions done ({a.overall_done} of "
                   f"{a.overall_planned}) over {plural(a.finished_weeks, 'finished week')}, "
                   f"{a.weeks_met} met the plan" if a.overall is not None else
                   "; no finished week yet")
        grid.add_row("Adherence", f"this week {a.this_week.done} of {a.this_week.planned} "
                     f"planned sessions{overall}{plan}")
        grid.add_row("Streaks", f"{plural(s.current_weeks, 'week')} in a row meeting the plan "
                     f"(longest {s.longest_weeks}); {plural(s.current_days, 'day')} in a row "
                     f"with a session (longest {s.longest_days})")
    label = "Pain"
    for field, name in (("before", "before sessions"), ("after", "after sessions"),
                        ("checkin", "check-ins")):
        if any(getattr(day, field) is not None for day in p.pain.days):
            grid.add_row(label, f"{name}, 7-day average: " + _change(
                getattr(p.pain, field), "2 points or 30 %", _pain_so_far(p, field)))
            label = ""
    if not p.pain.days:
        grid.add_row(label, "nothing recorded yet ('backcoach pain N', or pain before and "
                     "after in 'backcoach log')")
    if p.psfs.points:
        latest = p.psfs.points[-1]
        grid.add_row("Function", "PSFS average: " + _change(
            p.psfs.change, f"{amount(p.psfs.mcid_average)} points",
            _psfs_so_far(latest, latest.average)))
        changes = {a.activity: a.change for a in p.psfs.activities}
        for activity, score in latest.ratings.items():
            grid.add_row("", f"{literal(activity)}: " + _change(
                changes.get(activity), f"{amount(p.psfs.mcid_activity)} points for one "
                "activity", _psfs_so_far(latest, score)))
    else:
        grid.add_row("Function", "no PSFS ratings yet ('backcoach psfs')")
    if p.phase_changes:
        grid.add_row("Phases", "; ".join(f"{c.from_phase} -> {c.to_phase} on {c.date} "
                                         f"({c.direction})" for c in p.phase_changes))
    if p.phase_now is not None:
        grid.add_row("" if p.phase_changes else "Phases", f"now {p.phase_now}")
    return grid


def _dosage(p: Progress, *, show_all: bool) -> Table:
    """Return the dosage of the exercises done most (every one with ``show_all``), then
    and now, with a caption saying how many are not shown."""
    from rich.markup import escape

    from backcoach.cli import output
    from backcoach.cli.output import Column

    # The weeks compared are hidden first on a narrow terminal.
    columns = (Column("exercise", whole=True), Column("days", justify="right"),
               Column("first week"), Column("latest week"), Column("weeks", hide=1))
    shown = p.dosage if show_all else p.dosage[:TOP_EXERCISES]
    rows = [(escape(d.exercise_name), str(d.days), escape(_dose(d.first)),
             escape(_dose(d.latest)), f"{d.first.week_start} to {d.latest.week_start}")
            for d in shown]
    table = output.table("Dosage: first week and latest week of each exercise", columns,
                         rows)
    more = len(p.dosage) - len(shown)
    if more:
        note = f"and {plural(more, 'more exercise')}: 'backcoach progress --all' shows them."
        table.caption = f"{table.caption}\n{note}" if table.caption else note
    return table


def _render(p: Progress, *, show_all: bool) -> None:
    from backcoach.cli import output

    with output.paged() as out:
        if not (p.sessions or p.pain.days or p.psfs.points):
            out.print("No sessions logged yet. After a session, run 'backcoach log'; "
                      "'backcoach pain N' and 'backcoach psfs' record how your back feels.")
            return
        if p.sessions:
            out.print(f"Your progress to {p.today}: {plural(p.sessions, 'session')} since "
                      f"{p.first_session} ({p.completed} completed, {p.stopped} stopped).")
        else:
            out.print(f"Your progress to {p.today}: no sessions logged yet.")
        out.print(_summary(p))
        if p.dosage:
            out.print(_dosage(p, show_all=show_all))
