"""`progress_json`: the text `backcoach progress --json` prints, written without pydantic."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import FrozenInstanceError, asdict
from datetime import date, datetime, timedelta

import pytest

from backcoach.progress import (
    DoseSummary,
    PainReading,
    PlanSetting,
    Progress,
    PsfsReading,
    SessionSummary,
    compute_progress,
    progress_json,
)

START = date(2026, 6, 1)  # a Monday
TODAY = date(2026, 9, 10)  # pain check-ins go on 10 days after the last session
PHASES = ["therapeutic"] * 20 + ["entry"] * 30 + ["rest"] + ["strengthening"] * 40


def _progress(**overrides: object) -> Progress:
    """Three months with every part filled: weeks, pain, PSFS, dosage of each kind, phases."""
    sessions, doses, pain, psfs = [], [], [], []
    for n in range((TODAY - START).days + 1):
        on = START + timedelta(days=n)
        if n % 6 == 5:
            pain.append(PainReading(datetime.combine(on, datetime.min.time()), 7 - n // 15))
        if n % 5 == 4 or n >= len(PHASES):
            continue
        sessions.append(SessionSummary(on, PHASES[n], n % 9 != 0,
                                       None if n % 4 == 0 else 7 - n // 14,
                                       None if n % 3 == 0 else 6 - n // 16))
        doses.append(DoseSummary(on, "cat_cow", 2, 6 + n // 10, None, None))
        if n % 2 == 0:
            doses.append(DoseSummary(on, "side_plank", 1, None, 10.0 + n / 4, None))
        if n % 7 == 1:
            doses.append(DoseSummary(on, "walking", 1, None, None, 10 + n / 3))
    for month in range(3):
        for activity, score in (("Tie shoes", 2), ('Lift "the" child', 1),
                                ("Sitzen – eine Stunde", 4)):
            psfs.append(PsfsReading(activity, START + timedelta(days=30 * month),
                                    min(10, score + 3 * month)))
    arguments: dict[str, object] = {
        "sessions": sessions, "doses": doses, "pain_checkins": pain, "psfs": psfs,
        "days_per_week": [PlanSetting(START, 3), PlanSetting(START + timedelta(days=40), 4)],
        "today": TODAY, "exercise_names": {"cat_cow": "Cat–cow", "walking": "Walk\tslowly"},
    }
    arguments.update(overrides)
    return compute_progress(**arguments)  # type: ignore[arg-type]


def _independent_json(progress: Progress) -> str:
    return json.dumps(asdict(progress), indent=2, ensure_ascii=False, default=date.isoformat)


def test_the_fixture_fills_every_part():
    p = _progress()
    assert p.adherence.this_week is not None and p.adherence.overall is not None
    assert p.pain.before and p.pain.after and p.pain.checkin
    assert any(d.before is None for d in p.pain.days)
    assert p.psfs.change is not None and len(p.psfs.activities) == 3
    assert {d.exercise for d in p.dosage} == {"cat_cow", "side_plank", "walking"}
    assert [c.direction for c in p.phase_changes] == ["up", "other", "other"]


def test_progress_json_is_json_dumps_of_the_records():
    p = _progress()
    assert progress_json(p) == _independent_json(p)
    assert '"exercise_name": "Cat–cow"' in progress_json(p)  # UTF-8, not \u escapes


def test_progress_json_of_an_empty_progress():
    p = compute_progress(sessions=[], today=TODAY)
    assert progress_json(p) == _independent_json(p)
    assert json.loads(progress_json(p))["adherence"]["weeks"] == []


def test_progress_json_writes_what_pydantic_writes():
    """As FastAPI's pydantic writes the same records, and as `model_dump_json(indent=2)` did:
    floats Python spells differently (1e-05, inf) and escapes included."""
    from pydantic import TypeAdapter

    odd = [DoseSummary(START + timedelta(days=7 * n), "hold\x01\n\\", 1, None, value, None)
           for n, value in enumerate([1.5e-05, 1e-06, 2.5e-07, 1e16, 1.25e300, float("inf"),
                                      0.0001, 123456789.0])]
    p = _progress(doses=odd, exercise_names={})
    text = progress_json(p)
    assert text == TypeAdapter(Progress).dump_json(p, indent=2).decode()
    holds = [w["hold_seconds"] for w in json.loads(text)["dosage"][0]["weeks"]]
    assert holds == [1.5e-05, 1e-06, 2.5e-07, 1e16, 1.25e300, None, 0.0001, 123456789.0]
    main = _progress()
    assert progress_json(main) == TypeAdapter(Progress).dump_json(main, indent=2).decode()


def test_the_records_stay_frozen():
    p = _progress()
    with pytest.raises(FrozenInstanceError):
        p.streaks.current_days = 0  # type: ignore[misc]
    assert not hasattr(p.adherence.weeks[0], "__dict__")  # slots: thousands are cheap


def test_importing_progress_loads_no_pydantic():
    """`backcoach progress --json` computes and writes the report without pydantic (~130 ms
    to import, most of the command's budget)."""
    code = "import backcoach.progress, sys; assert 'pydantic' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
