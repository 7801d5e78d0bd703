"""The catalog holds the whole source text: every exercise, complex, figure and safety rule.

The expectations below were written by reading ``shared/source/lower-back-exercises.txt``
and the catalog brief's table of canonical ids, not the catalog's data files, so that the
data is checked against the source rather than against itself. Each missing name, missing
item or wrong figure is its own failing test.

Conventions of the tables:
- a figure is ``(low, high)`` as the source writes it ("8 to 10" -> ``(8, 10)``, "10" ->
  ``(10, 10)``); ``(low, None)`` means "at least low" and only ``low`` is checked;
- where the source gives no figure ("a few seconds", "several times") nothing is asserted;
- an "about" figure (``About``) is an interval the data's number must fall in ("about a
  month" -> 4 to 4.5 weeks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from backcoach.catalog import Catalog, UnknownIdError
from backcoach.catalog.models import Exercise, Program, ProgramItem, Range

Figure = tuple[float, float | None]


@dataclass(frozen=True)
class About:
    """An approximate figure: the data's number must lie in [low, high]."""

    low: float
    high: float


# ---------------------------------------------------------------------------------------
# 1. Every distinct exercise of the source: canonical id, the names the source gives it
#    (each must resolve through Catalog.exercise), and the sections it appears in.
#    Exercises the source never names are looked up by their id only.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseSpec:
    id: str
    names: tuple[str, ...]
    sections: tuple[str, ...]


EXERCISES: tuple[ExerciseSpec, ...] = (
    # Gymnastic exercises
    ExerciseSpec("joint_warmup", (), ("gymnastic",)),
    ExerciseSpec("stick_bend", ("Bending over with a gymnastic stick",), ("gymnastic",)),
    ExerciseSpec("standing_forward_bend", (), ("gymnastic",)),
    ExerciseSpec("lunge", ("Lunges",), ("gymnastic",)),
    ExerciseSpec("side_plank", ("Side plank",), ("gymnastic", "classic")),
    ExerciseSpec(
        "glute_bridge",
        ("Pelvic lift", "Bridge on the shoulder blades"),
        ("gymnastic", "home_set", "exercise_therapy", "warm_up"),
    ),
    ExerciseSpec(
        "cobra", ("Snake pose", "Sphinx pose", "Sphinx"), ("gymnastic", "home_set", "classic")
    ),
    ExerciseSpec("legs_on_chair", (), ("gymnastic",)),
    ExerciseSpec("fitball_back_stretch", ("Back stretching on a fitball",), ("gymnastic",)),
    # The untitled home set (three times a week)
    ExerciseSpec("child_pose", ("Child's Pose",), ("home_set", "classic")),
    ExerciseSpec("back_raise", ("Back Raise",), ("home_set", "entry_level")),
    ExerciseSpec("supine_twist", ("Twisting",), ("home_set", "exercise_therapy", "therapeutic")),
    ExerciseSpec("knees_to_chest", ("Knees to chest",), ("home_set",)),
    ExerciseSpec(
        "cat_cow",
        ("Lazy cat", "Arching cat"),
        ("home_set", "exercise_therapy", "spine_stretching", "entry_level", "classic"),
    ),
    ExerciseSpec(
        "superman",
        ("Superman", "Isometric exercise for the lower back"),
        ("home_set", "classic"),
    ),
    # Exercise therapy
    ExerciseSpec("low_crawl", ("Crawling on our bellies",), ("exercise_therapy",)),
    # Lower back stretch
    ExerciseSpec("spine_lengthening", ("Stretching the entire spine",), ("spine_stretching",)),
    ExerciseSpec("ball_stretch", ("Ball",), ("spine_stretching",)),
    # Back muscles. The two block pulls and the weighted squat are only described in running
    # text ("pulling a block behind your head", "deadlifts and squats"), so they go by id.
    ExerciseSpec("lat_pulldown_behind_head", (), ("back_muscles",)),
    ExerciseSpec("seated_cable_row", (), ("back_muscles",)),
    ExerciseSpec("pull_up", ("Pull-ups",), ("back_muscles",)),
    ExerciseSpec("deadlift", ("Deadlifts",), ("back_muscles",)),
    ExerciseSpec("barbell_squat", (), ("back_muscles",)),
    ExerciseSpec("chair_lean_back", ("Abdominal pumping",), ("back_muscles",)),
    ExerciseSpec("partner_sit_up", ("Body lifts",), ("back_muscles",)),
    # Qigong: the two parts of the Shaolin pillar
    ExerciseSpec("pillar_stance", (), ("qigong",)),
    ExerciseSpec("pillar_swimming_arms", (), ("qigong",)),
    # Entry level (press #1, press #2, back #3, the squat)
    ExerciseSpec("thoracic_crunch", (), ("entry_level",)),
    ExerciseSpec("heel_reach", (), ("entry_level",)),
    ExerciseSpec("hip_hinge", (), ("entry_level",)),
    ExerciseSpec("bodyweight_squat", (), ("entry_level",)),
    # More difficult exercises
    ExerciseSpec("hyperextension", ("Hyperextension", "Hyperextension in the simulator"),
                 ("harder",)),
    ExerciseSpec("roman_chair_crunch", ("Roman chairs",), ("harder",)),
    ExerciseSpec("bench_leg_raise", ("Leg raises on a bench",), ("harder",)),
    ExerciseSpec("plank", ("Plank",), ("harder",)),
    ExerciseSpec("side_plank_dynamic", ("Side dynamic bar",), ("harder",)),
    # Warm-up before each workout
    ExerciseSpec("hook_lying_relaxation", (), ("warm_up",)),
    ExerciseSpec("pelvic_tilt", (), ("warm_up",)),
    # Classic exercises
    ExerciseSpec("seated_tuck", (), ("classic",)),
    ExerciseSpec("prone_leg_raise", (), ("classic",)),
    ExerciseSpec("supine_body_lift", (), ("classic",)),
    ExerciseSpec("bird_dog", (), ("classic",)),
    ExerciseSpec("prone_scissors", (), ("classic",)),
    ExerciseSpec("fitball_back_extension", (), ("classic",)),
    ExerciseSpec("swimming_crawl", ("Swimming",), ("classic",)),
    # Therapeutic exercises
    ExerciseSpec("supine_leg_hug", (), ("therapeutic",)),
    ExerciseSpec("breathing_chest_lift", (), ("therapeutic",)),
)


# ---------------------------------------------------------------------------------------
# 2. Every complex: its source section, its exercises in source order, and every figure
#    the source gives for each of them.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prog:
    """A progression: from start to target of one metric, optionally after some weeks."""

    metric: str
    start: Figure
    target: Figure
    after_weeks: About | None = None


@dataclass(frozen=True)
class Item:
    exercise: str
    variant: str | None = None
    reps: Figure | None = None
    hold_seconds: Figure | None = None
    minutes: Figure | None = None
    sets: Figure | None = None
    per_side: bool | None = None
    hold_to_fatigue: bool | None = None
    progression: Prog | None = None
    # "Do it 2-3 times" for a whole round of movements: sets or reps, whichever the data uses.
    rounds: Figure | None = None
    # The source says "once a week" for this exercise; the item must say so in a note.
    once_a_week: bool = False


@dataclass(frozen=True)
class ProgramSpec:
    id: str
    section: str
    items: tuple[Item, ...] = ()
    per_week: Figure | None = None
    morning: bool = False
    weeks: About | None = None
    supervised: bool = False


ABOUT_A_MONTH = About(4, 4.5)

PROGRAMS: tuple[ProgramSpec, ...] = (
    ProgramSpec(
        "gymnastic_set",
        "gymnastic",
        (
            Item("joint_warmup"),
            Item("stick_bend", hold_seconds=(3, 5)),
            Item("standing_forward_bend"),
            Item("lunge", reps=(8, 10), per_side=True),
            Item(
                "side_plank",
                hold_seconds=(10, 10),
                per_side=True,
                progression=Prog("hold_seconds", (10, 10), (30, 40)),
            ),
            Item("glute_bridge", hold_seconds=(5, 7)),
            Item("cobra"),
            Item("legs_on_chair", minutes=(2, 3)),
            # "As long as you can, at least two to three minutes": a relaxed stretch, so the
            # minimum is the figure; "as long as you can" is not a hold to muscle fatigue.
            Item("fitball_back_stretch", minutes=(2, 3)),
        ),
    ),
    ProgramSpec(
        "home_set",
        "home_set",
        (
            Item("child_pose", hold_seconds=(10, 10), reps=(8, 8)),
            Item("back_raise", hold_seconds=(10, 10), reps=(10, 10)),
            Item("supine_twist", hold_seconds=(10, 10), reps=(5, 5), per_side=True),
            Item("knees_to_chest", reps=(10, 10)),
            Item("cobra", reps=(10, 10)),
            Item("cat_cow", reps=(10, 10)),
            Item("glute_bridge", hold_seconds=(10, 10), reps=(10, 10)),
            Item("superman", reps=(10, 10), hold_to_fatigue=True),
        ),
        per_week=(3, 3),
    ),
    ProgramSpec(
        "therapy_stages_1_2",
        "exercise_therapy",
        (
            Item("cat_cow", reps=(5, 10)),
            Item(
                "supine_twist",
                variant="hands_behind_head",
                reps=(3, 5),
                per_side=True,
                progression=Prog("reps", (3, 5), (10, None)),
            ),
            Item(
                "glute_bridge",
                variant="shoulder_blades",
                reps=(3, 5),
                progression=Prog("reps", (3, 5), (10, 10), after_weeks=ABOUT_A_MONTH),
            ),
            Item("low_crawl"),
        ),
    ),
    ProgramSpec("therapy_stages_3_4", "exercise_therapy", supervised=True),
    ProgramSpec(
        "spine_stretching",
        "spine_stretching",
        (
            Item("spine_lengthening", hold_seconds=(30, 30)),
            Item("cat_cow"),
            Item("ball_stretch"),
        ),
    ),
    ProgramSpec(
        "back_muscles",
        "back_muscles",
        (
            Item("lat_pulldown_behind_head"),
            Item("seated_cable_row"),
            Item("pull_up"),
            Item("deadlift"),
            Item("barbell_squat"),
        ),
    ),
    ProgramSpec(
        "obliques",
        "back_muscles",
        (
            Item("chair_lean_back", reps=(5, None)),
            Item("partner_sit_up"),
        ),
    ),
    ProgramSpec(
        "shaolin_pillar",
        "qigong",
        (
            Item("pillar_stance"),
            Item("pillar_swimming_arms", minutes=(3, 3)),
        ),
    ),
    ProgramSpec(
        "entry_month",
        "entry_level",
        (
            Item("thoracic_crunch", reps=(10, 10)),
            Item("heel_reach", reps=(10, 10), per_side=True),
            # "Start with 10 times, gradually increase to 30": said of the back exercises.
            Item(
                "back_raise",
                variant="diver",
                reps=(10, 10),
                progression=Prog("reps", (10, 10), (30, 30)),
            ),
            Item("cat_cow", reps=(10, 10), progression=Prog("reps", (10, 10), (30, 30))),
            Item("hip_hinge", reps=(10, 10), progression=Prog("reps", (10, 10), (30, 30))),
            Item("bodyweight_squat"),
        ),
        per_week=(7, 7),
        morning=True,
        weeks=ABOUT_A_MONTH,
    ),
    ProgramSpec(
        "advanced_set",
        "harder",
        (
            Item(
                "hyperextension",
                reps=(15, 15),
                sets=(1, 1),
                progression=Prog("sets", (1, 1), (3, 3)),
            ),
            Item("roman_chair_crunch", once_a_week=True),
            Item("bench_leg_raise", once_a_week=True),
            Item("plank", hold_seconds=(60, 120)),
            Item("side_plank_dynamic", reps=(10, 10), progression=Prog("reps", (10, 10), (30, 30))),
        ),
        per_week=(3, 3),
    ),
    ProgramSpec(
        "warm_up",
        "warm_up",
        (
            Item("hook_lying_relaxation"),
            Item("pelvic_tilt", reps=(10, 12)),
            Item("glute_bridge", reps=(10, None)),
        ),
    ),
    ProgramSpec(
        "classic_set",
        "classic",
        (
            Item("superman", reps=(15, 15), hold_to_fatigue=True),
            Item("seated_tuck"),
            Item("prone_leg_raise", rounds=(2, 3)),
            Item("supine_body_lift"),
            Item("bird_dog"),
            Item(
                "side_plank",
                hold_seconds=(10, 10),
                reps=(10, 12),
                per_side=True,
                progression=Prog("hold_seconds", (10, 10), (30, 30)),
            ),
            Item("prone_scissors", reps=(7, 8)),
            Item("fitball_back_extension", sets=(4, 4), reps=(10, 12)),
            Item("cobra"),
            Item("child_pose"),
            Item("cat_cow"),
            # Crawl swimming is in the classic section too, but needs a pool: it has its own
            # program below and the classic set is not required to hold it.
        ),
    ),
    ProgramSpec(
        "therapeutic_set",
        "therapeutic",
        (
            Item("supine_leg_hug", reps=(5, 6)),
            Item("supine_twist", variant="head_opposite", reps=(9, 10)),
            Item("breathing_chest_lift", reps=(10, 10)),
        ),
    ),
    ProgramSpec("swimming", "classic", (Item("swimming_crawl", minutes=(25, 30)),)),
)


# ---------------------------------------------------------------------------------------
# 3. Nutrition table of the source: each nutrient (matched by words in its id or name)
#    with words for the foods the source lists for it.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NutrientSpec:
    label: str
    matches: tuple[str, ...]  # any of these words in the entry's id or name
    # Words for the foods the source lists; "a|b" accepts either word (a paraphrase).
    foods: tuple[str, ...] = field(default=())


NUTRIENTS: tuple[NutrientSpec, ...] = (
    # The source's first row has no name; what it does (calcium absorption, phosphorus and
    # calcium metabolism) is vitamin D.
    NutrientSpec(
        "vitamin D",
        ("vitamin d",),
        ("cheese", "milk", "fish", "herb", "sour cream", "cottage cheese"),
    ),
    NutrientSpec(
        "vitamin C",
        ("vitamin c", "ascorbic"),
        ("pepper", "currant", "lemon", "rose", "chokeberr|aronia"),
    ),
    NutrientSpec("calcium", ("calcium",), ("fish", "egg", "dairy")),
    NutrientSpec(
        "magnesium",
        ("magnesium",),
        ("prune", "bran", "raisin", "legume|bean|lentil", "yolk", "cabbage", "sunflower", "nut"),
    ),
    NutrientSpec(
        "phosphorus",
        ("phosphorus",),
        ("prune", "bran", "raisin", "legume|bean|lentil", "yolk", "cabbage", "sunflower", "nut"),
    ),
)


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


def _show(figure: Figure) -> str:
    low, high = figure
    if high is None:
        return f"at least {low:g}"
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def _matches(actual: Range | None, figure: Figure) -> bool:
    low, high = figure
    if actual is None or actual.low != low:
        return False
    return high is None or actual.high == high


def _shown(actual: Range | None) -> str:
    return "missing" if actual is None else str(actual)


def _find_item(program: Program, spec: Item) -> ProgramItem:
    same = [i for i in program.items() if i.exercise == spec.exercise]
    if not same:
        pytest.fail(
            f"program '{program.id}' has no item for exercise '{spec.exercise}' "
            f"(it has: {', '.join(i.exercise for i in program.items()) or 'no items'})"
        )
    if spec.variant is None:
        return same[0]
    for item in same:
        if item.variant == spec.variant:
            return item
    pytest.fail(
        f"program '{program.id}': exercise '{spec.exercise}' is there, but not as variant "
        f"'{spec.variant}' (variants used: {[i.variant for i in same]})"
    )


def _program(catalog: Catalog, program_id: str) -> Program:
    program = catalog.programs.get(program_id)
    if program is None:
        pytest.fail(f"the catalog has no program '{program_id}'")
    return program


def _name_cases() -> Iterator[object]:
    for spec in EXERCISES:
        for name in (spec.id, *spec.names):
            yield pytest.param(spec.id, name, id=f"{spec.id}:{name}")


def _figure_cases() -> Iterator[object]:
    figure_fields = (
        "reps", "hold_seconds", "minutes", "sets", "per_side", "hold_to_fatigue",
        "progression", "rounds", "once_a_week",
    )
    for program in PROGRAMS:
        for item in program.items:
            label = item.exercise + (f"[{item.variant}]" if item.variant else "")
            for name in figure_fields:
                value = getattr(item, name)
                if value is None or value is False:
                    continue
                yield pytest.param(
                    program.id, item, name, id=f"{program.id}/{label}/{name}"
                )


def _item_cases() -> Iterator[object]:
    for program in PROGRAMS:
        for item in program.items:
            label = item.exercise + (f"[{item.variant}]" if item.variant else "")
            yield pytest.param(program.id, item, id=f"{program.id}/{label}")


def _text_of(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p).casefold()


# ---------------------------------------------------------------------------------------
# Exercises
# ---------------------------------------------------------------------------------------


def test_the_catalog_has_at_least_every_exercise_of_the_source(catalog: Catalog) -> None:
    ids = [spec.id for spec in EXERCISES]
    assert len(set(ids)) == len(ids), "the test's own list repeats an id"
    assert len(catalog.exercises) >= len(EXERCISES), (
        f"the source describes {len(EXERCISES)} distinct exercises, "
        f"the catalog has {len(catalog.exercises)}"
    )


@pytest.mark.parametrize(("exercise_id", "name"), list(_name_cases()))
def test_each_source_name_finds_its_exercise(
    catalog: Catalog, exercise_id: str, name: str
) -> None:
    try:
        found = catalog.exercise(name)
    except UnknownIdError as exc:
        pytest.fail(f"the source calls '{exercise_id}' '{name}', but the catalog says: {exc}")
    assert found.id == exercise_id, (
        f"'{name}' resolves to '{found.id}', but in the source it is '{exercise_id}'"
    )


@pytest.mark.parametrize("spec", EXERCISES, ids=lambda s: s.id)
def test_each_exercise_records_every_section_it_comes_from(
    catalog: Catalog, spec: ExerciseSpec
) -> None:
    exercise = catalog.exercises.get(spec.id)
    if exercise is None:
        pytest.fail(f"the catalog has no exercise '{spec.id}'")
    recorded = {ref.section for ref in exercise.source}
    recorded |= {ref.section for v in exercise.variants for ref in v.source}
    missing = [s for s in spec.sections if s not in recorded]
    assert not missing, (
        f"'{spec.id}' appears in source section(s) {missing}, "
        f"but its source list only has {sorted(recorded)}"
    )


# ---------------------------------------------------------------------------------------
# Programs
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", PROGRAMS, ids=lambda s: s.id)
def test_each_complex_exists_with_its_source_section(
    catalog: Catalog, spec: ProgramSpec
) -> None:
    program = _program(catalog, spec.id)
    assert program.source.section == spec.section, (
        f"program '{spec.id}' comes from section '{spec.section}', "
        f"the data says '{program.source.section}'"
    )


@pytest.mark.parametrize(("program_id", "spec"), list(_item_cases()))
def test_each_exercise_of_a_complex_is_an_item_of_it(
    catalog: Catalog, program_id: str, spec: Item
) -> None:
    _find_item(_program(catalog, program_id), spec)


@pytest.mark.parametrize("spec", [p for p in PROGRAMS if p.items], ids=lambda s: s.id)
def test_the_items_of_a_complex_keep_the_source_order(
    catalog: Catalog, spec: ProgramSpec
) -> None:
    # An exercise the source places at the end of a workout (the superman) may be moved
    # there from where a section lists it; the next test checks it does end its block.
    moved = {ex.id for ex in catalog.exercises.values() if ex.placement == "end"}
    actual = [i.exercise for i in _program(catalog, spec.id).items() if i.exercise not in moved]
    expected = [i.exercise for i in spec.items if i.exercise not in moved]
    rest = iter(actual)
    # Every expected exercise must come after the previous one (extra items are allowed).
    out_of_order = [ex for ex in expected if ex not in rest]
    assert not out_of_order, (
        f"program '{spec.id}': the source order is {expected}, the data has {actual} "
        f"(first out of order or missing: {out_of_order[0]})"
    )


@pytest.mark.parametrize("spec", [p for p in PROGRAMS if p.items], ids=lambda s: s.id)
def test_an_exercise_placed_at_the_end_ends_its_block(
    catalog: Catalog, spec: ProgramSpec
) -> None:
    for block in _program(catalog, spec.id).blocks:
        for item in block.items[:-1]:
            exercise = catalog.exercises.get(item.exercise)
            assert exercise is None or exercise.placement != "end", (
                f"program '{spec.id}': '{item.exercise}' belongs at the end of the workout "
                f"(source: home_set), but the {block.kind} block goes on after it: "
                f"{[i.exercise for i in block.items]}"
            )


@pytest.mark.parametrize(("program_id", "spec", "figure"), list(_figure_cases()))
def test_each_figure_of_the_source_is_on_its_item(
    catalog: Catalog, program_id: str, spec: Item, figure: str
) -> None:
    item = _find_item(_program(catalog, program_id), spec)
    dose = item.dose
    where = f"program '{program_id}', exercise '{spec.exercise}'"
    expected = getattr(spec, figure)

    if figure in ("reps", "hold_seconds", "minutes", "sets"):
        actual = getattr(dose, figure)
        assert _matches(actual, expected), (
            f"{where}, {figure}: the source gives {_show(expected)}, "
            f"the data has {_shown(actual)}"
        )
    elif figure in ("per_side", "hold_to_fatigue"):
        assert getattr(dose, figure) is expected, (
            f"{where}, {figure}: the source says {expected}, "
            f"the data has {getattr(dose, figure)}"
        )
    elif figure == "rounds":
        assert _matches(dose.sets, expected) or _matches(dose.reps, expected), (
            f"{where}: the source says do it {_show(expected)} times (as sets or reps), "
            f"the data has sets {_shown(dose.sets)}, reps {_shown(dose.reps)}"
        )
    elif figure == "once_a_week":
        text = _text_of(item.note, dose.note, *dose.chosen.values())
        assert "week" in text, (
            f"{where}: the source says once a week; no note on the item says so "
            f"(item note {item.note!r}, dose note {dose.note!r})"
        )
    elif figure == "progression":
        prog: Prog = expected
        actual_prog = dose.progression
        assert actual_prog is not None, (
            f"{where}: the source gives a progression {prog.metric} "
            f"{_show(prog.start)} -> {_show(prog.target)}, the data has none"
        )
        problems = []
        if actual_prog.metric != prog.metric:
            problems.append(f"metric {actual_prog.metric} (source: {prog.metric})")
        if not _matches(actual_prog.start, prog.start):
            problems.append(f"start {actual_prog.start} (source: {_show(prog.start)})")
        if not _matches(actual_prog.target, prog.target):
            problems.append(f"target {actual_prog.target} (source: {_show(prog.target)})")
        if prog.after_weeks is not None:
            weeks = actual_prog.after_weeks
            if weeks is None or not prog.after_weeks.low <= weeks <= prog.after_weeks.high:
                problems.append(
                    f"after_weeks {weeks} (source: about a month, "
                    f"{prog.after_weeks.low:g}-{prog.after_weeks.high:g} weeks)"
                )
        assert not problems, f"{where}, progression: " + "; ".join(problems)
    else:  # pragma: no cover - a typo in the tables above
        raise AssertionError(f"unknown figure {figure}")


@pytest.mark.parametrize(
    "spec",
    [p for p in PROGRAMS if p.per_week or p.morning or p.weeks],
    ids=lambda s: s.id,
)
def test_each_complex_has_the_frequency_the_source_gives(
    catalog: Catalog, spec: ProgramSpec
) -> None:
    frequency = _program(catalog, spec.id).frequency
    assert frequency is not None, f"program '{spec.id}' has no frequency"
    problems = []
    if spec.per_week and not _matches(frequency.per_week, spec.per_week):
        problems.append(
            f"per_week {_shown(frequency.per_week)} (source: {_show(spec.per_week)})"
        )
    if spec.morning and frequency.time_of_day != "morning":
        problems.append(f"time_of_day {frequency.time_of_day} (source: morning)")
    if spec.weeks and (
        frequency.weeks is None or not spec.weeks.low <= frequency.weeks <= spec.weeks.high
    ):
        problems.append(
            f"weeks {frequency.weeks} (source: about a month, "
            f"{spec.weeks.low:g}-{spec.weeks.high:g})"
        )
    assert not problems, f"program '{spec.id}', frequency: " + "; ".join(problems)


def test_daily_gymnastics_of_30_to_40_minutes_is_recorded(catalog: Catalog) -> None:
    # Qigong section: "doing gymnastics daily for 30-40 minutes is necessary".
    texts = [f"{r.title} {r.text}" for r in catalog.guidance.rules]
    for program in catalog.programs.values():
        texts += [program.summary, *program.notes]
        if program.frequency:
            texts.append(program.frequency.text)
        if program.minutes and (program.minutes.low, program.minutes.high) == (30, 40):
            return
    pattern = re.compile(r"30\s*(-|–|to)\s*40")
    assert any(pattern.search(t) for t in texts), (
        "the source advises gymnastics daily for 30-40 minutes; no guidance rule or "
        "program says so"
    )


# ---------------------------------------------------------------------------------------
# Safety rules of the source, as data
# ---------------------------------------------------------------------------------------


def _exercise(catalog: Catalog, exercise_id: str) -> Exercise:
    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        pytest.fail(f"the catalog has no exercise '{exercise_id}'")
    return exercise


def test_ball_stretch_forbids_rocking_with_a_hernia(catalog: Catalog) -> None:
    ball = _exercise(catalog, "ball_stretch")
    hernia = [c for c in ball.cautions if c.condition == "hernia"]
    assert hernia, "the ball stretch has no hernia caution (source: no rolls with a hernia)"
    caution = hernia[0]
    assert caution.action in ("modify", "exclude"), caution
    if caution.action == "modify":
        text = _text_of(caution.modification, caution.reason)
        assert "rock" in text or "roll" in text, (
            f"the hernia caution should say to leave out the rocking: {caution}"
        )
    assert caution.source == "spine_stretching", caution.source


@pytest.mark.parametrize("exercise_id", ["deadlift", "barbell_squat"])
def test_weighted_erector_work_needs_a_healthy_spine_and_a_trainer(
    catalog: Catalog, exercise_id: str
) -> None:
    exercise = _exercise(catalog, exercise_id)
    missing = {"healthy_spine", "trainer"} - set(exercise.requires)
    assert not missing, f"'{exercise_id}' must require {sorted(missing)} (source: back_muscles)"
    assert exercise.place == "gym", f"'{exercise_id}' is gym work, the data says {exercise.place}"


def test_therapy_stages_3_and_4_are_supervised_and_name_no_exercises(catalog: Catalog) -> None:
    program = _program(catalog, "therapy_stages_3_4")
    assert program.supervised, "stages III-IV are only done under a specialist"
    assert program.items() == [], "the source names no exercises for stages III-IV"
    assert program.phase == "supervised", program.phase


def test_therapy_stages_1_and_2_are_done_alone(catalog: Catalog) -> None:
    assert not _program(catalog, "therapy_stages_1_2").supervised


def test_superman_is_placed_at_the_end(catalog: Catalog) -> None:
    assert _exercise(catalog, "superman").placement == "end"


def test_low_crawl_keeps_the_distance_short_early_in_therapy(catalog: Catalog) -> None:
    crawl = _exercise(catalog, "low_crawl")
    assert any(c.condition == "early_therapy" for c in crawl.cautions), (
        "the source limits the crawling distance at the initial stage: "
        "low_crawl needs an early_therapy caution"
    )


def test_spine_stretching_warns_against_home_made_traction_and_weights(
    catalog: Catalog,
) -> None:
    program = _program(catalog, "spine_stretching")
    text = _text_of(
        *program.notes,
        *(f"{c.reason} {c.modification or ''}" for c in program.cautions),
    )
    assert "traction" in text, "no note or caution of spine_stretching mentions traction"
    assert "weight" in text, "no note or caution of spine_stretching mentions added weights"


@pytest.mark.parametrize("spec", NUTRIENTS, ids=lambda s: s.label)
def test_the_nutrition_table_holds_each_nutrient_with_its_foods(
    catalog: Catalog, spec: NutrientSpec
) -> None:
    entries = [
        n for n in catalog.guidance.nutrition
        if any(m in _text_of(n.id.replace("_", " "), n.name) for m in spec.matches)
    ]
    assert entries, (
        f"no nutrition entry for {spec.label} "
        f"(entries: {[n.id for n in catalog.guidance.nutrition]})"
    )
    foods = _text_of(*(food for n in entries for food in n.foods))
    missing = [f for f in spec.foods if not any(w in foods for w in f.split("|"))]
    assert not missing, f"{spec.label}: the source's foods {missing} are not listed"


# ---------------------------------------------------------------------------------------
# What the source does not say, marked as backcoach's own where a person reads it
# ---------------------------------------------------------------------------------------


def test_the_unnamed_first_nutrition_row_is_marked_as_backcoachs_reading(
    catalog: Catalog,
) -> None:
    # The source's table leaves the first substance's name blank.
    first = catalog.guidance.nutrition[0]
    assert first.id == "vitamin_d"
    assert any("first row" in note and "backcoach reads it as vitamin D" in note
               for note in catalog.guidance.nutrition_notes)


def test_every_risk_factor_advice_is_marked_as_backcoachs(catalog: Catalog) -> None:
    # The source lists the risk factors without advice.
    unmarked = [r.id for r in catalog.guidance.risk_factors
                if not r.advice.endswith("(backcoach's advice)")]
    assert not unmarked, f"advice not marked as backcoach's: {unmarked}"


def test_the_nutrient_shortage_risk_keeps_manganese(catalog: Catalog) -> None:
    # "lack of vitamins, phosphorus, magnesium, calcium, manganese"
    (risk,) = [r for r in catalog.guidance.risk_factors if r.id == "nutrient_shortage"]
    for mineral in ("phosphorus", "magnesium", "calcium", "manganese"):
        assert mineral in risk.label.lower()


def test_the_entry_months_reading_of_every_morning_10_to_30_is_marked(
    catalog: Catalog,
) -> None:
    # The source's "start with 10, work up to 30, every morning" follows the three back
    # exercises; its reach over the belly and side work and the squats is backcoach's.
    program = _program(catalog, "entry_month")
    assert any(note.startswith("backcoach's reading:") and "every morning" in note
               for note in program.notes)
    by_exercise = {item.exercise: item for item in program.items()}
    assert "progression" in by_exercise["bodyweight_squat"].dose.chosen
    for exercise in ("thoracic_crunch", "heel_reach"):
        assert by_exercise[exercise].dose.chosen, exercise
    for exercise in ("back_raise", "cat_cow", "hip_hinge"):  # the source's own words
        assert "progression" not in by_exercise[exercise].dose.chosen


@pytest.mark.parametrize("exercise", ["cobra", "superman", "breathing_chest_lift"])
def test_a_softened_range_is_marked_and_justified(catalog: Catalog, exercise: str) -> None:
    # The source asks for "as much as possible" (or a strong arch); backcoach keeps it
    # comfortable, citing the source's "at first the amplitude is minimal".
    notes = [c for c in catalog.exercises[exercise].cues if c.startswith("backcoach's advice")]
    assert notes and "minimal at first" in notes[0]
