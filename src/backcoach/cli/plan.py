"""Screening and planning commands: onboard, screen, plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from backcoach.cli.app import (
    WideOpt,
    app,
    cli,
    fail,
    next_step,
    open_store,
    parse_day,
    print_json,
    read_records,
    saved,
    say,
)
from backcoach.cli.lang import shown_day
from backcoach.i18n import _
from backcoach.settings import shown_url

if TYPE_CHECKING:
    from backcoach.clearance import Clearance
    from backcoach.history import SessionRecord
    from backcoach.profile import Profile

ProfileOpt = Annotated[
    Path | None,
    typer.Option("--profile", help="A profile file (TOML or JSON). Default: your answers "
                 "saved by 'backcoach onboard'."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _answers(path: Path | None) -> tuple[Profile | None, list[Clearance] | None]:
    """Return the answers and clearances of a profile file, or (None, None) for the
    person's own saved record."""
    if path is None:
        return None, None
    from backcoach.profile import ProfileError, load_profile_file

    try:
        return load_profile_file(path)
    except ProfileError as exc:
        fail("; ".join(str(exc).splitlines()))


def _history(path: Path | None) -> list[SessionRecord] | None:
    if path is None:
        return None
    from backcoach.history import HistoryError, load_history

    try:
        return load_history(path)
    except HistoryError as exc:
        fail("; ".join(str(exc).splitlines()))


def no_profile() -> NoReturn:
    fail(_("no profile yet: run 'backcoach onboard' to answer the questions, or pass "
           "--profile FILE"))


@app.command()
def screen(profile: ProfileOpt = None, as_json: JsonOpt = False) -> None:
    """Decide whether you should exercise today, and say why."""
    from backcoach import coach
    from backcoach.cli.app import run_catalog

    answers, clearances = _answers(profile)
    records = read_records() if answers is None else None
    person = answers if records is None else records.profile()
    if person is None:
        no_profile()
    catalog = run_catalog()
    result = coach.screening(None, catalog, date.today(), answers=person,
                             clearances=clearances if records is None else records.clearances())
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    from backcoach.cli import render_plan
    from backcoach.cli.output import paged

    with paged():
        render_plan.screening(result, render_plan.notes_for(result, person, catalog))


@app.command()
def plan(
    profile: ProfileOpt = None,
    on: Annotated[str | None, typer.Option("--date", help="Plan for this day (YYYY-MM-DD); "
                                           "default today.")] = None,
    history: Annotated[Path | None, typer.Option(help="Past sessions as a JSON file instead "
                                                 "of your log.")] = None,
    again: Annotated[bool, typer.Option("--again", help="Plan another session on a day "
                                        "whose session is already done.")] = False,
    as_json: JsonOpt = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say why for every exercise, and "
                                          "why each left-out one is left out.")] = False,
    wide: WideOpt = False,
) -> None:
    """Show your phase, your week and today's session with concrete numbers."""
    from backcoach import coach
    from backcoach.cli.app import run_catalog

    answers, clearances = _answers(profile)
    day = parse_day(on)
    past = _history(history)
    own = answers is None and past is None
    records = read_records() if answers is None or past is None else None
    if records is not None:
        answers = answers if answers is not None else records.profile()
        clearances = clearances if clearances is not None else records.clearances()
        past = past if past is not None else records.planning_history(day)
    if answers is None:
        no_profile()
    result = coach.plan(None, run_catalog(), day, again=again, answers=answers,
                        clearances=clearances, history=past)
    data = result.model_dump(mode="json")  # once: kept, and printed with --json
    if own and records is not None:
        # Keep what was prescribed, so progress can compare done with planned.
        records.save_plan(on=result.date, phase=result.phase, data=data)
    if as_json:
        print_json(data)
        return
    from backcoach.cli import render_plan
    from backcoach.cli.output import paged

    with paged():
        render_plan.plan(result, explain=explain)
        status = result.today.status
        if status == "planned" and result.today.items:
            next_step(_("backcoach session  (guided, with timers; or 'backcoach log --done' "
                        "after training on your own)"))
        elif status == "not_allowed":
            next_step(_("backcoach screen  (why, and what to do)"))
        elif status in ("done", "rest_after_stop"):
            next_step("backcoach progress")


@app.command()
def onboard(
    out: Annotated[Path | None, typer.Option(help="Also write the answers to this TOML "
                                             "file.")] = None,
) -> None:
    """Answer a few questions about your back; backcoach saves them and screens you."""
    from backcoach import coach
    from backcoach.cli import onboarding, render_plan
    from backcoach.cli.app import run_catalog
    from backcoach.profile import save_profile
    from backcoach.screening import finding_names

    store = open_store()
    catalog = run_catalog()
    person = onboarding.ask(store.profile())
    store.save_profile(person)
    saved(_("your answers"))
    say("\n" + _("Saved your answers in {url} (earlier answers are kept as history).").format(
        url=shown_url(cli().settings.database_url)))
    today = date.today()
    result = coach.screening(store, catalog, today)
    if result.needs_clearance and onboarding.ask_cleared(
            [finding_names(person, catalog)[code] for code in result.needs_clearance]):
        day = onboarding.ask_day(_("The day the doctor saw you"), today)
        coach.record_clearance(store, catalog, on=day, note=None, today=today)
        say(_("Recorded: a doctor cleared you on {day}.").format(day=shown_day(day)))
        result = coach.screening(store, catalog, today)
    if out is not None:
        save_profile(person, out, store.clearances())
        say(_("Also written to {file}.").format(file=out))
    say("")
    render_plan.screening(result, render_plan.notes_for(result, person, catalog))
    if result.allows_plan:
        next_step(_("backcoach plan  (today's session, with numbers)"))
    elif result.needs_clearance:
        next_step(_("see a doctor with these findings; then 'backcoach cleared'"))


@app.command()
def cleared(
    on: Annotated[str | None, typer.Option("--date", help="The day the doctor cleared you "
                                           "(YYYY-MM-DD); default today.")] = None,
    note: Annotated[str | None, typer.Option(help="Who cleared you, and what they said.")] = None,
) -> None:
    """Record that a doctor has seen your answers as they stand and allows you to exercise."""
    from backcoach import coach
    from backcoach.cli.app import run_catalog
    from backcoach.screening import finding_names
    from backcoach.store import RecordError

    day = parse_day(on)
    today = date.today()
    store = open_store()
    catalog = run_catalog()
    try:
        clearance = coach.record_clearance(store, catalog, on=day, note=note, today=today)
    except coach.NoProfileError:
        fail(_("no profile yet: run 'backcoach onboard' first"))
    except RecordError as exc:
        fail(str(exc))
    result = coach.screening(store, catalog, today)
    names = finding_names(coach.profile(store), catalog)
    say(_("Recorded: a doctor cleared you on {day}, for what you reported:").format(
        day=shown_day(day)))
    for code in clearance.covers:
        say(f"  - {names.get(code, code)}")
    say(_("A new finding later is not covered: it needs a doctor's look of its own."))
    if result.allows_plan:
        say(_("'backcoach plan' now plans gentle exercise for you."))
    else:
        say(_("Still: {headline}").format(headline=result.headline))
