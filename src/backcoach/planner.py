"""The plan: phase, program, weekly schedule and today's session, every choice explained.

A pure function of (profile, history, today, catalog)::

    plan = make_plan(profile, history, date(2026, 11, 27), catalog)
    for item in plan.today.items: print(item.exercise_name, item.dose_text, item.why)

Today's session is built as the source asks: a warm-up first; a main block that works the
front, the sides and the back of the trunk; the isometric superman at the end of the main
work; a cool-down stretch. Only exercises the person's conditions allow and whose equipment
they have; trimmed to their minutes by lowering volume, then dropping what is covered
twice, never by leaving a broken session.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Literal

from pydantic import Field

from backcoach._strict import StrictModel
from backcoach.catalog import Catalog
from backcoach.catalog.models import (
    BlockKind,
    Exercise,
    Frequency,
    Phase,
    ProgramItem,
    TrunkSide,
)
from backcoach.clearance import Clearance
from backcoach.day import DoneSession, done_today, planned_reason, today_so_far
from backcoach.errors import ConflictError
from backcoach.history import SessionRecord
from backcoach.i18n import _, ngettext
from backcoach.prescription import DoseChange, PrescriptionRecord
from backcoach.profile import Profile
from backcoach.progression import (
    LADDER,
    decide_phase,
    describe_dose,
    dose_for,
    lighter,
)
from backcoach.screening import ExerciseNote, Screening, caution_notes, screen
from backcoach.terms import phase_word, term
from backcoach.timing import REST_BETWEEN_SETS, item_seconds
from backcoach.words import date_text

# Which programs feed each phase's session: the main rotation (one entry per week, each
# entry one or more programs done together), then those that may fill a side of the trunk
# the main programs leave out.
PHASE_PROGRAMS: dict[Phase, tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = {
    "therapeutic": ((("therapy_stages_1_2", "therapeutic_set"),), ("home_set",)),
    "entry": ((("entry_month",),), ("home_set",)),
    "strengthening": ((("home_set",), ("classic_set",)), ("entry_month",)),
    "advanced": ((("advanced_set",),), ("classic_set", "home_set")),
}
WARM_UP_PROGRAM = "warm_up"
# Gentle stretches that close a session, in order of preference, by phase; the first one
# the person can do and has not done in the main block is taken.
_GENTLE_STRETCHES = (("classic_set", "child_pose"), ("home_set", "knees_to_chest"),
                     ("spine_stretching", "spine_lengthening"),
                     ("therapeutic_set", "supine_leg_hug"), ("gymnastic_set", "legs_on_chair"))
COOL_DOWN: dict[Phase, tuple[tuple[str, str], ...]] = {
    "therapeutic": (("spine_stretching", "spine_lengthening"),
                    ("spine_stretching", "cat_cow"), *_GENTLE_STRETCHES),
    "entry": _GENTLE_STRETCHES,
    "strengthening": _GENTLE_STRETCHES,
    "advanced": (("gymnastic_set", "fitball_back_stretch"), *_GENTLE_STRETCHES),
}
SIDES: tuple[TrunkSide, ...] = ("front", "side", "back")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday(day: date) -> str:
    """Return the day of the week in words: its English name as the plan's week gives it,
    the language's own word in the others ("понедельник")."""
    from backcoach import i18n

    if i18n.current() == i18n.DEFAULT:
        return WEEKDAYS[day.weekday()]
    from babel.dates import format_date

    return format_date(day, format="EEEE", locale=i18n.current())


def _program_word(catalog: Catalog, program: str) -> str:
    """Return a program as a sentence names it: its id in English, as so far; its name in
    «» in the other languages."""
    from backcoach import i18n

    known = catalog.programs.get(program)
    if i18n.current() == i18n.DEFAULT or known is None:
        return program
    return f"«{known.name}»"


class PlanError(ConflictError, ValueError):
    """A plan that cannot be made as asked (the program asked for does not suit the
    person's record: a conflict, 409); the message says why."""

    def __init__(self, message: str, *, field: str | None = "program") -> None:
        super().__init__(message, field=field)


class Modification(StrictModel):
    """A change one of the person's conditions asks for in an exercise, and why."""

    condition: str
    reason: str
    modification: str
    source: str


class PlannedItem(StrictModel):
    """One exercise of today's session with its concrete numbers and the reasons for it."""

    block: BlockKind
    exercise: str
    exercise_name: str
    variant: str | None
    program: str
    sets: int
    reps: int | None
    hold_seconds: int | None
    hold_to_fatigue: bool
    minutes: float | None
    per_side: bool
    rest_seconds: int
    dose_text: str
    estimated_seconds: int
    modification: str | None = Field(
        description="Every modification below, as one text (kept for older readers).")
    modifications: list[Modification] = Field(
        default=[], description="Each change the person's conditions ask for, in the "
        "catalog's order, with its condition and source.")
    why: list[str]


LeftOutKind = Literal["excluded", "equipment", "time", "postponed"]


class LeftOut(StrictModel):
    """An exercise the plan does not give today, and why not."""

    exercise: str
    exercise_name: str
    reason: str
    kind: LeftOutKind
    source: str | None = None


class DayEntry(StrictModel):
    date: date
    weekday: str
    training: bool


TodayStatus = Literal["planned", "done", "rest_after_stop", "rest_day", "not_allowed"]


class Session(StrictModel):
    """Today: what stands (``status``, said in ``reason``) and the session, if any."""

    status: TodayStatus = Field(description=(
        "planned: a session to do; done: today's session is done (train_again_allowed says "
        "whether another may be asked for); rest_after_stop: a session was stopped for pain "
        "or a spasm today, no more exercise today; rest_day: not a training day; "
        "not_allowed: the screening allows no exercise."))
    reason: str
    advice: list[str] = []
    items: list[PlannedItem]
    estimated_minutes: float
    minutes_available: int
    done: list[DoneSession] = Field(default=[], description="Sessions finished today.")
    train_again_allowed: bool = False
    again: bool = Field(default=False, description="A second session the person asked for.")


class Plan(StrictModel):
    """The whole answer for one person on one day."""

    date: date
    screening: Screening
    phase: Phase | None
    phase_reasons: list[str]
    phase_change: str | None = Field(description='"up", "down" or null; see phase_change_text.')
    phase_change_text: str | None = Field(default=None,
                                          description="The phase change said in words.")
    programs: list[str]
    program_reasons: list[str]
    week: list[DayEntry]
    schedule_reasons: list[str]
    training_today: bool
    today: Session
    left_out: list[LeftOut]


def training_days(per_week: int) -> list[int]:
    """Return the weekday numbers (0 = Monday) of ``per_week`` evenly spread days."""
    return sorted({round(i * 7 / per_week) % 7 for i in range(per_week)})


def _estimate(ex: Exercise, sets: int, reps: int | None, hold: int | None, to_fatigue: bool,
              minutes: float | None, per_side: bool, rest: float) -> int:
    return math.ceil(item_seconds(ex.kind, sets=sets, reps=reps, hold_seconds=hold,
                                  minutes=minutes, hold_to_fatigue=to_fatigue,
                                  per_side=per_side, rest_seconds=rest))


class _Builder:
    """Collects today's items and what was left out, for one plan."""

    def __init__(self, catalog: Catalog, profile: Profile, history: list[SessionRecord],
                 today: date, notes: list[ExerciseNote], *, lighter: str | None = None,
                 prescribed: dict[str, DoseChange] | None = None) -> None:
        self.catalog = catalog
        self.prescribed = prescribed or {}  # a clinician's numbers, by exercise
        self.history = history
        self.today = today
        self.have = profile.equipment_at_hand()
        self.lighter = lighter  # why today is lighter than the log would give, if it is
        self.excluded = {n.exercise: n for n in notes if n.action != "modify"}
        # Every modification of an exercise, each condition's own (two conditions may both
        # change one exercise), in the order the notes come: the catalog's.
        self.modified: dict[str, list[Modification]] = {}
        for n in notes:
            if n.action == "modify" and n.modification:
                self.modified.setdefault(n.exercise, []).append(Modification(
                    condition=n.condition, reason=n.reason, modification=n.modification,
                    source=n.source))
        self.items: list[PlannedItem] = []
        self.left: dict[str, LeftOut] = {}
        self.used: set[str] = set()

    def leave(self, ex: Exercise, reason: str, kind: LeftOutKind,
              source: str | None = None) -> None:
        self.left.setdefault(ex.id, LeftOut(exercise=ex.id, exercise_name=ex.name,
                                            reason=reason, kind=kind, source=source))

    def usable(self, ex: Exercise) -> bool:
        note = self.excluded.get(ex.id)
        if note is not None:
            self.leave(ex, note.reason, "excluded", note.source)
            return False
        if not ex.doable_with(self.have):
            need = _(" and ").join(term(e) for e in ex.equipment)
            self.leave(ex, _("Needs {equipment}, which you have not listed.").format(
                equipment=need), "equipment")
            return False
        return True

    def add(self, block: BlockKind, program: str, item: ProgramItem, why: list[str]) -> bool:
        ex = self.catalog.exercises[item.exercise]
        key = f"{ex.id}:{item.variant}"
        if key in self.used or not self.usable(ex):
            return False
        self.used.add(key)
        dose = dose_for(ex.id, item.dose, self.history, self.today)
        change = self.prescribed.get(ex.id)
        if change is not None:
            dose = replace(dose, **{k: v for k, v in change.model_dump().items()
                                    if v is not None},
                           why=_("The numbers your clinician prescribed."))
        if self.lighter is not None:  # after a setback, lighter than even a prescription
            dose = lighter(dose, item.dose, self.lighter)
        reasons = list(why)
        if dose.why:
            reasons.append(dose.why)
        if item.dose.chosen:
            reasons.extend(item.dose.chosen.values())
        changes = self.modified.get(ex.id, [])
        reasons.extend(_("Changed for you: {reason}").format(reason=m.reason) for m in changes)
        rest = int(item.dose.rest_seconds if item.dose.rest_seconds is not None
                   else REST_BETWEEN_SETS)
        self.items.append(PlannedItem(
            block=block, exercise=ex.id, exercise_name=ex.display_name(item.variant),
            variant=item.variant, program=program, sets=dose.sets, reps=dose.reps,
            hold_seconds=dose.hold_seconds, hold_to_fatigue=item.dose.hold_to_fatigue,
            minutes=dose.minutes, per_side=item.dose.per_side, rest_seconds=rest,
            dose_text=describe_dose(dose.sets, dose.reps, dose.hold_seconds,
                                item.dose.hold_to_fatigue, dose.minutes, item.dose.per_side),
            estimated_seconds=_estimate(ex, dose.sets, dose.reps, dose.hold_seconds,
                                        item.dose.hold_to_fatigue, dose.minutes,
                                        item.dose.per_side, rest),
            modification=" ".join(dict.fromkeys(m.modification for m in changes)) or None,
            modifications=changes,
            why=reasons,
        ))
        return True

    def covered(self) -> set[TrunkSide]:
        return {side for item in self.items if item.block == "main"
                for side in self.catalog.exercises[item.exercise].trunk_support}


def _main_programs(phase: Phase, today: date,
                   catalog: Catalog) -> tuple[tuple[str, ...], str]:
    rotation = PHASE_PROGRAMS[phase][0]
    if len(rotation) == 1:
        return rotation[0], ""
    chosen = rotation[today.isocalendar().week % len(rotation)]
    others = ", ".join(_program_word(catalog, p) for entry in rotation if entry != chosen
                       for p in entry)
    return chosen, _(" It alternates week by week with {others} for variety.").format(
        others=others)


def _build_session(b: _Builder, phase: Phase, main_ids: tuple[str, ...], minutes: int) -> None:
    catalog = b.catalog
    mains = [catalog.programs[m] for m in main_ids]
    warm = catalog.programs[WARM_UP_PROGRAM]
    in_main = {i.exercise for m in mains for i in m.items()}
    # Warm-up first (source: each workout starts with a warm-up), minus what the main block has.
    for item in warm.items():
        if item.exercise not in in_main:
            b.add("warm_up", warm.id, item, [_("Warm-up first: it readies joints and "
                                               "ligaments for the load (source: warm-up).")])
    last: list[tuple[str, ProgramItem]] = []
    own_cool_down = False
    for main in mains:
        for block in main.blocks:
            for item in block.items:
                if catalog.exercises[item.exercise].placement == "end":
                    last.append((main.id, item))
                elif block.kind == "main":
                    b.add("main", main.id, item,
                          [_("Part of {program}, the program for your phase.").format(
                              program=main.name)])
                else:
                    own_cool_down |= block.kind == "cool_down"
                    part = (_("Part of {program}'s cool-down.") if block.kind == "cool_down"
                            else _("Part of {program}'s warm-up."))
                    b.add(block.kind, main.id, item, [part.format(program=main.name)])
    # The source insists on support from all sides: fill any side the main program missed.
    fillers = PHASE_PROGRAMS[phase][1]
    for side in SIDES:
        if side in b.covered():
            continue
        for filler_id in fillers:
            filler = catalog.programs[filler_id]
            candidates = [i for i in filler.items()
                          if side in catalog.exercises[i.exercise].trunk_support
                          and catalog.exercises[i.exercise].placement != "end"]
            added = {
                "front": _("Added from {program} so the front of the trunk is worked too: the "
                           "source asks for support from all sides."),
                "side": _("Added from {program} so the side of the trunk is worked too: the "
                          "source asks for support from all sides."),
                "back": _("Added from {program} so the back of the trunk is worked too: the "
                          "source asks for support from all sides.")}[side]
            if any(b.add("main", filler.id, i, [added.format(program=filler.name)])
                   for i in candidates):
                break
    for program_id, item in last:
        b.add("main", program_id, item, [_("The isometric superman closes the main work, "
                                           "once the back is warm (source: home set).")])
    for program_id, exercise_id in () if own_cool_down else COOL_DOWN[phase]:
        stretch = next((i for i in catalog.programs[program_id].items()
                        if i.exercise == exercise_id), None)
        if stretch is not None and b.add("cool_down", program_id, stretch,
                                      [_("A gentle stretch to finish.")]):
            break
    order = {"warm_up": 0, "main": 1, "cool_down": 2}
    b.items.sort(key=lambda i: order[i.block])  # stable: each block keeps its own order
    _fit(b, minutes * 60)


def _total(items: list[PlannedItem]) -> int:
    return sum(i.estimated_seconds for i in items)


def _fit(b: _Builder, budget: int) -> None:
    """Trim the session to the budget in seconds, saying why for everything dropped."""
    if _total(b.items) <= budget:
        return
    catalog = b.catalog

    def drop(item: PlannedItem, reason: str, kind: LeftOutKind = "time") -> None:
        b.items.remove(item)
        b.leave(catalog.exercises[item.exercise], reason, kind)

    # 1. Fewer sets: one set of everything before anything is dropped.
    for index, item in enumerate(b.items):
        if item.sets > 1 and _total(b.items) > budget:
            ex = catalog.exercises[item.exercise]
            b.items[index] = item.model_copy(update={
                "sets": 1,
                "dose_text": describe_dose(1, item.reps, item.hold_seconds, item.hold_to_fatigue,
                                       item.minutes, item.per_side),
                "estimated_seconds": _estimate(ex, 1, item.reps, item.hold_seconds,
                                               item.hold_to_fatigue, item.minutes,
                                               item.per_side, item.rest_seconds),
                "why": [*item.why, _("One set today to fit your time.")],
            })
    # 2. Main items whose sides of the trunk others already cover, from the end.
    for item in reversed([i for i in b.items if i.block == "main"]):
        if _total(b.items) <= budget:
            break
        ex = catalog.exercises[item.exercise]
        if ex.placement == "end":
            continue
        # The superman closes the main work and is the first to go if time is still short,
        # so what it covers does not count as covered here.
        others = {s for i in b.items if i.block == "main" and i is not item
                  and catalog.exercises[i.exercise].placement != "end"
                  for s in catalog.exercises[i.exercise].trunk_support}
        if set(ex.trunk_support) <= others:
            drop(item, _("Left out to fit your minutes; other exercises today work the same "
                         "part of the trunk."))
    # 3. Shorter warm-up and cool-down: keep the first of each.
    for block in ("warm_up", "cool_down"):
        for item in [i for i in b.items if i.block == block][1:]:
            if _total(b.items) > budget:
                drop(item, _("Left out to fit your minutes; the warm-up or cool-down is "
                             "shorter."))
    # 4. Still too long: the superman, then the cool-down, then main work whose sides of the
    #    trunk stay covered, then the main work that covers least, and the warm-up last.
    postponed = _("Postponed: it does not fit into your minutes today.")

    def sides(items: list[PlannedItem]) -> set[str]:
        return {side for i in items if i.block == "main"
                for side in catalog.exercises[i.exercise].trunk_support}

    for item in [i for i in b.items if catalog.exercises[i.exercise].placement == "end"]:
        if _total(b.items) > budget:
            drop(item, postponed, "postponed")
    for item in [i for i in b.items if i.block == "cool_down"]:
        if _total(b.items) > budget:
            drop(item, _("Left out to fit your minutes: no cool-down stretch today."))
    while _total(b.items) > budget and any(i.block == "main" for i in b.items):
        main = [i for i in b.items if i.block == "main"]
        covered = sides(b.items)

        def loss(item: PlannedItem, main: list[PlannedItem] = main,
                 covered: set[str] = covered) -> tuple[int, int]:
            rest = sides([i for i in main if i is not item])
            return (len(covered - rest), -item.estimated_seconds)

        drop(min(main, key=loss), postponed, "postponed")
    for item in reversed(list(b.items)):
        if _total(b.items) > budget:
            drop(item, postponed, "postponed")


def make_plan(
    profile: Profile,
    history: list[SessionRecord],
    today: date,
    catalog: Catalog,
    *,
    program: str | None = None,
    clearances: Sequence[Clearance] = (),
    again: bool = False,
    prescription: PrescriptionRecord | None = None,
) -> Plan:
    """Return the plan for ``today``: screening, phase, programs, week and session.

    ``clearances`` are the doctor's clearances recorded (see :mod:`backcoach.clearance`).
    With ``program``, today's session follows that program instead of the phase's (the
    screening and every exclusion still apply; supervised programs are refused). A day
    with a session already finished is done (``today.status``); ``again`` asks for another
    session anyway, which is given unless today's session was stopped for pain or a spasm
    or was too much for the back. A clinician's ``prescription`` (server mode) picks the
    program, whatever the phase, and the numbers it sets; a ``program`` the person chooses
    for the day still wins, and the screening and every exclusion apply to both. Raises
    :class:`~backcoach.catalog.UnknownIdError` or :class:`PlanError`.
    """
    prescribed = prescription.prescription if prescription is not None else None
    if program is None and prescribed is not None and prescribed.program in catalog.programs:
        program = prescribed.program
    else:
        prescribed = None  # the person's own choice today: the log's numbers
    chosen = catalog.program(program) if program is not None else None
    if chosen is not None and chosen.supervised:
        raise PlanError(_("{program} is done only under a specialist's supervision; "
                          "backcoach does not guide it").format(program=chosen.name))
    screening = screen(profile, catalog, clearances, today=today)
    history = sorted(history, key=lambda s: s.date)  # callers may pass any order
    week = [today + timedelta(days=n) for n in range(7)]
    if not screening.allows_plan:
        phase = "rest" if screening.verdict == "rest" else None
        return Plan(
            date=today, screening=screening, phase=phase,
            phase_reasons=[screening.headline], phase_change=None, programs=[],
            program_reasons=[], training_today=False, left_out=[],
            today=Session(status="not_allowed", reason=screening.headline,
                          advice=screening.advice, items=[], estimated_minutes=0,
                          minutes_available=profile.minutes_per_day,
                          done=done_today(history, today, catalog)),
            week=[DayEntry(date=d, weekday=WEEKDAYS[d.weekday()], training=False) for d in week],
            schedule_reasons=[_("No training days until the screening allows exercise.")],
        )
    decision = decide_phase(profile, screening, history, today)
    phase = decision.phase
    main_ids, alternation = _main_programs(phase, today, catalog)
    main = catalog.programs[main_ids[0]]
    names = _(" and ").join(catalog.programs[m].name for m in main_ids)
    program_reasons = [ngettext("{names}: the source's program for the {phase} phase.",
                                "{names}: the source's programs for the {phase} phase.",
                                len(main_ids)).format(names=names, phase=phase_word(phase))
                       + alternation]
    if chosen is not None and prescribed is None and chosen.phase in LADDER and \
            phase in LADDER and LADDER.index(chosen.phase) > LADDER.index(phase):
        raise PlanError(_("{program} belongs to the {program_phase} phase and you are in the "
                          "{phase} phase: it comes later, once your record shows you are "
                          "ready").format(program=chosen.name,
                                          program_phase=phase_word(chosen.phase),
                                          phase=phase_word(phase)))
    if chosen is not None and prescription is not None and prescribed is not None:
        on = date_text(prescription.at.date())
        given = (_("{program}: prescribed by your clinician ({author}) on {date} (your phase, "
                   "{phase}, would give {names}).").format(
                     program=chosen.name, author=prescription.author, date=on,
                     phase=phase_word(phase), names=names)
                 if prescription.author else
                 _("{program}: prescribed by your clinician on {date} (your phase, {phase}, "
                   "would give {names}).").format(program=chosen.name, date=on,
                                                  phase=phase_word(phase), names=names))
        said = (" " + _("Their note: {note}").format(note=prescribed.note)
                if prescribed.note else "")
        program_reasons = [given + said]
        main_ids = (chosen.id,)
    elif chosen is not None:
        program_reasons = [_("{program}: the program you chose for today (your phase, "
                             "{phase}, would give {names}).").format(
            program=chosen.name, phase=phase_word(phase), names=names)]
        main_ids = (chosen.id,)
    if prescribed is not None and chosen is not None:
        main = chosen  # its own schedule, as for the phase's program
    per_week, schedule_reasons = _schedule(main.name, main.frequency, profile.days_per_week)
    days = training_days(per_week)
    # A program the person picks is for today; a prescribed one keeps its training days.
    training_today = today.weekday() in days or (chosen is not None and prescribed is None)
    week_entries = [DayEntry(date=d, weekday=WEEKDAYS[d.weekday()],
                             training=d.weekday() in days) for d in week]
    notes = list(screening.exercise_notes)
    if phase == "therapeutic":
        # Early in therapy the source advises against deep lower-back bends and hard work.
        notes += caution_notes(catalog, {"early_therapy"})
    builder = _Builder(catalog, profile, history, today, notes, lighter=decision.setback,
                       prescribed=prescribed.doses if prescribed is not None else None)
    so_far = today_so_far(history, today, catalog, again=again)
    if so_far.status is not None:
        day = Session(status=so_far.status, reason=so_far.reason, advice=so_far.advice,
                      items=[], estimated_minutes=0, minutes_available=profile.minutes_per_day,
                      done=so_far.done, train_again_allowed=so_far.train_again_allowed)
    elif training_today:
        _build_session(builder, phase, main_ids, profile.minutes_per_day)
        day = Session(status="planned", again=bool(so_far.done),
                      reason=planned_reason(so_far, decision.setback), items=builder.items,
                      estimated_minutes=round(_total(builder.items) / 60, 1),
                      minutes_available=profile.minutes_per_day, done=so_far.done)
    else:
        following = next(d for d in week_entries if d.training)
        rest = _("Today is a rest day; next training day: {weekday} {date}.").format(
            weekday=_weekday(following.date), date=date_text(following.date))
        schedule_reasons.append(rest)
        day = Session(status="rest_day", reason=rest, items=[], estimated_minutes=0,
                      minutes_available=profile.minutes_per_day, done=so_far.done)
    # Never hide an exclusion, even of an exercise today's programs do not use.
    for note in notes:
        if note.action != "modify":
            builder.leave(catalog.exercises[note.exercise], note.reason, "excluded",
                          note.source)
    left = list(builder.left.values())
    return Plan(
        date=today, screening=screening, phase=phase, phase_reasons=decision.reasons,
        phase_change=decision.changed, phase_change_text=decision.change_text,
        programs=list(main_ids), program_reasons=program_reasons, week=week_entries,
        schedule_reasons=schedule_reasons, training_today=training_today, today=day,
        left_out=left,
    )


def _schedule(name: str, frequency: Frequency | None,
              days_per_week: int) -> tuple[int, list[str]]:
    """Return the training days a week and why: the program's frequency, within the
    person's days."""
    per_week_src = frequency.per_week.high if frequency and frequency.per_week \
        else days_per_week
    per_week = int(min(days_per_week, per_week_src))
    if days_per_week < per_week_src:
        return per_week, [ngettext(
            "{program} is meant {frequency}; you have {days} days a week, so you train on "
            "{count}.",
            "{program} is meant {frequency}; you have {days} days a week, so you train on "
            "{count}.", days_per_week).format(
            program=name, frequency=frequency.text if frequency else "", days=days_per_week,
            count=per_week)]
    text = (ngettext("{program} is meant {frequency}: {count} training days a week spread out "
                     "so muscles recover between them.",
                     "{program} is meant {frequency}: {count} training days a week spread out "
                     "so muscles recover between them.", per_week)
            if per_week < 7 else
            ngettext("{program} is meant {frequency}: {count} training days a week.",
                     "{program} is meant {frequency}: {count} training days a week.", per_week))
    return per_week, [text.format(program=name,
                                  frequency=frequency.text if frequency else _("regularly"),
                                  count=per_week)]

