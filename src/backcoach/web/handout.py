"""A program as a printable PDF handout: figures, numbers and steps (fpdf2, pure Python).

    pdf_bytes = handout_pdf(catalog.program("home_set"), catalog)

The text uses DejaVu Sans, which matplotlib (a dependency) ships, so the handout prints
every character the catalog uses on any machine. Figures are embedded as PNG through
:func:`backcoach.figures.svg_to_png` when it is available, else as SVG.
"""

from __future__ import annotations

import importlib.util
import io
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from fpdf import FPDF

from backcoach import i18n
from backcoach.catalog import Catalog
from backcoach.catalog.models import Program, ProgramItem
from backcoach.i18n import _, ngettext
from backcoach.prescription import DoseChange, PrescriptionRecord
from backcoach.screening import ExerciseNote
from backcoach.terms import block_names
from backcoach.web import service
from backcoach.web.render import personal_note

INK = (33, 43, 54)
MUTED = (84, 96, 108)
ACCENT = (0, 105, 110)
FIGURE_HEIGHT = 34.0  # mm


def units() -> dict[str, str]:
    """Return the names of a clinician's numbers, in the current language."""
    return {"sets": _("sets"), "reps": _("reps"), "hold_seconds": _("hold (s)"),
            "minutes": _("minutes")}


def stop_rule() -> str:
    """Return the rule printed before the exercises, in the current language."""
    return _("Stop at once on sharp or shooting pain, numbness or a spasm; the ache of working "
             "muscles is normal. See a doctor if pain spreads down a leg or does not settle.")


def _font() -> Path:
    # Found without importing matplotlib, which takes a third of a second.
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib is a dependency"
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def _image(svg: str) -> io.BytesIO:
    try:
        from backcoach.figures import svg_to_png

        return io.BytesIO(svg_to_png(svg, zoom=1.25))  # about 240 dpi at 34 mm
    except Exception:  # no rasteriser here: fpdf2 draws the SVG itself
        logging.getLogger("fpdf.svg").setLevel(logging.ERROR)
        return io.BytesIO(svg.encode())


class _Handout(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.handout_title = title
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(16, 14, 16)
        fonts = _font()
        self.add_font("dejavu", fname=str(fonts / "DejaVuSans.ttf"))
        self.add_font("dejavu", style="B", fname=str(fonts / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("backcoach")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("dejavu", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, _("backcoach · {title} · page {page}").format(
            title=self.handout_title, page=self.page_no()), align="C")

    def text_block(self, text: str, *, size: float = 10, bold: bool = False,
                   colour: tuple[int, int, int] = INK, gap: float = 1.0) -> None:
        self.set_font("dejavu", style="B" if bold else "", size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.45, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)


def _item(pdf: _Handout, item: ProgramItem, number: int, catalog: Catalog,
          notes: Sequence[ExerciseNote], change: DoseChange | None = None) -> None:
    ex = catalog.exercises[item.exercise]
    name = ex.name
    if item.variant:
        variant = next((v for v in ex.variants if v.id == item.variant), None)
        name += f" ({variant.name})" if variant else ""
    # Keep the heading with its figure: start a new page when little room is left.
    if pdf.get_y() + FIGURE_HEIGHT + 30 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.text_block(f"{number}. {name}", size=12, bold=True, gap=0.5)
    dose = item.dose.describe()
    if item.dose.progression is not None:
        dose += ". " + _("Progression: {progression}").format(
            progression=item.dose.progression.describe())
    pdf.text_block(dose, size=10, bold=True, colour=ACCENT)
    if change is not None:
        names = units()
        numbers = ", ".join(f"{names[k]} {v:g}" for k, v in change.model_dump().items()
                            if v is not None)
        pdf.text_block(_("Your clinician's numbers: {numbers}").format(numbers=numbers),
                       size=10, bold=True, colour=ACCENT)
    svg = service.figure_svg(ex.id, ex.name, ex.position, "all")
    top = pdf.get_y()
    pdf.image(_image(svg), x=pdf.l_margin, y=top, h=FIGURE_HEIGHT, keep_aspect_ratio=True)
    pdf.set_y(top + FIGURE_HEIGHT + 2)
    for n, step in enumerate(ex.steps, start=1):
        pdf.text_block(f"{n}. {step}", size=9.5, gap=0.3)
    if ex.cues:
        pdf.text_block(_("Cues: {cues}").format(cues=" ".join(ex.cues)), size=9, colour=MUTED,
                       gap=0.3)
    if item.note or item.dose.note:
        pdf.text_block(" ".join(n for n in (item.note, item.dose.note) if n), size=9,
                       colour=MUTED, gap=0.3)
    for note in notes:
        label, text = personal_note(note, catalog)
        pdf.text_block(f"{label}: {text}", size=9.5, bold=True, colour=ACCENT, gap=0.3)
    pdf.ln(3)


def _build(program: Program, catalog: Catalog,
           notes: Mapping[str, Sequence[ExerciseNote]],
           prescribed: PrescriptionRecord | None = None) -> bytes:
    pdf = _Handout(program.name)
    pdf.add_page()
    pdf.text_block(program.name, size=18, bold=True, gap=1)
    if prescribed is not None:
        day = f"{prescribed.at:%Y-%m-%d}"
        said = (_("Prescribed for you by your clinician {author} on {day}.").format(
                    author=prescribed.author, day=day) if prescribed.author
                else _("Prescribed for you by your clinician on {day}.").format(day=day))
        pdf.text_block(said, size=10.5, bold=True, colour=ACCENT)
        if prescribed.prescription.note:
            pdf.text_block(_("Their note: {note}").format(note=prescribed.prescription.note),
                           size=10.5, bold=True, gap=1)
    pdf.text_block(program.summary, size=10.5, gap=1)
    facts = []
    if program.frequency is not None:
        facts.append(_("How often: {often}").format(often=program.frequency.text))
    if program.minutes is not None:
        facts.append(ngettext("About {minutes} minute", "About {minutes} minutes",
                              int(program.minutes.high)).format(minutes=program.minutes))
    if facts:
        pdf.text_block(" · ".join(facts), size=10, colour=MUTED)
    for caution in program.cautions:
        label = catalog.conditions.get(caution.condition)
        who = label.label if label else caution.condition.replace("_", " ")
        pdf.text_block(_("With {who}: {reason}").format(who=who, reason=caution.reason),
                       size=9.5, colour=MUTED, gap=0.3)
    for note in program.notes:
        pdf.text_block(note, size=9.5, colour=MUTED, gap=0.3)
    pdf.text_block(stop_rule(), size=9.5, bold=True, gap=2)
    number = 1
    for block in program.blocks:
        pdf.text_block(block_names().get(block.kind, block.kind), size=14, bold=True,
                       colour=ACCENT, gap=1)
        for item in block.items:
            changes = prescribed.prescription.doses if prescribed is not None else {}
            _item(pdf, item, number, catalog, notes.get(item.exercise, ()),
                  changes.get(item.exercise))
            number += 1
    return bytes(pdf.output())


_MADE: dict[tuple[str, str, int, str, str], bytes] = {}


def handout_pdf(program: Program, catalog: Catalog,
                notes: Mapping[str, Sequence[ExerciseNote]] | None = None,
                prescribed: PrescriptionRecord | None = None) -> bytes:
    """Return the program's handout as PDF bytes, with ``notes`` (exercise id -> what the
    person's conditions change in it) under each exercise, and a clinician's prescription of
    this program (their note, their numbers) when ``prescribed``; made once per program,
    catalog, notes and prescription."""
    notes = notes or {}
    if prescribed is not None and prescribed.prescription.program != program.id:
        prescribed = None  # a prescription of another program says nothing here
    ids = {i.exercise for i in program.items()}
    mine = {k: list(v) for k, v in notes.items() if k in ids}
    key = (program.id, i18n.current(), id(catalog), repr(sorted((k, [n.model_dump() for n in v])
                                                for k, v in mine.items())),
           prescribed.model_dump_json() if prescribed is not None else "")
    if key not in _MADE:
        if len(_MADE) > 64:  # answers change now and then; keep the cache small
            _MADE.clear()
        _MADE[key] = _build(program, catalog, mine, prescribed)
    return _MADE[key]
