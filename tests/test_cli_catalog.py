"""The catalog commands, through Typer's runner and a few real subprocess runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach.catalog.models import Exercise, Guidance, Program
from backcoach.cli import app

runner = CliRunner()
BACKCOACH = Path(sys.executable).parent / "backcoach"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_exercises_json_holds_every_exercise_with_every_field(catalog):
    result = run("exercises", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [e["id"] for e in data] == list(catalog.exercises)
    # Every object round-trips through the schema: nothing was dropped or renamed.
    for raw in data:
        assert Exercise.model_validate(raw) == catalog.exercises[raw["id"]]


def test_exercises_filters_combine(catalog):
    data = json.loads(run("exercises", "--equipment", "fitball", "--json").stdout)
    assert {e["id"] for e in data} >= {"fitball_back_stretch", "fitball_back_extension"}
    assert all("fitball" in e["equipment"] or any("fitball" in alt
               for alt in e["equipment_alternatives"]) for e in data)
    prone = json.loads(run("exercises", "--position", "prone", "--kind", "strength",
                           "--json").stdout)
    assert prone and all(e["position"] == "prone" and e["kind"] == "strength" for e in prone)


def test_exercises_table_lists_names():
    result = run("exercises", "--position", "all_fours")
    assert result.exit_code == 0
    assert "Cat-cow" in result.stdout
    assert "Plank" not in result.stdout


def test_bad_filter_value_is_a_one_line_usage_error():
    result = run("exercises", "--equipment", "fitbal")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        result.stderr.strip()
    ]
    assert "did you mean 'fitball'?" in result.stderr


def test_exercise_by_alias_shows_steps_cautions_and_programs():
    result = run("exercise", "lazy cat")
    assert result.exit_code == 0
    out = result.stdout
    assert "Cat-cow" in out and "Steps" in out and "Cautions" in out
    assert "Home set of eight" in out


def test_exercise_json_has_where_it_is_used(catalog):
    data = json.loads(run("exercise", "side_plank", "--json").stdout)
    assert Exercise.model_validate(data["exercise"]) == catalog.exercises["side_plank"]
    programs = {u["program"] for u in data["used_in"]}
    assert {"gymnastic_set", "classic_set"} <= programs
    assert all(u["dose_text"] for u in data["used_in"])


def test_unknown_exercise_suggests_the_closest_id():
    result = run("exercise", "cat_cwo")
    assert result.exit_code == 2
    assert "no exercise 'cat_cwo'; did you mean 'cat_cow'?" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_programs_json_round_trips(catalog):
    data = json.loads(run("programs", "--json").stdout)
    assert [Program.model_validate(p) for p in data] == list(catalog.programs.values())


def test_program_shows_every_item_with_its_dose(catalog):
    result = run("program", "home_set")
    assert result.exit_code == 0
    for item in catalog.program("home_set").items():
        assert catalog.exercises[item.exercise].name in result.stdout
    assert "10 reps, hold 10 s" in result.stdout


def test_program_json_names_the_exercises(catalog):
    data = json.loads(run("program", "entry_month", "--json").stdout)
    assert data["program"]["id"] == "entry_month"
    items = catalog.program("entry_month").items()
    assert set(data["exercise_names"]) == {i.exercise for i in items}


def test_unknown_program():
    result = run("program", "home_sett")
    assert result.exit_code == 2
    assert "did you mean 'home_set'?" in result.stderr


@pytest.mark.parametrize("words", ["cobra", "snake", "sphinx"])
def test_search_finds_the_back_bend_family(words):
    data = json.loads(run("search", words, "--json").stdout)
    assert data[0]["id"] == "cobra"


def test_search_by_words_in_the_steps():
    data = json.loads(run("search", "fitball", "--json").stdout)
    assert {"fitball_back_stretch", "fitball_back_extension"} <= {d["id"] for d in data}


def test_search_with_no_match_says_so():
    result = run("search", "trampoline")
    assert result.exit_code == 0
    assert "No exercise matches 'trampoline'" in result.stdout


@pytest.mark.parametrize("topic", ["rules", "risks", "nutrition", "pain"])
def test_guide_topics(topic):
    result = run("guide", topic)
    assert result.exit_code == 0
    assert result.stdout.strip()


def test_guide_json_holds_the_whole_guidance(catalog):
    data = json.loads(run("guide", "--json").stdout)
    rebuilt = Guidance.model_validate({
        "rules": data["rules"], "risk_factors": data["risks"],
        "nutrition": data["nutrition"]["nutrients"], "nutrition_notes": data["nutrition"]["notes"],
        "pain": data["pain"],
    })
    assert rebuilt == catalog.guidance


def test_guide_unknown_topic():
    result = run("guide", "nutrtion")
    assert result.exit_code == 2
    assert "did you mean 'nutrition'?" in result.stderr


def _real(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run([str(BACKCOACH), *args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_real_process_json_and_exit_codes():
    ok = _real("exercises", "--json")
    assert ok.returncode == 0, ok.stderr
    assert len(json.loads(ok.stdout)) >= 45
    bad = _real("exercise", "nope_nope")
    assert bad.returncode == 2
    assert bad.stderr.startswith("backcoach: error: no exercise 'nope_nope'")


def test_real_process_click_usage_errors_are_one_line():
    bad = _real("exercises", "--jsn")
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1, bad.stderr
    assert "No such option: --jsn" in lines[0] and "--json" in lines[0]
    missing = _real("exercise")
    assert missing.returncode == 2
    assert "Missing argument" in missing.stderr
