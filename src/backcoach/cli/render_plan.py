"""Rich renderings of a screening and a plan for the terminal, printed on the run's
console (:mod:`backcoach.cli.output`)."""

from __future__ import annotations

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from backcoach.catalog import Catalog
from backcoach.cli.lang import (
    block_name,
    minutes_text,
    phase_name,
    shown_day,
    stop_reason,
    weekday_short,
)
from backcoach.cli.output import Column, console, table
from backcoach.day import READY
from backcoach.i18n import _, ngettext
from backcoach.planner import Plan
from backcoach.profile import Profile
from backcoach.screening import NoteLine, Screening, note_lines, source_words
from backcoach.words import plural

_STYLE = {"urgent": "bold white on red", "consult": "bold black on yellow",
          "rest": "bold black on cyan", "go": "bold black on green"}


def _verdict(verdict: str) -> str:
    """Return the screening's verdict as its label shows it: URGENT, CONSULT, REST, GO."""
    labels = {"urgent": _("URGENT"), "consult": _("CONSULT"), "rest": _("REST"),
              "go": _("GO")}
    return labels.get(verdict, verdict.upper())


def notes_for(result: Screening, person: Profile, catalog: Catalog) -> list[NoteLine]:
    """Return the screening's exercise notes grouped for reading (see note_lines)."""
    return note_lines(result.exercise_notes, catalog, person.equipment_at_hand())


def _action(action: str) -> str:
    """Return what a caution does to an exercise, in words."""
    actions = {"exclude": _("left out"), "clearance": _("only with a doctor's clearance"),
               "modify": _("changed")}
    return actions.get(action, action)


def screening(result: Screening, notes: list[NoteLine] | None = None) -> None:
    lines = [f"[{_STYLE[result.verdict]}] {_verdict(result.verdict)} [/] "
             f"{escape(result.headline)}"]
    if result.reasons:
        lines.append("\n[bold]" + _("Why") + "[/]")
        for reason in result.reasons:
            lines.append(f"• {escape(reason.text)} [dim]({escape(source_words(reason.source))})[/]")
    if result.advice:
        lines.append("\n[bold]" + _("What to do") + "[/]")
        lines += [f"• {escape(a)}" for a in result.advice]
    if notes:
        lines.append("\n[bold]" + _("Exercises your answers change") + "[/]")
        for note in notes:
            names = ", ".join(escape(name) for _code, name in note.exercises)
            if note.out_of_reach:
                lines.append("• " + _("Also left out, and needing equipment you have not "
                                      "listed anyway: {names}.").format(names=names)
                             + " [dim]" + _("Why:") + f" {escape(' '.join(note.reasons))}[/]")
                continue
            line = (f"• [bold]{names}[/]: {_action(note.action)}. "
                    f"{escape(' '.join(note.reasons))}")
            if note.modifications:
                line += (" [yellow]" + _("Instead:")
                         + f" {escape(' '.join(note.modifications))}[/]")
            lines.append(line)
    if result.needs_clearance:
        lines.append("\n[dim]" + _("Once a doctor has seen these answers: 'backcoach cleared "
                                   "--date YYYY-MM-DD' records it.") + "[/]")
    console().print(Panel("\n".join(lines), title=_("Screening"), title_align="left"))


def plan(result: Plan, *, explain: bool) -> None:
    screening(result.screening)
    if result.phase is None or result.phase == "rest":
        return
    out = console()
    out.print("[bold]" + _("Phase:") + f"[/] {phase_name(result.phase)}")
    if result.phase_change_text:
        out.print(f"  [yellow]{escape(result.phase_change_text)}[/]")
    for reason in result.phase_reasons:
        out.print(f"  {escape(reason)}")
    for reason in result.program_reasons:
        out.print("[bold]" + _("Program:") + f"[/] {escape(reason)}")
    week = "  ".join(
        f"[bold green]{weekday_short(d.date, d.weekday)} ●[/]" if d.training
        else f"[dim]{weekday_short(d.date, d.weekday)} ○[/]"
        for d in result.week
    )
    out.print("[bold]" + _("This week:") + f"[/] {week}  [dim]" + _("(● training day)")
              + "[/]")
    for reason in result.schedule_reasons:
        out.print(f"  {escape(reason)}")
    today(result)
    if result.today.items:
        out.print(_session_table(result, explain=explain))
    if not result.left_out:
        return
    if explain:
        out.print("[bold]" + _("Left out") + "[/]")
        for left in result.left_out:
            out.print(f"• [bold]{escape(left.exercise_name)}[/] ({_left_kind(left.kind)}): "
                      f"{escape(left.reason)}")
    else:
        out.print("[dim]" + _("{exercises} left out for your safety, equipment or time: add "
                              "--explain to see each one and why.").format(
            exercises=plural(len(result.left_out), "exercise")) + "[/]")


def _left_kind(kind: str) -> str:
    """Return why an exercise is left out, in a word (its code in English)."""
    kinds = {"excluded": _("excluded"), "equipment": _("equipment"), "time": _("time"),
             "postponed": _("postponed")}
    return kinds.get(kind, kind)


def _session_table(result: Plan, *, explain: bool) -> Table:
    """Return today's session as a table: block, exercise (with its changes), dose, and
    with ``explain`` why (the first column a narrow terminal hides)."""
    session = result.today
    rows = []
    for item in session.items:
        name = escape(item.exercise_name)
        for change in item.modifications:
            name += f"\n[yellow]{escape(change.modification)}[/]"
        row = [block_name(item.block), name, escape(item.dose_text)]
        if explain:
            row.append(escape(" ".join(item.why)))
        rows.append(row)
    columns = [Column("", style="dim", hide=1),
               Column(ngettext("exercise", "exercises", 1), whole=True), Column(_("dose"))]
    if explain:
        columns.append(Column(_("why"), style="dim"))
    title = _("Today, {date}: about {estimated} of your {available}").format(
        date=shown_day(result.date), estimated=max(1, round(session.estimated_minutes)),
        available=minutes_text(session.minutes_available))
    return table(title, columns, rows)


def today(result: Plan) -> None:
    """Print where today stands when it is not simply a session to do: done, or a rest."""
    day = result.today
    out = console()
    if day.status in ("planned", "rest_day", "not_allowed"):
        if day.status == "planned" and (day.again or day.reason not in (READY, _(READY))):
            out.print("[bold]" + _("Today:") + f"[/] {escape(day.reason)}")
        return
    style = "bold cyan" if day.status == "rest_after_stop" else "bold green"
    out.print(f"[{style}]" + _("Today:") + f"[/] {escape(day.reason)}")
    for session in day.done:
        how = _("Session done") if session.completed else _("Session stopped ({reason})").format(
            reason=stop_reason(session.stopped_reason))
        pain = "" if session.pain_after is None else _(", pain after {pain}/10").format(
            pain=session.pain_after)
        out.print(f"  {how}{pain}:")
        for ex in session.exercises:
            out.print(f"    • {escape(ex.exercise_name)}: {escape(ex.summary)}")
    for advice in day.advice:
        out.print(f"  • {escape(advice)}")
    if day.train_again_allowed:
        out.print("[dim]" + _("To train again today anyway: 'backcoach session --again'.")
                  + "[/]")
