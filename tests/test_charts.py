"""Progress charts: SVG and PNG from a fixture history, with the expected series."""

from __future__ import annotations

import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from backcoach.charts import DOSAGE_PREFIX, SERIES, TOP_EXERCISES, ChartError, write_chart
from backcoach.progress import (
    DoseSummary,
    PainReading,
    PlanSetting,
    Progress,
    PsfsReading,
    SessionSummary,
    compute_progress,
)

START = date(2026, 6, 1)  # a Monday
TODAY = date(2026, 8, 23)
SVG = "{http://www.w3.org/2000/svg}"
# Done on most days, so the first four are the "most done" the chart shows.
EXERCISES = [("cat_cow", 1), ("glute_bridge", 1), ("plank", 1), ("superman", 2),
             ("child_pose", 5)]


@pytest.fixture(scope="module")
def progress() -> Progress:
    sessions, doses, pain, psfs = [], [], [], []
    for n in range((TODAY - START).days + 1):
        on = START + timedelta(days=n)
        if n % 7 == 6:
            pain.append(PainReading(datetime.combine(on, datetime.min.time()), 5 - n // 30))
        if n % 4 == 3:
            continue
        sessions.append(SessionSummary(on, "entry" if n < 28 else "strengthening", True,
                                       6 - n // 20, 5 - n // 20))
        for exercise, every in EXERCISES:
            if n % every == 0:
                hold = exercise in ("plank", "superman", "child_pose")
                doses.append(DoseSummary(on, exercise, 2, None if hold else 8 + n // 14,
                                         10.0 + n // 7 if hold else None, None))
    for month in range(3):
        for activity, score in (("Tie shoes", 2), ("Sit an hour", 4)):
            psfs.append(PsfsReading(activity, START + timedelta(days=30 * month),
                                    score + 2 * month))
    return compute_progress(sessions=sessions, doses=doses, pain_checkins=pain, psfs=psfs,
                            days_per_week=[PlanSetting(START, 5)], today=TODAY,
                            exercise_names={"cat_cow": "Cat-cow"})


def _ids(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()  # raises on XML that does not parse
    assert root.tag == f"{SVG}svg"
    return {element.get("id", ""): element for element in root.iter() if element.get("id")}


def _points(group: ET.Element) -> int:
    """Return how many vertices the first path drawn in ``group`` has."""
    path = next(group.iter(f"{SVG}path"))
    commands = path.get("d", "").split()
    return sum(1 for c in commands if c in ("M", "L"))


def test_svg_has_every_series_with_its_points(progress, tmp_path):
    path = tmp_path / "progress.svg"
    write_chart(progress, path)
    ids = _ids(path)
    expected = set(SERIES.values()) | {DOSAGE_PREFIX + e for e, _ in EXERCISES[:TOP_EXERCISES]}
    assert expected <= set(ids)
    assert DOSAGE_PREFIX + "child_pose" not in ids  # the fifth exercise is left out
    assert _points(ids["pain-before"]) == len(progress.pain.days)
    assert _points(ids["psfs-average"]) == 3
    assert _points(ids["dosage-cat_cow"]) == len(progress.dosage[0].weeks)
    assert progress.dosage[0].exercise == "cat_cow"


def test_svg_is_the_same_every_time(progress, tmp_path):
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    write_chart(progress, first)
    write_chart(progress, second)
    assert first.read_bytes() == second.read_bytes()
    assert b"<dc:date>" not in first.read_bytes()


def test_png_is_a_png_of_a_sane_size(progress, tmp_path):
    path = tmp_path / "progress.PNG"  # the extension in any case
    write_chart(progress, path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (800, 1000)
    assert 20_000 < len(data) < 2_000_000


def test_an_empty_progress_still_draws(tmp_path):
    empty = compute_progress(sessions=[], today=TODAY)
    write_chart(empty, tmp_path / "empty.svg")
    write_chart(empty, tmp_path / "empty.png")
    ids = _ids(tmp_path / "empty.svg")
    assert not set(SERIES.values()) & set(ids)


@pytest.mark.parametrize("name", ["progress.pdf", "progress", "progress.svg.txt"])
def test_only_svg_and_png(progress, tmp_path, name):
    with pytest.raises(ChartError, match=r"\.svg or \.png"):
        write_chart(progress, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_an_unwritable_place_is_a_chart_error(progress, tmp_path):
    with pytest.raises(ChartError, match="cannot write"):
        write_chart(progress, tmp_path / "missing" / "progress.svg")


def test_importing_the_charts_module_does_not_import_matplotlib():
    code = "import sys, backcoach.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
