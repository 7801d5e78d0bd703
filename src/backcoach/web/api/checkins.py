"""Check-ins between sessions: pain (0-10) and the Patient-Specific Functional Scale."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from backcoach.limits import check_window
from backcoach.web import service
from backcoach.web.deps import NowDep, StateDep, TodayDep
from backcoach.web.schemas import PainIn, PainOut, PsfsIn, PsfsOut, PsfsScoreOut, Saved

router = APIRouter(tags=["check-ins"])


@router.get("/pain")
def list_pain(state: StateDep) -> list[PainOut]:
    """The pain check-ins, oldest first."""
    return [PainOut(at=p.at, pain=p.pain, note=p.note) for p in state.store.pain_checkins()]


@router.post("/pain", status_code=status.HTTP_201_CREATED, response_model=PainOut)
async def add_pain(body: PainIn, state: StateDep, now: NowDep) -> Response:
    """Record how much the back hurts now, 0-10."""
    await state.write(lambda: state.store.add_pain(body.pain, at=now, note=body.note))
    state.changed()
    # Serialised here, not checked again against the response model: it is one.
    out = PainOut(at=now, pain=body.pain, note=body.note)
    return Response(out.model_dump_json(), status_code=201, media_type="application/json")


@router.get("/psfs")
def get_psfs(state: StateDep) -> PsfsOut:
    """The activities the back makes hard, and every rating of them."""
    return PsfsOut(activities=state.store.psfs_activities(),
                   scores=[PsfsScoreOut(activity=s.activity, date=s.date, score=s.score)
                           for s in state.store.psfs_scores()])


@router.post("/psfs", status_code=status.HTTP_201_CREATED)
def rate_psfs(body: PsfsIn, state: StateDep, today: TodayDep) -> Saved:
    """Rate activities 0 (unable) to 10 (as before); new names become new activities."""
    service.rate(state, body.ratings, check_window(body.date or today, today), today)
    return Saved()
