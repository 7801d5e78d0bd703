"""The camera coach: frames in; reps, holds and one spoken cue at a time out.

    from backcoach.camera.coach import CameraCoach

    coach = CameraCoach("hip_hinge", lang="ru")
    for frame in frames:                       # landmarks.read_stream(...) or a live camera
        update = coach.feed(frame)
        if update.cue:
            say(update.cue)                    # the catalog's own words, in Russian here
    coach.summary()   # {"exercise": "hip_hinge", "reps": 5, "holds": [], "cues": [...], ...}

Which angle makes a rep and which mistakes to catch are the exercise's motion rules
(:mod:`backcoach.camera.rules`); the counting is :class:`~backcoach.camera.counter.
RepCounter`. A form check speaks when its mistake has lasted its ``dwell_seconds`` in a
phase it applies to, once the counting is armed (never while the person gets into
position); the same cue waits :data:`CUE_REPEAT_SECONDS` before it is spoken again, and
no two cues come within :data:`CUE_GAP_SECONDS` of each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.camera.angles import measure
from backcoach.camera.counter import Phase, RepCounter, Smoother
from backcoach.camera.landmarks import Frame
from backcoach.camera.rules import Check, MotionRules, cue_text, load_rules
from backcoach.errors import UnsupportedExerciseError
from backcoach.i18n import _

CUE_REPEAT_SECONDS = 6.0
CUE_GAP_SECONDS = 2.0


def supported_exercises() -> tuple[str, ...]:
    """Return the ids of the exercises the camera coach can watch, sorted."""
    return tuple(sorted(load_rules()))


def check_exercise(exercise_id: str) -> None:
    """Raise :class:`~backcoach.errors.UnsupportedExerciseError`, naming the exercises the
    coach can watch, unless it can watch ``exercise_id``."""
    supported = supported_exercises()
    if exercise_id not in supported:
        raise UnsupportedExerciseError(
            _("the camera coach cannot watch '{exercise}'; it can watch: {ids}").format(
                exercise=exercise_id[:100], ids=", ".join(supported)), field="exercise")


@dataclass(frozen=True)
class Update:
    """What the coach makes of one frame: the counts so far and a cue to speak, if any."""

    t: float
    person: bool
    reps: int
    holding: bool
    hold_seconds: float
    cue: str | None
    angles: dict[str, float]  # the smoothed angles the exercise's rules read
    phase: Phase  # "setup" until the start position is held, then start/moving/end


class CameraCoach:
    """Watches one exercise through a stream of frames (see the module's docstring)."""

    def __init__(self, exercise_id: str, *, lang: str = "en", aspect: float = 1.0) -> None:
        """``aspect`` is the picture's width over its height: MediaPipe's x and y are
        fractions of each, so a 16:9 camera needs 16/9 for true angles."""
        from backcoach.catalog import load_catalog

        check_exercise(exercise_id)
        self.rules: MotionRules = load_rules()[exercise_id]
        exercise = load_catalog(lang=lang).exercises[exercise_id]
        self._cues = {check.id: cue_text(exercise, check.cue) for check in self.rules.checks}
        self._aspect = aspect
        self._counter = RepCounter(self.rules.motion, count=self.rules.count)
        names = {self.rules.motion.angle, *(c.angle for c in self.rules.checks)}
        self._smoothers = {name: Smoother() for name in sorted(names)}
        self._wrong_since: dict[str, float] = {}
        self._spoken_at: dict[str, float] = {}
        self._last_cue_at: float | None = None
        self._cues_spoken: list[dict[str, object]] = []
        self._frames = 0
        self._with_person = 0
        self._t = 0.0

    def feed(self, frame: Frame) -> Update:
        """Return what the coach makes of ``frame`` (frames come in time order)."""
        self._frames += 1
        self._t = frame.t
        person = frame.landmarks is not None
        self._with_person += person
        measured = measure(frame, aspect=self._aspect)
        angles: dict[str, float] = {}
        for name, smoother in self._smoothers.items():
            if name in measured:
                angles[name] = smoother.update(frame.t, measured[name])
            elif smoother.at is not None and frame.t - smoother.at > self._counter.gap_seconds:
                smoother.reset()
        motion_angle = self.rules.motion.angle
        self._counter.update(frame.t, measured.get(motion_angle))
        if self._counter.phase == "setup":
            self._wrong_since.clear()
        cue = self._cue(frame.t, angles)
        counter = self._counter
        return Update(t=frame.t, person=person, reps=counter.reps, holding=counter.holding,
                      hold_seconds=round(counter.hold_seconds(frame.t), 2), cue=cue,
                      angles=angles, phase=counter.phase)

    def _cue(self, t: float, angles: dict[str, float]) -> str | None:
        due: list[Check] = []
        for check in self.rules.checks:
            value = angles.get(check.angle)
            if value is None and check.id in self._wrong_since:
                continue  # a frame without the angle neither clears nor proves the mistake
            if value is None or self._counter.phase not in check.during or not check.wrong(
                    value):
                self._wrong_since.pop(check.id, None)
                continue
            since = self._wrong_since.setdefault(check.id, t)
            if t - since >= check.dwell_seconds - 1e-9:
                due.append(check)
        if self._last_cue_at is not None and t - self._last_cue_at < CUE_GAP_SECONDS:
            return None
        for check in due:
            spoken = self._spoken_at.get(check.id)
            if spoken is not None and t - spoken < CUE_REPEAT_SECONDS:
                continue
            self._spoken_at[check.id] = self._last_cue_at = t
            text = self._cues[check.id]
            self._cues_spoken.append({"t": round(t, 2), "text": text, "check": check.id})
            return text
        return None

    def summary(self) -> dict[str, object]:
        """Return the session so far: reps, holds (seconds, a hold under way included),
        the cues spoken, and how many frames had a person in them."""
        holds = list(self._counter.holds)
        if self._counter.holding and self.rules.count == "holds":
            holds.append(round(self._counter.hold_seconds(self._t), 2))
        return {"exercise": self.rules.exercise, "count": self.rules.count,
                "reps": self._counter.reps, "holds": holds,
                "cues": [dict(c) for c in self._cues_spoken], "frames": self._frames,
                "frames_with_person": self._with_person}
