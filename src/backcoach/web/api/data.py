"""Taking records and programs away: the export of everything, a program's PDF handout."""

from __future__ import annotations

from fastapi import APIRouter, Response

from backcoach.store.backup import ExportDocument, export_user
from backcoach.web import service
from backcoach.web.deps import NowDep, StateDep, TodayDep
from backcoach.web.handout import handout_pdf

router = APIRouter(tags=["data"])


@router.get("/export", response_model=ExportDocument)
def get_export(state: StateDep, now: NowDep) -> Response:
    """Everything recorded, as one JSON document (what ``backcoach import`` reads back)."""
    doc = export_user(state.store, now=now)
    return Response(doc.model_dump_json(indent=2), media_type="application/json", headers={
        "Content-Disposition": f'attachment; filename="backcoach-{now:%Y-%m-%d}.json"'})


@router.get("/programs/{program_id}/handout.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def get_handout(program_id: str, state: StateDep, today: TodayDep) -> Response:
    """A program as a printable PDF: figures, numbers and steps, what the person's answers
    change in each exercise (when they have answered the questions), and on a server the
    note and numbers of the clinician who prescribed this program."""
    catalog = state.catalog
    program = catalog.program(program_id)
    notes = service.personal_notes(state, today)
    prescribed = state.store.prescription()  # server mode: a clinician's note and numbers
    return Response(handout_pdf(program, catalog, notes, prescribed),
                    media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="backcoach-{program.id}.pdf"'})
