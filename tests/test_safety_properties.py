"""Safety invariants over 100,000 random profiles, logs and clearances (a seeded generator).

Hypothesis explores the planner's general properties in test_planner.py; here the point is
volume, so the cases come from one seeded random generator (fast, and the same every run)
and each is checked for what must never happen, computed from the catalog data and the
rules as written in the issue, not from the screening code:

- any emergency sign: no exercise;
- a serious red flag that no current clearance (listing it, twelve months at most) covers:
  no exercise;
- acute pain (or pain of 7 and more): no exercise, so no strengthening;
- every "modify" caution of every condition present is carried on its exercise;
- pregnancy: no exercise lying face down;
- a day with a session already done, or stopped for pain, offers no second session unless
  it is asked for, and after a stop for pain or a spasm none at all.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from typing import Any, get_args

from backcoach.catalog import Catalog, load_catalog
from backcoach.catalog.models import Equipment, Phase
from backcoach.clearance import SERIOUS_VALID_DAYS, Clearance
from backcoach.history import ExerciseDone, SessionRecord, SetDone, StopReason
from backcoach.planner import Plan, make_plan
from backcoach.profile import Profile, RedFlags
from backcoach.screening import EMERGENCY_SIGNS, SERIOUS_SIGNS, clearable_findings

CASES = int(os.environ.get("BACKCOACH_SAFETY_CASES", "100000"))
SEED = 20261130
EQUIPMENT: list[str] = list(get_args(Equipment))
FLAGS = sorted(RedFlags.model_fields)
LADDER: tuple[Phase, ...] = ("therapeutic", "entry", "strengthening", "advanced")
CONDITIONS = ("hernia", "osteoporosis", "pregnant", "recent_birth", "recent_injury",
              "chronic_spine_disease", "long_term_steroids")


def _profile(rnd: random.Random) -> Profile:
    pain_now = rnd.choice(["none", "none", "none", "dull", "dull", "acute"])
    level = 0 if pain_now == "none" else rnd.choice([1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10])
    flags = rnd.sample(FLAGS, rnd.choice([0] * 10 + [1, 1, 2]))
    data: dict[str, Any] = {
        "age": rnd.choice([rnd.randint(20, 50), rnd.randint(12, 110)]),
        "pain_now": pain_now, "pain_level": level,
        "pain_spreads": rnd.choice(["none"] * 8 + ["buttock_or_thigh", "below_knee",
                                                   "both_legs"]),
        "pain_is_new": rnd.random() < 0.3, "pain_seen_by_doctor": rnd.random() < 0.4,
        "red_flags": dict.fromkeys(flags, True),
        "equipment": rnd.sample(EQUIPMENT, rnd.randint(0, 5)),
        "place": rnd.choice(["home", "home", "gym", "pool"]),
        "minutes_per_day": rnd.choice([5, 10, 15, 20, 30, 45, 60, 120]),
        "days_per_week": rnd.choice([7, 7, 3, 5, 1]),
        "supervised": rnd.random() < 0.15,
    }
    for field in CONDITIONS:
        data[field] = rnd.random() < 0.07
    if data["pregnant"] or data["recent_birth"]:
        data["sex"] = "female"
    data["chronic_spine_disease"] = data["chronic_spine_disease"] or rnd.random() < 0.03
    data["spine_flare"] = data["chronic_spine_disease"] and rnd.random() < 0.3
    return Profile.model_validate(data)


def _history(rnd: random.Random, today: date, catalog: Catalog) -> list[SessionRecord]:
    sessions = []
    phase: Phase = rnd.choice(LADDER)
    program = {"therapeutic": "therapy_stages_1_2", "entry": "entry_month",
               "strengthening": "home_set", "advanced": "advanced_set"}[phase]
    items = catalog.programs[program].items()
    count = rnd.choice([0, 0, 1, 2, 3, 6, 12])
    for n in range(count):
        days_ago = 0 if (n == count - 1 and rnd.random() < 0.35) else 2 * (count - n)
        stopped: StopReason | None = rnd.choice([None] * 6 + ["pain", "spasm", "tired", "other"])
        # Built without validation (valid by construction): a hundred thousand logs.
        sessions.append(SessionRecord.model_construct(
            date=today - timedelta(days=days_ago), phase=phase, program=program,
            completed=stopped is None, stopped_reason=stopped,
            pain_before=rnd.choice([None, rnd.randint(0, 6)]),
            pain_after=rnd.choice([None, rnd.randint(0, 9)]), effort=None, notes=None,
            exercises=[ExerciseDone.model_construct(
                exercise=i.exercise, variant=None, skipped=False, sets=[SetDone.model_construct(
                    reps=rnd.randint(1, 20), hold_seconds=float(rnd.randint(0, 40)),
                    minutes=None, side="both")])
                for i in items[:rnd.randint(0, 4)]]))
    return sessions


def _clearances(rnd: random.Random, profile: Profile, today: date,
                catalog: Catalog) -> list[Clearance]:
    """None; or one of what the answers hold (all of it, or all but one finding: a finding
    reported since), of any age up to two years, sometimes dated ahead."""
    kind = rnd.random()
    if kind < 0.4:
        return []
    covers = clearable_findings(profile, catalog)
    if kind < 0.6 and covers:
        covers = covers[1:]
    days = rnd.choice([0, 20, 200, SERIOUS_VALID_DAYS, SERIOUS_VALID_DAYS + 1, 700, -3])
    return [Clearance(date=today - timedelta(days=days), covers=covers)]


def _current(clearances: list[Clearance], code: str, today: date) -> bool:
    return any(code in c.covers and 0 <= (today - c.date).days <= SERIOUS_VALID_DAYS
               for c in clearances)


def _problems(plan: Plan, profile: Profile, history: list[SessionRecord],
              clearances: list[Clearance], again: bool, catalog: Catalog) -> list[str]:
    today = plan.date
    given = plan.today.items
    flags = profile.red_flags
    out = []
    if given and (any(getattr(flags, f) for f in EMERGENCY_SIGNS)
                  or profile.pain_spreads == "both_legs"):
        out.append("exercise with an emergency sign")
    serious = [f for f in SERIOUS_SIGNS if getattr(flags, f)]
    if given and any(not _current(clearances, f"red_flag.{f}", today) for f in serious):
        out.append("exercise with a serious sign no current clearance covers")
    if given and (profile.pain_now == "acute" or profile.pain_level >= 7):
        out.append("exercise in acute pain")
    conditions = profile.conditions() | ({"early_therapy"} if plan.phase == "therapeutic"
                                         else set())
    for item in given:
        ex = catalog.exercises[item.exercise]
        wanted = [c.modification for c in ex.cautions
                  if c.action == "modify" and c.condition in conditions]
        if [m.modification for m in item.modifications] != wanted:
            out.append(f"{item.exercise}: modifications {item.modifications} != {wanted}")
        if profile.pregnant and ex.position == "prone":
            out.append(f"{item.exercise}: face down in pregnancy")
    todays = [s for s in history if s.date == today]
    if given and todays and not again:
        out.append("a second session offered without being asked for")
    if given and any(s.stopped_for_pain() for s in todays):
        out.append("a session offered after a stop for pain today")
    return out


def check_cases(chunk: int, count: int) -> tuple[list[str], dict[str, int]]:
    """Plan ``count`` random cases (seeded by ``chunk``); return the failures (at most ten)
    and how often each situation the invariants are about came up."""
    catalog = load_catalog()
    rnd = random.Random(SEED + chunk)
    start = date(2026, 1, 5)
    seen = dict.fromkeys(("emergency", "serious_uncovered", "serious_covered", "pregnant",
                          "done_today", "stopped_today", "modified", "planned"), 0)
    failures: list[str] = []
    for n in range(count):
        today = start + timedelta(days=rnd.randint(0, 700))
        profile = _profile(rnd)
        history = _history(rnd, today, catalog)
        clearances = _clearances(rnd, profile, today, catalog)
        again = rnd.random() < 0.3
        plan = make_plan(profile, history, today, catalog, clearances=clearances, again=again)
        problems = _problems(plan, profile, history, clearances, again, catalog)
        if problems and len(failures) < 10:
            failures.append(f"chunk {chunk}, case {n}: {problems}")
        flags = profile.red_flags
        seen["emergency"] += any(getattr(flags, f) for f in EMERGENCY_SIGNS)
        serious = [f for f in SERIOUS_SIGNS if getattr(flags, f)]
        seen["serious_uncovered"] += any(not _current(clearances, f"red_flag.{f}", today)
                                         for f in serious)
        seen["serious_covered"] += bool(serious) and plan.screening.allows_plan
        seen["pregnant"] += profile.pregnant and bool(plan.today.items)
        seen["done_today"] += plan.today.status == "done"
        seen["stopped_today"] += plan.today.status == "rest_after_stop"
        seen["modified"] += any(i.modifications for i in plan.today.items)
        seen["planned"] += bool(plan.today.items)
    return failures, seen


def test_safety_invariants_hold_over_random_people() -> None:
    # Split over the machine's cores (in fresh processes): the same cases on any machine.
    chunks = 4
    sizes = [CASES // chunks + (n < CASES % chunks) for n in range(chunks)]
    workers = max(1, min(chunks, os.cpu_count() or 1))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        results = list(pool.map(check_cases, range(chunks), sizes))
    failures = [f for found, _ in results for f in found]
    assert failures == []
    seen = {key: sum(counts[key] for _, counts in results) for key in results[0][1]}
    # The generator reaches every situation it is meant to test, many times over.
    if CASES >= 100_000:
        assert all(count >= 500 for count in seen.values()), seen
