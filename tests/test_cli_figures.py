"""The figure commands, through Typer's runner and one real subprocess run."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from backcoach.cli import app

runner = CliRunner()
BACKCOACH = Path(sys.executable).parent / "backcoach"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_figure_prints_an_animated_svg_by_name_or_alias():
    result = run("figure", "lazy cat")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "<animate" in result.stdout
    assert "Cat-cow" in result.stdout


def test_figure_pose_draws_one_pose_still_or_all_of_them():
    end = run("figure", "cat_cow", "--pose", "end")
    assert end.exit_code == 0 and "<animate" not in end.stdout
    assert "Cat-cow: end" in end.stdout
    every = run("figure", "cat_cow", "--pose", "all")
    assert every.exit_code == 0
    assert all(label in every.stdout for label in (">start<", ">end<", ">cow<"))


def test_unknown_pose_and_exercise_are_one_line_usage_errors():
    result = run("figure", "cat_cow", "--pose", "kow")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("backcoach: error: --pose 'kow' is not a pose of "
                                     "'cat_cow' (choose from: start, end, cow, all)")
    result = run("figure", "cat_cwo")
    assert result.exit_code == 2
    assert "did you mean 'cat_cow'?" in result.stderr


def test_figure_writes_svg_and_png_files(tmp_path):
    svg = tmp_path / "plank.svg"
    assert run("figure", "plank", "--out", str(svg)).exit_code == 0
    ET.fromstring(svg.read_text())
    png = tmp_path / "plank.png"
    result = run("figure", "plank", "--pose", "end", "--png", "--out", str(png))
    assert result.exit_code == 0 and f"Wrote {png}" in result.stdout
    assert png.read_bytes().startswith(b"\x89PNG")


def test_png_needs_a_file():
    result = run("figure", "plank", "--png")
    assert result.exit_code == 2
    assert "--png writes a file: give --out FILE.png" in result.stderr


def test_figure_json_gives_joint_positions_per_pose():
    result = run("figure", "side_plank", "--json")
    data = json.loads(result.stdout)
    assert data["exercise"] == "side_plank" and data["view"] == "front"
    assert [p["id"] for p in data["poses"]] == ["start", "end"]
    end = data["poses"][1]
    assert {"head", "elbow_left", "toe_right"} <= set(end["points"])
    assert len(end["centre_of_mass"]) == 2
    assert data["loop_seconds"] > 0


def test_figures_writes_every_figure_and_a_contact_sheet(tmp_path, catalog):
    out = tmp_path / "figures"
    result = run("figures", "--out", str(out))
    assert result.exit_code == 0
    assert f"Wrote {len(catalog.exercises)} figures" in result.stdout
    written = {p.stem for p in out.glob("*.svg")}
    assert written == set(catalog.exercises) | {"contact-sheet"}
    ET.fromstring((out / "contact-sheet.svg").read_text())


def test_figures_png(tmp_path):
    out = tmp_path / "figures"
    assert run("figures", "--out", str(out), "--png").exit_code == 0
    assert (out / "contact-sheet.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "cat_cow.png").exists()


def test_real_process_prints_a_still_pose():
    done = subprocess.run([str(BACKCOACH), "figure", "bird_dog", "--pose", "start"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("<svg")
    ET.fromstring(done.stdout)


def test_an_out_name_ending_in_png_gets_a_png(tmp_path):
    # Without --png a .png name used to receive SVG text that no viewer could open.
    for pose in ("all", "end"):
        target = tmp_path / f"cat_cow-{pose}.PNG"
        result = run("figure", "cat_cow", "--pose", pose, "--out", str(target))
        assert result.exit_code == 0 and f"Wrote {target}" in result.stdout
        assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = tmp_path / "cat_cow.svg"
    assert run("figure", "cat_cow", "--pose", "all", "--out", str(svg)).exit_code == 0
    assert svg.read_text().startswith("<svg")


def test_real_process_writes_a_png_for_a_png_name(tmp_path):
    target = tmp_path / "x.png"
    subprocess.run([str(BACKCOACH), "figure", "pull_up", "--pose", "all", "--out",
                    str(target)], capture_output=True, text=True, check=True)
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
