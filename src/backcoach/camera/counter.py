"""The rep counter and hold timer: a state machine over one smoothed angle.

    counter = RepCounter(rules.motion, count="reps")
    for t, value in samples:          # value None: no person, or the joints not seen
        counter.update(t, value)
    counter.reps, counter.holds, counter.phase

The angle is smoothed (an exponential average over about :data:`SMOOTHING` seconds) and
placed in one of three zones by the rule's ``start`` and ``end`` lines: the start
position, moving, or the end position. Entering a position takes half the
``hysteresis`` past its line and leaving it half of it back on the other side, and a
change of zone counts once it has lasted :data:`DWELL` seconds, so a wobble on a line or
one noisy frame neither starts nor ends anything (a hold's time still runs from the first
frame in the end position to the first frame out of it).

Nothing counts until the person has held the start position for :data:`ARM_SECONDS`
(``phase`` is ``"setup"`` until then): walking in or getting down onto the mat passes
through every angle, and must not be a rep. A rep is start -> end -> back to start; the
time in the end position is a hold, recorded when it ends (``count="holds"``). A gap in
the angle longer than :data:`GAP_SECONDS` (no person, or joints not seen) resets to
``"setup"`` without counting what was under way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from backcoach.camera.rules import Motion

SMOOTHING = 0.12  # seconds: the time constant of the exponential average
DWELL = 0.2  # seconds in a zone before it counts as a position
ARM_SECONDS = 0.6  # seconds in the start position before counting begins
GAP_SECONDS = 1.0  # seconds without the angle that reset to setup

Phase = Literal["setup", "start", "moving", "end"]
Zone = Literal["start", "moving", "end"]


class Smoother:
    """An exponential average that tolerates uneven frame times and missing values."""

    def __init__(self, seconds: float = SMOOTHING) -> None:
        self.seconds = seconds
        self.value: float | None = None
        self.at: float | None = None

    def update(self, t: float, value: float) -> float:
        """Return the smoothed value after ``value`` arrives at ``t``."""
        if self.value is None or self.at is None:
            self.value = value
        else:
            weight = 1.0 - math.exp(-max(t - self.at, 0.0) / self.seconds)
            self.value += (value - self.value) * weight
        self.at = t
        return self.value

    def reset(self) -> None:
        self.value = None
        self.at = None


@dataclass
class RepCounter:
    """Counts reps and times holds from one angle of a motion rule."""

    motion: Motion
    count: Literal["reps", "holds"] = "reps"
    dwell: float = DWELL
    arm_seconds: float = ARM_SECONDS
    gap_seconds: float = GAP_SECONDS
    reps: int = 0
    holds: list[float] = field(default_factory=list)
    phase: Phase = "setup"
    value: float | None = None  # the smoothed angle
    _smoother: Smoother = field(default_factory=Smoother)
    _zone: Zone | None = None
    _zone_since: float = 0.0
    _seen_at: float | None = None
    _reached_end: bool = False
    _hold_from: float | None = None

    @property
    def holding(self) -> bool:
        """Return True while the person stays in the end position (counting armed)."""
        return self._hold_from is not None

    def hold_seconds(self, t: float) -> float:
        """Return how long the current hold has lasted at ``t`` (0 when not holding)."""
        return 0.0 if self._hold_from is None else max(t - self._hold_from, 0.0)

    def update(self, t: float, value: float | None) -> None:
        """Take the angle at ``t`` (None when it cannot be measured in this frame)."""
        if value is None:
            if self._seen_at is not None and t - self._seen_at > self.gap_seconds:
                self._reset()
            return
        if self._seen_at is not None and t - self._seen_at > self.gap_seconds:
            self._reset()
        self._seen_at = t
        self.value = self._smoother.update(t, value)
        zone = self._classify(self.value)
        if zone != self._zone:
            self._zone, self._zone_since = zone, t
        lasted = t - self._zone_since >= self.dwell - 1e-9
        if self.phase == "setup":
            if zone == "start" and t - self._zone_since >= self.arm_seconds - 1e-9:
                self.phase = "start"
            return
        if not lasted or zone == self.phase:
            return
        if self.phase == "end":
            self._leave_end(self._zone_since)
        if zone == "end":
            self._reached_end = True
            self._hold_from = self._zone_since
        elif zone == "start" and self._reached_end:
            self.reps += 1
            self._reached_end = False
        self.phase = zone

    def finish(self, t: float) -> None:
        """End the stream at ``t``: a hold still under way is recorded."""
        self._leave_end(t)

    def _leave_end(self, t: float) -> None:
        if self._hold_from is not None:
            if self.count == "holds":
                self.holds.append(round(max(t - self._hold_from, 0.0), 2))
            self._hold_from = None

    def _classify(self, value: float) -> Zone:
        m = self.motion
        sign = 1.0 if m.rising else -1.0
        v, start, end = sign * value, sign * m.start, sign * m.end
        half = m.hysteresis / 2
        # The band is centred on each line, so time in a position is not skewed either way.
        if self._zone == "end" and v >= end - half:
            return "end"
        if self._zone == "start" and v <= start + half:
            return "start"
        if v >= end + half:
            return "end"
        if v <= start - half:
            return "start"
        return "moving"

    def _reset(self) -> None:
        # Lost the person for too long: whatever was under way is not counted.
        self.phase = "setup"
        self._zone = None
        self._reached_end = False
        self._hold_from = None
        self._smoother.reset()
        self.value = None
