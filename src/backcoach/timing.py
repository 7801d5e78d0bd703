"""How long things take: one source of truth for the planner's estimates and the player.

The source gives no tempo. These are backcoach's figures: seconds per repetition by kind
of exercise, a breath between held repetitions, rest between sets, time to get ready and
to switch sides, and how long "hold as long as you can" is counted as when planning.
"""

from __future__ import annotations

SECONDS_PER_REP = {"strength": 3.0, "isometric": 2.0, "stretch": 4.0, "mobility": 4.0,
                   "breathing": 6.0, "aerobic": 3.0, "relaxation": 4.0}
GET_READY_SECONDS = 5.0
SWITCH_SIDE_SECONDS = 5.0
RELAX_BETWEEN_HOLDS = 2.0
REST_BETWEEN_SETS = 30
HOLD_TO_FATIGUE_SECONDS = 15.0


def work_seconds(kind: str, *, reps: int | None, hold_seconds: float | None,
                 minutes: float | None, hold_to_fatigue: bool) -> float | None:
    """Return one set's duration on one side, or None when the person decides (to fatigue)."""
    if minutes is not None:
        return minutes * 60
    if hold_to_fatigue:
        return None
    if hold_seconds is not None and reps:
        return reps * (hold_seconds + RELAX_BETWEEN_HOLDS)
    if hold_seconds is not None:
        return float(hold_seconds)
    return (reps or 1) * SECONDS_PER_REP[kind]


def item_seconds(kind: str, *, sets: int, reps: int | None, hold_seconds: float | None,
                 minutes: float | None, hold_to_fatigue: bool, per_side: bool,
                 rest_seconds: float) -> float:
    """Return the whole item's expected duration: get ready, every set and side, rests."""
    one = work_seconds(kind, reps=reps, hold_seconds=hold_seconds, minutes=minutes,
                       hold_to_fatigue=hold_to_fatigue)
    if one is None:
        one = (reps or 1) * HOLD_TO_FATIGUE_SECONDS
    sides = 2 if per_side else 1
    switches = (sides - 1) * sets * SWITCH_SIDE_SECONDS
    return GET_READY_SECONDS + sets * sides * one + switches + (sets - 1) * rest_seconds
