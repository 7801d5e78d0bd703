"""History and progress: the charts, the sessions, the PSFS and the pain check-ins.

The charts are drawn here, server-side, as SVG in the page (web/progress_view.py); the
matplotlib figure of /api/v1/progress/chart.svg stays for `progress --chart` and the PDF.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backcoach.errors import BackcoachError
from backcoach.history import SessionRecord
from backcoach.i18n import _
from backcoach.store.repository import MAX_PSFS_ACTIVITIES
from backcoach.web import service
from backcoach.web.deps import AppState, NowDep, StateDep, TodayDep, get_app_state
from backcoach.web.progress_view import progress_view
from backcoach.web.render import html, page
from backcoach.web.security import FormDep
from backcoach.words import plural

router = APIRouter(include_in_schema=False)
RECENT_CHECKINS = 30
RECENT_SESSIONS = 60  # the rest are in the charts and in the export
RECENT_RATINGS = 30


def stopped() -> dict[str, str]:
    """Return why a session stopped, as a person says it (the stored values are the API's
    words), in the current language."""
    return {"pain": _("Stopped because it hurt"), "spasm": _("Stopped for a spasm"),
            "tired": _("Stopped: too tired"), "other": _("Stopped early")}


def how_it_went(record: SessionRecord, sets: int) -> str:
    """Return "Completed, 12 sets" or "Stopped because it hurt, 1 set"."""
    went = _("Completed") if record.completed else stopped().get(
        record.stopped_reason or "other", _("Stopped early"))
    return f"{went}, {plural(sets, 'set')}"


def _context(state: AppState, today: date) -> dict[str, Any]:
    """Return what the page shows, read once per data version and day."""

    def read() -> dict[str, Any]:
        store = state.store
        progress = service.progress(state, today)
        sessions = store.sessions(latest=RECENT_SESSIONS)[::-1]
        return {
            "active": "history", "progress": progress, "view": progress_view(progress),
            "sessions": sessions,
            # Counted here, once: summing lists in the template was quadratic.
            "went": [how_it_went(s.record, sum(len(done.sets) for done in s.record.exercises))
                     for s in sessions],
            "session_count": progress.sessions,
            "program_names": {p.id: p.name for p in state.catalog.programs.values()},
            "pain": list(reversed(store.pain_checkins()))[:RECENT_CHECKINS],
            "activities": store.psfs_activities(),
            "psfs": list(reversed(store.psfs_scores()))[:RECENT_RATINGS],
            "max_activities": MAX_PSFS_ACTIVITIES, "today": today,
        }

    context: dict[str, Any] = state.memo.get(state.key("history", today), read)
    return context


def _history(request: Request, state: AppState, today: date, *, values: dict[str, Any],
             errors: dict[str, str], status: int = 200) -> HTMLResponse:
    return page(request, "history.html", {
        **_context(state, today), "values": values, "errors": errors,
        "saved": request.query_params.get("saved")}, status=status)


# In the page kept in memory, the browser's CSRF token stands here (each gets its own).
TOKEN_SLOT = b"\x00csrf-token\x00"
SAVED = ("pain", "psfs")


@router.get("/history")
async def history(request: Request) -> Response:
    # Kept in memory between changes, as /today: on the event loop, without injected
    # dependencies (a thread and the injection cost more than the answer).
    state = get_app_state(request)
    today = state.day()
    token = request.state.csrf.encode()
    saved = request.query_params.get("saved")
    saved = saved if saved in SAVED else None  # any other value would crowd the cache

    def draw() -> bytes:
        text = html(request, "history.html", {**_context(state, today), "values": {},
                                              "errors": {}, "saved": saved})
        return text.encode().replace(token, TOKEN_SLOT)

    body: bytes = state.memo.get(state.key("history.html", today, saved), draw)
    return HTMLResponse(body.replace(TOKEN_SLOT, token))


def _score(raw: str, field: str, errors: dict[str, str], label: str) -> int | None:
    if not raw:
        return None
    # Only ASCII digits: str.isdigit() takes '²', which int() then refuses.
    if not (raw.isascii() and raw.isdigit()) or not 0 <= int(raw) <= 10:
        errors[field] = _("{label}: give a whole number from 0 to 10.").format(label=label)
        return None
    return int(raw)


@router.post("/history/pain")
async def add_pain(request: Request, state: StateDep, today: TodayDep, now: NowDep,
                   form: FormDep) -> Response:
    values = {"pain": str(form.get("pain") or "").strip(),
              "pain_note": str(form.get("pain_note") or "").strip()}
    errors: dict[str, str] = {}
    pain = _score(values["pain"], "pain", errors, _("Pain"))
    if pain is None and "pain" not in errors:
        errors["pain"] = _("Pain: choose a number from 0 (none) to 10 (worst).")
    if len(values["pain_note"]) > 2000:
        errors["pain_note"] = _("Keep the note under 2000 characters.")
    if errors or pain is None:
        return _history(request, state, today, values=values, errors=errors, status=422)
    state.store.add_pain(pain, at=now, note=values["pain_note"] or None)
    state.changed()
    return RedirectResponse("/history?saved=pain#pain", status_code=303)


@router.post("/history/psfs")
async def rate_psfs(request: Request, state: StateDep, today: TodayDep,
                    form: FormDep) -> Response:
    values: dict[str, Any] = {k: str(v).strip() for k, v in form.multi_items()}
    errors: dict[str, str] = {}
    ratings: dict[str, int] = {}
    for n, name in enumerate(state.store.psfs_activities()):
        score = _score(values.get(f"score_{n}", ""), f"score_{n}", errors, name)
        if score is not None:
            ratings[name] = score
    new_name = values.get("new_activity", "")
    new_score = _score(values.get("new_score", ""), "new_score", errors, _("Rating"))
    if new_name and new_score is None and "new_score" not in errors:
        errors["new_score"] = _("Rate the new activity from 0 (unable) to 10 (as before).")
    elif new_score is not None and not new_name:
        errors["new_activity"] = _("Name the activity, e.g. 'Tie my shoes'.")
    elif new_name and new_score is not None:
        if len(new_name) > 200:
            errors["new_activity"] = _("Keep the name under 200 characters.")
        ratings[new_name] = new_score
    if not ratings and not errors:
        errors["new_activity"] = _("Rate at least one activity.")
    if not errors:
        try:
            service.rate(state, ratings, today, today)
        except BackcoachError as exc:
            errors["new_activity"] = exc.message[0].upper() + exc.message[1:]
    if errors:
        return _history(request, state, today, values=values, errors=errors, status=422)
    return RedirectResponse("/history?saved=psfs#psfs", status_code=303)
