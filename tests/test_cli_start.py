"""First steps on the command line: start, --version, --help's groups, and what Ctrl-C or
the end of input at a question says."""

from __future__ import annotations

import json
from importlib.metadata import version

from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.cli.app import INTERRUPTED, PANELS
from backcoach.profile import Profile, RedFlags
from backcoach.store import Store

runner = CliRunner()


def test_start_leads_a_new_person_then_follows_their_record():
    first = json.loads(runner.invoke(app, ["start", "--json"]).stdout)
    assert first["next"] == "backcoach onboard"
    assert [s["done"] for s in first["steps"]] == [False] * 4
    store, _ = Store.open()
    store.save_profile(Profile(age=40, equipment=["mat"], days_per_week=7))
    answered = json.loads(runner.invoke(app, ["start", "--json"]).stdout)
    assert answered["next"] == "backcoach plan" and answered["steps"][0]["done"]
    store.save_profile(Profile(age=40, red_flags=RedFlags(saddle_numbness=True)))
    urgent = runner.invoke(app, ["start"])
    assert urgent.exit_code == 0 and "[next] 2. See a doctor first" in urgent.stdout
    store.engine.dispose()


def test_the_end_of_input_at_a_question_cancels_in_one_line():
    result = runner.invoke(app, ["onboard"], input="")
    assert result.exit_code == INTERRUPTED
    assert result.stderr.strip().splitlines()[-1] == "Cancelled; nothing saved."
    assert "Traceback" not in result.output


def test_a_cancel_after_saving_says_what_was_saved(monkeypatch):
    # The questions answered (pain at night: a sign a doctor must clear), the answers are
    # saved, and the clearance question then meets the end of input.
    from backcoach.cli import onboarding

    answered = Profile(age=52, red_flags=RedFlags(night_pain=True))
    monkeypatch.setattr(onboarding, "ask", lambda previous: answered)
    result = runner.invoke(app, ["onboard"], input="")
    assert result.exit_code == INTERRUPTED, result.output
    assert result.stderr.strip().splitlines()[-1] == "Cancelled; saved so far: your answers."
    store, _ = Store.open()
    assert store.profile() == answered and store.clearances() == []
    store.engine.dispose()


def test_version_and_grouped_help():
    assert runner.invoke(app, ["--version"]).stdout == f"backcoach {version('backcoach')}\n"
    shown = runner.invoke(app, ["--help"], env={"COLUMNS": "100"}).stdout
    positions = [shown.index(f"─ {heading} ") for heading in PANELS]
    assert positions == sorted(positions)
    assert shown.index(" start ") < shown.index(" onboard ") < shown.index(" plan ")
