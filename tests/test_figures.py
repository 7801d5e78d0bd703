"""Figures: every exercise has one, every keyframe is a plausible human pose, and they render.

The plausibility checks (``backcoach.figures.checks``) run on every keyframe and every
in-between frame of every figure: segment lengths, floor and props, contacts, range of
motion, balance. A contact sheet of all figures is saved under ``artifacts/`` for a person
to look at.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from backcoach.figures import (
    Body,
    FigureError,
    keyframe,
    load_figures,
    render_contact_sheet,
    render_svg,
    svg_to_png,
    timeline,
)
from backcoach.figures.body import SPECS
from backcoach.figures.checks import check_figure, check_pose
from backcoach.figures.loader import FIGURES_DIR
from backcoach.figures.poses import Figure
from backcoach.figures.scene import shown_hold

ARTIFACTS = Path(__file__).parent.parent / "artifacts"
FIGURES = load_figures()


def _figure(exercise: str, change) -> Figure:
    raw = yaml.safe_load((FIGURES_DIR / f"{exercise}.yaml").read_text())
    change(raw)
    return Figure.model_validate(raw)


def test_public_names_are_pinned():
    import backcoach.figures

    assert backcoach.figures.__all__ == [
        "Body", "Figure", "FigureError", "Pose", "Skeleton", "keyframe", "load_figures",
        "render_contact_sheet", "render_strip", "render_svg", "svg_to_png", "timeline",
    ]


def test_every_catalog_exercise_has_a_figure(catalog):
    missing = sorted(set(catalog.exercises) - set(FIGURES))
    assert not missing, f"add catalog/data/figures/<id>.yaml for: {', '.join(missing)}"
    assert set(FIGURES) == set(catalog.exercises)


def test_every_figure_has_a_start_and_an_end_and_loops(catalog):
    for figure in FIGURES.values():
        ids = [p.id for p in figure.poses]
        assert {"start", "end"} <= set(ids)
        assert figure.sequence[0].pose == figure.sequence[-1].pose == "start"


def test_segments_follow_winter_proportions():
    body = Body(height=1.80)
    assert body.length("thigh") == pytest.approx(0.245 * 1.80)
    assert body.length("shank_left") == pytest.approx(0.246 * 1.80)
    assert body.length("upper_arm") == pytest.approx(0.186 * 1.80)
    trunk = sum(body.length(s) for s in ("pelvis", "lumbar", "thoracic"))
    assert trunk == pytest.approx((0.818 - 0.530) * 1.80)  # trochanter to shoulder
    masses = sum(s.mass * (2 if name in {"upper_arm", "forearm", "hand", "thigh", "shank",
                                          "foot"} else 1) for name, s in SPECS.items())
    assert masses == pytest.approx(1.0)


def test_standing_figure_has_winters_landmark_heights():
    body = Body(height=1.75)
    standing = body.pose({}, view="side")
    ankle = standing.points["ankle_left"][1]
    sole = ankle - 0.039 * 1.75
    assert standing.points["hip"][1] - sole == pytest.approx(0.530 * 1.75, abs=1e-9)
    assert standing.points["neck_base"][1] - sole == pytest.approx(0.818 * 1.75, abs=1e-9)
    assert standing.points["chin"][1] - sole == pytest.approx(0.870 * 1.75, abs=1e-9)
    com = standing.centre_of_mass()
    assert com[0] == pytest.approx(standing.points["hip"][0], abs=0.05)
    # Winter: the whole-body centre of mass stands a little above half the height.
    assert 0.52 * 1.75 < com[1] - sole < 0.60 * 1.75


def test_a_lying_figure_has_its_face_up_and_the_legs_toward_plus_x():
    lying = Body().pose({"pelvis": -90}, view="side")
    assert lying.face[1] == pytest.approx(1.0)
    assert lying.points["ankle_left"][0] > lying.points["hip"][0] > lying.points["head"][0]


@pytest.mark.parametrize("exercise", sorted(FIGURES))
def test_every_keyframe_and_in_between_is_plausible(exercise):
    issues = check_figure(FIGURES[exercise])
    assert not issues, "\n".join(str(i) for i in issues)


def test_segment_lengths_stay_constant_through_the_animation():
    for figure in FIGURES.values():
        for frame in timeline(figure).frames:
            for bone in frame.bones.values():
                if bone.kind in {"head", "foot"}:
                    continue
                drawn = ((bone.end[0] - bone.start[0]) ** 2
                         + (bone.end[1] - bone.start[1]) ** 2) ** 0.5
                assert drawn == pytest.approx(bone.length * bone.foreshorten, abs=1e-9)


def _issues(figure: Figure, pose: str = "end") -> list[str]:
    return [f"{i.check}: {i.message}" for i in check_pose(figure, figure.pose(pose))]


def test_checks_catch_a_joint_beyond_its_range():
    bad = _figure("lunge", lambda r: r["poses"][1]["left"].update(knee=170))
    assert any(i.startswith("range of motion: knee_left at 170") for i in _issues(bad))


def test_checks_catch_a_body_sunk_into_the_floor():
    bad = _figure("plank", lambda r: r["poses"][1]["at"].update(y=0.0))
    assert any("below the floor" in i for i in _issues(bad))


def test_checks_catch_a_contact_that_does_not_touch():
    def lift(raw):
        raw["poses"][1]["at"]["y"] = 0.3

    issues = _issues(_figure("plank", lift))
    assert any(i.startswith("contact: forearms should touch the mat") for i in issues)


def test_checks_catch_a_body_that_would_fall_over():
    def lean(raw):
        raw["poses"][1] = {"id": "end", "at": {"point": "ankle_left", "x": 0},
                           "trunk": {"pelvis": 90}, "limbs": {"hip": 90, "shoulder": 180},
                           "contacts": [{"part": "feet", "touches": "floor"}]}

    assert any(i.startswith("balance: the centre of mass")
               for i in _issues(_figure("hip_hinge", lean)))


def test_checks_catch_a_body_inside_a_prop():
    bad = _figure("fitball_back_extension", lambda r: r["poses"][1]["at"].update(y=0.5))
    assert any("inside the fitball" in i for i in _issues(bad))


def test_holds_are_shortened_and_moves_keep_their_tempo():
    assert shown_hold(1) == 1
    assert shown_hold(10) == pytest.approx(2.8)
    assert shown_hold(150) == 8
    plank = FIGURES["plank"]
    loop = timeline(plank)
    moves = sum(step.move_seconds for step in plank.sequence)
    holds = sum(shown_hold(step.hold_seconds) for step in plank.sequence)
    assert loop.duration == pytest.approx(moves + holds)
    assert loop.times == sorted(loop.times)


def test_animated_svg_uses_smil_only_and_loops():
    svg = render_svg(FIGURES["cat_cow"])
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    animations = root.findall(f".//{ns}animate") + root.findall(f".//{ns}animateTransform")
    assert animations and not root.findall(f".//{ns}script")
    for anim in animations:
        times = [float(t) for t in anim.get("keyTimes", "").split(";")]
        if anim.get("calcMode") == "spline":
            assert len(anim.get("keySplines", "").split(";")) == len(times) - 1
        assert times[0] == 0 and times[-1] == pytest.approx(1.0)
        assert times == sorted(times)
        assert len(anim.get("values", "").split(";")) == len(times)
        assert anim.get("repeatCount") == "indefinite"


def test_a_still_pose_has_no_animation_and_all_shows_every_pose():
    still = render_svg(FIGURES["cat_cow"], pose="end")
    assert "<animate" not in still
    strip = render_svg(FIGURES["cat_cow"], pose="all")
    assert strip.count("<text") == len(FIGURES["cat_cow"].poses)
    with pytest.raises(KeyError):
        render_svg(FIGURES["cat_cow"], pose="upside_down")


def test_moving_segments_are_emphasised():
    svg = render_svg(FIGURES["bird_dog"], pose="end")
    assert "#1f8a7e" in svg  # the teal of the reaching arm and leg


def test_a_side_plank_hold_is_held():
    side_plank = FIGURES["side_plank"]
    loop = timeline(side_plank)
    held = [t for t, key in zip(loop.times, loop.keys, strict=True) if key == "end"]
    assert held[-1] - held[0] == pytest.approx(shown_hold(10))


def test_keyframe_places_the_pose_where_it_says():
    plank = FIGURES["plank"]
    end = keyframe(plank, "end")
    assert end.points["elbow_left"][0] == pytest.approx(plank.pose("end").at.x)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "figures"
    shutil.copytree(FIGURES_DIR, target)
    return target


def _problems(root: Path, exercises) -> list[str]:
    with pytest.raises(FigureError) as info:
        load_figures(root, exercises=exercises)
    return [str(p) for p in info.value.problems]


def test_loader_names_file_entry_and_field(tmp_path, catalog):
    root = _copy(tmp_path)
    path = root / "cat_cow.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["poses"][1]["trunk"]["lumbr"] = 10
    raw["poses"][2]["contacts"][0]["touches"] = "sofa"
    raw["sequence"][1]["pose"] = "kow"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    problems = _problems(root, catalog.exercises)
    assert problems == [
        "figures/cat_cow.yaml, entry 'end', field 'trunk.lumbr': unknown field 'lumbr'; "
        "did you mean 'lumbar'?"
    ]
    del raw["poses"][1]["trunk"]["lumbr"]
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    problems = _problems(root, catalog.exercises)
    assert "figures/cat_cow.yaml, entry 'cow', field 'contacts.0.touches': no prop 'sofa' " \
           "in this figure (known: floor, mat)" in problems
    assert any(p.startswith("figures/cat_cow.yaml, entry 'step 2 (kow)', field 'pose': "
                            "no pose 'kow'") for p in problems)


def test_loader_rejects_unknown_names_and_missing_poses(tmp_path, catalog):
    root = _copy(tmp_path)
    raw = yaml.safe_load((root / "plank.yaml").read_text())
    raw["poses"][1]["id"] = "top"
    (root / "plank.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    (root / "handstand.yaml").write_text(
        (root / "cobra.yaml").read_text().replace("exercise: cobra", "exercise: handstand"))
    problems = _problems(root, catalog.exercises)
    assert any(p.startswith("figures/plank.yaml") and "poses 'start' and 'end'" in p
               for p in problems)
    assert "figures/handstand.yaml, field 'exercise': must match the file name" not in problems
    assert any(p.startswith("figures/handstand.yaml, field 'exercise': no catalog exercise "
                            "'handstand'") for p in problems)
    raw["poses"][1]["id"] = "end"
    raw["poses"][0]["contacts"][0]["part"] = "elbos"
    (root / "plank.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    problems = _problems(root, catalog.exercises)
    assert any(p.startswith("figures/plank.yaml, entry 'start', field 'contacts.0.part'")
               and "did you mean 'elbows'?" in p for p in problems)


def test_loader_wants_a_height_when_there_is_no_floor_below(tmp_path, catalog):
    root = _copy(tmp_path)
    raw = yaml.safe_load((root / "swimming_crawl.yaml").read_text())
    del raw["poses"][0]["at"]["y"]
    (root / "swimming_crawl.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    problems = _problems(root, catalog.exercises)
    assert problems == ["figures/swimming_crawl.yaml, entry 'start', field 'at.y': give the "
                        "height: with floor 'none' there is no floor to rest on"]


def test_packaged_figures_are_loaded_once():
    assert load_figures() is load_figures()


def test_contact_sheet_artifact(catalog):
    """Render every figure's poses on one sheet: artifacts/figures-contact-sheet.png."""
    ordered = [FIGURES[ex] for ex in catalog.exercises]
    names = {ex_id: ex.name for ex_id, ex in catalog.exercises.items()}
    sheet = render_contact_sheet(ordered, names)
    ET.fromstring(sheet)
    for figure in ordered:
        # The name and the id are separate texts, so the PNG cannot run them together.
        assert re.search(rf">{re.escape(names[figure.exercise])}</text>", sheet)
        assert re.search(rf">{re.escape(figure.exercise)} · ", sheet)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "figures-contact-sheet.svg").write_text(sheet, encoding="utf-8")
    png = svg_to_png(sheet)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    (ARTIFACTS / "figures-contact-sheet.png").write_bytes(png)


def test_checks_catch_poses_that_look_alike():
    def same(raw):
        raw["poses"][1] = {**raw["poses"][0], "id": "end"}

    alike = _figure("glute_bridge", same)
    issues = [str(i) for i in check_figure(alike)]
    assert any("visible motion: the poses look alike" in i for i in issues)
    assert not [i for i in check_figure(FIGURES["glute_bridge"]) if i.check == "visible motion"]


def test_stills_show_the_start_as_a_ghost_and_an_arrow_for_the_move():
    end = render_svg(FIGURES["supine_body_lift"], pose="end")
    start = render_svg(FIGURES["supine_body_lift"], pose="start")
    assert 'opacity="0.22"' in end and 'opacity="0.22"' not in start
    assert "#d9822b" in end and "#d9822b" not in start  # the motion arrow


def test_figures_are_cropped_to_the_body():
    lying = ET.fromstring(render_svg(FIGURES["supine_body_lift"], pose="end"))
    standing = ET.fromstring(render_svg(FIGURES["hip_hinge"], pose="start"))
    assert float(lying.get("height", "0")) < 0.5 * float(lying.get("width", "0"))
    assert float(standing.get("height", "0")) > float(lying.get("height", "0"))


@pytest.mark.parametrize("exercise", sorted(FIGURES))
def test_every_figure_renders_and_an_animation_stays_small(exercise):
    figure = FIGURES[exercise]
    animated = render_svg(figure)
    ET.fromstring(animated)
    assert len(animated.encode()) < 15_000
    for pose in [p.id for p in figure.poses] + ["all"]:
        ET.fromstring(render_svg(figure, pose=pose))


def test_a_far_limb_posed_like_its_near_twin_is_not_drawn_twice():
    # Thoracic crunch: both arms folded alike; the near arm hides the far one.
    svg = render_svg(FIGURES["thoracic_crunch"], pose="end")
    assert "#93cdc4" not in svg  # no far arm in the light teal of a moving far limb
    assert "#1f8a7e" in svg
    # Bird dog reaches with one arm: the other, still on the mat, is drawn.
    assert "#a2adb9" in render_svg(FIGURES["bird_dog"], pose="end")


def test_a_figure_can_name_the_part_its_motion_arrow_follows():
    from backcoach.figures.motion import tracked_points

    # Cat-cow's head swings furthest, but the exercise is the back rounding and sagging.
    cat_cow = FIGURES["cat_cow"]
    assert cat_cow.pose("end").arrow == ["thoracolumbar"]
    assert tracked_points(cat_cow, "end") == ["thoracolumbar"]
    assert tracked_points(cat_cow, "cow") == ["thoracolumbar"]
    unnamed = cat_cow.model_copy(update={"poses": [
        p.model_copy(update={"arrow": None}) for p in cat_cow.poses]})
    assert tracked_points(unnamed, "end") == ["head"]
