"""Screening and planning commands: onboard, screen, plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import app, fail, open_store, parse_day, print_json

if TYPE_CHECKING:
    from backcoach.history import SessionRecord
    from backcoach.profile import Profile

ProfileOpt = Annotated[
    Path | None,
    typer.Option("--profile", help="A profile file (TOML or JSON). Default: your answers "
                 "saved by 'backcoach onboard'."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _profile(path: Path | None) -> Profile:
    from backcoach.profile import ProfileError, load_profile

    if path is None:
        saved: Profile | None = open_store().profile()
        if saved is None:
            fail("no profile yet: run 'backcoach onboard' to answer the questions, or pass "
                 "--profile FILE")
        return saved
    try:
        return load_profile(path)
    except ProfileError as exc:
        lines = str(exc).splitlines()
        fail("; ".join(lines))


def _history(path: Path | None) -> list[SessionRecord]:
    if path is None:
        history: list[SessionRecord] = open_store().history()
        return history
    from backcoach.history import HistoryError, load_history

    try:
        return load_history(path)
    except HistoryError as exc:
        fail("; ".join(str(exc).splitlines()))


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
    history: Annotated[Path | None, typer.Option(help="Past sessions as a JSON file instead "
                                                 "of your log.")] = None,
    as_json: JsonOpt = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say why for every exercise, and "
                                          "why each left-out one is left out.")] = False,
) -> None:
    """Show your phase, your week and today's session with concrete numbers."""
    from backcoach.catalog import load_catalog
    from backcoach.planner import make_plan

    person = _profile(profile)
    result = make_plan(person, _history(history), parse_day(on), load_catalog())
    if profile is None and history is None:
        # Keep what was prescribed, so progress can compare done with planned.
        open_store().save_plan(on=result.date, phase=result.phase,
                               data=result.model_dump(mode="json"))
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    from backcoach.cli import render_plan

    render_plan.plan(result, explain=explain)


@app.command()
def onboard(
    out: Annotated[Path | None, typer.Option(help="Also write the answers to this TOML "
                                             "file.")] = None,
) -> None:
    """Answer a few questions about your back; backcoach saves them and screens you."""
    from backcoach.catalog import load_catalog
    from backcoach.cli import onboarding, render_plan
    from backcoach.profile import save_profile
    from backcoach.screening import screen as run_screen

    store = open_store()
    person = onboarding.ask(store.profile())
    store.save_profile(person)
    typer.echo("\nSaved your answers (earlier answers are kept as history).")
    if out is not None:
        save_profile(person, out)
        typer.echo(f"Also written to {out}.")
    typer.echo("")
    render_plan.screening(run_screen(person, load_catalog()))


@app.command()
def cleared(
    on: Annotated[str | None, typer.Option("--date", help="The day the doctor cleared you "
                                           "(YYYY-MM-DD); default today.")] = None,
    note: Annotated[str | None, typer.Option(help="Who cleared you, and what they said.")] = None,
) -> None:
    """Record that a doctor has seen your answers and allows you to exercise."""
    from backcoach.store import RecordError

    day = parse_day(on)
    try:
        open_store().record_clearance(on=day, note=note, today=date.today())
    except RecordError as exc:
        fail(str(exc))
    typer.echo(f"Recorded: a doctor cleared you on {day}. 'backcoach plan' now plans gentle "
               "exercise for you.")
