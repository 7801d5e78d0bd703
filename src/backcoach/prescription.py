"""A clinician's prescription: the program a patient follows and, for some of its
exercises, the numbers, within the ranges the catalog gives them.

The planner follows a prescription instead of the phase's programs and the log's
progression, but never past safety: the screening still decides whether there is a plan at
all, and every exclusion and change for the person's conditions still applies (see
:func:`backcoach.planner.make_plan`). Each change is kept with its author and date; the
newest is in force.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from backcoach._strict import StrictModel
from backcoach.catalog import Catalog
from backcoach.catalog.models import Prescription as CatalogDose
from backcoach.errors import ConflictError, InvalidError
from backcoach.i18n import _
from backcoach.limits import Id, Note

METRICS = ("sets", "reps", "hold_seconds", "minutes")


class DoseChange(StrictModel):
    """The numbers a clinician sets for one exercise; what is left out follows the log."""

    sets: int | None = Field(default=None, ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=500)
    hold_seconds: int | None = Field(default=None, ge=1, le=3600)
    minutes: float | None = Field(default=None, gt=0, le=600)


class Prescription(StrictModel):
    """What a clinician prescribes: a program of the catalog, numbers for some of its
    exercises, and a note to the patient."""

    program: Id = Field(json_schema_extra={"x-catalog": "prescribable"})
    doses: dict[Id, DoseChange] = Field(default={}, max_length=60, description="Exercise id "
                                        "-> the numbers for it, within the catalog's range.")
    note: Note | None = None


class PrescriptionRecord(StrictModel):
    """A prescription as kept: who wrote it and when (UTC)."""

    prescription: Prescription
    author: str | None  # the clinician's email (None once that account is gone)
    at: datetime


def bounds(dose: CatalogDose, metric: str) -> tuple[float, float] | None:
    """Return the lowest and highest ``metric`` the catalog gives this dose (its range and
    its progression's start and target), or None when the exercise is not dosed that way."""
    span: list[float] = []
    amount = getattr(dose, metric)
    if amount is not None:
        span += [amount.low, amount.high]
    step = dose.progression
    if step is not None and step.metric == metric:
        span += [step.start.low, step.start.high, step.target.low, step.target.high]
    return (min(span), max(span)) if span else None


def check(prescription: Prescription, catalog: Catalog) -> None:
    """Refuse a prescription the catalog does not allow, naming the field at fault: an
    unknown or supervised program is a wrong value (:class:`InvalidError`, and outside
    the API's list of programs), numbers that do not fit that program's exercises a
    :class:`ConflictError`, as a program not for a person's phase is."""
    program = catalog.programs.get(prescription.program)
    if program is None:
        raise InvalidError(_("there is no program '{program}' in the catalog").format(
            program=prescription.program), field="program")
    if program.supervised:
        raise InvalidError(_("{program} is done only under a specialist's supervision; "
                             "backcoach does not guide it").format(program=program.name),
                           field="program")
    doses = {item.exercise: item.dose for block in program.blocks for item in block.items}
    for exercise, change in prescription.doses.items():
        dose = doses.get(exercise)
        if dose is None:
            raise ConflictError(_("{program} has no exercise '{exercise}'").format(
                program=program.name, exercise=exercise), field=f"doses.{exercise}")
        for metric in METRICS:
            value = getattr(change, metric)
            if value is None:
                continue
            allowed = bounds(dose, metric)
            if allowed is None:
                raise ConflictError(_("{exercise} in {program} is not dosed in {metric}").format(
                    exercise=exercise, program=program.name, metric=metric),
                    field=f"doses.{exercise}.{metric}")
            low, high = allowed
            if not low <= value <= high:
                raise ConflictError(_("{exercise}: {metric} {value:g} is outside the catalog's "
                                     "range for it in {program}, {low:g} to {high:g}").format(
                    exercise=exercise, metric=metric, value=value, program=program.name,
                    low=low, high=high), field=f"doses.{exercise}.{metric}")
