"""Rich renderings of a screening and a plan for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from backcoach.planner import Plan
from backcoach.screening import Screening

console = Console(highlight=False)

_STYLE = {"urgent": "bold white on red", "consult": "bold black on yellow",
          "rest": "bold black on cyan", "go": "bold black on green"}
_BLOCKS = {"warm_up": "warm-up", "main": "main", "cool_down": "cool-down"}


def screening(result: Screening) -> None:
    lines = [f"[{_STYLE[result.verdict]}] {result.verdict.upper()} [/] {escape(result.headline)}"]
    if result.reasons:
        lines.append("\n[bold]Why[/]")
        for reason in result.reasons:
            lines.append(f"• {escape(reason.text)} [dim]({escape(reason.source)})[/]")
    if result.advice:
        lines.append("\n[bold]What to do[/]")
        lines += [f"• {escape(a)}" for a in result.advice]
    console.print(Panel("\n".join(lines), title="Screening", title_align="left"))


def plan(result: Plan, *, explain: bool) -> None:
    screening(result.screening)
    if result.phase is None or result.phase == "rest":
        return
    console.print(f"[bold]Phase:[/] {result.phase}")
    for reason in result.phase_reasons:
        console.print(f"  {escape(reason)}")
    for reason in result.program_reasons:
        console.print(f"[bold]Program:[/] {escape(reason)}")
    week = "  ".join(
        f"[bold green]{d.weekday[:3]} ●[/]" if d.training else f"[dim]{d.weekday[:3]} ○[/]"
        for d in result.week
    )
    console.print(f"[bold]This week:[/] {week}  [dim](● training day)[/]")
    for reason in result.schedule_reasons:
        console.print(f"  {escape(reason)}")
    session = result.today
    if session is not None:
        table = Table(title=f"Today, {result.date}: about {session.estimated_minutes:g} of your "
                      f"{session.minutes_available} minutes", title_justify="left",
                      expand=True)
        table.add_column("", style="dim", no_wrap=True)
        table.add_column("exercise")
        table.add_column("dose")
        if explain:
            table.add_column("why", style="dim")
        for item in session.items:
            name = escape(item.exercise_name)
            if item.modification:
                name += f"\n[yellow]{escape(item.modification)}[/]"
            row = [_BLOCKS[item.block], name, escape(item.dose_text)]
            if explain:
                row.append(escape(" ".join(item.why)))
            table.add_row(*row)
        console.print(table)
    if not result.left_out:
        return
    if explain:
        console.print("[bold]Left out[/]")
        for left in result.left_out:
            console.print(f"• [bold]{escape(left.exercise_name)}[/] ({left.kind}): "
                          f"{escape(left.reason)}")
    else:
        console.print(f"[dim]{len(result.left_out)} exercises left out for your safety, "
                      "equipment or time: add --explain to see each one and why.[/]")
