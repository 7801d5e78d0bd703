"""The pose source at its boundary: MediaPipe's packaged model on a real photograph and on the
project's own figures, and the pictures it is fed from JPEG bytes and video files.

MediaPipe is the ``camera`` extra, which the dev extra (CI) installs: the import guard only
skips these tests where the extra cannot install (Python 3.13 and later).
"""

from __future__ import annotations

import socket
import sys
import urllib.request
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest

from backcoach.camera import pose as pose_module
from backcoach.camera.landmarks import NAMES, Landmark
from backcoach.camera.pose import (
    MediaPipePose,
    PoseSource,
    decode_jpeg,
    frames_from_device,
    frames_from_video,
    open_pose,
)
from backcoach.errors import (
    CameraUnavailableError,
    InvalidError,
    PoseModelMissingError,
    VideoError,
)

mediapipe = pytest.importorskip("mediapipe")
cv2 = pytest.importorskip("cv2")


def at(landmarks: tuple[Landmark, ...], name: str) -> Landmark:
    return landmarks[NAMES.index(name)]


def figure_picture(exercise: str, pose: str, size: int = 256) -> np.ndarray:
    """Return an exercise figure's pose as an RGB picture ``size`` pixels square."""
    from backcoach.figures import load_figures, render_svg, svg_to_png

    png = svg_to_png(render_svg(load_figures()[exercise], pose=pose, size=(size, size)))
    return decode_jpeg(png, size=size)  # OpenCV decodes a PNG as well


@pytest.fixture(scope="module")
def astronaut():
    from skimage import data

    picture: np.ndarray = data.astronaut()  # type: ignore[no-untyped-call]
    return picture


@pytest.fixture(scope="module")
def photo_pose():
    with MediaPipePose(video=False) as source:
        yield source


def test_the_pose_models_load_from_the_installed_wheel():
    package = Path(mediapipe.__file__).resolve().parent
    assert "site-packages" in package.parts
    for model in ("pose_detection/pose_detection.tflite",
                  "pose_landmark/pose_landmark_full.tflite"):
        assert (package / "modules" / model).stat().st_size > 1_000_000, model
    assert pose_module.MODEL_COMPLEXITY == 1  # the model that ships; 0 and 2 download theirs


def test_the_astronaut_photograph_gives_33_landmarks_where_a_body_has_them(astronaut,
                                                                          monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the pose source tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with closing(open_pose(video=False)) as source:  # built with the network shut, too
        found = source.detect(astronaut)
    assert found is not None and len(found) == 33
    assert all(len(point) == 4 and 0 <= point[3] <= 1 for point in found)
    nose, left, right = at(found, "nose"), at(found, "left_shoulder"), at(found, "right_shoulder")
    assert nose[3] > 0.9
    # She faces the camera: her left shoulder is on the picture's right, the nose between
    # the shoulders and above them, the hips lower still (y points down).
    assert right[0] < nose[0] < left[0]
    assert left[1] > nose[1] + 0.1 and right[1] > nose[1] + 0.1
    assert at(found, "left_hip")[1] > left[1]


def test_a_rendered_figure_in_a_lunge_is_seen_as_a_person(photo_pose):
    found = photo_pose.detect(figure_picture("lunge", "end"))
    assert found is not None and len(found) == 33
    nose, hip, ankle = at(found, "nose"), at(found, "left_hip"), at(found, "left_ankle")
    assert nose[1] < hip[1] < ankle[1]


def test_a_rendered_figure_standing_side_on_is_not_seen(photo_pose):
    """MediaPipe finds a person from the face first, and the figures have none: standing
    side on (the hip hinge's start, a squat's) the model sees no one. What the camera coach
    is tested with is therefore landmark streams (backcoach.camera.synthetic), and the
    pose source with a photograph; a change here means the model started seeing figures."""
    assert photo_pose.detect(figure_picture("hip_hinge", "start")) is None
    assert photo_pose.detect(np.full((256, 256, 3), 255, np.uint8)) is None


def test_mediapipe_is_a_pose_source_that_closes():
    source: PoseSource = open_pose(video=True)
    assert isinstance(source, MediaPipePose)
    source.close()
    source.close()  # twice is harmless
    with pytest.raises(RuntimeError, match="closed"):
        source.detect(np.zeros((8, 8, 3), np.uint8))


def test_an_unknown_pose_source_is_refused():
    with pytest.raises(InvalidError, match="choose from: mediapipe"):
        open_pose("openpose")


def test_without_the_extra_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "mediapipe", None)  # import mediapipe now fails
    with pytest.raises(PoseModelMissingError, match=r"pip install -e '\.\[camera\]'") as caught:
        open_pose()
    assert caught.value.exit_code == 1


def test_decode_jpeg_round_trips_and_scales_the_longer_side(astronaut):
    ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(astronaut, cv2.COLOR_RGB2BGR))
    assert ok
    picture = decode_jpeg(jpeg.tobytes(), size=512)
    assert picture.shape == (512, 512, 3) and picture.dtype == np.uint8
    # RGB in, RGB out (not OpenCV's BGR): close to the original, within JPEG's loss.
    assert np.abs(picture.astype(int) - astronaut.astype(int)).mean() < 4
    wide = np.ascontiguousarray(astronaut[:200, :400])
    ok, jpeg = cv2.imencode(".jpg", wide)
    assert decode_jpeg(jpeg.tobytes(), size=256).shape == (128, 256, 3)


@pytest.mark.parametrize("data", [b"", b"not a picture", b"\xff\xd8\xff\xe0" + b"\0" * 20])
def test_decode_jpeg_refuses_bytes_that_are_no_picture(data):
    with pytest.raises(VideoError, match="not a JPEG picture"):
        decode_jpeg(data)


def write_video(path: Path, pictures: list[np.ndarray], fps: float = 10.0) -> Path:
    """Write RGB pictures as an MJPG AVI, which every OpenCV build can write and read."""
    height, width = pictures[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened()
    for picture in pictures:
        writer.write(cv2.cvtColor(picture, cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def test_frames_from_video_gives_times_and_scaled_rgb_pictures(tmp_path):
    start = figure_picture("lunge", "start", size=320)
    end = figure_picture("lunge", "end", size=320)
    wide = [np.ascontiguousarray(np.pad(p, ((0, 0), (80, 80), (0, 0)), constant_values=255))
            for p in (start, end) * 6]
    video = write_video(tmp_path / "lunge.avi", wide)
    frames = list(frames_from_video(video, size=256))
    assert len(frames) == 12
    assert [t for t, _ in frames] == pytest.approx([i / 10 for i in range(12)], abs=0.01)
    assert {p.shape for _, p in frames} == {(171, 256, 3)}  # 320 x 480, longer side 256
    assert frames[0][1].dtype == np.uint8
    # RGB: the figure's green-teal shirt stays more green than red.
    assert int(frames[0][1][..., 1].astype(int).sum()) > int(frames[0][1][..., 0].sum())
    halved = list(frames_from_video(video, fps=5))
    assert [t for t, _ in halved] == pytest.approx([i / 5 for i in range(6)], abs=0.01)


def test_frames_from_video_refuses_a_missing_or_unreadable_file(tmp_path):
    with pytest.raises(VideoError, match="no such video file") as caught:
        next(frames_from_video(tmp_path / "nowhere.mp4"))
    assert str(tmp_path / "nowhere.mp4") in caught.value.message
    text = tmp_path / "notes.mp4"
    text.write_text("not a video\n")
    with pytest.raises(VideoError, match="cannot be read as a video"):
        next(frames_from_video(text))


def test_a_camera_that_is_not_there_is_a_clear_error():
    with pytest.raises(CameraUnavailableError, match="camera 99 cannot be opened"):
        next(frames_from_device(99))
