"""Rich renderings of a screening and a plan for the terminal, printed on the run's
console (:mod:`backcoach.cli.output`)."""

from __future__ import annotations

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from backcoach.catalog import Catalog
from backcoach.cli.output import Column, console, table
from backcoach.day import READY
from backcoach.planner import Plan
from backcoach.profile import Profile
from backcoach.progression import PHASE_NAMES
from backcoach.screening import NoteLine, Screening, note_lines
from backcoach.words import minutes, plural

_STYLE = {"urgent": "bold white on red", "consult": "bold black on yellow",
          "rest": "bold black on cyan", "go": "bold black on green"}
_BLOCKS = {"warm_up": "warm-up", "main": "main", "cool_down": "cool-down"}


def notes_for(result: Screening, person: Profile, catalog: Catalog) -> list[NoteLine]:
    """Return the screening's exercise notes grouped for reading (see note_lines)."""
    return note_lines(result.exercise_notes, catalog, person.equipment_at_hand())


_ACTIONS = {"exclude": "left out", "clearance": "only with a doctor's clearance",
            "modify": "changed"}


def screening(result: Screening, notes: list[NoteLine] | None = None) -> None:
    lines = [f"[{_STYLE[result.verdict]}] {result.verdict.upper()} [/] {escape(result.headline)}"]
    if result.reasons:
        lines.append("\n[bold]Why[/]")
        for reason in result.reasons:
            lines.append(f"• {escape(reason.text)} [dim]({escape(reason.source)})[/]")
    if result.advice:
        lines.append("\n[bold]What to do[/]")
        lines += [f"• {escape(a)}" for a in result.advice]
    if notes:
        lines.append("\n[bold]Exercises your answers change[/]")
        for note in notes:
            names = ", ".join(escape(name) for _, name in note.exercises)
            if note.out_of_reach:
                lines.append(f"• Also left out, and needing equipment you have not listed "
                             f"anyway: {names}. [dim]Why: {escape(' '.join(note.reasons))}[/]")
                continue
            line = f"• [bold]{names}[/]: {_ACTIONS[note.action]}. {escape(' '.join(note.reasons))}"
            if note.modifications:
                line += f" [yellow]Instead: {escape(' '.join(note.modifications))}[/]"
            lines.append(line)
    if result.needs_clearance:
        lines.append("\n[dim]Once a doctor has seen these answers: 'backcoach cleared "
                     "--date YYYY-MM-DD' records it.[/]")
    console().print(Panel("\n".join(lines), title="Screening", title_align="left"))


def plan(result: Plan, *, explain: bool) -> None:
    screening(result.screening)
    if result.phase is None or result.phase == "rest":
        return
    out = console()
    out.print(f"[bold]Phase:[/] {PHASE_NAMES[result.phase]}")
    if result.phase_change_text:
        out.print(f"  [yellow]{escape(result.phase_change_text)}[/]")
    for reason in result.phase_reasons:
        out.print(f"  {escape(reason)}")
    for reason in result.program_reasons:
        out.print(f"[bold]Program:[/] {escape(reason)}")
    week = "  ".join(
        f"[bold green]{d.weekday[:3]} ●[/]" if d.training else f"[dim]{d.weekday[:3]} ○[/]"
        for d in result.week
    )
    out.print(f"[bold]This week:[/] {week}  [dim](● training day)[/]")
    for reason in result.schedule_reasons:
        out.print(f"  {escape(reason)}")
    today(result)
    if result.today.items:
        out.print(_session_table(result, explain=explain))
    if not result.left_out:
        return
    if explain:
        out.print("[bold]Left out[/]")
        for left in result.left_out:
            out.print(f"• [bold]{escape(left.exercise_name)}[/] ({left.kind}): "
                      f"{escape(left.reason)}")
    else:
        out.print(f"[dim]{plural(len(result.left_out), 'exercise')} left out for your "
                  "safety, equipment or time: add --explain to see each one and why.[/]")


def _session_table(result: Plan, *, explain: bool) -> Table:
    """Return today's session as a table: block, exercise (with its changes), dose, and
    with ``explain`` why (the first column a narrow terminal hides)."""
    session = result.today
    rows = []
    for item in session.items:
        name = escape(item.exercise_name)
        for change in item.modifications:
            name += f"\n[yellow]{escape(change.modification)}[/]"
        row = [_BLOCKS[item.block], name, escape(item.dose_text)]
        if explain:
            row.append(escape(" ".join(item.why)))
        rows.append(row)
    columns = [Column("", style="dim", hide=1), Column("exercise", whole=True),
               Column("dose")]
    if explain:
        columns.append(Column("why", style="dim"))
    title = (f"Today, {result.date}: about {max(1, round(session.estimated_minutes))} of "
             f"your {minutes(session.minutes_available)}")
    return table(title, columns, rows)


def today(result: Plan) -> None:
    """Print where today stands when it is not simply a session to do: done, or a rest."""
    day = result.today
    out = console()
    if day.status in ("planned", "rest_day", "not_allowed"):
        if day.status == "planned" and (day.again or day.reason != READY):
            out.print(f"[bold]Today:[/] {escape(day.reason)}")
        return
    style = "bold cyan" if day.status == "rest_after_stop" else "bold green"
    out.print(f"[{style}]Today:[/] {escape(day.reason)}")
    for session in day.done:
        how = "done" if session.completed else f"stopped ({session.stopped_reason})"
        pain = "" if session.pain_after is None else f", pain after {session.pain_after}/10"
        out.print(f"  Session {how}{pain}:")
        for ex in session.exercises:
            out.print(f"    • {escape(ex.exercise_name)}: {escape(ex.summary)}")
    for advice in day.advice:
        out.print(f"  • {escape(advice)}")
    if day.train_again_allowed:
        out.print("[dim]To train again today anyway: 'backcoach session --again'.[/]")
