"""The person's answers, the screening verdict and a doctor's clearance."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach.profile import Profile
from backcoach.screening import Screening, screen
from backcoach.store import RecordError
from backcoach.web import service
from backcoach.web.deps import StateDep, TodayDep
from backcoach.web.errors import ApiError
from backcoach.web.schemas import ClearanceIn, ProfileSaved

router = APIRouter(tags=["profile"])


@router.get("/profile")
def get_profile(state: StateDep) -> Profile:
    """Return the newest answers (404 before onboarding)."""
    return service.require_profile(state)


@router.put("/profile")
def put_profile(body: Profile, state: StateDep) -> ProfileSaved:
    """Save new answers (earlier versions are kept) and return the screening they give."""
    state.store.save_profile(body)
    state.changed()
    return ProfileSaved(profile=body, screening=screen(body, state.catalog))


@router.get("/screening")
def get_screening(state: StateDep) -> Screening:
    """May the person exercise today? The verdict with every reason and its source."""
    return screen(service.require_profile(state), state.catalog)


@router.post("/clearance")
def post_clearance(body: ClearanceIn, state: StateDep, today: TodayDep) -> ProfileSaved:
    """Record that a doctor has seen the answers and allows exercise."""
    service.require_profile(state)
    try:
        on = service.check_day(body.date or today, today)
        updated = state.store.record_clearance(on=on, note=body.note, today=today)
    except RecordError as exc:
        raise ApiError(422, str(exc), field="date") from exc
    state.changed()
    return ProfileSaved(profile=updated, screening=screen(updated, state.catalog))
