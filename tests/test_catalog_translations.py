"""The catalog in Russian: the overlay's rules, and the packaged translation complete and
faithful to the English data."""

from __future__ import annotations

import pytest

from backcoach.catalog import load_catalog
from backcoach.catalog.translations import overlay, skeleton

ENGLISH = {"id": "cat_cow", "name": "Cat-cow", "aliases": ["Lazy cat", "Arching cat"],
           "steps": ["Kneel.", "Sag."], "equipment": ["mat"],
           "cautions": [{"condition": "early_therapy", "action": "modify",
                         "reason": "Gently early on."}],
           "source": [{"section": "home_set"}, {"section": "spine", "as_named": "Lazy cat"}]}
RUSSIAN = {"name": "Кошка", "aliases": ["Кошечка"], "steps": ["Встаньте.", "Прогнитесь."],
           "cautions": [{"reason": "Мягко в начале."}],
           "source": [{}, {"as_named": "Ленивая кошка"}]}


def _overlay(translated: object) -> tuple[object, list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    merged = overlay(ENGLISH, translated, "ru", lambda where, what: problems.append(
        (where, what)))
    return merged, problems


def test_the_russian_texts_replace_the_english_and_the_rest_is_kept():
    merged, problems = _overlay(RUSSIAN)
    assert problems == []
    assert merged == {**ENGLISH, "name": "Кошка", "aliases": ["Кошечка"],
                      "steps": ["Встаньте.", "Прогнитесь."],
                      "cautions": [{"condition": "early_therapy", "action": "modify",
                                    "reason": "Мягко в начале."}],
                      "source": [{"section": "home_set"},
                                 {"section": "spine", "as_named": "Ленивая кошка"}]}


@pytest.mark.parametrize(("change", "where", "said"), [
    ({"name": None}, "name", "no ru text"),
    ({"name": "Cat-cow"}, "name", "still in English"),
    ({"steps": ["Встаньте."]}, "steps", "1 entries where the English has 2"),
    ({"id": "кошка"}, "id", "holds no text to translate"),
    ({"equipment": ["коврик"]}, "equipment", "holds no text to translate"),
    ({"colour": "рыжий"}, "colour", "not in the English file"),
    ({"cautions": {"reason": "x"}}, "cautions", "expected a list"),
])
def test_every_problem_is_named_with_its_path(change, where, said):
    translated = {**RUSSIAN, **change}
    if change.get("name", "") is None:
        del translated["name"]
    _, problems = _overlay(translated)
    assert any(p == where and said in what for p, what in problems), problems


def test_the_skeleton_holds_only_the_texts_to_translate():
    assert skeleton(ENGLISH) == {"name": "Cat-cow", "aliases": ["Lazy cat", "Arching cat"],
                                 "steps": ["Kneel.", "Sag."],
                                 "cautions": [{"reason": "Gently early on."}],
                                 "source": [{}, {"as_named": "Lazy cat"}]}


@pytest.fixture(scope="module")
def russian():
    return load_catalog(lang="ru")


def test_the_russian_catalog_is_the_english_one_in_other_words(catalog, russian):
    assert set(russian.exercises) == set(catalog.exercises)
    assert set(russian.programs) == set(catalog.programs)
    for ex_id, ex in catalog.exercises.items():
        ru = russian.exercises[ex_id]
        assert ru.name != ex.name or ex.name.isupper(), ex_id
        assert (ru.position, ru.equipment, ru.kind, ru.difficulty, len(ru.steps)) == \
            (ex.position, ex.equipment, ex.kind, ex.difficulty, len(ex.steps))
    for program_id, program in catalog.programs.items():
        ru_program = russian.programs[program_id]
        assert [(i.exercise, i.variant, i.dose.sets, i.dose.reps, i.dose.hold_seconds,
                 i.dose.minutes) for i in ru_program.items()] == \
            [(i.exercise, i.variant, i.dose.sets, i.dose.reps, i.dose.hold_seconds,
              i.dose.minutes) for i in program.items()]


@pytest.mark.parametrize(("query", "found"), [
    ("мост", "glute_bridge"), ("мостик", "glute_bridge"), ("кошка", "cat_cow"),
    ("кошку", "cat_cow"), ("планку", "plank"), ("супермен", "superman"),
])
def test_search_in_russian_finds_words_in_their_forms(russian, query, found):
    assert found in [hit.exercise.id for hit in russian.search(query)[:3]], query
