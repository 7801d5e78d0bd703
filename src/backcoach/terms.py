"""The catalog's closed words in the current language: positions, equipment, kinds,
difficulties, muscles, what an exercise requires, and the phases' names.

    term("all_fours")   -> "all fours"      (Russian: "на четвереньках")
    term("gymnastic_stick") -> "gymnastic stick"

One table for the planner, the command line and the pages; light to import (no pydantic),
so the command line's quick reads use it too. In English a word is its code
in words (``all_fours`` -> "all fours"), as it always was; each is translated when it is
shown, never at import.
"""

from __future__ import annotations

from backcoach import i18n
from backcoach.i18n import _


def _table() -> dict[str, str]:
    return {
        # positions
        "standing": _("standing"), "sitting": _("sitting"), "kneeling": _("kneeling"),
        "all_fours": _("all fours"), "supine": _("supine"), "prone": _("prone"),
        "side_lying": _("side lying"), "hanging": _("hanging"),
        "squatting": _("squatting"), "in_water": _("in water"),
        # equipment
        "mat": _("mat"), "chair": _("chair"), "gymnastic_stick": _("gymnastic stick"),
        "fitball": _("fitball"), "sofa": _("sofa"), "horizontal_bar": _("horizontal bar"),
        "cable_machine": _("cable machine"), "hyperextension_bench": _("hyperextension bench"),
        "roman_chair": _("roman chair"), "bench": _("bench"), "barbell": _("barbell"),
        "pool": _("pool"), "partner": _("partner"),
        # kinds and difficulties
        "strength": _("strength"), "isometric": _("isometric"), "stretch": _("stretch"),
        "mobility": _("mobility"), "breathing": _("breathing"), "aerobic": _("aerobic"),
        "relaxation": _("relaxation"), "gentle": _("gentle"), "moderate": _("moderate"),
        "hard": _("hard"),
        # muscles
        "erector_spinae": _("erector spinae"), "multifidus": _("multifidus"),
        "quadratus_lumborum": _("quadratus lumborum"), "psoas": _("psoas"),
        "latissimus_dorsi": _("latissimus dorsi"), "trapezius": _("trapezius"),
        "rhomboids": _("rhomboids"), "rectus_abdominis": _("rectus abdominis"),
        "obliques": _("obliques"), "transversus_abdominis": _("transversus abdominis"),
        "glutes": _("glutes"), "hamstrings": _("hamstrings"), "quadriceps": _("quadriceps"),
        "hip_flexors": _("hip flexors"), "adductors": _("adductors"), "calves": _("calves"),
        "shoulders": _("shoulders"), "arms": _("arms"), "neck": _("neck"),
        "diaphragm": _("diaphragm"),
        # what an exercise requires
        "healthy_spine": _("healthy spine"), "trainer": _("trainer"),
    }


def term(code: object) -> str:
    """Return a catalog word in the current language; an unknown one in words."""
    as_words = str(code).replace("_", " ")
    if i18n.current() == i18n.DEFAULT:
        return as_words
    return _table().get(str(code)) or as_words


def phase_names() -> dict[str, str]:
    """Each phase's name, one per phase wherever a person reads it ("Entry month")."""
    return {"rest": _("Rest"), "therapeutic": _("Therapeutic (stages I-II)"),
            "entry": _("Entry month"), "strengthening": _("Strengthening"),
            "advanced": _("Advanced"), "supervised": _("Supervised (stages III-IV)")}


def phase_word(phase: str) -> str:
    """Return the phase as a sentence or a table's column names it: its id in English ("the
    entry phase"), its name in words in the other languages ("начальный этап")."""
    return {"rest": _("rest"), "therapeutic": _("therapeutic"), "entry": _("entry"),
            "strengthening": _("strengthening"), "advanced": _("advanced"),
            "supervised": _("supervised")}.get(phase, phase)


def block_names() -> dict[str, str]:
    """The parts of a session as the pages and the calendar title them."""
    return {"warm_up": _("Warm-up"), "main": _("Main part"), "cool_down": _("Cool-down")}
