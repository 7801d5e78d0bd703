"""Rich renderings of catalog objects for the terminal, printed on the run's console
(:mod:`backcoach.cli.output`): tables fit the terminal, long text goes through the pager."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcoach.catalog import Catalog, SearchHit
from backcoach.catalog.models import Block, Exercise, Guidance, Program
from backcoach.cli.output import Column, console, table
from backcoach.words import plural

_BLOCK_TITLES = {"warm_up": "Warm-up", "main": "Main", "cool_down": "Cool-down"}


def _words(tag: str) -> str:
    return tag.replace("_", " ")


def _equipment(ex: Exercise) -> str:
    main = ", ".join(_words(e) for e in ex.equipment) or "none"
    for alt in ex.equipment_alternatives:
        main += " | or " + ", ".join(_words(e) for e in alt)
    return main


# The id is hidden first on a narrow terminal: `backcoach exercise NAME` takes the name too.
_EXERCISE_COLUMNS = (Column("name", whole=True, style="bold"), Column("position", hide=2),
                     Column("kind", hide=3), Column("level", hide=4),
                     Column("equipment", hide=1), Column("id", hide=5, style="dim"))


def exercise_table(exercises: list[Exercise]) -> None:
    if not exercises:
        console().print("No exercise matches these filters.")
        return
    rows = [(escape(ex.name), _words(ex.position), ex.kind, ex.difficulty,
             escape(_equipment(ex)), ex.id) for ex in exercises]
    console().print(table(plural(len(exercises), "exercise"), _EXERCISE_COLUMNS, rows))


def _bullets(items: list[str], numbered: bool = False) -> str:
    return "\n".join(
        f"{i}. {escape(t)}" if numbered else f"• {escape(t)}" for i, t in enumerate(items, 1)
    )


def exercise_detail(catalog: Catalog, ex: Exercise, used_in: list[dict[str, Any]]) -> None:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    if ex.aliases:
        facts.add_row("also called", escape(", ".join(ex.aliases)))
    facts.add_row("position", _words(ex.position))
    facts.add_row("equipment", escape(_equipment(ex)))
    facts.add_row("kind", f"{ex.kind}, {ex.difficulty}")
    facts.add_row("works", ", ".join(_words(m) for m in ex.muscles))
    if ex.trunk_support:
        facts.add_row("trunk", ", ".join(ex.trunk_support))
    if ex.requires:
        facts.add_row("only with", ", ".join(_words(r) for r in ex.requires))
    if ex.placement == "end":
        facts.add_row("order", "at the end of a workout")
    parts: list[Any] = [Text(ex.summary), facts, Text("\nSteps", style="bold"),
                        _bullets(ex.steps, numbered=True)]
    for title, items in (("Cues", ex.cues), ("Common mistakes", ex.mistakes),
                         ("Stop if", ex.stop_if)):
        if items:
            parts += [Text(f"\n{title}", style="bold"), _bullets(items)]
    if ex.cautions:
        parts.append(Text("\nCautions", style="bold yellow"))
        for c in ex.cautions:
            label = catalog.conditions[c.condition].label
            line = f"• [bold]{escape(label)}[/] ({c.action}): {escape(c.reason)}"
            if c.modification:
                line += f" Instead: {escape(c.modification)}"
            parts.append(line)
    if ex.variants:
        parts.append(Text("\nVariants", style="bold"))
        parts += [f"• [bold]{escape(v.name)}[/]: {escape(v.description)}" for v in ex.variants]
    if used_in:
        parts.append(Text("\nUsed in", style="bold"))
        for use in used_in:
            variant = f" ({use['variant']})" if use["variant"] else ""
            parts.append(f"• {escape(use['program_name'])}{variant}: {escape(use['dose_text'])}")
    sources = ", ".join(
        catalog.sections[s.section].heading + (f" ('{s.as_named}')" if s.as_named else "")
        for s in ex.source
    )
    parts.append(Text(f"\nSource: {sources}", style="dim"))
    console().print(Panel(Group(*parts), title=f"[bold]{escape(ex.name)}[/] [dim]{ex.id}[/]",
                          title_align="left"))


_PROGRAM_COLUMNS = (Column("name", whole=True, style="bold"), Column("phase", hide=2),
                    Column("how often", hide=1), Column("exercises", justify="right"),
                    Column("id", hide=3, style="dim"))


def program_table(programs: list[Program]) -> None:
    rows = []
    for p in programs:
        phase = p.phase + (f" (stage {p.stage})" if p.stage else "")
        if p.supervised:
            phase += ", supervised"
        often = p.frequency.text if p.frequency else "-"
        rows.append((escape(p.name), phase, escape(often), str(len(p.items())), p.id))
    console().print(table(plural(len(programs), "program"), _PROGRAM_COLUMNS, rows))


def program_detail(catalog: Catalog, program: Program) -> None:
    parts: list[Any] = [Text(program.summary)]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    facts.add_row("phase", program.phase + (f", stage {program.stage}" if program.stage else ""))
    facts.add_row("place", program.place)
    if program.frequency:
        facts.add_row("how often", escape(program.frequency.text))
    if program.minutes:
        span = str(program.minutes)  # "20" or "15-20"
        facts.add_row("time", f"{span} {'minute' if span == '1' else 'minutes'}")
    if program.supervised:
        facts.add_row("supervision", "only under a specialist's supervision")
    parts.append(facts)
    for note in program.notes:
        parts.append(f"[yellow]![/] {escape(note)}")
    for c in program.cautions:
        parts.append(f"[yellow]![/] {escape(catalog.conditions[c.condition].label)}: "
                     f"{escape(c.reason)}")
    parts += [_block_table(catalog, block) for block in program.blocks]
    if any(item.dose.chosen for item in program.items()):
        parts.append(Text("* the source gives no figure here; backcoach chose it "
                          "(see --json, field 'chosen')", style="dim"))
    console().print(Panel(Group(*parts), title=f"[bold]{escape(program.name)}[/] "
                          f"[dim]{program.id}[/]", title_align="left"))


# Inside the program's panel: its border and padding take 4 cells of the width.
_PANEL_FRAME = 4


def _block_table(catalog: Catalog, block: Block) -> Table:
    """Return one block of a program as a table: each exercise, its dose and progression
    (the column only when an item has one)."""
    rows: list[tuple[str, ...]] = []
    for i, item in enumerate(block.items, 1):
        ex = catalog.exercises[item.exercise]
        name = ex.name
        if item.variant:
            name += " - " + next(v.name for v in ex.variants if v.id == item.variant)
        dose = item.dose.describe() + (" *" if item.dose.chosen else "")
        progression = item.dose.progression.describe() if item.dose.progression else ""
        rows.append((str(i), escape(name), escape(dose), escape(progression)))
    columns = [Column("#", justify="right", style="dim"), Column("exercise", whole=True),
               Column("dose"), Column("progression", hide=1)]
    if not any(row[3] for row in rows):
        columns, rows = columns[:3], [row[:3] for row in rows]
    return table(_BLOCK_TITLES[block.kind], columns, rows, inset=_PANEL_FRAME)


_SEARCH_COLUMNS = (Column("name", whole=True, style="bold"), Column("matched", style="dim"),
                   Column("id", hide=1, style="dim"))


def search_hits(hits: list[SearchHit]) -> None:
    rows = [(escape(hit.exercise.name), escape(hit.matched), hit.exercise.id) for hit in hits]
    console().print(table(f"{len(hits)} found", _SEARCH_COLUMNS, rows))


_NUTRITION_COLUMNS = (Column("nutrient", whole=True, style="bold"), Column("what it does"),
                      Column("found in"))


def guidance(guidance: Guidance, topics: list[str]) -> None:
    out = console()
    if "rules" in topics:
        out.print(Text("General rules", style="bold underline"))
        for rule in guidance.rules:
            out.print(f"[bold]{escape(rule.title)}[/]  {escape(rule.text)}")
        out.print()
    if "risks" in topics:
        out.print(Text("Risk factors", style="bold underline"))
        for risk in guidance.risk_factors:
            out.print(f"[bold]{escape(risk.label)}[/]  {escape(risk.advice)}")
        out.print()
    if "nutrition" in topics:
        rows = [(escape(n.name), escape(n.role), escape(", ".join(n.foods)))
                for n in guidance.nutrition]
        out.print(table("Nutrition for bones and cartilage", _NUTRITION_COLUMNS, rows))
        for note in guidance.nutrition_notes:
            out.print(f"• {escape(note)}")
        out.print()
    if "pain" in topics:
        pain = guidance.pain
        out.print(Text("Pain: fatigue or danger?", style="bold underline"))
        out.print("[green]The ache of working muscles[/]")
        out.print(_bullets(pain.fatigue))
        out.print("[red]Pain that means stop[/]")
        out.print(_bullets(pain.dangerous))
        out.print("[bold]What to do[/]")
        out.print(_bullets(pain.what_to_do))
