"""`backcoach camera` through Typer's runner and real processes: landmark streams from the
synthetic generator, and a video of the project's own figures through MediaPipe."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.camera.landmarks import read_stream, write_stream
from backcoach.camera.synthetic import stream
from backcoach.cli import app

runner = CliRunner()
BACKCOACH = Path(sys.executable).parent / "backcoach"
KEYS = {"exercise", "count", "reps", "holds", "cues", "frames", "frames_with_person"}
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def saved(path: Path, exercise: str, **options: object) -> Path:
    write_stream(path, stream(exercise, **options))  # type: ignore[arg-type]
    return path


@pytest.fixture(scope="module")
def hinge(tmp_path_factory) -> Path:
    return saved(tmp_path_factory.mktemp("streams") / "hinge.jsonl", "hip_hinge", reps=5)


@pytest.fixture(scope="module")
def rounded(tmp_path_factory) -> Path:
    return saved(tmp_path_factory.mktemp("streams") / "rounded.jsonl", "hip_hinge", reps=4,
                 mistake="back_rounds")


def test_landmarks_json_is_the_coach_summary(hinge):
    result = run("camera", "--exercise", "hip_hinge", "--landmarks", str(hinge), "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == KEYS
    assert summary["exercise"] == "hip_hinge" and summary["reps"] == 5
    assert summary["holds"] == [] and summary["cues"] == []
    frames = len(list(read_stream(hinge)))
    assert summary["frames"] == summary["frames_with_person"] == frames


def test_the_human_summary_names_the_exercise_and_its_counts(hinge, tmp_path):
    result = run("camera", "--exercise", "hip_hinge", "--landmarks", str(hinge))
    assert result.exit_code == 0
    assert "Hip hinge" in result.stdout
    assert re.search(r"Reps\s+5", result.stdout)
    assert "No cues" in result.stdout
    plank = saved(tmp_path / "plank.jsonl", "plank", reps=2, hold_seconds=5)
    held = run("camera", "--exercise", "plank", "--landmarks", str(plank))
    assert re.search(r"Holds\s+\d+\.\d s, \d+\.\d s", held.stdout)
    assert "Reps" not in held.stdout  # a plank is held, not repeated


def test_a_mistake_is_cued_in_the_run_language(rounded):
    english = json.loads(run("camera", "--exercise", "hip_hinge", "--landmarks", str(rounded),
                             "--json").stdout)
    russian = json.loads(run("--lang", "ru", "camera", "--exercise", "hip_hinge",
                             "--landmarks", str(rounded), "--json").stdout)
    assert english["cues"] and len(russian["cues"]) == len(english["cues"])
    assert all({"t", "text"} <= set(cue) for cue in russian["cues"])
    assert not CYRILLIC.search(english["cues"][0]["text"])
    assert CYRILLIC.search(russian["cues"][0]["text"])
    shown = run("--lang", "ru", "camera", "--exercise", "hip_hinge", "--landmarks",
                str(rounded))
    assert "Подсказки:" in shown.stdout and "Повторения" in shown.stdout
    assert russian["cues"][0]["text"].split()[0] in shown.stdout


@pytest.mark.parametrize("sources", [[], ["--landmarks", "a.jsonl", "--video", "b.mp4"],
                                     ["--device", "0", "--landmarks", "a.jsonl"]])
def test_exactly_one_source_or_a_usage_error_naming_them(sources):
    result = run("camera", "--exercise", "hip_hinge", *sources)
    assert result.exit_code == 2
    assert "give exactly one source: --device N, --video FILE or --landmarks FILE" in \
        result.stderr
    assert f"({len(sources) // 2} given)" in result.stderr


@pytest.mark.parametrize("exercise", ["hip_hing", "cobra"])  # a typo; one it cannot watch
def test_an_exercise_the_coach_cannot_watch_lists_those_it_can(exercise, hinge):
    result = run("camera", "--exercise", exercise, "--landmarks", str(hinge))
    assert result.exit_code == 2
    assert f"cannot watch '{exercise}'; it can watch: " in result.stderr
    assert "hip_hinge" in result.stderr and "plank" in result.stderr


def test_a_broken_stream_names_its_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"t": 0, "landmarks": null}\n{"t": "soon"}\n')
    result = run("camera", "--exercise", "plank", "--landmarks", str(bad))
    assert result.exit_code == 2 and "line 2" in result.stderr


def test_landmarks_need_no_camera_extra_and_a_video_says_how_to_install_it(hinge,
                                                                          monkeypatch):
    for name in ("mediapipe", "cv2"):
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    result = run("camera", "--exercise", "hip_hinge", "--landmarks", str(hinge), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["reps"] == 5
    video = run("camera", "--exercise", "hip_hinge", "--video", "any.mp4")
    assert video.exit_code == 1  # what is missing on this computer (errors.EXIT_CODE)
    assert "install them with pip install -e '.[camera]'" in video.stderr


def test_a_missing_video_or_camera_is_one_line(tmp_path):
    pytest.importorskip("cv2")
    missing = run("camera", "--exercise", "lunge", "--video", str(tmp_path / "none.mp4"))
    assert missing.exit_code == 2
    assert missing.stderr.strip() == f"backcoach: error: {tmp_path / 'none.mp4'}: no such " \
        "video file"
    camera = run("camera", "--exercise", "lunge", "--device", "99")
    assert camera.exit_code == 1 and "camera 99 cannot be opened" in camera.stderr


def test_save_landmarks_refuses_a_folder_that_does_not_exist(hinge, tmp_path):
    result = run("camera", "--exercise", "hip_hinge", "--landmarks", str(hinge),
                 "--save-landmarks", str(tmp_path / "no" / "such.jsonl"))
    assert result.exit_code == 2 and "cannot write" in result.stderr


@pytest.fixture(scope="module")
def lunge_video(tmp_path_factory) -> Path:
    """A video of the lunge figure: its start pose, then three lunges (end and back), at 10
    frames a second, drawn by the project's own figures."""
    cv2 = pytest.importorskip("cv2")
    pytest.importorskip("mediapipe")
    from backcoach.camera.pose import decode_jpeg
    from backcoach.figures import load_figures, render_svg, svg_to_png

    figure = load_figures()["lunge"]
    pictures = {}
    for pose in ("start", "end"):
        rgb = decode_jpeg(svg_to_png(render_svg(figure, pose=pose, size=(256, 256))))
        pictures[pose] = cv2.resize(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), (256, 256))
    path: Path = tmp_path_factory.mktemp("video") / "lunge.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (256, 256))
    for pose in ["start"] * 30 + (["end"] * 15 + ["start"] * 20) * 3:
        writer.write(pictures[pose])
    writer.release()
    return path


def test_a_video_runs_end_to_end_and_its_landmarks_can_be_watched_again(lunge_video,
                                                                        tmp_path):
    kept = tmp_path / "lunge.jsonl"
    result = run("camera", "--exercise", "lunge", "--video", str(lunge_video), "--json",
                 "--save-landmarks", str(kept))
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["frames"] == 135
    # MediaPipe sees the figure in a lunge in nearly every frame; in the start pose it
    # often loses the knees (a face-less drawing), so not every rep is counted.
    assert summary["frames_with_person"] >= 0.9 * summary["frames"]
    assert 1 <= summary["reps"] <= 3
    frames = list(read_stream(kept))
    assert len(frames) == 135
    assert sum(f.landmarks is not None for f in frames) == summary["frames_with_person"]
    again = run("camera", "--exercise", "lunge", "--landmarks", str(kept), "--json")
    assert json.loads(again.stdout) == summary


def test_a_real_process_speaks_russian(rounded):
    done = subprocess.run([str(BACKCOACH), "--lang", "ru", "camera", "--exercise",
                           "hip_hinge", "--landmarks", str(rounded), "--json"],
                          capture_output=True, text=True, check=True)
    summary = json.loads(done.stdout)
    assert summary["reps"] == 4 and CYRILLIC.search(summary["cues"][0]["text"])
    assert done.stderr == ""


def test_a_camera_watch_ends_at_ctrl_c_with_its_summary(monkeypatch):
    """No camera on CI: a stand-in for frames_from_device gives the astronaut photograph
    five times, then the person presses Ctrl-C."""
    pytest.importorskip("mediapipe")
    from skimage import data

    from backcoach.camera import pose

    photo = data.astronaut()[::2, ::2].copy()  # type: ignore[no-untyped-call]

    def camera(index: int, *, size: int = 256):
        assert index == 0
        for i in range(5):
            yield i / 15, photo
        raise KeyboardInterrupt

    monkeypatch.setattr(pose, "frames_from_device", camera)
    result = run("camera", "--exercise", "bodyweight_squat", "--device", "0", "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["frames"] == summary["frames_with_person"] == 5
    shown = run("camera", "--exercise", "bodyweight_squat", "--device", "0")
    assert shown.exit_code == 0
    assert "Watching camera 0: press Ctrl-C to stop." in shown.stderr
    assert re.search(r"Frames\s+5 \(5 with a person in view\)", shown.stdout)


def test_the_refusals_come_in_the_run_language(hinge, tmp_path):
    from backcoach import i18n
    from backcoach.camera.coach import CameraCoach
    from backcoach.errors import UnsupportedExerciseError

    with i18n.using("ru"), pytest.raises(UnsupportedExerciseError) as refused:
        CameraCoach("cobra", lang="ru")
    assert "камера не умеет следить за упражнением «cobra»" in refused.value.message
    result = run("--lang", "ru", "camera", "--exercise", "cobra", "--landmarks", str(hinge))
    assert result.exit_code == 2
    assert "камера не умеет следить за упражнением «cobra»; она умеет: " in result.stderr
    backwards = tmp_path / "backwards.jsonl"
    backwards.write_text('{"t": 2, "landmarks": null}\n{"t": 1, "landmarks": null}\n')
    result = run("--lang", "ru", "camera", "--exercise", "plank", "--landmarks",
                 str(backwards))
    assert result.exit_code == 2
    assert "строка 2: время идёт назад (1 с после 2 с)" in result.stderr
