"""Rich renderings of catalog objects for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcoach.catalog import Catalog, SearchHit
from backcoach.catalog.models import Exercise, Guidance, Program
from backcoach.words import plural

console = Console(highlight=False)

_BLOCK_TITLES = {"warm_up": "Warm-up", "main": "Main", "cool_down": "Cool-down"}


def _words(tag: str) -> str:
    return tag.replace("_", " ")


def _equipment(ex: Exercise) -> str:
    main = ", ".join(_words(e) for e in ex.equipment) or "none"
    for alt in ex.equipment_alternatives:
        main += " | or " + ", ".join(_words(e) for e in alt)
    return main


def exercise_table(exercises: list[Exercise]) -> None:
    if not exercises:
        console.print("No exercise matches these filters.")
        return
    table = Table(title=plural(len(exercises), "exercise"), title_justify="left")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("name")
    table.add_column("position")
    table.add_column("kind")
    table.add_column("difficulty")
    table.add_column("equipment")
    for ex in exercises:
        table.add_row(ex.id, escape(ex.name), _words(ex.position), ex.kind, ex.difficulty,
                      escape(_equipment(ex)))
    console.print(table)


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
    console.print(Panel(Group(*parts), title=f"[bold]{escape(ex.name)}[/] [dim]{ex.id}[/]",
                        title_align="left"))


def program_table(programs: list[Program]) -> None:
    table = Table(title=plural(len(programs), "program"), title_justify="left")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("name")
    table.add_column("phase")
    table.add_column("how often")
    table.add_column("exercises", justify="right")
    for p in programs:
        phase = p.phase + (f" (stage {p.stage})" if p.stage else "")
        if p.supervised:
            phase += ", supervised"
        often = p.frequency.text if p.frequency else "-"
        table.add_row(p.id, escape(p.name), phase, escape(often), str(len(p.items())))
    console.print(table)


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
        facts.add_row("minutes", str(program.minutes))
    if program.supervised:
        facts.add_row("supervision", "only under a specialist's supervision")
    parts.append(facts)
    for note in program.notes:
        parts.append(f"[yellow]![/] {escape(note)}")
    for c in program.cautions:
        parts.append(f"[yellow]![/] {escape(catalog.conditions[c.condition].label)}: "
                     f"{escape(c.reason)}")
    for block in program.blocks:
        table = Table(title=_BLOCK_TITLES[block.kind], title_justify="left", expand=True)
        table.add_column("#", justify="right", style="dim")
        table.add_column("exercise")
        table.add_column("dose")
        table.add_column("progression")
        for i, item in enumerate(block.items, 1):
            ex = catalog.exercises[item.exercise]
            name = ex.name
            if item.variant:
                name += " - " + next(v.name for v in ex.variants if v.id == item.variant)
            dose = item.dose.describe()
            if item.dose.chosen:
                dose += " *"
            progression = item.dose.progression.describe() if item.dose.progression else ""
            table.add_row(str(i), escape(name), escape(dose), escape(progression))
        parts.append(table)
    if any(item.dose.chosen for item in program.items()):
        parts.append(Text("* the source gives no figure here; backcoach chose it "
                          "(see --json, field 'chosen')", style="dim"))
    console.print(Panel(Group(*parts), title=f"[bold]{escape(program.name)}[/] "
                        f"[dim]{program.id}[/]", title_align="left"))


def search_hits(hits: list[SearchHit]) -> None:
    table = Table(title=f"{len(hits)} found", title_justify="left")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("name")
    table.add_column("matched", style="dim")
    for hit in hits:
        table.add_row(hit.exercise.id, escape(hit.exercise.name), escape(hit.matched))
    console.print(table)


def guidance(guidance: Guidance, topics: list[str]) -> None:
    if "rules" in topics:
        console.print(Text("General rules", style="bold underline"))
        for rule in guidance.rules:
            console.print(f"[bold]{escape(rule.title)}[/]  {escape(rule.text)}")
        console.print()
    if "risks" in topics:
        console.print(Text("Risk factors", style="bold underline"))
        for risk in guidance.risk_factors:
            console.print(f"[bold]{escape(risk.label)}[/]  {escape(risk.advice)}")
        console.print()
    if "nutrition" in topics:
        table = Table(title="Nutrition for bones and cartilage", title_justify="left")
        table.add_column("nutrient", style="bold")
        table.add_column("what it does")
        table.add_column("found in")
        for n in guidance.nutrition:
            table.add_row(escape(n.name), escape(n.role), escape(", ".join(n.foods)))
        console.print(table)
        for note in guidance.nutrition_notes:
            console.print(f"• {escape(note)}")
        console.print()
    if "pain" in topics:
        pain = guidance.pain
        console.print(Text("Pain: fatigue or danger?", style="bold underline"))
        console.print("[green]The ache of working muscles[/]")
        console.print(_bullets(pain.fatigue))
        console.print("[red]Pain that means stop[/]")
        console.print(_bullets(pain.dangerous))
        console.print("[bold]What to do[/]")
        console.print(_bullets(pain.what_to_do))
