"""`backcoach start`: where a person stands, and the one command for the next step."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated

import typer

from backcoach.cli.app import app, open_store, print_json
from backcoach.i18n import _


def safety() -> str:
    """Return the warning every start ends with, in the run's language."""
    return _("If your back hurts sharply right now, or you have numbness, weakness or "
             "trouble passing urine, do not exercise: see a doctor first (backcoach guide "
             "pain).")


@dataclass(frozen=True)
class Step:
    title: str
    command: str
    done: bool


def steps_for_today(today: date) -> list[Step]:
    """Return the first steps, each done or not, from the person's record."""
    from backcoach import coach
    from backcoach.cli.app import run_catalog

    store = open_store()
    person = store.profile()
    if person is None:
        return [Step(_("Answer a few questions about your back (about 3 minutes)"),
                     "backcoach onboard", False),
                Step(_("See today's plan, with numbers for each exercise"), "backcoach plan",
                     False),
                Step(_("Do the session with timers and cues"), "backcoach session", False),
                Step(_("Watch pain, function and adherence change"), "backcoach progress",
                     False)]
    plan = coach.plan(store, run_catalog(), today)
    first = Step(_("Answer a few questions about your back"), "backcoach onboard", True)
    if not plan.screening.allows_plan:
        return [first,
                Step(_("See a doctor first: {headline}").format(
                    headline=plan.screening.headline), "backcoach screen", False),
                Step(_("Once a doctor has seen you, record it"), "backcoach cleared", False)]
    status = plan.today.status
    trained = status in ("done", "rest_after_stop")
    return [first,
            Step(_("See today's plan, with numbers for each exercise"), "backcoach plan",
                 trained),
            Step(_("Do the session with timers and cues") if status != "rest_day"
                 else _("Rest today ({reason}); the next session is in the plan").format(
                     reason=plan.today.reason),
                 "backcoach session", trained),
            Step(_("Watch pain, function and adherence change"), "backcoach progress",
                 False)]


@app.command()
def start(as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of "
                                                "text.")] = False) -> None:
    """Where to begin: your next step, and the one command for each."""
    steps = steps_for_today(date.today())
    following = next((step for step in steps if not step.done), steps[-1])
    if as_json:
        print_json({"steps": [asdict(step) for step in steps], "next": following.command,
                    "safety": safety()})
        return
    from rich.table import Table
    from rich.text import Text

    from backcoach.cli.output import paged

    # Each step's title and command beside its mark, so a long title wraps under itself.
    listed = Table.grid(padding=(0, 1))
    listed.add_column(no_wrap=True)
    listed.add_column()
    done, upcoming = _("done"), _("next")  # the marks, as wide as the wider
    room = max(len(done), len(upcoming))
    for number, step in enumerate(steps, 1):
        mark = done if step.done else upcoming if step is following else ""
        listed.add_row(Text(f"  [{mark:{room}}] {number}."),
                       Text(f"{step.title}\n{step.command}"))
    with paged() as out:
        out.print(_("backcoach: a home exercise coach for a stronger, pain-free lower "
                    "back.") + "\n", markup=False)
        out.print(listed)
        out.print(f"\n{safety()}", markup=False)
        out.print("\n" + _("To look around first: backcoach programs, backcoach exercises, "
                           "backcoach guide."), markup=False)
