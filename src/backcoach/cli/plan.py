"""Screening and planning commands: onboard, screen, plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import app, fail, print_json

if TYPE_CHECKING:
    from backcoach.history import SessionRecord
    from backcoach.profile import Profile

ProfileOpt = Annotated[
    Path | None,
    typer.Option("--profile", help="A profile file (TOML or JSON). Default: the one saved by "
                 "'backcoach onboard'."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _profile(path: Path | None) -> Profile:
    from backcoach.paths import profile_path
    from backcoach.profile import ProfileError, load_profile

    if path is None:
        path = profile_path()
        if not path.exists():
            fail("no profile yet: run 'backcoach onboard' to answer the questions, or pass "
                 "--profile FILE")
    try:
        return load_profile(path)
    except ProfileError as exc:
        lines = str(exc).splitlines()
        fail("; ".join(lines))


def _history(path: Path | None) -> list[SessionRecord]:
    if path is None:
        return []
    from backcoach.history import HistoryError, load_history

    try:
        return load_history(path)
    except HistoryError as exc:
        fail("; ".join(str(exc).splitlines()))


def _date(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--date '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27")


@app.command()
def screen(profile: ProfileOpt = None, as_json: JsonOpt = False) -> None:
    """Decide whether you should exercise today, and say why."""
    from backcoach.catalog import load_catalog
    from backcoach.screening import screen as run_screen

    result = run_screen(_profile(profile), load_catalog())
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    from backcoach.cli import render_plan

    render_plan.screening(result)


@app.command()
def plan(
    profile: ProfileOpt = None,
    on: Annotated[str | None, typer.Option("--date", help="Plan for this day (YYYY-MM-DD); "
                                           "default today.")] = None,
    history: Annotated[Path | None, typer.Option(help="Past sessions as a JSON file.")] = None,
    as_json: JsonOpt = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say why for every exercise, and "
                                          "why each left-out one is left out.")] = False,
) -> None:
    """Show your phase, your week and today's session with concrete numbers."""
    from backcoach.catalog import load_catalog
    from backcoach.planner import make_plan

    person = _profile(profile)
    result = make_plan(person, _history(history), _date(on), load_catalog())
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    from backcoach.cli import render_plan

    render_plan.plan(result, explain=explain)


@app.command()
def onboard(
    out: Annotated[Path | None, typer.Option(help="Where to save the answers. Default: your "
                                             "backcoach data folder.")] = None,
) -> None:
    """Answer a few questions about your back; backcoach saves them and screens you."""
    from backcoach.catalog import load_catalog
    from backcoach.cli import onboarding, render_plan
    from backcoach.paths import profile_path
    from backcoach.profile import save_profile
    from backcoach.screening import screen as run_screen

    person = onboarding.ask()
    target = out or profile_path()
    save_profile(person, target)
    typer.echo(f"\nSaved your answers to {target}.\n")
    render_plan.screening(run_screen(person, load_catalog()))
