"""The loader: the packaged data is valid, and bad data is reported precisely."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from backcoach.catalog import CatalogError, load_catalog


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _problems(root: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    return [str(p) for p in info.value.problems]


def test_packaged_catalog_loads_and_is_cached(catalog):
    assert len(catalog.exercises) >= 45
    assert len(catalog.programs) >= 13
    assert load_catalog() is load_catalog()


def test_a_copy_of_the_data_loads(data_copy):
    assert load_catalog(data_copy).exercises.keys() == load_catalog().exercises.keys()


def test_unknown_field_names_file_entry_and_field(data_copy):
    _edit(data_copy / "exercises/cat_cow.yaml", lambda d: d.update(stpes=["a", "b"]))
    problems = _problems(data_copy)
    assert problems == [
        "exercises/cat_cow.yaml, entry 'cat_cow', field 'stpes': "
        "unknown field 'stpes'; did you mean 'steps'?"
    ]


def test_wrong_value_in_a_nested_field_is_located(data_copy):
    def bad_range(d):
        d["blocks"][0]["items"][1]["dose"]["reps"] = [12, 8]

    _edit(data_copy / "programs/home_set.yaml", bad_range)
    (problem,) = _problems(data_copy)
    assert problem.startswith("programs/home_set.yaml, entry 'home_set', "
                              "field 'blocks.0.items.1.dose.reps'")
    assert "low (12) is above high (8)" in problem


def test_missing_required_field_and_bad_enum(data_copy):
    def break_it(d):
        del d["steps"]
        d["position"] = "upside_down"

    _edit(data_copy / "exercises/cat_cow.yaml", break_it)
    problems = _problems(data_copy)
    assert any("field 'steps': Field required" in p for p in problems)
    assert any("field 'position'" in p and "'upside_down'" in p and "'all_fours'" in p
               for p in problems)


def test_program_naming_a_missing_exercise_suggests_the_closest(data_copy):
    _edit(data_copy / "programs/home_set.yaml",
          lambda d: d["blocks"][0]["items"][0].update(exercise="child_poze"))
    (problem,) = _problems(data_copy)
    assert "field 'blocks.0.items.0.exercise'" in problem
    assert "no exercise with id 'child_poze'; did you mean 'child_pose'?" in problem


def test_unknown_variant_is_reported(data_copy):
    _edit(data_copy / "programs/home_set.yaml",
          lambda d: d["blocks"][0]["items"][5].update(variant="sideways"))
    (problem,) = _problems(data_copy)
    assert "exercise 'cat_cow' has no variant 'sideways'" in problem


def test_duplicate_alias_across_exercises(data_copy):
    _edit(data_copy / "exercises/cat_cow.yaml", lambda d: d["aliases"].append("Snake pose"))
    # Files load in name order, so cat_cow claims the alias first and cobra is the clash.
    (problem,) = _problems(data_copy)
    assert problem.startswith("exercises/cobra.yaml, entry 'cobra', field 'aliases'")
    assert "'Snake pose' already names exercise 'cat_cow'" in problem


def test_unknown_caution_tag_lists_the_known_ones(data_copy):
    _edit(data_copy / "exercises/cat_cow.yaml",
          lambda d: d["cautions"][0].update(condition="bad_knees"))
    (problem,) = _problems(data_copy)
    assert "field 'cautions.0.condition': unknown condition tag 'bad_knees'" in problem
    assert "hernia" in problem


def test_unknown_source_section(data_copy):
    _edit(data_copy / "exercises/cat_cow.yaml",
          lambda d: d["source"].append({"section": "chapter_nine"}))
    (problem,) = _problems(data_copy)
    assert "unknown source section 'chapter_nine'" in problem


def test_id_must_match_file_name(data_copy):
    (data_copy / "exercises/cat_cow.yaml").rename(data_copy / "exercises/cat.yaml")
    problems = _problems(data_copy)
    assert any(p.startswith("exercises/cat.yaml, entry 'cat_cow', field 'id'") for p in problems)


def test_broken_yaml_names_the_file_and_line(data_copy):
    (data_copy / "exercises/plank.yaml").write_text("id: plank\nname: [unclosed\n")
    (problem,) = _problems(data_copy)
    assert problem.startswith("exercises/plank.yaml: not valid YAML")
    assert "line" in problem


def test_every_problem_is_reported_at_once(data_copy):
    _edit(data_copy / "exercises/cat_cow.yaml", lambda d: d.update(kind="dance"))
    _edit(data_copy / "exercises/plank.yaml", lambda d: d.update(difficulty="extreme"))
    problems = _problems(data_copy)
    assert {p.split(",")[0] for p in problems} == {"exercises/cat_cow.yaml",
                                                   "exercises/plank.yaml"}


def test_modify_caution_needs_its_modification(data_copy):
    _edit(data_copy / "exercises/cat_cow.yaml", lambda d: d["cautions"][0].pop("modification"))
    (problem,) = _problems(data_copy)
    assert "must say the modification" in problem


def test_missing_folder():
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog(Path("/nonexistent/catalog"))


def test_cheap_exercise_names_agree_with_the_catalog(catalog):
    from backcoach.catalog import loader
    from backcoach.catalog.names import exercise_names

    expected = {ex.id: ex.name for ex in catalog.exercises.values()}
    assert exercise_names() == expected
    loader._load_packaged.cache_clear()
    try:
        assert exercise_names() == expected
    finally:
        loader._load_packaged.cache_clear()


def test_cheap_exercise_names_read_any_yaml_spelling_as_yaml_does(tmp_path, monkeypatch):
    """Names are read as text only when that reads what YAML reads; else YAML decides."""
    from backcoach.catalog import names

    files = {
        "plain": "id: plain\nname: Child's pose, easy (1/2)\nsteps: []\n",
        "quoted": 'id: quoted\nname: "Cat: cow"\n',
        "comment": "id: comment\nname: Plank # the classic\n",
        "later": "steps:\n  - name: not this one\nid: later\nname: >-\n  Folded\n  name\n",
        "single": "id: 'single'\nname: 'It''s here'\n",
    }
    (tmp_path / "exercises").mkdir()
    for stem, text in files.items():
        (tmp_path / "exercises" / f"{stem}.yaml").write_text(text)
    monkeypatch.setattr(names, "DATA_DIR", tmp_path)
    monkeypatch.delitem(sys.modules, "backcoach.catalog.loader", raising=False)
    expected = {stem: yaml.safe_load(text) for stem, text in files.items()}
    assert names.exercise_names() == {raw["id"]: raw["name"] for raw in expected.values()}
    assert names.exercise_names()["comment"] == "Plank"
    assert names.exercise_names()["later"] == "Folded name"


def test_cheap_program_names_agree_with_the_catalog(catalog):
    from backcoach.catalog import loader
    from backcoach.catalog.names import program_names

    expected = {p.id: p.name for p in catalog.programs.values()}
    loader._load_packaged.cache_clear()
    try:
        assert program_names() == expected
    finally:
        loader._load_packaged.cache_clear()
