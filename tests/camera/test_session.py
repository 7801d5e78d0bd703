"""CameraSession, the camera WebSocket's work without the web: the frame message, the
aspect, and a session fed JPEG frames with a stand-in pose source that records what it saw."""

from __future__ import annotations

import math

import numpy as np
import pytest

from backcoach.camera.landmarks import Landmark
from backcoach.camera.session import (
    MAX_FRAME_BYTES,
    CameraSession,
    decode_frame,
    encode_frame,
    parse_aspect,
)
from backcoach.camera.synthetic import stream
from backcoach.errors import (
    InvalidError,
    TooLargeError,
    UnsupportedExerciseError,
    VideoError,
)

cv2 = pytest.importorskip("cv2")


def test_a_frame_is_its_time_then_the_jpeg():
    message = encode_frame(1.25, b"\xff\xd8\xff\xe0rest")
    assert len(message) == 8 + 8
    assert decode_frame(message) == (1.25, b"\xff\xd8\xff\xe0rest")


@pytest.mark.parametrize(("message", "error", "text"), [
    (b"\x00" * 4, InvalidError, "starts with its time"),
    (encode_frame(math.nan, b"\xff\xd8\xff"), InvalidError, "seconds from 0 on"),
    (encode_frame(-1, b"\xff\xd8\xff"), InvalidError, "seconds from 0 on"),
    (encode_frame(0, b"\x89PNG\r\n"), VideoError, "not a JPEG picture"),
    (encode_frame(0, b"\xff\xd8\xff" + bytes(MAX_FRAME_BYTES)), TooLargeError, "KiB cap"),
])
def test_a_frame_that_cannot_be_used_says_why(message, error, text):
    with pytest.raises(error, match=text):
        decode_frame(message)


@pytest.mark.parametrize(("text", "aspect"), [(None, 1.0), ("", 1.0), ("16/9", 16 / 9),
                                              ("640/480", 4 / 3), ("0.75", 0.75)])
def test_an_aspect_is_width_over_height(text, aspect):
    assert parse_aspect(text) == pytest.approx(aspect)


@pytest.mark.parametrize("text", ["wide", "1/0", "0", "nan", "100/1", "-4/3"])
def test_a_bad_aspect_is_refused(text):
    with pytest.raises(InvalidError, match="width over its height"):
        parse_aspect(text)


class Recorded:
    """A pose source giving the landmarks of a synthetic hip hinge, one frame per call."""

    def __init__(self) -> None:
        self.frames = list(stream("hip_hinge", reps=2))
        self.shapes: list[tuple[int, ...]] = []
        self.closed = False

    def detect(self, rgb: np.ndarray) -> tuple[Landmark, ...] | None:
        self.shapes.append(rgb.shape)
        return self.frames[len(self.shapes) - 1].landmarks

    def close(self) -> None:
        self.closed = True


def test_a_session_counts_from_jpeg_frames_and_closes_its_model():
    pose = Recorded()
    ok, jpeg = cv2.imencode(".jpg", np.zeros((480, 640, 3), np.uint8))
    assert ok
    with CameraSession("hip_hinge", aspect=1.0, pose=pose) as session:
        for frame in pose.frames:
            answer = session.frame(encode_frame(frame.t, jpeg.tobytes()))
        assert answer["reps"] == 2 and answer["person"] is True
        assert len(answer["landmarks"]) == 33  # type: ignore[arg-type]
        assert session.summary()["reps"] == 2
        session.switch("plank")
        assert session.summary() == {**session.summary(), "exercise": "plank", "reps": 0}
    assert pose.closed
    assert set(pose.shapes) == {(192, 256, 3)}  # 256 px on the longer side


def test_a_session_refuses_an_exercise_before_opening_a_model():
    with pytest.raises(UnsupportedExerciseError, match="it can watch: "):
        CameraSession.check("cobra")
    with pytest.raises(UnsupportedExerciseError):
        CameraSession("cobra", pose=Recorded())
