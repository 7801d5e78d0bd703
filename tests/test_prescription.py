"""A clinician's prescription: what the catalog allows, and the plan following it without
ever passing the screening or an exclusion."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from backcoach.errors import BackcoachError, ConflictError, InvalidError
from backcoach.planner import make_plan
from backcoach.prescription import DoseChange, Prescription, PrescriptionRecord, check
from backcoach.profile import Profile, RedFlags

TODAY = date(2026, 11, 23)  # a Monday
PERSON = Profile(age=40, days_per_week=7, minutes_per_day=60)
AT = datetime(2026, 11, 20, 9, 0)


def _record(prescription: Prescription) -> PrescriptionRecord:
    return PrescriptionRecord(prescription=prescription, author="ann@clinic.org", at=AT)


def test_the_catalog_bounds_what_may_be_prescribed(catalog):
    check(Prescription(program="entry_month",
                       doses={"back_raise": DoseChange(reps=30), "cat_cow": DoseChange(reps=12)}),
          catalog)
    refused: list[tuple[Prescription, str, type[BackcoachError]]] = [
        (Prescription(program="nope"), "program", InvalidError),
        (Prescription(program="therapy_stages_3_4"), "program", InvalidError),  # supervised
        # Numbers that do not fit the program's exercises (the API's 409).
        (Prescription(program="entry_month", doses={"plank": DoseChange(reps=10)}),
         "doses.plank", ConflictError),
        (Prescription(program="entry_month", doses={"back_raise": DoseChange(reps=31)}),
         "doses.back_raise.reps", ConflictError),
        (Prescription(program="entry_month", doses={"back_raise": DoseChange(minutes=3)}),
         "doses.back_raise.minutes", ConflictError),
    ]
    for prescription, field, error in refused:
        with pytest.raises(error) as caught:
            check(prescription, catalog)
        assert caught.value.field == field


def test_the_plan_follows_the_prescribed_program_and_numbers(catalog):
    prescribed = _record(Prescription(program="entry_month", note="Slowly, please.",
                                      doses={"back_raise": DoseChange(reps=20)}))
    plan = make_plan(PERSON, [], TODAY, catalog, prescription=prescribed)
    assert plan.programs == ["entry_month"]
    assert "prescribed by your clinician (ann@clinic.org) on 2026-11-20" in \
        plan.program_reasons[0] and "Slowly, please." in plan.program_reasons[0]
    raise_item = next(i for i in plan.today.items if i.exercise == "back_raise")
    assert raise_item.reps == 20 and "The numbers your clinician prescribed." in raise_item.why
    unprescribed = next(i for i in plan.today.items if i.exercise == "cat_cow")
    assert unprescribed.reps == 10  # the log's numbers: the start


def test_a_prescription_never_passes_the_screening_or_an_exclusion(catalog):
    prescribed = _record(Prescription(program="entry_month"))
    flagged = PERSON.model_copy(update={"red_flags": RedFlags(fever_or_chills=True)})
    assert make_plan(flagged, [], TODAY, catalog, prescription=prescribed).today.items == []
    free = make_plan(PERSON, [], TODAY, catalog, prescription=prescribed)
    fragile = make_plan(PERSON.model_copy(update={"osteoporosis": True}), [], TODAY, catalog,
                         prescription=prescribed)
    # Whatever the conditions leave out of the prescribed program stays out.
    excluded = {o.exercise for o in fragile.left_out if o.kind == "excluded"}
    assert excluded & {i.exercise for i in free.today.items}
    assert not excluded & {i.exercise for i in fragile.today.items}


def test_the_persons_own_choice_for_a_day_wins_with_the_logs_numbers(catalog):
    prescribed = _record(Prescription(program="entry_month",
                                      doses={"cat_cow": DoseChange(reps=30)}))
    plan = make_plan(PERSON, [], TODAY, catalog, program="therapeutic_set",
                     prescription=prescribed)
    assert plan.programs == ["therapeutic_set"]
    assert all("prescribed" not in " ".join(i.why) for i in plan.today.items)
