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
from backcoach.cli.lang import (
    block_title,
    caution_action,
    english,
    place_name,
    trunk_side,
)
from backcoach.cli.output import Column, console, table
from backcoach.i18n import _, ngettext
from backcoach.terms import phase_word, term
from backcoach.words import plural


def _equipment(ex: Exercise) -> str:
    main = ", ".join(term(e) for e in ex.equipment) or _("none")
    for alt in ex.equipment_alternatives:
        main += " | " + _("or") + " " + ", ".join(term(e) for e in alt)
    return main


def _exercise_columns() -> tuple[Column, ...]:
    # The id is hidden first on a narrow terminal: `backcoach exercise NAME` takes the name
    # too.
    return (Column(_("name"), whole=True, style="bold"), Column(_("position"), hide=2),
            Column(_("kind"), hide=3), Column(_("level"), hide=4),
            Column(_("equipment"), hide=1), Column("id", hide=5, style="dim"))


def exercise_table(exercises: list[Exercise]) -> None:
    if not exercises:
        console().print(_("No exercise matches these filters."))
        return
    rows = [(escape(ex.name), term(ex.position), term(ex.kind),
             term(ex.difficulty), escape(_equipment(ex)), ex.id)
            for ex in exercises]
    console().print(table(plural(len(exercises), "exercise"), _exercise_columns(), rows))


def _bullets(items: list[str], numbered: bool = False) -> str:
    return "\n".join(
        f"{i}. {escape(t)}" if numbered else f"• {escape(t)}" for i, t in enumerate(items, 1)
    )


def exercise_detail(catalog: Catalog, ex: Exercise, used_in: list[dict[str, Any]]) -> None:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    if ex.aliases:
        facts.add_row(_("also called"), escape(", ".join(ex.aliases)))
    facts.add_row(_("position"), term(ex.position))
    facts.add_row(_("equipment"), escape(_equipment(ex)))
    facts.add_row(_("kind"), f"{term(ex.kind)}, {term(ex.difficulty)}")
    facts.add_row(_("works"), ", ".join(term(m) for m in ex.muscles))
    if ex.trunk_support:
        facts.add_row(_("trunk"), ", ".join(trunk_side(t) for t in ex.trunk_support))
    if ex.requires:
        facts.add_row(_("only with"), ", ".join(term(r) for r in ex.requires))
    if ex.placement == "end":
        facts.add_row(_("order"), _("at the end of a workout"))
    parts: list[Any] = [Text(ex.summary), facts, Text("\n" + _("Steps"), style="bold"),
                        _bullets(ex.steps, numbered=True)]
    for title, items in ((_("Cues"), ex.cues), (_("Common mistakes"), ex.mistakes),
                         (_("Stop if"), ex.stop_if)):
        if items:
            parts += [Text(f"\n{title}", style="bold"), _bullets(items)]
    if ex.cautions:
        parts.append(Text("\n" + _("Cautions"), style="bold yellow"))
        for c in ex.cautions:
            label = catalog.conditions[c.condition].label
            line = (f"• [bold]{escape(label)}[/] ({caution_action(c.action)}): "
                    f"{escape(c.reason)}")
            if c.modification:
                line += " " + _("Instead:") + f" {escape(c.modification)}"
            parts.append(line)
    if ex.variants:
        parts.append(Text("\n" + _("Variants"), style="bold"))
        parts += [f"• [bold]{escape(v.name)}[/]: {escape(v.description)}" for v in ex.variants]
    if used_in:
        parts.append(Text("\n" + _("Used in"), style="bold"))
        for use in used_in:
            variant = f" ({use['variant']})" if use["variant"] else ""
            parts.append(f"• {escape(use['program_name'])}{variant}: {escape(use['dose_text'])}")
    sources = ", ".join(
        catalog.sections[s.section].heading + (f" ('{s.as_named}')" if s.as_named else "")
        for s in ex.source
    )
    parts.append(Text("\n" + _("Source: {sources}").format(sources=sources), style="dim"))
    console().print(Panel(Group(*parts), title=f"[bold]{escape(ex.name)}[/] [dim]{ex.id}[/]",
                          title_align="left"))


def _span(text: str) -> str:
    """Return a range ("15-20", "I-II") with the dash the language writes it with."""
    return text if english() else text.replace("-", "–")


def _program_columns() -> tuple[Column, ...]:
    return (Column(_("name"), whole=True, style="bold"), Column(_("phase"), hide=2),
            Column(_("how often"), hide=1), Column(_("exercises"), justify="right"),
            Column("id", hide=3, style="dim"))


def program_table(programs: list[Program]) -> None:
    rows = []
    for p in programs:
        phase = phase_word(p.phase) + (" " + _("(stage {stage})").format(
            stage=_span(p.stage)) if p.stage else "")
        if p.supervised:
            phase += ", " + _("supervised")
        often = p.frequency.text if p.frequency else "-"
        rows.append((escape(p.name), phase, escape(often), str(len(p.items())), p.id))
    console().print(table(plural(len(programs), "program"), _program_columns(), rows))


def program_detail(catalog: Catalog, program: Program) -> None:
    parts: list[Any] = [Text(program.summary)]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    facts.add_row(_("phase"), phase_word(program.phase) + (
        ", " + _("stage {stage}").format(stage=_span(program.stage)) if program.stage else ""))
    facts.add_row(_("place"), place_name(program.place))
    if program.frequency:
        facts.add_row(_("how often"), escape(program.frequency.text))
    if program.minutes:
        span = str(program.minutes)  # "20" or "15-20"
        facts.add_row(_("time"), ngettext("{amount} minute", "{amount} minutes",
                                          1 if span == "1" else 2).format(
            amount=_span(span)))
    if program.supervised:
        facts.add_row(_("supervision"), _("only under a specialist's supervision"))
    parts.append(facts)
    for note in program.notes:
        parts.append(f"[yellow]![/] {escape(note)}")
    for c in program.cautions:
        parts.append(f"[yellow]![/] {escape(catalog.conditions[c.condition].label)}: "
                     f"{escape(c.reason)}")
    parts += [_block_table(catalog, block) for block in program.blocks]
    if any(item.dose.chosen for item in program.items()):
        parts.append(Text(_("* the source gives no figure here; backcoach chose it (see "
                            "--json, field 'chosen')"), style="dim"))
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
    columns = [Column("#", justify="right", style="dim"),
               Column(ngettext("exercise", "exercises", 1), whole=True), Column(_("dose")),
               Column(_("progression"), hide=1)]
    if not any(row[3] for row in rows):
        columns, rows = columns[:3], [row[:3] for row in rows]
    return table(block_title(block.kind), columns, rows, inset=_PANEL_FRAME)


def _matched(matched: str) -> str:
    """Return where a search hit matched, its field named in the run's language."""
    field, sep, text = matched.partition(": ")
    fields = {"name": _("name"), "alias": _("alias"), "variant": _("variant"),
              "summary": _("summary"), "steps": _("steps")}
    return f"{fields[field]}{sep}{text}" if sep and field in fields else matched


def search_hits(hits: list[SearchHit]) -> None:
    rows = [(escape(hit.exercise.name), escape(_matched(hit.matched)), hit.exercise.id)
            for hit in hits]
    columns = (Column(_("name"), whole=True, style="bold"), Column(_("matched"), style="dim"),
               Column("id", hide=1, style="dim"))
    console().print(table(_("{count} found").format(count=len(hits)), columns, rows))


def guidance(guidance: Guidance, topics: list[str]) -> None:
    out = console()
    if "rules" in topics:
        out.print(Text(_("General rules"), style="bold underline"))
        for rule in guidance.rules:
            out.print(f"[bold]{escape(rule.title)}[/]  {escape(rule.text)}")
        out.print()
    if "risks" in topics:
        out.print(Text(_("Risk factors"), style="bold underline"))
        for risk in guidance.risk_factors:
            out.print(f"[bold]{escape(risk.label)}[/]  {escape(risk.advice)}")
        out.print()
    if "nutrition" in topics:
        rows = [(escape(n.name), escape(n.role), escape(", ".join(n.foods)))
                for n in guidance.nutrition]
        columns = (Column(_("nutrient"), whole=True, style="bold"),
                   Column(_("what it does")), Column(_("found in")))
        out.print(table(_("Nutrition for bones and cartilage"), columns, rows))
        for note in guidance.nutrition_notes:
            out.print(f"• {escape(note)}")
        out.print()
    if "pain" in topics:
        pain = guidance.pain
        out.print(Text(_("Pain: fatigue or danger?"), style="bold underline"))
        out.print("[green]" + _("The ache of working muscles") + "[/]")
        out.print(_bullets(pain.fatigue))
        out.print("[red]" + _("Pain that means stop") + "[/]")
        out.print(_bullets(pain.dangerous))
        out.print("[bold]" + _("What to do") + "[/]")
        out.print(_bullets(pain.what_to_do))
