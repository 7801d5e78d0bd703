"""The person's answers, the screening verdict and a doctor's clearances."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach.clearance import Clearance
from backcoach.profile import Profile
from backcoach.screening import Screening
from backcoach.web import service
from backcoach.web.deps import StateDep, TodayDep
from backcoach.web.schemas import ClearanceIn, ClearanceSaved, ProfileSaved

router = APIRouter(tags=["profile"])


@router.get("/profile")
def get_profile(state: StateDep) -> Profile:
    """Return the newest answers (404 before onboarding)."""
    return service.require_profile(state)


@router.put("/profile")
def put_profile(body: Profile, state: StateDep, today: TodayDep) -> ProfileSaved:
    """Save new answers (earlier versions are kept) and return the screening they give,
    with the clearances recorded (a finding new since a clearance is not covered by it)."""
    state.store.save_profile(body)
    state.changed()
    return ProfileSaved(profile=body, screening=service.screening(state, today))


@router.get("/screening")
def get_screening(state: StateDep, today: TodayDep) -> Screening:
    """May the person exercise today? The verdict with every reason and its source."""
    return service.screening(state, today)


@router.get("/clearances")
def get_clearances(state: StateDep) -> list[Clearance]:
    """The doctor's clearances recorded, oldest first, each with the findings it covers."""
    return service.clearances(state)


@router.put("/clearance", responses={409: {"description": "Nothing in the answers needs a "
                                           "clearance."}})
def put_clearance(body: ClearanceIn, state: StateDep, today: TodayDep) -> ClearanceSaved:
    """Record that a doctor has seen the answers as they stand and allows exercise: a
    clearance dated ``date`` covering every finding in them that a clearance can lift."""
    clearance = service.record_clearance(state, on=body.date or today, note=body.note,
                                         today=today)
    return ClearanceSaved(clearance=clearance, screening=service.screening(state, today))


@router.post("/clearance", deprecated=True, responses={409: {"description": "Nothing in the "
                                                             "answers needs a clearance."}})
def post_clearance(body: ClearanceIn, state: StateDep, today: TodayDep) -> ClearanceSaved:
    """The same as ``PUT /clearance`` (kept for older clients)."""
    return put_clearance(body, state, today)
