"""The catalog's schema: exercises, prescriptions, programs, cautions and guidance.

Every model forbids unknown fields, so a typo in the YAML data is an error, not a silently
ignored key. Vocabularies that the planner and the interfaces filter on (position,
equipment, kind...) are closed ``Literal`` types; the condition tags used by cautions live
in ``data/conditions.yaml`` and are cross-checked by the loader.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from backcoach._strict import StrictModel

# Re-exported: the vocabularies are part of the schema's public names.
from backcoach.catalog.vocab import (
    BlockKind as BlockKind,
    CautionAction as CautionAction,
    Difficulty as Difficulty,
    Equipment as Equipment,
    Kind as Kind,
    Metric as Metric,
    Muscle as Muscle,
    Phase as Phase,
    Place as Place,
    Placement as Placement,
    Position as Position,
    Requirement as Requirement,
    TrunkSide as TrunkSide,
)
from backcoach.i18n import _

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

# Section ids of the source text; the loader checks every reference against
# ``data/sections.yaml``, which maps each id to the source's heading.
SectionId = Slug


class Range(StrictModel):
    """A number or an inclusive range of numbers, as the source writes them ("8-10")."""

    # int | float keeps "10" an integer in JSON output while allowing "2.5 minutes".
    low: int | float = Field(ge=0)
    high: int | float = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _from_scalar_or_pair(cls, value: Any) -> Any:
        # YAML authors write `10` or `[8, 10]`; both become {low, high}.
        if isinstance(value, bool):
            return value  # let pydantic reject it with its own message
        if isinstance(value, int | float):
            return {"low": value, "high": value}
        if isinstance(value, list | tuple):
            if len(value) != 2:
                raise ValueError("a range is written as a number or as [low, high]")
            return {"low": value[0], "high": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self

    def __str__(self) -> str:
        if self.low == self.high:
            return f"{self.low:g}"
        return f"{self.low:g}-{self.high:g}"


    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high


class SourceRef(StrictModel):
    """Where in the source text something comes from."""

    section: SectionId
    as_named: str | None = Field(
        default=None, description="The name the source gives it in that section, if any."
    )


class Caution(StrictModel):
    """What a person's condition does to an exercise or a program, and why."""

    condition: Slug = Field(description="A tag from conditions.yaml, e.g. hernia.")
    action: CautionAction
    reason: Text = Field(description="Shown to the person, in backcoach's words.")
    modification: str | None = Field(
        default=None, description="What to do instead; required when action is modify."
    )
    source: str = Field(
        description="The source section id, or the clinical guideline the rule follows."
    )

    @model_validator(mode="after")
    def _modification_given(self) -> Caution:
        if self.action == "modify" and not self.modification:
            raise ValueError("a caution with action 'modify' must say the modification")
        return self


class Variant(StrictModel):
    """A named way of doing the same movement (arms forward, hands behind the head...)."""

    id: Slug
    name: Text
    aliases: list[Text] = []
    description: Text
    source: list[SourceRef] = []


class Exercise(StrictModel):
    """One canonical movement, however many sections and names the source gives it."""

    id: Slug
    name: Text
    aliases: list[Text] = []
    summary: Text
    position: Position
    equipment: list[Equipment] = Field(
        default=[], description="Everything needed; empty means none at all."
    )
    equipment_alternatives: list[list[Equipment]] = Field(
        default=[], description="Other sets of equipment that do the same job."
    )
    place: Place = "home"
    requires: list[Requirement] = []
    kind: Kind
    difficulty: Difficulty
    muscles: list[Muscle] = Field(min_length=1)
    trunk_support: list[TrunkSide] = Field(
        default=[], description="Which sides of the trunk it strengthens or holds."
    )
    placement: Placement = "anywhere"
    steps: list[Text] = Field(min_length=2)
    cues: list[Text] = []
    mistakes: list[Text] = []
    stop_if: list[Text] = Field(
        default=[], description="Signs during the exercise that mean stop or step back."
    )
    cautions: list[Caution] = []
    variants: list[Variant] = []
    source: list[SourceRef] = Field(min_length=1)

    def display_name(self, variant: str | None) -> str:
        """Return "Back raise (Diver)", or the variant's own name when it says it all."""
        name = next((v.name for v in self.variants if v.id == variant), None)
        if name is None:
            return self.name
        return name if self.name.casefold() in name.casefold() else f"{self.name} ({name})"

    def doable_with(self, have: Collection[str]) -> bool:
        """Return True when ``have`` holds its equipment, or one of the alternatives."""
        return any(set(option) <= set(have)
                   for option in [self.equipment, *self.equipment_alternatives])


class Progression(StrictModel):
    """How a dosage grows: from start to target, by step, when the condition holds."""

    metric: Metric
    start: Range
    target: Range
    step: int | float | None = Field(default=None, gt=0)
    after_weeks: int | float | None = Field(default=None, gt=0)
    when: Text
    step_chosen: bool = Field(
        default=False,
        description="True when the source gives no step size and backcoach chose it.",
    )

    def describe(self) -> str:
        """Return the progression in words, in the current language: "10 -> 30-40 s hold,
        after about 4 weeks, when ..."."""
        unit = {"reps": _("reps"), "hold_seconds": _("s hold"), "minutes": _("min"),
                "sets": _("sets")}
        text = f"{self.start} -> {self.target} {unit[self.metric]}"
        if self.step is not None:
            text += _(", +{step} at a time").format(step=f"{self.step:g}")
        if self.after_weeks is not None:
            text += _(", after about {weeks} weeks").format(weeks=f"{self.after_weeks:g}")
        return f"{text}, {self.when}"

    @model_validator(mode="after")
    def _grows(self) -> Progression:
        if self.target.high < self.start.low:
            raise ValueError("target is below start: a progression must not shrink")
        return self


class Prescription(StrictModel):
    """How much of an exercise: sets x (reps | hold seconds | minutes), per side or not."""

    sets: Range = Range(low=1, high=1)
    reps: Range | None = None
    hold_seconds: Range | None = None
    hold_to_fatigue: bool = Field(
        default=False, description="Hold 'as long as you can' rather than for a time."
    )
    minutes: Range | None = None
    per_side: bool = False
    rest_seconds: int | float | None = Field(default=None, ge=0)
    progression: Progression | None = None
    chosen: dict[str, Text] = Field(
        default={},
        description="Figures the source leaves open, keyed by field, with what backcoach "
        "chose and why ('a few seconds' -> 3-5 s).",
    )
    note: str | None = None

    def describe(self) -> str:
        """Return the dosage in words, in the current language: "2 sets x 10 reps, hold
        10 s, per side"."""
        amounts = []
        if self.reps is not None:
            amounts.append(_("{reps} reps").format(reps=self.reps))
        if self.hold_seconds is not None:
            amounts.append(_("hold {seconds} s").format(seconds=self.hold_seconds))
        if self.hold_to_fatigue:
            amounts.append(_("hold as long as you comfortably can"))
        if self.minutes is not None:
            amounts.append(_("{minutes} min").format(minutes=self.minutes))
        text = ", ".join(amounts)
        if self.sets.low != 1 or self.sets.high != 1:
            text = _("{sets} sets x {amounts}").format(sets=self.sets, amounts=text)
        if self.per_side:
            text += _(", per side")
        return text

    @model_validator(mode="after")
    def _has_an_amount(self) -> Prescription:
        if (
            self.reps is None
            and self.hold_seconds is None
            and self.minutes is None
            and not self.hold_to_fatigue
        ):
            raise ValueError("give reps, hold_seconds, minutes or hold_to_fatigue")
        unknown = set(self.chosen) - set(type(self).model_fields)
        if unknown:
            raise ValueError(f"'chosen' names unknown fields: {', '.join(sorted(unknown))}")
        return self


class ProgramItem(StrictModel):
    """One exercise in a program, with the dosage that program's section gives it."""

    exercise: Slug
    variant: Slug | None = None
    dose: Prescription
    note: str | None = None


class Block(StrictModel):
    kind: BlockKind
    items: list[ProgramItem] = Field(min_length=1)


class Frequency(StrictModel):
    """How often a program is done."""

    per_week: Range | None = None
    time_of_day: Literal["morning", "any"] = "any"
    weeks: int | float | None = Field(default=None, gt=0, description="How long, where stated.")
    text: Text


class Program(StrictModel):
    """One of the source's ready-made complexes."""

    id: Slug
    name: Text
    aliases: list[Text] = []
    summary: Text
    phase: Phase
    stage: str | None = None
    supervised: bool = False
    place: Place = "home"
    frequency: Frequency | None = None
    minutes: Range | None = None
    cautions: list[Caution] = []
    notes: list[Text] = []
    blocks: list[Block] = []
    source: SourceRef

    @model_validator(mode="after")
    def _items_unless_supervised(self) -> Program:
        # Stages III-IV are set by a specialist: the source names no exercises for them.
        if not self.blocks and not self.supervised:
            raise ValueError("a program that is not supervised needs at least one block")
        return self

    def items(self) -> list[ProgramItem]:
        """Return every item of every block, in order."""
        return [item for block in self.blocks for item in block.items]


class Condition(StrictModel):
    """A tag that cautions refer to, with the words shown to a person."""

    id: Slug
    label: Text
    description: Text


class Section(StrictModel):
    """A section of the source text that catalog entries point to."""

    id: SectionId
    heading: Text
    summary: Text


class Rule(StrictModel):
    id: Slug
    title: Text
    text: Text
    source: str


class RiskFactor(StrictModel):
    id: Slug
    label: Text
    advice: Text
    source: str


class Nutrient(StrictModel):
    id: Slug
    name: Text
    role: Text
    foods: list[Text] = Field(min_length=1)
    source: str


class PainGuide(StrictModel):
    """How to tell dangerous pain from the ache of working muscles."""

    fatigue: list[Text] = Field(min_length=1)
    dangerous: list[Text] = Field(min_length=1)
    what_to_do: list[Text] = Field(min_length=1)
    source: str


class Guidance(StrictModel):
    rules: list[Rule] = Field(min_length=1)
    risk_factors: list[RiskFactor] = Field(min_length=1)
    nutrition: list[Nutrient] = Field(min_length=1)
    nutrition_notes: list[Text] = []
    pain: PainGuide
