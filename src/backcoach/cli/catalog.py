"""Catalog commands: exercises, exercise, programs, program, search, guide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer

from backcoach.catalog import vocab
from backcoach.cli.app import WideOpt, app, choose, fail, literal, print_json, say
from backcoach.i18n import N_, _

if TYPE_CHECKING:
    from backcoach.catalog import Catalog

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

GUIDE_TOPICS = ("rules", "risks", "nutrition", "pain")


def _catalog() -> Catalog:
    from backcoach.catalog import CatalogError
    from backcoach.cli.app import run_catalog

    try:
        return run_catalog()
    except CatalogError as exc:  # only when the installed data is broken
        typer.echo(f"backcoach: {exc}", err=True)
        raise typer.Exit(1) from exc


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json")


@app.command()
def exercises(
    equipment: Annotated[
        str | None,
        typer.Option(help=N_("Only exercises using this equipment: {choices}.",
                             choices=", ".join(get_args(vocab.Equipment)))),
    ] = None,
    position: Annotated[
        str | None,
        typer.Option(help=N_("Only exercises in this position: {choices}.",
                             choices=", ".join(get_args(vocab.Position)))),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help=N_("Only exercises of this kind: {choices}.",
                             choices=", ".join(get_args(vocab.Kind)))),
    ] = None,
    as_json: JsonOpt = False,
    wide: WideOpt = False,
) -> None:
    """List the exercises of the catalog, optionally filtered."""
    found = _catalog().filter(
        equipment=choose("--equipment", equipment, get_args(vocab.Equipment)),  # type: ignore[arg-type]
        position=choose("--position", position, get_args(vocab.Position)),  # type: ignore[arg-type]
        kind=choose("--kind", kind, get_args(vocab.Kind)),  # type: ignore[arg-type]
    )
    if as_json:
        print_json([_dump(ex) for ex in found])
        return
    from backcoach.cli import render
    from backcoach.cli.output import paged

    with paged():
        render.exercise_table(found)


@app.command()
def exercise(
    name: Annotated[str, typer.Argument(help="An exercise id, name or alias.")],
    as_json: JsonOpt = False,
) -> None:
    """Show one exercise: steps, cues, mistakes, cautions and where it is used."""
    from backcoach.catalog import UnknownIdError

    catalog = _catalog()
    try:
        ex = catalog.exercise(name)
    except UnknownIdError as exc:
        fail(_("{error}; 'backcoach exercises' lists them all").format(error=exc))
    used_in = [_dump(use) for use in catalog.uses(ex.id)]
    if as_json:
        print_json({"exercise": _dump(ex), "used_in": used_in})
        return
    from backcoach.cli import render
    from backcoach.cli.figures import terminal_figure
    from backcoach.cli.output import paged

    with paged() as out:
        figure = terminal_figure(ex.id, out.width)
        if figure:
            out.print("\n".join(figure), markup=False)
        render.exercise_detail(catalog, ex, used_in)


@app.command()
def programs(as_json: JsonOpt = False, wide: WideOpt = False) -> None:
    """List the ready-made programs (the source's complexes)."""
    catalog = _catalog()
    if as_json:
        print_json([_dump(p) for p in catalog.programs.values()])
        return
    from backcoach.cli import render
    from backcoach.cli.output import paged

    with paged():
        render.program_table(list(catalog.programs.values()))


@app.command()
def program(
    name: Annotated[str, typer.Argument(help="A program id or name.")],
    as_json: JsonOpt = False,
) -> None:
    """Show one program with every exercise and its dosage."""
    from backcoach.catalog import UnknownIdError

    catalog = _catalog()
    try:
        found = catalog.program(name)
    except UnknownIdError as exc:
        fail(_("{error}; 'backcoach programs' lists them all").format(error=exc))
    if as_json:
        names = {item.exercise: catalog.exercises[item.exercise].name for item in found.items()}
        print_json({"program": _dump(found), "exercise_names": names})
        return
    from backcoach.cli import render
    from backcoach.cli.output import paged

    with paged():
        render.program_detail(catalog, found)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to look for: a name, an alias, a step.")],
    as_json: JsonOpt = False,
    wide: WideOpt = False,
) -> None:
    """Find exercises by name, alias, variant or words in their steps."""
    hits = _catalog().search(text)
    if as_json:
        print_json([{"id": h.exercise.id, "name": h.exercise.name, "score": h.score,
                     "matched": h.matched} for h in hits])
        return
    if not hits:
        say(_("No exercise matches '{text}'. Try a shorter word, or 'backcoach "
              "exercises'.").format(text=literal(text, markup=False)))
        return
    from backcoach.cli import render
    from backcoach.cli.output import paged

    with paged():
        render.search_hits(hits)


@app.command()
def guide(
    topic: Annotated[
        str | None,
        typer.Argument(help="One of: rules, risks, nutrition, pain. Leave out for all."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the guidance: general rules, risk factors, nutrition, pain vs fatigue."""
    chosen = choose("topic", topic, GUIDE_TOPICS)
    guidance = _catalog().guidance
    topics = [chosen] if chosen else list(GUIDE_TOPICS)
    if as_json:
        parts: dict[str, Any] = {
            "rules": [_dump(r) for r in guidance.rules],
            "risks": [_dump(r) for r in guidance.risk_factors],
            "nutrition": {"nutrients": [_dump(n) for n in guidance.nutrition],
                          "notes": guidance.nutrition_notes},
            "pain": _dump(guidance.pain),
        }
        print_json({t: parts[t] for t in topics})
        return
    from backcoach.cli import render
    from backcoach.cli.output import paged

    with paged():
        render.guidance(guidance, topics)
