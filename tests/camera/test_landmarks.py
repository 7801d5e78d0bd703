"""The landmark stream file: what the pose source writes, the coach reads back exactly,
and a bad file is refused with the line that is wrong."""

from __future__ import annotations

import json

import pytest

from backcoach.camera.landmarks import NAMES, Frame, parse_frame, read_stream, write_stream
from backcoach.camera.synthetic import stream
from backcoach.errors import BackcoachError, LandmarkFileError

GOOD = [[0.5, 0.5, 0.0, 0.9]] * 33


def test_the_names_are_mediapipes_33_in_order():
    assert len(NAMES) == 33 == len(set(NAMES))
    assert NAMES[0] == "nose" and NAMES[11:13] == ("left_shoulder", "right_shoulder")
    assert NAMES[23:25] == ("left_hip", "right_hip") and NAMES[-1] == "right_foot_index"


def test_a_stream_survives_the_round_trip_through_a_file(tmp_path):
    frames = stream("hip_hinge", reps=1, noise=0.01, drop=0.2, seed=3)
    assert any(f.landmarks is None for f in frames)  # frames without a person too
    path = tmp_path / "hinge.jsonl"
    assert write_stream(path, frames) == len(frames)
    assert list(read_stream(path)) == frames


def test_a_frame_without_a_person_is_null():
    assert parse_frame({"t": 1.5, "landmarks": None}) == Frame(1.5, None)


def _write(tmp_path, *objects: object, raw: str | None = None):
    path = tmp_path / "bad.jsonl"
    lines = [json.dumps({"t": 0.0, "landmarks": GOOD})]
    lines += [json.dumps(o) for o in objects]
    if raw is not None:
        lines.append(raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("line", "says"), [
    ("{not json", "not JSON"),
    (json.dumps({"t": 1, "landmarks": GOOD[:32]}), "33 points"),
    ('{"t": 1, "landmarks": [' + ",".join(["[0.5, NaN, 0, 1]"] * 33) + "]}",
     "finite number"),
    (json.dumps({"t": 1, "landmarks": [[0.5, 0.5, 0, 1.5]] * 33}), "from 0 to 1"),
    (json.dumps({"t": 1, "landmarks": [[0.5, 0.5, 0]] * 33}), "[x, y, z, visibility]"),
    (json.dumps({"t": 1, "landmarks": [[0.5, "0.5", 0, 1]] * 33}), "must be a number"),
    (json.dumps({"t": -1, "landmarks": None}), "must not be negative"),
    (json.dumps({"landmarks": None}), "no time"),
    (json.dumps({"t": 1}), "no 'landmarks'"),
    (json.dumps({"t": 1, "landmarks": None, "fps": 30}), "unknown key(s) 'fps'"),
    (json.dumps([1, 2]), "a frame is an object"),
])
def test_a_bad_line_is_refused_with_its_number_and_what_is_wrong(tmp_path, line, says):
    path = _write(tmp_path, raw=line)
    with pytest.raises(LandmarkFileError) as caught:
        list(read_stream(path))
    assert f"{path}, line 2: " in str(caught.value)
    assert says in str(caught.value)
    assert isinstance(caught.value, BackcoachError) and caught.value.code == "invalid"


def test_time_going_backwards_is_refused(tmp_path):
    path = _write(tmp_path, {"t": 2.0, "landmarks": None}, {"t": 1.0, "landmarks": None})
    frames = read_stream(path)
    assert [next(frames).t, next(frames).t] == [0.0, 2.0]  # read lazily, up to the bad line
    with pytest.raises(LandmarkFileError, match=r"line 3: the time goes backwards"):
        next(frames)


def test_blank_lines_are_skipped_and_a_missing_file_is_a_clear_error(tmp_path):
    path = tmp_path / "gaps.jsonl"
    path.write_text('\n{"t": 0, "landmarks": null}\n\n', encoding="utf-8")
    assert list(read_stream(path)) == [Frame(0.0, None)]
    with pytest.raises(LandmarkFileError, match="cannot be read"):
        list(read_stream(tmp_path / "missing.jsonl"))
