"""One camera connection's work: JPEG frames in, the coach's answer to each out.

    from backcoach.camera.session import CameraSession, encode_frame

    with CameraSession("lunge", lang="ru", aspect=16 / 9) as session:
        answer = session.frame(encode_frame(0.067, jpeg))   # {"t": 0.067, "reps": 0, ...}
        session.switch("plank")                             # a new coach, the same model
        session.summary()                                   # the coach's summary

This is what the web app's WebSocket (``/api/v1/camera``) runs for each connection, and what
a test or a benchmark can run without the web. A frame is an 8-byte little-endian float64,
its time ``t`` in seconds, followed by the JPEG bytes (:func:`encode_frame`); the answer is
the dict :meth:`CameraSession.frame` returns::

    {"t": 1.2, "person": true, "reps": 3, "holding": false, "hold_seconds": 0.0,
     "cue": null, "phase": "start", "landmarks": [[x, y, visibility], ... 33] | null}

Landmarks are MediaPipe's 33 points in order (x, y in 0..1 of the picture, y down), for a
skeleton drawn over the video. A frame that cannot be read (over :data:`MAX_FRAME_BYTES`,
not a JPEG, a time that goes backwards) raises a :class:`~backcoach.errors.BackcoachError`
saying so; the session carries on. Pictures live only in memory, for the one frame: decoded,
looked at by the pose model and dropped; nothing is kept but the coach's counts.

Needs the camera extra (MediaPipe) for the pose, unless a pose source is given.
"""

from __future__ import annotations

import math
import struct
from types import TracebackType

from backcoach.camera.coach import CameraCoach, check_exercise
from backcoach.camera.landmarks import Frame
from backcoach.camera.pose import PoseSource, decode_jpeg, open_pose
from backcoach.errors import (
    InvalidError,
    TooLargeError,
    VideoError,
)
from backcoach.i18n import _, using

# A 256 px JPEG at quality 0.7 is 10-20 KB; a frame past this is not one the player sends.
MAX_FRAME_BYTES = 300 * 1024
SIZE = 256  # pixels on the picture's longer side, as the pose model is fed
HEADER = struct.Struct("<d")  # the frame's time, seconds
JPEG_START = b"\xff\xd8\xff"  # every JPEG file starts with these (SOI and a marker)
LONGEST_ASPECT = 10.0


def encode_frame(t: float, jpeg: bytes) -> bytes:
    """Return one frame as the WebSocket sends it: ``t`` then the JPEG bytes."""
    return HEADER.pack(t) + jpeg


def decode_frame(message: bytes) -> tuple[float, bytes]:
    """Return ``(t, jpeg)`` from a frame message; raises :class:`TooLargeError` past
    :data:`MAX_FRAME_BYTES`, :class:`InvalidError` for a bad time, :class:`VideoError` for
    bytes that are not a JPEG."""
    if len(message) > MAX_FRAME_BYTES:
        raise TooLargeError(_("a frame of {size} KiB is over the {cap} KiB cap: send "
                              "pictures of {pixels} px on the longer side").format(
            size=len(message) // 1024, cap=MAX_FRAME_BYTES // 1024, pixels=SIZE),
            field="frame")
    if len(message) < HEADER.size:
        raise InvalidError(_("a frame starts with its time, {count} bytes (a little-endian "
                             "float64, seconds), then the JPEG").format(count=HEADER.size),
                           field="t")
    (t,) = HEADER.unpack_from(message)
    if not math.isfinite(t) or t < 0:
        raise InvalidError(_("a frame's time must be seconds from 0 on, not {t}").format(
            t=repr(t)), field="t")
    jpeg = message[HEADER.size:]
    if not jpeg.startswith(JPEG_START):
        raise VideoError(_("a frame of {count} bytes is not a JPEG picture (send the time, "
                           "then the JPEG bytes)").format(count=len(jpeg)), field="frame")
    return t, jpeg


def parse_aspect(text: str | None) -> float:
    """Return a picture's width over its height from ``"16/9"``, ``"640/480"`` or
    ``"1.78"`` (None or empty: 1); raises :class:`InvalidError` for anything else."""
    if not text:
        return 1.0
    try:
        width, _slash, height = text.partition("/")
        aspect = float(width) / float(height) if height else float(width)
    except (ValueError, ZeroDivisionError):
        aspect = math.nan
    if not math.isfinite(aspect) or not 1 / LONGEST_ASPECT <= aspect <= LONGEST_ASPECT:
        raise InvalidError(_("aspect '{text}' is not a picture's width over its height "
                             "(e.g. 16/9 or 0.75)").format(text=text[:20]), field="aspect")
    return aspect


def _landmarks(frame: Frame) -> list[list[float]] | None:
    if frame.landmarks is None:
        return None
    return [[round(x, 4), round(y, 4), round(visibility, 2)]
            for x, y, _, visibility in frame.landmarks]


class CameraSession:
    """Watches one exercise at a time through JPEG frames; owns one pose model (close it,
    or use it as a context manager)."""

    def __init__(self, exercise_id: str, *, lang: str = "en", aspect: float = 1.0,
                 pose: PoseSource | None = None) -> None:
        """Raises :class:`~backcoach.errors.UnsupportedExerciseError` (naming the exercises
        it can watch) before any model is opened, and
        :class:`~backcoach.errors.PoseModelMissingError` without the camera extra."""
        self.lang = lang
        self.aspect = aspect
        self.coach = CameraCoach(exercise_id, lang=lang, aspect=aspect)
        self.exercise = exercise_id
        self._pose = pose if pose is not None else open_pose(video=True)
        self._t: float | None = None

    @staticmethod
    def check(exercise_id: str) -> None:
        """Raise :class:`~backcoach.errors.UnsupportedExerciseError`, naming the exercises
        the coach can watch, unless it can watch ``exercise_id`` (cheap: no model)."""
        check_exercise(exercise_id)

    def frame(self, message: bytes) -> dict[str, object]:
        """Return the answer to one frame message (see the module's docstring); what is
        wrong with it is said in the session's language."""
        with using(self.lang):
            return self._frame(message)

    def _frame(self, message: bytes) -> dict[str, object]:
        t, jpeg = decode_frame(message)
        if self._t is not None and t < self._t:
            raise InvalidError(_("a frame's time went backwards ({t} s after {previous} "
                                 "s)").format(t=f"{t:g}", previous=f"{self._t:g}"), field="t")
        picture = decode_jpeg(jpeg, size=SIZE)
        frame = Frame(t, self._pose.detect(picture))
        del picture, jpeg  # the picture goes now; only the landmarks stay, for this answer
        self._t = t
        update = self.coach.feed(frame)
        return {"t": update.t, "person": update.person, "reps": update.reps,
                "holding": update.holding, "hold_seconds": update.hold_seconds,
                "cue": update.cue, "phase": update.phase, "landmarks": _landmarks(frame)}

    def switch(self, exercise_id: str) -> None:
        """Watch ``exercise_id`` from now on, counting from 0 (the same pose model)."""
        with using(self.lang):
            self.coach = CameraCoach(exercise_id, lang=self.lang, aspect=self.aspect)
        self.exercise = exercise_id

    def summary(self) -> dict[str, object]:
        """Return the current exercise's summary (:meth:`CameraCoach.summary`)."""
        return self.coach.summary()

    def close(self) -> None:
        """Free the pose model (closing twice is harmless)."""
        self._pose.close()

    def __enter__(self) -> CameraSession:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


__all__ = ["MAX_FRAME_BYTES", "SIZE", "CameraSession", "decode_frame", "encode_frame",
           "parse_aspect"]
