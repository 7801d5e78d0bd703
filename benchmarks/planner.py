"""Plans made per second over 10,000 random profiles (target: 2,000 plans/s), printed.

    .venv/bin/python benchmarks/planner.py [COUNT]

The profiles come from ``random`` with a fixed seed, so every run plans the same people:
ages 12-110, every pain level, red flags now and then, random conditions, equipment, place,
minutes and days; about a third have a short log of past sessions. The catalog is loaded
once beforehand, as a running app has it; the figure is planning alone.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from typing import get_args

from backcoach.catalog import Catalog, load_catalog
from backcoach.catalog.models import Equipment
from backcoach.clearance import Clearance
from backcoach.history import ExerciseDone, SessionRecord, SetDone
from backcoach.planner import make_plan
from backcoach.profile import Profile, RedFlags
from backcoach.screening import clearable_findings

TARGET_PER_SECOND = 2000
SEED = 20261123
EQUIPMENT: list[str] = list(get_args(Equipment))
FLAGS = sorted(RedFlags.model_fields)
LADDER = ["therapeutic", "entry", "strengthening", "advanced"]


def random_profile(rnd: random.Random) -> Profile:
    pain_now = rnd.choice(["none", "none", "dull", "dull", "acute"])
    level = 0 if pain_now == "none" else rnd.choice([1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10])
    flags = rnd.sample(FLAGS, rnd.choice([0] * 8 + [1, 2]))
    chronic = rnd.random() < 0.1
    return Profile(
        pain_now=pain_now, pain_level=level,
        pain_spreads=rnd.choice(["none"] * 6 + ["buttock_or_thigh", "below_knee", "both_legs"]),
        pain_is_new=rnd.random() < 0.3,
        red_flags=RedFlags(**dict.fromkeys(flags, True)),
        hernia=rnd.random() < 0.1, osteoporosis=rnd.random() < 0.1,
        pregnant=rnd.random() < 0.05, recent_birth=rnd.random() < 0.05,
        recent_injury=rnd.random() < 0.05, chronic_spine_disease=chronic,
        spine_flare=chronic and rnd.random() < 0.3,
        age=rnd.randint(12, 110),
        equipment=rnd.sample(EQUIPMENT, rnd.randint(0, 4)),
        place=rnd.choice(["home", "home", "home", "gym", "pool"]),
        minutes_per_day=rnd.randint(5, 120), days_per_week=rnd.randint(1, 7),
        goal=rnd.choice(["prevent", "relieve", "strengthen"]),
        long_term_steroids=rnd.random() < 0.05, pain_seen_by_doctor=rnd.random() < 0.5,
        supervised=rnd.random() < 0.2,
    )


def random_clearances(rnd: random.Random, profile: Profile, today: date,
                      catalog: Catalog) -> list[Clearance]:
    """Half the people: one clearance of what they report, up to 18 months old."""
    if rnd.random() < 0.5:
        return []
    on = today - timedelta(days=rnd.randint(0, 540))
    return [Clearance(date=on, covers=clearable_findings(profile, catalog))]


def random_history(rnd: random.Random, today: date, catalog: Catalog) -> list[SessionRecord]:
    if rnd.random() < 0.65:
        return []
    phase = rnd.choice(LADDER)
    program = catalog.programs[{"therapeutic": "therapy_stages_1_2", "entry": "entry_month",
                                "strengthening": "home_set", "advanced": "advanced_set"}[phase]]
    sessions = []
    for n in range(rnd.randint(1, 8)):
        stopped = rnd.choice([None] * 8 + ["pain", "tired"])
        sessions.append(SessionRecord(
            date=today - timedelta(days=2 * (8 - n)), phase=phase, program=program.id,
            completed=stopped is None, stopped_reason=stopped,
            pain_before=rnd.randint(0, 4), pain_after=rnd.randint(0, 6),
            exercises=[ExerciseDone(exercise=item.exercise, sets=[
                SetDone(reps=rnd.randint(3, 30), hold_seconds=rnd.randint(0, 30))])
                for item in program.items()],
        ))
    return sessions


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    catalog = load_catalog()
    rnd = random.Random(SEED)
    start_day = date(2026, 1, 5)
    cases = []
    for _ in range(count):
        today = start_day + timedelta(days=rnd.randint(0, 364))
        profile = random_profile(rnd)
        cases.append((profile, random_history(rnd, today, catalog), today,
                      random_clearances(rnd, profile, today, catalog)))
    first = cases[0]
    make_plan(first[0], first[1], first[2], catalog,  # warm the caches a running app has warm
              clearances=first[3])

    times = []
    verdicts: Counter[str] = Counter()
    sessions = 0
    wall = time.perf_counter()
    for profile, history, today, clearances in cases:
        start = time.perf_counter()
        plan = make_plan(profile, history, today, catalog, clearances=clearances)
        times.append(time.perf_counter() - start)
        verdicts[plan.screening.verdict] += 1
        sessions += bool(plan.today.items)
    wall = time.perf_counter() - wall

    per_second = count / wall
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    with_history = sum(1 for _, history, _, _ in cases if history)
    print(f"make_plan over {count:,} random profiles (seed {SEED}), "
          f"{with_history:,} with a history of 1-8 sessions")
    print(f"  verdicts: {', '.join(f'{v} {n:,}' for v, n in verdicts.most_common())}; "
          f"{sessions:,} plans with a session today")
    verdict = "ok" if per_second >= TARGET_PER_SECOND else "UNDER TARGET"
    print(f"  plans per second   {per_second:9,.0f}   target {TARGET_PER_SECOND:,}/s  {verdict}")
    print(f"  median per plan    {median * 1000:9.3f} ms  (p95 {p95 * 1000:.3f} ms, "
          f"max {max(times) * 1000:.3f} ms)")


if __name__ == "__main__":
    main()
