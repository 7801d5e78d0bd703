"""The loaded catalog and the questions asked of it: look up, filter, search."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from backcoach._strict import StrictModel
from backcoach.catalog.models import (
    Condition,
    Equipment,
    Exercise,
    Guidance,
    Kind,
    Position,
    Prescription,
    Program,
    Section,
)
from backcoach.errors import NotFoundError
from backcoach.i18n import _

_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[а-яё]")


class UsedIn(StrictModel):
    """One place a program uses an exercise: its block, variant and dose."""

    program: str
    program_name: str
    block: str
    variant: str | None
    dose: Prescription
    dose_text: str


class UnknownIdError(NotFoundError):
    """No exercise or program has that id or name; the message suggests the closest, and
    ``field`` is ``what`` ("exercise", "program")."""

    def __init__(self, what: str, wanted: str, suggestion: str) -> None:
        self.what = what
        self.wanted = wanted
        self.suggestion = suggestion
        if what == "exercise":
            text = _("no exercise '{wanted}'{suggestion}")
        elif what == "program":
            text = _("no program '{wanted}'{suggestion}")
        else:
            text = f"no {what} '{{wanted}}'{{suggestion}}"
        super().__init__(text.format(wanted=wanted, suggestion=suggestion), field=what)


def _words(text: str) -> set[str]:
    """Return the stems of the words of ``text`` ("bending" -> "bend", "мостика" ->
    "мостик"), so a search finds a word in any of its forms."""
    return {_stem(word) for word in _WORD.findall(text.casefold())}


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    stem: str = _stemmer("russian" if _CYRILLIC.search(word) else "english").stemWord(word)
    return stem


@cache
def _stemmer(language: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(language)


@dataclass(frozen=True)
class SearchHit:
    """An exercise found by :meth:`Catalog.search`, best matches first."""

    exercise: Exercise
    score: int
    matched: str


@dataclass
class Catalog:
    """Every exercise, program, condition tag, source section and guidance of backcoach."""

    exercises: dict[str, Exercise]
    programs: dict[str, Program]
    conditions: dict[str, Condition]
    sections: dict[str, Section]
    guidance: Guidance
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)
    # The condition tags for which some exercise is given only with a doctor's clearance.
    clearance_conditions: frozenset[str] = field(default=frozenset(), init=False)

    def __post_init__(self) -> None:
        for ex in self.exercises.values():
            for name in [ex.id, ex.name, *ex.aliases]:
                self._by_name.setdefault(name.casefold(), ex.id)
        self.clearance_conditions = frozenset(
            c.condition for ex in self.exercises.values() for c in ex.cautions
            if c.action == "clearance")

    @staticmethod
    def suggestion(wanted: str, known: Iterable[str]) -> str:
        """Return ", did you mean 'x'?" for the closest known id, or an empty string."""
        close = difflib.get_close_matches(wanted.casefold(), list(known), n=1, cutoff=0.5)
        return _("; did you mean '{id}'?").format(id=close[0]) if close else ""

    def exercise(self, id_or_name: str) -> Exercise:
        """Return the exercise with this id, name or alias (any case).

        Raises :class:`UnknownIdError` naming the closest id.
        """
        key = self._by_name.get(id_or_name.casefold())
        if key is not None:
            return self.exercises[key]
        raise UnknownIdError(
            "exercise", id_or_name, self.suggestion(id_or_name, self._by_name)
        )

    def program(self, id_or_name: str) -> Program:
        """Return the program with this id or name; raises :class:`UnknownIdError`."""
        wanted = id_or_name.casefold()
        for program in self.programs.values():
            names = [program.id, program.name, *program.aliases]
            if wanted in (n.casefold() for n in names):
                return program
        raise UnknownIdError("program", id_or_name, self.suggestion(wanted, self.programs))

    def filter(
        self,
        *,
        equipment: Equipment | None = None,
        position: Position | None = None,
        kind: Kind | None = None,
    ) -> list[Exercise]:
        """Return the exercises matching every filter given, in catalog order.

        ``equipment`` keeps exercises that use it, in their main set or an alternative.
        """
        out = []
        for ex in self.exercises.values():
            if position is not None and ex.position != position:
                continue
            if kind is not None and ex.kind != kind:
                continue
            if equipment is not None:
                sets = [ex.equipment, *ex.equipment_alternatives]
                if not any(equipment in s for s in sets):
                    continue
            out.append(ex)
        return out

    def programs_using(self, exercise_id: str) -> list[Program]:
        """Return the programs that include this exercise, in catalog order."""
        return [
            p for p in self.programs.values()
            if any(item.exercise == exercise_id for item in p.items())
        ]

    def uses(self, exercise_id: str) -> list[UsedIn]:
        """Return every place a program uses the exercise, in catalog and block order."""
        return [UsedIn(program=program.id, program_name=program.name, block=block.kind,
                       variant=item.variant, dose=item.dose, dose_text=item.dose.describe())
                for program in self.programs_using(exercise_id)
                for block in program.blocks for item in block.items
                if item.exercise == exercise_id]

    def search(self, text: str) -> list[SearchHit]:
        """Return exercises matching ``text`` by name, alias, variant or step words.

        Names and aliases rank above variants, which rank above words in the steps; every
        word of the query must match somewhere for an exercise to be returned.
        """
        query = _words(text)
        if not query:
            return []
        hits = []
        for ex in self.exercises.values():
            fields: list[tuple[int, str, Iterable[str]]] = [
                (100, "name", [ex.id.replace("_", " "), ex.name]),
                (90, "alias", ex.aliases),
                (60, "variant", [n for v in ex.variants for n in [v.name, *v.aliases]]),
                (30, "summary", [ex.summary]),
                (20, "steps", [*ex.steps, *ex.cues]),
            ]
            best: tuple[int, str] | None = None
            unmatched = set(query)
            for weight, label, texts in fields:
                for t in texts:
                    found = query & _prefix_words(_words(t), query)
                    if found:
                        unmatched -= found
                        score = weight * len(found)
                        if best is None or score > best[0]:
                            best = (score, f"{label}: {t}")
            if best is not None and not unmatched:
                hits.append(SearchHit(ex, best[0], best[1]))
        hits.sort(key=lambda h: (-h.score, h.exercise.name))
        return hits


def _prefix_words(words: set[str], query: set[str]) -> set[str]:
    """Return the query words that some word starts with ("bend" finds "bending")."""
    return {q for q in query if any(w.startswith(q) for w in words)}

