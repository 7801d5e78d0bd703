"""Motion rules: what a camera watches for in each exercise, as validated data.

One file per exercise, ``catalog/data/motion/<exercise_id>.yaml``, beside its figure::

    exercise: hip_hinge
    view: side                     # where the camera stands; the figure is drawn the same way
    count: reps                    # or holds: each stay in the end position is timed
    motion:                        # one angle (backcoach.camera.angles) defines the rep
      angle: trunk_lean
      start: 15                    # in the start position at or below 15 degrees...
      end: 32                      # ... in the end position at or beyond 32
      hysteresis: 4                # a 4-degree band centred on each line: in at 2 past it,
                                   # out at 2 back on the other side
    checks:
      - id: back_rounds            # also the name of the synthetic stream's mistake
        angle: head_line
        above: 5                   # the mistake shows above 5 degrees (or below: ...)
        during: [moving, end]      # in which phases the check applies
        dwell_seconds: 0.4         # for this long before the cue is spoken
        cue: {field: steps, index: 4}      # the exercise's own words, in any language
        shown_by: {lumbar: 30, thoracic: 25}   # how tests pose the mistake (joint degrees)

The cue is never new prose: it points at the exercise's ``steps``, ``cues`` or
``mistakes``, so the catalog in another language (:mod:`backcoach.catalog.translations`)
speaks it in that language. The thresholds are backcoach's, read off the figure's
keyframes (``catalog/data/figures``) with room for people who move less far.

:func:`load_rules` reads every file, validates it, and checks it against the catalog and
the figures (the exercise and its figure exist, the view matches the figure, the cue
points at a real text); every problem is raised together in one :class:`MotionRulesError`
naming the file, the entry and the field.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator

from backcoach._strict import StrictModel, one_of
from backcoach.camera.angles import ANGLES
from backcoach.catalog.loader import Problem, error_text, read_mappings
from backcoach.catalog.names import DATA_DIR
from backcoach.errors import BrokenDataError
from backcoach.figures.body import JOINTS

MOTION_DIR = DATA_DIR / "motion"
Phase = Literal["start", "moving", "end"]
CueField = Literal["steps", "cues", "mistakes"]
Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


AngleName = Annotated[str, AfterValidator(one_of("angle (see backcoach.camera.angles)",
                                                   ANGLES))]
JointName = Annotated[str, AfterValidator(one_of("joint of the figure", JOINTS))]


class CueRef(StrictModel):
    """A text of the exercise's catalog entry: its ``field`` and the index in that list."""

    field: CueField
    index: int = Field(ge=0)


class Motion(StrictModel):
    """The angle that defines a rep or a hold, and where its start and end positions lie."""

    angle: AngleName
    start: float = Field(description="The start position is this value or beyond it, on "
                         "the side away from 'end'.")
    end: float = Field(description="The end position is this value or beyond it, away "
                       "from 'start'.")
    hysteresis: float = Field(default=4, gt=0, description="The width of the band centred "
                              "on each line: a position is entered half of it past the "
                              "line and left half of it back, so a wobble on the line does "
                              "not count twice.")

    @model_validator(mode="after")
    def _apart(self) -> Motion:
        if abs(self.end - self.start) <= 2 * self.hysteresis:
            raise ValueError(f"start ({self.start:g}) and end ({self.end:g}) must be more "
                             f"than twice the hysteresis ({self.hysteresis:g}) apart")
        return self

    @property
    def rising(self) -> bool:
        """Return True when the angle grows from the start position to the end."""
        return self.end > self.start


class Check(StrictModel):
    """One form mistake the camera can see, and the exercise's words that correct it."""

    id: Slug
    angle: AngleName
    above: float | None = None
    below: float | None = None
    during: list[Phase] = Field(default=["moving", "end"], min_length=1)
    dwell_seconds: float = Field(default=0.4, ge=0, le=5)
    cue: CueRef
    shown_by: dict[JointName, Annotated[float, Field(ge=-90, le=90)]] = Field(
        min_length=1, description="The joint angles (degrees, added at the end position) "
        "that pose this mistake in a synthetic stream, for the tests.")
    shown_at: Literal["start", "end"] = Field(
        default="end", description="The pose where the mistake shows in full; the "
        "synthetic stream adds 'shown_by' in proportion to how near the figure is to it.")

    @model_validator(mode="after")
    def _one_bound(self) -> Check:
        if (self.above is None) == (self.below is None):
            raise ValueError("give one of 'above' or 'below'")
        return self

    def wrong(self, value: float) -> bool:
        """Return True when ``value`` of the angle shows the mistake."""
        if self.above is not None:
            return value > self.above
        return self.below is not None and value < self.below


class MotionRules(StrictModel):
    """Everything the camera coach needs to watch one exercise."""

    exercise: Slug
    view: Literal["side", "front"]
    count: Literal["reps", "holds"]
    motion: Motion
    checks: list[Check] = []


class MotionRulesError(BrokenDataError):
    """The motion rules are invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the motion rules have {len(problems)} problem(s):\n{lines}")


def load_rules(root: Path | None = None) -> dict[str, MotionRules]:
    """Return the motion rules by exercise id, read from ``root`` (default: the packaged
    data) and checked against the packaged catalog and figures.

    Raises :class:`MotionRulesError` listing every problem in every file.
    """
    if root is None:
        return _load_packaged()
    return _load(root)


@lru_cache(maxsize=1)
def _load_packaged() -> dict[str, MotionRules]:
    return _load(MOTION_DIR)


def _load(root: Path) -> dict[str, MotionRules]:
    from backcoach.catalog import load_catalog
    from backcoach.figures import load_figures

    files, problems = read_mappings(root, "motion", "motion rules", "rule")
    if not root.is_dir():
        raise MotionRulesError(problems)
    catalog = load_catalog()
    figures = load_figures()
    rules: dict[str, MotionRules] = {}
    for file, stem, raw in files:
        try:
            rule = MotionRules.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_located(file, raw, exc))
            continue
        found = _cross_check(file, stem, rule, catalog.exercises, figures)
        problems.extend(found)
        if not found:
            rules[rule.exercise] = rule
    if problems:
        raise MotionRulesError(problems)
    return rules


def _located(file: str, raw: dict[str, Any], exc: ValidationError) -> list[Problem]:
    known = sorted({name for model in (MotionRules, Motion, Check, CueRef)
                    for name in model.model_fields})
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        entry: str | None = None
        if len(loc) >= 2 and loc[0] == "checks" and isinstance(loc[1], int):
            entry = f"checks #{loc[1] + 1}"
            items = raw.get("checks")
            if isinstance(items, list) and loc[1] < len(items) and isinstance(
                    items[loc[1]], dict) and isinstance(items[loc[1]].get("id"), str):
                entry = f"check {items[loc[1]]['id']}"
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or None
        out.append(Problem(file, entry, field, error_text(err, known)))
    return out


def _cross_check(file: str, stem: str, rule: MotionRules, exercises: dict[str, Any],
                 figures: dict[str, Any]) -> list[Problem]:
    out: list[Problem] = []

    def add(entry: str | None, field: str | None, message: str) -> None:
        out.append(Problem(file, entry, field, message))

    if rule.exercise != stem:
        add(None, "exercise", f"must match the file name '{stem}'")
    exercise = exercises.get(rule.exercise)
    if exercise is None:
        close = difflib.get_close_matches(rule.exercise, sorted(exercises), n=1)
        add(None, "exercise", f"no catalog exercise '{rule.exercise}'"
            + (f"; did you mean '{close[0]}'?" if close else ""))
    figure = figures.get(rule.exercise)
    if figure is None:
        add(None, "exercise", f"no figure for '{rule.exercise}' (catalog/data/figures): "
            "the synthetic streams are posed from it")
    elif figure.view != rule.view:
        add(None, "view", f"the figure is drawn from the {figure.view}; the camera rules "
            f"say {rule.view}")
    ids = [c.id for c in rule.checks]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        add(f"check {dup}", "id", f"check id '{dup}' is used twice")
    for check in rule.checks:
        if exercise is None:
            break
        texts = getattr(exercise, check.cue.field)
        if check.cue.index >= len(texts):
            add(f"check {check.id}", "cue.index", f"exercise '{exercise.id}' has "
                f"{len(texts)} {check.cue.field} (index 0 to {len(texts) - 1}), not "
                f"index {check.cue.index}")
    return out


def cue_text(exercise: Any, cue: CueRef) -> str:
    """Return the text a cue points at in ``exercise`` (a catalog Exercise, any language)."""
    return str(getattr(exercise, cue.field)[cue.index])
