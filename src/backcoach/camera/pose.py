"""Where the landmarks come from: a pose source turns a picture into MediaPipe Pose's 33
landmarks, and the pictures come from a video file, a camera or JPEG bytes.

    from backcoach.camera.pose import frames_from_video, open_pose

    with open_pose(video=True) as pose:
        for t, rgb in frames_from_video(Path("squat.mp4")):
            landmarks = pose.detect(rgb)        # 33 (x, y, z, visibility), or None

A picture is an ``H x W x 3`` uint8 RGB array. :class:`PoseSource` is all the coach asks of
a model, so another one can replace MediaPipe; :func:`open_pose` chooses it by name.

MediaPipe (and OpenCV, which comes with it) is the ``camera`` extra: ``pip install -e
'.[camera]'``; without it these functions raise :class:`PoseModelMissingError` saying so.
It is imported only when a source is opened, so importing this module costs nothing. The
model files ship in the ``mediapipe`` 0.10.14 wheel (``mediapipe/modules/pose_detection/
pose_detection.tflite`` and ``pose_landmark/pose_landmark_full.tflite``): the legacy Pose
solution with ``model_complexity=1`` loads them from there and downloads nothing (its
complexities 0 and 2 would download their models, so they are never used here).
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from backcoach.camera.landmarks import Frame, Landmark
from backcoach.errors import (
    CameraUnavailableError,
    InvalidError,
    PoseModelMissingError,
    VideoError,
)
from backcoach.i18n import _

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Image = NDArray[np.uint8]

# Pose sources by name, for open_pose (and a --pose option one day).
KINDS = ("mediapipe",)
# MediaPipe's model that ships in its wheel: 1 is pose_landmark_full.tflite.
MODEL_COMPLEXITY = 1
INSTALL = "pip install -e '.[camera]'"


class PoseSource(Protocol):
    """A pose model: a picture in, MediaPipe Pose's 33 landmarks out."""

    def detect(self, rgb: Image) -> tuple[Landmark, ...] | None:
        """Return the 33 landmarks of the person in an ``H x W x 3`` uint8 RGB picture
        (normalised image coordinates, y down), or None when no one is seen."""
        ...

    def close(self) -> None:
        """Free the model; ``detect`` may not be called after."""
        ...


def installed() -> bool:
    """Return whether the camera extra (MediaPipe and OpenCV) is installed, without
    importing either (importing MediaPipe takes a second)."""
    return find_spec("mediapipe") is not None and find_spec("cv2") is not None


def _missing() -> PoseModelMissingError:
    return PoseModelMissingError(
        _("the camera coach needs MediaPipe and OpenCV, which are not installed: install "
          "them with {command}").format(command=INSTALL), field="camera")


def _mediapipe() -> Any:  # untyped: its solutions are built at run time
    try:
        import mediapipe
    except ImportError as exc:
        raise _missing() from exc
    return mediapipe


def _cv2() -> ModuleType:
    try:
        import cv2
    except ImportError as exc:
        raise _missing() from exc
    return cv2


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send what C++ code writes to file descriptor 2 to /dev/null for a while: MediaPipe's
    graph prints TensorFlow Lite's and absl's start-up chatter there as its models start,
    and OpenCV its backends' complaints about a missing camera, which would only puzzle a
    person reading the command's output. Best effort: a graph thread that starts a model
    after the window closes still prints its line."""
    try:
        saved = os.dup(2)
    except OSError:  # no standard error at all: nothing to quieten
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class MediaPipePose:
    """MediaPipe's legacy Pose solution as a :class:`PoseSource`; a context manager.

    ``video`` True tracks the person from one picture to the next (pictures of one video,
    in order: faster and steadier); False looks afresh at each picture (photographs).
    """

    def __init__(self, *, video: bool = True) -> None:
        mediapipe = _mediapipe()
        with _quiet_stderr():
            self._pose: Any = mediapipe.solutions.pose.Pose(
                static_image_mode=not video, model_complexity=MODEL_COMPLEXITY,
                smooth_landmarks=video, enable_segmentation=False)
        self._started = False

    def detect(self, rgb: Image) -> tuple[Landmark, ...] | None:
        """Return the 33 landmarks of the person in ``rgb``, or None when no one is seen."""
        if self._pose is None:
            raise RuntimeError("this pose source is closed")
        with warnings.catch_warnings():
            # protobuf 4.25 warns on every result that MediaPipe 0.10.14 still calls its
            # deprecated GetPrototype(); nothing for a person (or a test) to act on.
            warnings.filterwarnings("ignore", message=r"SymbolDatabase\.GetPrototype",
                                    category=UserWarning)
            if self._started:
                result = self._pose.process(rgb)
            else:
                with _quiet_stderr():
                    result = self._pose.process(rgb)
        found = result.pose_landmarks
        if found is None:
            return None
        # The landmark model starts with the first person found: quiet until then.
        self._started = True
        # Visibility is a sigmoid's output, but a stream file insists on 0..1: clamp it.
        return tuple((float(p.x), float(p.y), float(p.z), min(1.0, max(0.0, float(p.visibility))))
                     for p in found.landmark)

    def close(self) -> None:
        """Free the model's graph (closing twice is harmless)."""
        if self._pose is not None:
            with _quiet_stderr():  # a graph that never ran starts (and chatters) to close
                self._pose.close()
            self._pose = None

    def __enter__(self) -> MediaPipePose:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def open_pose(kind: str = "mediapipe", *, video: bool = True) -> PoseSource:
    """Return the pose source called ``kind`` (only "mediapipe" so far), tracking from
    picture to picture when ``video``; raises :class:`PoseModelMissingError` when its
    package is not installed."""
    if kind not in KINDS:
        raise InvalidError(_("no pose source '{kind}' (choose from: {choices})").format(
            kind=kind, choices=", ".join(KINDS)), field="pose")
    return MediaPipePose(video=video)


def detected(pictures: Iterable[tuple[float, Image]], pose: PoseSource) -> Iterator[Frame]:
    """Yield a :class:`~backcoach.camera.landmarks.Frame` for each ``(t, rgb)`` picture: its
    time and the landmarks ``pose`` finds in it (None when no one is seen)."""
    for t, rgb in pictures:
        yield Frame(t, pose.detect(rgb))


def _resized(bgr: Image, size: int) -> Image:
    """Return a BGR picture as RGB, scaled so its longer side is ``size`` pixels."""
    cv2 = _cv2()
    height, width = bgr.shape[:2]
    scale = size / max(height, width)
    if scale != 1:
        shape = (max(1, round(width * scale)), max(1, round(height * scale)))
        # INTER_AREA averages the pixels a smaller picture drops (no shimmer on edges).
        bgr = cv2.resize(bgr, shape, interpolation=cv2.INTER_AREA if scale < 1
                         else cv2.INTER_LINEAR)
    rgb: Image = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return rgb


def frames_from_video(path: Path, *, size: int = 256,
                      fps: float | None = None) -> Iterator[tuple[float, Image]]:
    """Yield ``(t, rgb)`` for the frames of a video file: ``t`` in seconds from the file's
    own timestamps, ``rgb`` scaled so its longer side is ``size`` pixels.

    ``fps`` keeps at most that many frames a second (the others are skipped, not decoded
    into pictures). Raises :class:`VideoError` for a missing file or one that OpenCV
    cannot read as a video.
    """
    cv2 = _cv2()
    if not path.is_file():
        raise VideoError(_("{file}: no such video file").format(file=path), field="video")
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            raise VideoError(_("{file}: cannot be read as a video (is it one? OpenCV reads "
                               "MP4, AVI, MKV and WebM)").format(file=path), field="video")
        rate = capture.get(cv2.CAP_PROP_FPS) or 30.0
        gap = 1 / fps if fps else 0.0
        index = 0
        last: float | None = None
        while capture.grab():
            stamp = capture.get(cv2.CAP_PROP_POS_MSEC) / 1000
            # Some containers give no timestamps (0 throughout): count frames instead.
            t = stamp if index == 0 or stamp > 0 else index / rate
            index += 1
            if last is not None and t - last < gap - 1e-6:
                continue
            ok, bgr = capture.retrieve()
            if not ok:
                break
            last = t
            yield round(t, 4), _resized(bgr, size)
        if index == 0:
            raise VideoError(_("{file}: cannot be read as a video (no frame could be "
                               "decoded)").format(file=path), field="video")
    finally:
        capture.release()


def frames_from_device(index: int, *, size: int = 256) -> Iterator[tuple[float, Image]]:
    """Yield ``(t, rgb)`` from camera number ``index`` (0 is the first) until it stops:
    ``t`` in seconds since the first picture, ``rgb`` scaled so its longer side is
    ``size`` pixels. Raises :class:`CameraUnavailableError` when the camera cannot be
    opened or gives no picture."""
    cv2 = _cv2()
    with _quiet_stderr():  # OpenCV tries each backend, and complains on stderr, for a bad one
        capture = cv2.VideoCapture(index)
    try:
        ok, bgr = capture.read() if capture.isOpened() else (False, None)
        if not ok or bgr is None:
            raise CameraUnavailableError(
                _("camera {index} cannot be opened: is it connected, and not in use by "
                  "another program? (the first camera is 0)").format(index=index),
                field="device")
        start = time.monotonic()
        while ok and bgr is not None:
            yield round(time.monotonic() - start, 4), _resized(bgr, size)
            ok, bgr = capture.read()
    finally:
        capture.release()


def decode_jpeg(data: bytes, *, size: int = 256) -> Image:
    """Return the RGB picture a JPEG (or PNG) holds, scaled so its longer side is ``size``
    pixels; raises :class:`VideoError` for bytes that are no picture."""
    import numpy as np

    cv2 = _cv2()
    bgr = None
    if data:
        try:
            bgr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        except cv2.error:
            bgr = None
    if bgr is None:
        raise VideoError(_("a frame of {count} bytes is not a JPEG picture").format(
            count=len(data)), field="frame")
    return _resized(bgr, size)


__all__ = ["INSTALL", "KINDS", "MediaPipePose", "PoseSource", "decode_jpeg", "detected",
           "frames_from_device", "frames_from_video", "installed", "open_pose"]
