"""Server mode, the clinician's side: inviting patients (the rest of the clinician's API
follows: the patients' list, their progress, prescriptions)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from backcoach import auth
from backcoach.web.api.auth import me, parts
from backcoach.web.schemas import InvitationOut

router = APIRouter(tags=["patients"])


@router.post("/patients/invitations", status_code=201,
             responses={403: {"description": "Only a clinician invites patients."}})
def invite(request: Request) -> InvitationOut:
    """A one-time code (and the registration link holding it) for a new patient, valid
    for seven days."""
    info, code = auth.create_invitation(parts(request)[1], me(request))
    link = str(request.url_for("register_page").include_query_params(invite=code))
    return InvitationOut(code=code, link=link, expires_at=info.expires_at)
