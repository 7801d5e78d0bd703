"""The Jinja2 environment the pages share: filters, names for the catalog's words, assets."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from babel.dates import format_date
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from backcoach import i18n
from backcoach.catalog import Catalog
from backcoach.day import READY
from backcoach.i18n import _
from backcoach.progression import PHASE_NAMES
from backcoach.screening import ExerciseNote, source_words
from backcoach.terms import block_names, phase_names, term
from backcoach.web.assets import fingerprints
from backcoach.web.deps import STATIC, TEMPLATES
from backcoach.web.security import csrf_field
from backcoach.words import plural

BLOCKS = {"warm_up": "Warm-up", "main": "Main part", "cool_down": "Cool-down"}
VERDICTS = {"urgent": "Seek medical care now", "consult": "See a doctor before you start",
            "rest": "No exercise today", "go": "You can exercise"}
PHASES = PHASE_NAMES  # one name per phase, wherever it is read


def verdicts() -> dict[str, str]:
    """Return :data:`VERDICTS` in the current language."""
    return {"urgent": _("Seek medical care now"), "consult": _("See a doctor before you start"),
            "rest": _("No exercise today"), "go": _("You can exercise")}


def long_date(day: date) -> str:
    """Return "Tuesday 1 December" (English), "вторник, 1 декабря" (Russian)."""
    if i18n.current() == i18n.DEFAULT:
        return f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    return format_date(day, format="EEEE, d MMMM", locale=i18n.current())


def short_date(day: date) -> str:
    """Return "1 Dec" (English), "1 дек." (Russian)."""
    if i18n.current() == i18n.DEFAULT:
        return f"{day.day} {day:%b}"
    return format_date(day, format="d MMM", locale=i18n.current())


def weekday_short(day: date) -> str:
    """Return "Tue" (English), "вт" (Russian)."""
    if i18n.current() == i18n.DEFAULT:
        return day.strftime("%a")
    return format_date(day, format="EEE", locale=i18n.current())


def sentence(text: object) -> str:
    """Return ``text`` with its first letter a capital, the rest as written (Jinja's
    ``capitalize`` lowercases the rest: "PSFS" would read "psfs")."""
    shown = str(text)
    return shown[:1].upper() + shown[1:]


def words(value: object) -> str:
    """Return a catalog word as text: ``all_fours`` -> ``all fours``."""
    return str(value).replace("_", " ")


def variant_name(catalog: Catalog, exercise_id: str, variant_id: str) -> str:
    """Return the name of an exercise's variant as the catalog gives it in the reader's
    language (in English, its id in words, as the pages always wrote it)."""
    if i18n.current() == i18n.DEFAULT:
        return words(variant_id)
    exercise = catalog.exercises.get(exercise_id)
    for variant in exercise.variants if exercise is not None else []:
        if variant.id == variant_id:
            return str(variant.name)
    return words(variant_id)


def number(value: float | int | None) -> str:
    """Return 2.0 as "2" and 2.5 as "2.5"."""
    if value is None:
        return ""
    shown = f"{value:g}"
    return shown if i18n.current() == i18n.DEFAULT else shown.replace(".", ",")


def personal_note(note: ExerciseNote, catalog: Catalog) -> tuple[str, str]:
    """Return ("For you (Pregnancy)", what to do) for a note of the person's on an exercise,
    as the handout shows it (the page and the PDF)."""
    known = catalog.conditions.get(note.condition)
    who = known.label if known else words(note.condition)
    if note.action == "modify":
        return _("For you ({who})").format(who=who), note.modification or note.reason
    if note.action == "clearance":
        return (_("For you ({who})").format(who=who),
                _("only with a doctor's clearance. {reason}").format(reason=note.reason))
    return _("Not for you ({who})").format(who=who), note.reason


def make_templates(catalogs: Mapping[str, Catalog]) -> Jinja2Templates:
    """Return the templates, with each language's section headings for naming sources, and
    gettext (``{{ _("text") }}``, ``{{ ngettext(...) }}``) in the request's language."""
    templates = Jinja2Templates(directory=TEMPLATES)
    env = templates.env
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(i18n.gettext, i18n.ngettext,  # type: ignore[attr-defined]
                                  newstyle=True)
    prints = fingerprints(STATIC)
    env.globals.update(
        static=lambda name: f"/static/{name}?v={prints.get(name, '0')}",
        BLOCKS=BLOCKS, VERDICTS=VERDICTS, PHASES=PHASES, READY=READY,
        blocks=block_names, verdicts=verdicts, phases=phase_names,
        long_date=long_date, short_date=short_date, weekday_short=weekday_short,
        personal_note=personal_note, csrf_field=csrf_field, variant_name=variant_name,
        plural=plural,
        LANGUAGES={code: name for code, name in i18n.LANGUAGES.items() if code in catalogs},
        language=i18n.current,
    )
    sections = {lang: {s.id: s.heading for s in c.sections.values()}
                for lang, c in catalogs.items()}

    def source(value: object) -> str:
        """Return a rule's source: the heading of a source section, or a guideline's name."""
        headings = sections.get(i18n.current()) or sections[i18n.DEFAULT]
        named = {"warm-up": _("warm-up"), "home set": _("home set")}  # the planner's own
        return headings.get(str(value)) or named.get(str(value)) or source_words(str(value))

    env.filters.update(words=words, term=term, number=number, source=source, sentence=sentence)
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
