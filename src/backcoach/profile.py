"""A person's answers: pain, red flags, conditions, equipment, time and goal.

Usage::

    from backcoach.profile import load_profile

    profile = load_profile(Path("me.toml"))   # or .json; raises ProfileError

A profile holds only what the person said; what follows from it (may they exercise, which
exercises are out) is :mod:`backcoach.screening`'s job.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ConfigDict, Field, ValidationError, model_validator
from pydantic.config import JsonDict

from backcoach._strict import StrictModel
from backcoach.catalog.vocab import Equipment, Place
from backcoach.errors import InvalidError
from backcoach.i18n import _
from backcoach.limits import Count, Flag, Name, Score

if TYPE_CHECKING:
    from backcoach.clearance import Clearance

PainNow = Literal["none", "dull", "acute"]
PainSpread = Literal["none", "buttock_or_thigh", "below_knee", "both_legs"]
Sex = Literal["female", "male", "other"]
Goal = Literal["prevent", "relieve", "strengthen"]

# Tags the screening and the catalog's cautions share (see catalog/data/conditions.yaml).
CONDITION_FIELDS = {
    "hernia": "hernia",
    "osteoporosis": "osteoporosis",
    "pregnant": "pregnancy",
    "recent_birth": "recent_birth",
    "recent_injury": "recent_injury",
    "chronic_spine_disease": "chronic_spine_disease",
    "spine_flare": "spine_flare",
}

# Equipment that comes with a place, so "I train at a gym" needs no list.
PLACE_EQUIPMENT: dict[str, frozenset[str]] = {
    "home": frozenset(),
    "gym": frozenset({"mat", "fitball", "horizontal_bar", "cable_machine",
                      "hyperextension_bench", "roman_chair", "bench", "barbell"}),
    "pool": frozenset({"pool"}),
}


class RedFlags(StrictModel):

    """Answers to the red-flag questions; True means the person has it (now, or for the
    history questions, ever).

    The first group suggests cauda equina syndrome (an emergency); the second a possible
    serious cause (cancer, infection, fracture, worsening nerve damage). See CLINICAL.md;
    the questions as asked are in :mod:`backcoach.questions`.
    """

    bladder_or_bowel_change: Flag = Field(
        default=False,
        description="New trouble passing urine, loss of bladder or bowel control, or less "
        "feeling when passing urine.",
    )
    saddle_numbness: Flag = Field(
        default=False,
        description="Numbness or tingling between the legs, around the anus or genitals.",
    )
    new_sexual_dysfunction: Flag = False
    legs_weak_or_walking_changed: Flag = Field(
        default=False, description="Severe or worsening weakness in both legs, or walking changed."
    )
    sciatica_both_legs: Flag = Field(
        default=False, description="Sciatic pain in both legs, or spreading from one to both."
    )
    cancer_history: Flag = False
    unexplained_weight_loss: Flag = False
    fever_or_chills: Flag = False
    weak_immune_system: Flag = Field(
        default=False,
        description="Weakened immune system, injecting drug use or a recent bacterial infection.",
    )
    night_pain: Flag = Field(
        default=False, description="Pain at night that rest and changing position do not ease."
    )
    major_trauma: Flag = Field(
        default=False, description="The pain began with a major trauma: a fall, a crash."
    )
    minor_trauma_fragile_bones: Flag = Field(
        default=False,
        description="The pain began after a minor fall or strain, with osteoporosis or "
        "long-term steroid medicines.",
    )
    new_spine_deformity: Flag = False
    worsening_leg_nerve_signs: Flag = Field(
        default=False, description="Numbness or weakness in one leg that is spreading or growing."
    )
    no_better_after_month: Flag = Field(
        default=False, description="The pain has gone on for a month without improving."
    )
    pain_worse_or_changed: Flag = Field(
        default=False,
        description="The back pain keeps getting worse, or has changed in character.",
    )


# The checks of Profile._consistent, for the OpenAPI document: no pain means a pain level
# of 0, pain a level from 1; a flare needs the chronic spine disease.
_PAINED: JsonDict = {"required": ["pain_now"],
                     "properties": {"pain_now": {"enum": ["dull", "acute"]}}}
CONSISTENT: JsonDict = {"allOf": [
    {"if": {"not": _PAINED}, "then": {"properties": {"pain_level": {"const": 0}}}},
    {"if": _PAINED, "then": {"required": ["pain_level"],
                             "properties": {"pain_level": {"minimum": 1}}}},
    {"if": {"required": ["spine_flare"], "properties": {"spine_flare": {"const": True}}},
     "then": {"required": ["chronic_spine_disease"],
              "properties": {"chronic_spine_disease": {"const": True}}}},
]}


class Profile(StrictModel):
    """Everything backcoach asks a person before it plans anything."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=CONSISTENT)

    pain_now: PainNow = "none"
    pain_level: Score = Field(default=0, description="0 = no pain, 10 = worst.")
    pain_where: Name | None = None
    pain_spreads: PainSpread = "none"
    pain_is_new: Flag = Field(
        default=False, description="This back pain started in the last six weeks."
    )
    red_flags: RedFlags = RedFlags()
    hernia: Flag = False
    osteoporosis: Flag = False
    pregnant: Flag = False
    recent_birth: Flag = Field(default=False, description="Gave birth in the last six months.")
    recent_injury: Flag = Field(default=False, description="A back injury or fracture recently.")
    chronic_spine_disease: Flag = False
    spine_flare: Flag = Field(default=False, description="The chronic spine disease is flaring.")
    long_term_steroids: Flag = Field(
        default=False, description="Has taken steroid tablets (corticosteroids such as "
        "prednisolone) for three months or more.")
    pain_seen_by_doctor: Flag = Field(
        default=False, description="A doctor has already looked at this back pain.")
    age: Count = Field(ge=12, le=110)
    sex: Sex | None = None
    equipment: list[Equipment] = Field(default=[], max_length=30,
                                       description="What the person has at hand.")
    place: Place = "home"
    minutes_per_day: Count = Field(default=20, ge=5, le=120)
    days_per_week: Count = Field(default=3, ge=1, le=7)
    goal: Goal = "prevent"
    supervised: Flag = Field(
        default=False, description="Trains with a physiotherapist or trainer present."
    )

    @model_validator(mode="before")
    @classmethod
    def _no_sticky_clearance(cls, data: Any) -> Any:
        if isinstance(data, dict) and "doctor_cleared" in data:
            raise InvalidError(
                _("doctor_cleared is no longer one of the answers: a doctor's clearance is a "
                  "dated record of what the doctor saw. Remove it, and record the clearance "
                  "with 'backcoach cleared' or on the screening page (in a profile file: a "
                  "[[clearances]] table with date and covers)"), field="doctor_cleared")
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.pain_now == "none" and self.pain_level > 0:
            raise InvalidError(
                _("pain_now is 'none' but pain_level is {level}: set pain_now to 'dull' or "
                  "'acute', or pain_level to 0").format(level=self.pain_level),
                field="pain_level")
        if self.pain_now != "none" and self.pain_level == 0:
            raise InvalidError(
                _("pain_now is '{pain_now}' but pain_level is 0: give the pain from 1 to "
                  "10").format(pain_now=self.pain_now), field="pain_level")
        if self.spine_flare and not self.chronic_spine_disease:
            raise InvalidError(_("spine_flare needs chronic_spine_disease to be true"),
                               field="spine_flare")
        return self

    def conditions(self) -> set[str]:
        """Return the catalog condition tags that apply to this person now."""
        tags = {tag for name, tag in CONDITION_FIELDS.items() if getattr(self, name)}
        if self.pain_now == "acute":
            tags.add("acute_pain")
        if self.pain_spreads in ("below_knee", "both_legs"):
            tags.add("radiating_pain")
        return tags

    def equipment_at_hand(self) -> frozenset[str]:
        """Return what the person can use: their list, what their place has, and a mat
        (a folded blanket does for one, so a mat never keeps an exercise out)."""
        return frozenset({*self.equipment, *PLACE_EQUIPMENT[self.place], "mat"})

    def spine_is_healthy(self) -> bool:
        """Return True when nothing the person said points at a spine problem."""
        return not (
            self.conditions()
            - {"pregnancy", "recent_birth"}  # not spine disease, but screened on their own
            or self.pain_now != "none"
        )


class ProfileError(InvalidError):
    """A profile file is missing, unreadable or has wrong values; the message says which."""


def _format_errors(exc: ValidationError, source: str) -> str:
    lines = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "(profile)"
        got = err.get("input")
        shown = ("" if isinstance(got, dict | list) or field == "(profile)" else
                 _(" (got {value})").format(value=repr(got)))
        lines.append(f"{source}: {field}: {err['msg']}{shown}")
    return "\n".join(lines)


def parse_profile(data: Any, source: str = "profile") -> Profile:
    """Return the validated profile from already-parsed data; raises :class:`ProfileError`."""
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(_format_errors(exc, source)) from exc


def parse_profile_file(data: Any, source: str = "profile") -> tuple[Profile, list[Clearance]]:
    """Return the profile and the clearances (its optional ``clearances`` list) in a profile
    file's parsed data; raises :class:`ProfileError`."""
    from pydantic import TypeAdapter

    from backcoach.clearance import Clearance

    if not isinstance(data, dict):
        raise ProfileError(_("{source}: a profile is a table of answers, not {kind}").format(
            source=source, kind=type(data).__name__))
    answers = {k: v for k, v in data.items() if k != "clearances"}
    profile = parse_profile(answers, source)
    try:
        clearances = TypeAdapter(list[Clearance]).validate_python(data.get("clearances", []))
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = list(err["loc"])
            where = (_("clearance {number}").format(number=int(loc[0]) + 1)
                     if loc and isinstance(loc[0], int) else "")
            field = ".".join(str(p) for p in loc[1:])
            lines.append(f"{source}: clearances: {where}{': ' + field if field else ''}: "
                         f"{err['msg']}")
        raise ProfileError("\n".join(lines)) from exc
    return profile, clearances


def load_profile_file(path: Path) -> tuple[Profile, list[Clearance]]:
    """Return the profile and its clearances in a TOML or JSON file; raises
    :class:`ProfileError`."""
    from backcoach.files import read_structured

    try:
        data = read_structured(path, "profile", toml=path.suffix.lower() != ".json")
    except InvalidError as exc:
        raise ProfileError(exc.message, field=exc.field) from exc
    return parse_profile_file(data, str(path))


def load_profile(path: Path) -> Profile:
    """Return the profile in a TOML or JSON file (without its clearances); raises
    :class:`ProfileError`."""
    return load_profile_file(path)[0]


def save_profile(profile: Profile, path: Path, clearances: list[Clearance] | None = None) -> None:
    """Write the profile (and its clearances) as TOML, atomically: a crash leaves the old
    file or the new one."""
    import os

    import tomli_w

    path.parent.mkdir(parents=True, exist_ok=True)
    data = profile.model_dump(mode="json", exclude_none=True)
    if clearances:
        data["clearances"] = [c.model_dump(mode="json", exclude_none=True) for c in clearances]
    text = tomli_w.dumps(data)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)
