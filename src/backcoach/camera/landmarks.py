"""Pose landmarks: MediaPipe Pose's 33 named points per frame, and the file that holds them.

    from backcoach.camera.landmarks import NAMES, Frame, read_stream, write_stream

    for frame in read_stream(Path("squat.jsonl")):
        if frame.landmarks is not None:
            x, y, z, visibility = frame.landmarks[NAMES.index("left_hip")]

A landmark is ``(x, y, z, visibility)`` in normalised image coordinates: x to the right, y
DOWN, 0..1 across the picture (a point off the picture may lie outside), z depth, and
visibility 0..1. A stream file is JSON lines, one frame a line::

    {"t": 0.067, "landmarks": [[0.51, 0.22, -0.1, 0.99], ... 33 items]}
    {"t": 0.133, "landmarks": null}          # no person in this frame

Times are seconds from the start and never go backwards. Pure Python: reading a stream
needs neither numpy nor MediaPipe.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from backcoach.errors import LandmarkFileError
from backcoach.i18n import _

# MediaPipe Pose's landmarks, in its order (the index is the landmark's number).
NAMES: tuple[str, ...] = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
    "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip",
    "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
    "right_heel", "left_foot_index", "right_foot_index",
)
INDEX: dict[str, int] = {name: i for i, name in enumerate(NAMES)}

Landmark = tuple[float, float, float, float]  # x, y, z, visibility


@dataclass(frozen=True)
class Frame:
    """One camera frame: its time in seconds and the 33 landmarks, or None (no person)."""

    t: float
    landmarks: tuple[Landmark, ...] | None

    def point(self, name: str) -> Landmark | None:
        """Return the landmark called ``name``, or None when the frame has no person."""
        if self.landmarks is None:
            return None
        return self.landmarks[INDEX[name]]


def _number(value: object, what: str) -> float:
    # bool is an int to Python, never a coordinate.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LandmarkFileError(f"{what} must be a number, not {value!r}", field="landmarks")
    if not math.isfinite(value):
        raise LandmarkFileError(f"{what} must be a finite number, not {value!r}",
                                field="landmarks")
    return float(value)


def parse_frame(obj: object) -> Frame:
    """Return the frame one JSON object describes; raises :class:`LandmarkFileError` saying
    what is wrong (a missing time, 32 landmarks, a NaN, a visibility above 1...)."""
    if not isinstance(obj, dict):
        raise LandmarkFileError(
            f"a frame is an object {{\"t\": seconds, \"landmarks\": [...]}}, not "
            f"{type(obj).__name__}")
    extra = sorted(set(obj) - {"t", "landmarks"})
    if extra:
        raise LandmarkFileError(f"unknown key(s) {', '.join(map(repr, extra))}; a frame has "
                                "only 't' and 'landmarks'")
    if "t" not in obj:
        raise LandmarkFileError("the frame has no time 't' (seconds)", field="t")
    try:
        t = _number(obj["t"], "the time 't'")
    except LandmarkFileError as exc:
        raise LandmarkFileError(exc.message, field="t") from None
    if t < 0:
        raise LandmarkFileError(f"the time 't' must not be negative, not {t:g}", field="t")
    if "landmarks" not in obj:
        raise LandmarkFileError("the frame has no 'landmarks' (null when no person is seen)",
                                field="landmarks")
    raw = obj["landmarks"]
    if raw is None:
        return Frame(t, None)
    if not isinstance(raw, list) or len(raw) != len(NAMES):
        got = f"{len(raw)} items" if isinstance(raw, list) else type(raw).__name__
        raise LandmarkFileError(f"'landmarks' must be a list of {len(NAMES)} points (MediaPipe "
                                f"Pose's), not {got}", field="landmarks")
    points: list[Landmark] = []
    for i, item in enumerate(raw):
        name = f"landmark {i} ({NAMES[i]})"
        if not isinstance(item, list) or len(item) != 4:
            raise LandmarkFileError(f"{name} must be [x, y, z, visibility], not {item!r}",
                                    field="landmarks")
        x, y, z, visibility = (_number(v, f"{name}'s {axis}")
                               for v, axis in zip(item, ("x", "y", "z", "visibility"),
                                                  strict=True))
        if not 0 <= visibility <= 1:
            raise LandmarkFileError(f"{name}'s visibility must be from 0 to 1, not "
                                    f"{visibility:g}", field="landmarks")
        points.append((x, y, z, visibility))
    return Frame(t, tuple(points))


def read_stream(path: Path) -> Iterator[Frame]:
    """Yield the frames of a JSON-lines stream file, checking each as it is read.

    Blank lines are skipped. Raises :class:`LandmarkFileError` naming the file and the
    line for a line that is not JSON, not a valid frame, or earlier than the line before.
    """
    previous: float | None = None
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                where = _("{file}, line {line}").format(file=path, line=number)
                try:
                    frame = parse_frame(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise LandmarkFileError(_("{where}: not JSON ({problem} at column {column})")
                                            .format(where=where, problem=exc.msg,
                                                    column=exc.colno)) from None
                except LandmarkFileError as exc:
                    raise LandmarkFileError(f"{where}: {exc.message}", field=exc.field) from None
                if previous is not None and frame.t < previous:
                    raise LandmarkFileError(
                        _("{where}: the time goes backwards ({t} s after {previous} s)").format(
                            where=where, t=f"{frame.t:g}", previous=f"{previous:g}"), field="t")
                previous = frame.t
                yield frame
    except UnicodeDecodeError as exc:
        raise LandmarkFileError(_("{file}: not UTF-8 text ({problem})").format(
            file=path, problem=exc.reason)) from None
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise LandmarkFileError(_("{file}: cannot be read ({problem})").format(
            file=path, problem=exc.strerror)) from None


def frame_json(frame: Frame) -> str:
    """Return one frame as its line of a stream file (without the newline)."""
    landmarks = None if frame.landmarks is None else [list(p) for p in frame.landmarks]
    return json.dumps({"t": frame.t, "landmarks": landmarks},
                      separators=(",", ":"), allow_nan=False)


def write_stream(path: Path, frames: Iterable[Frame]) -> int:
    """Write ``frames`` to ``path`` as JSON lines; return how many were written."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for frame in frames:
            out.write(frame_json(frame) + "\n")
            count += 1
    return count
