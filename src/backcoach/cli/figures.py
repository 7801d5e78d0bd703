"""Figure commands: figure (one exercise), figures (every exercise and a contact sheet)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.cli.app import app, fail, print_json
from backcoach.i18n import _

if TYPE_CHECKING:
    from backcoach.figures import Figure


def _figures() -> dict[str, Figure]:
    from backcoach.figures import FigureError, load_figures

    try:
        return load_figures()
    except FigureError as exc:  # only when the installed data is broken
        typer.echo(f"backcoach: {exc}", err=True)
        raise typer.Exit(1) from exc


NARROWEST = 60  # columns: below this a terminal gets no figure


def is_terminal() -> bool:
    """Return whether standard output is a terminal (a pipe or a file gets SVG)."""
    import sys

    return sys.stdout.isatty()


def terminal_figure(exercise_id: str, width: int, pose: str | None = None) -> list[str]:
    """Return the exercise's figure in braille lines at most ``width`` wide, or none.

    ``pose`` None or "all": every pose side by side; else that pose alone. A terminal
    under :data:`NARROWEST` columns, or an exercise without a figure, gets no lines.
    """
    from backcoach.figures import FigureError, load_figures
    from backcoach.figures.terminal import render_poses, render_text

    try:
        found = load_figures().get(exercise_id)
    except FigureError:
        return []
    if found is None or width < NARROWEST:
        return []
    if pose not in (None, "all"):
        return render_text(found, pose, columns=min(width - 2, 40), rows=10)
    count = len(found.poses)
    columns = min((width - 2 * (count - 1)) // count, 30)
    return render_poses(found, columns=columns, rows=max(6, min(10, columns // 3)))


def _write(path: Path, data: str | bytes) -> None:
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        fail(_("cannot write '{file}': {error}").format(file=path, error=exc.strerror or exc))


def _as_json(figure: Figure) -> dict[str, Any]:
    from backcoach.figures import keyframe, timeline

    def point(p: tuple[float, float]) -> list[float]:
        return [round(p[0], 4), round(p[1], 4)]

    poses = []
    for pose in figure.poses:
        skeleton = keyframe(figure, pose.id)
        poses.append({
            "id": pose.id,
            "angles": pose.angles(),
            "points": {name: point(p) for name, p in skeleton.points.items()},
            "centre_of_mass": point(skeleton.centre_of_mass()),
            "contacts": [c.model_dump() for c in pose.contacts],
        })
    return {
        "exercise": figure.exercise,
        "view": figure.view,
        "floor": figure.floor,
        "props": [p.model_dump(exclude_none=True) for p in figure.props],
        "poses": poses,
        "sequence": [s.model_dump() for s in figure.sequence],
        "loop_seconds": round(timeline(figure).duration, 2),
    }


@app.command()
def figure(
    name: Annotated[str, typer.Argument(help="An exercise id, name or alias.")],
    pose: Annotated[
        str | None,
        typer.Option(help="Draw one pose still: start, end, another pose of the figure, or "
                     "all (every pose side by side). Leave out for the animation."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write to this file instead of printing the SVG; "
                                  "a name ending in .png gets a PNG.")
    ] = None,
    png: Annotated[
        bool, typer.Option("--png", help="Write a PNG to --out whatever its name (an "
                           "animation shows its start pose).")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the poses' joint positions as JSON.")
    ] = False,
) -> None:
    """Draw an exercise's figure: in the terminal, or as SVG on a pipe or with --out.

    On a terminal (and without --out) the poses are drawn with braille characters; piped
    or with --out you get the SVG: animated, or one pose still.
    """
    from backcoach.catalog import UnknownIdError
    from backcoach.cli.app import run_catalog
    from backcoach.figures import render_svg, svg_to_png

    try:
        exercise = run_catalog().exercise(name)
    except UnknownIdError as exc:
        fail(_("{error}; 'backcoach exercises' lists them all").format(error=exc))
    found = _figures().get(exercise.id)
    if found is None:
        fail(_("exercise '{exercise}' has no figure yet").format(exercise=exercise.id))
    if as_json:
        print_json(_as_json(found))
        return
    pose_ids = [p.id for p in found.poses]
    if pose is not None and pose != "all" and pose not in pose_ids:
        fail(_("--pose '{pose}' is not a pose of '{exercise}' (choose from: {poses})").format(
            pose=pose, exercise=exercise.id, poses=", ".join([*pose_ids, "all"])))
    if png and out is None:
        fail(_("--png writes a file: give --out FILE.png"))
    if out is None and is_terminal():
        import shutil

        lines = terminal_figure(exercise.id, shutil.get_terminal_size().columns, pose)
        typer.echo("\n".join([exercise.name, *lines]) if lines else
                   _("{exercise}: the terminal is too narrow for the figure; widen it or "
                     "give --out FILE.svg").format(exercise=exercise.name))
        return
    svg = render_svg(found, pose=pose, title=exercise.name)
    if out is None:
        typer.echo(svg, nl=False)
        return
    # The file's name says what it holds: SVG text in a .png would open nowhere.
    as_png = png or out.suffix.lower() == ".png"
    _write(out, svg_to_png(svg) if as_png else svg)
    typer.echo(_("Wrote {file}").format(file=out))


@app.command("figures")
def figures_command(
    out: Annotated[Path, typer.Option(help="The folder to write the figures into.")],
    png: Annotated[
        bool, typer.Option("--png", help="Also write PNGs: every pose of each exercise, "
                           "and the contact sheet.")
    ] = False,
) -> None:
    """Write every exercise's animated figure and a contact sheet of all their poses."""
    from backcoach.cli.app import run_catalog
    from backcoach.figures import render_contact_sheet, render_strip, render_svg, svg_to_png

    catalog = run_catalog()
    figures = _figures()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(_("cannot create the folder '{folder}': {error}").format(
            folder=out, error=exc.strerror or exc))
    ordered = [figures[ex_id] for ex_id in catalog.exercises if ex_id in figures]
    for item in ordered:
        name = catalog.exercises[item.exercise].name
        _write(out / f"{item.exercise}.svg", render_svg(item, title=name))
        if png:
            _write(out / f"{item.exercise}.png",
                   svg_to_png(render_strip(item, title=name)))
    names = {ex_id: ex.name for ex_id, ex in catalog.exercises.items()}
    sheet = render_contact_sheet(ordered, names)
    _write(out / "contact-sheet.svg", sheet)
    if png:
        _write(out / "contact-sheet.png", svg_to_png(sheet))
    missing = [ex_id for ex_id in catalog.exercises if ex_id not in figures]
    typer.echo(_("Wrote {count} figures and a contact sheet to {folder}").format(
        count=len(ordered), folder=out)
        + ("; " + _("no figure yet for: {exercises}").format(exercises=", ".join(missing))
           if missing else ""))
