"""Load and cross-check the figure files: one call, one error type.

``load_figures()`` reads every ``catalog/data/figures/*.yaml``, validates each against
:class:`~backcoach.figures.poses.Figure`, then checks what the schema alone cannot: the
file is named after a catalog exercise, the sequence names real poses and loops back to
``start``, contacts name a prop of the figure, and only poses on a floor below may leave
their height out. Every problem is collected and raised together as one
:class:`FigureError`, each naming the file, the entry (the pose or step) and the field.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backcoach.catalog.loader import Problem, error_text, read_mappings
from backcoach.catalog.names import DATA_DIR
from backcoach.errors import BrokenDataError
from backcoach.figures.poses import Figure

FIGURES_DIR = DATA_DIR / "figures"


class FigureError(BrokenDataError):
    """The figure data is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the figure data has {len(problems)} problem(s):\n{lines}")


def load_figures(
    root: Path | None = None, *, exercises: Iterable[str] | None = None
) -> dict[str, Figure]:
    """Return every figure by exercise id, read from ``root`` (default: the packaged data).

    ``exercises`` are the ids a figure may belong to (default: the packaged catalog's).
    Raises :class:`FigureError` listing every problem in every file.
    """
    if root is None and exercises is None:
        return _load_packaged()
    if exercises is None:
        from backcoach.catalog import load_catalog

        exercises = load_catalog().exercises
    return _load(root or FIGURES_DIR, set(exercises))


@lru_cache(maxsize=1)
def _load_packaged() -> dict[str, Figure]:
    from backcoach.catalog import load_catalog

    return _load(FIGURES_DIR, set(load_catalog().exercises))


def _load(root: Path, exercises: set[str]) -> dict[str, Figure]:
    files, problems = read_mappings(root, "figures", "figures", "figure")
    figures: dict[str, Figure] = {}
    for file, stem, raw in files:
        try:
            figure = Figure.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_located(file, raw, exc))
            continue
        found = _cross_check(file, stem, figure, exercises)
        problems.extend(found)
        if not found:
            figures[figure.exercise] = figure
    if problems:
        raise FigureError(problems)
    return figures


def _entry_of(raw: dict[str, Any], loc: tuple[int | str, ...]) -> tuple[str | None, str]:
    """Return (entry, field) for a pydantic error location: poses and steps are entries."""
    if len(loc) >= 2 and loc[0] in ("poses", "sequence") and isinstance(loc[1], int):
        items = raw.get(str(loc[0]))
        entry = f"{loc[0]} #{loc[1] + 1}"
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            item = items[loc[1]]
            name = item.get("id") if loc[0] == "poses" else item.get("pose")
            if isinstance(name, str):
                entry = name if loc[0] == "poses" else f"step {loc[1] + 1} ({name})"
        return entry, ".".join(str(p) for p in loc[2:])
    return None, ".".join(str(p) for p in loc)


def _located(file: str, raw: dict[str, Any], exc: ValidationError) -> list[Problem]:
    from backcoach.figures.poses import Contact, Figure, Limbs, Pose, PropSpec, Step, Trunk

    known = sorted({name for model in (Figure, Pose, PropSpec, Step, Contact, Trunk, Limbs)
                    for name in model.model_fields})
    out = []
    for err in exc.errors():
        entry, field = _entry_of(raw, tuple(err["loc"]))
        out.append(Problem(file, entry, field or None, error_text(err, known)))
    return out


def _cross_check(file: str, stem: str, figure: Figure, exercises: set[str]) -> list[Problem]:
    out: list[Problem] = []

    def add(entry: str | None, field: str | None, message: str) -> None:
        out.append(Problem(file, entry, field, message))

    if figure.exercise != stem:
        add(None, "exercise", f"must match the file name '{stem}'")
    if figure.exercise not in exercises:
        close = difflib.get_close_matches(figure.exercise, sorted(exercises), n=1)
        add(None, "exercise", f"no catalog exercise '{figure.exercise}'"
            + (f"; did you mean '{close[0]}'?" if close else ""))
    pose_ids = [p.id for p in figure.poses]
    for dup in sorted({i for i in pose_ids if pose_ids.count(i) > 1}):
        add(dup, "id", f"pose id '{dup}' is used twice")
    prop_names = [p.name for p in figure.props]
    for dup in sorted({n for n in prop_names if prop_names.count(n) > 1}):
        add(None, "props", f"two props are called '{dup}'; give one an id")
    surfaces = {"floor", *prop_names}
    for pose in figure.poses:
        if pose.at.y is None and figure.floor != "below":
            add(pose.id, "at.y", f"give the height: with floor '{figure.floor}' there is no "
                "floor to rest on")
        for i, contact in enumerate(pose.contacts):
            if contact.touches not in surfaces:
                add(pose.id, f"contacts.{i}.touches", f"no prop '{contact.touches}' in this figure "
                    f"(known: {', '.join(sorted(surfaces))})")
    for i, step in enumerate(figure.sequence):
        entry = f"step {i + 1} ({step.pose})"
        if step.pose not in pose_ids:
            add(entry, "pose", f"no pose '{step.pose}' (known: {', '.join(pose_ids)})")
        if i == 0 and step.move_seconds:
            add(entry, "move_seconds", "the first step is where the loop starts: no move")
        if i > 0 and not step.move_seconds:
            add(entry, "move_seconds", "say how many seconds the move to this pose takes")
    if figure.sequence[0].pose != "start" or figure.sequence[-1].pose != "start":
        add(None, "sequence", "the sequence must start and end at pose 'start', so the "
            "animation loops smoothly")
    unused = set(pose_ids) - {s.pose for s in figure.sequence}
    if unused:
        add(None, "sequence", f"poses never shown: {', '.join(sorted(unused))}")
    for prop in figure.props:
        if prop.attach is None and prop.kind in ("stick", "barbell", "partner"):
            add(None, "props", f"a {prop.kind} is held: give 'attach' (the segment it is on)")
    return out
