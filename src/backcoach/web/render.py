"""The Jinja2 environment the pages share: filters, names for the catalog's words, assets."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from backcoach.catalog import Catalog
from backcoach.day import READY
from backcoach.progression import PHASE_NAMES
from backcoach.screening import ExerciseNote
from backcoach.web.assets import fingerprints
from backcoach.web.deps import STATIC, TEMPLATES
from backcoach.web.security import csrf_field

BLOCKS = {"warm_up": "Warm-up", "main": "Main part", "cool_down": "Cool-down"}
VERDICTS = {"urgent": "Seek medical care now", "consult": "See a doctor before you start",
            "rest": "No exercise today", "go": "You can exercise"}
PHASES = PHASE_NAMES  # one name per phase, wherever it is read


def words(value: object) -> str:
    """Return a catalog word as text: ``all_fours`` -> ``all fours``."""
    return str(value).replace("_", " ")


def number(value: float | int | None) -> str:
    """Return 2.0 as "2" and 2.5 as "2.5"."""
    if value is None:
        return ""
    return f"{value:g}"


def personal_note(note: ExerciseNote, catalog: Catalog) -> tuple[str, str]:
    """Return ("For you (Pregnancy)", what to do) for a note of the person's on an exercise,
    as the handout shows it (the page and the PDF)."""
    known = catalog.conditions.get(note.condition)
    who = known.label if known else words(note.condition)
    if note.action == "modify":
        return f"For you ({who})", note.modification or note.reason
    if note.action == "clearance":
        return f"For you ({who})", f"only with a doctor's clearance. {note.reason}"
    return f"Not for you ({who})", note.reason


def make_templates(catalog: Catalog) -> Jinja2Templates:
    """Return the templates, with the catalog's section headings for naming sources."""
    templates = Jinja2Templates(directory=TEMPLATES)
    env = templates.env
    env.trim_blocks = True
    env.lstrip_blocks = True
    prints = fingerprints(STATIC)
    env.globals.update(
        static=lambda name: f"/static/{name}?v={prints.get(name, '0')}",
        BLOCKS=BLOCKS, VERDICTS=VERDICTS, PHASES=PHASES, READY=READY,
        personal_note=personal_note, csrf_field=csrf_field,
    )
    sections = {s.id: s.heading for s in catalog.sections.values()}

    def source(value: object) -> str:
        """Return a rule's source: the heading of a source section, or a guideline's name."""
        return sections.get(str(value), str(value))

    env.filters.update(words=words, number=number, source=source)
    return templates


def page(request: Request, name: str, context: dict[str, Any], *,
         status: int = 200) -> HTMLResponse:
    """Render the template ``name`` as a full page."""
    templates: Jinja2Templates = request.app.state.backcoach.templates
    response: HTMLResponse = templates.TemplateResponse(request, name, context,
                                                        status_code=status)
    return response


def html(request: Request, name: str, context: dict[str, Any]) -> str:
    """Render ``name`` to a string (for pages kept in memory between changes)."""
    templates: Jinja2Templates = request.app.state.backcoach.templates
    return templates.get_template(name).render({"request": request, **context})
