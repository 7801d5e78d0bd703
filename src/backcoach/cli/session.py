"""`backcoach session`: the guided session in the terminal.

A full-screen Rich display when stdin and stdout are a terminal (keys: space pause/resume,
n next, b back, d done, s stop, q quit and save), plain lines otherwise. Every finished set
is saved at once; a session that was interrupted is offered for resuming.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import INTERRUPTED, app, fail, next_step, open_store
from backcoach.cli.ask import ask_int
from backcoach.words import plural

if TYPE_CHECKING:
    from rich.console import RenderableType

    from backcoach.catalog import Catalog
    from backcoach.planner import Plan
    from backcoach.player import Event, Player
    from backcoach.store import Store

KEYS = "space pause · n next · b back · d done · s stop · q quit"
STOP_KEYS = {"p": "pain", "s": "spasm", "t": "tired", "o": "other"}

_DIGITS = {
    "0": ["█▀█", "█ █", "▀▀▀"], "1": [" ▄█", "  █", "  ▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"],
    "3": ["▀▀█", " ▀█", "▀▀▀"], "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"],
    "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"], "8": ["█▀█", "█▀█", "▀▀▀"],
    "9": ["█▀█", "▀▀█", "▀▀▀"], ":": [" ", "▀", "▀"], " ": [" ", " ", " "],
}


def big(text: str) -> str:
    """Return ``text`` (digits and colons) drawn three lines high."""
    return "\n".join(" ".join(_DIGITS.get(ch, _DIGITS[" "])[row] for ch in text)
                     for row in range(3))


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60:02d}:{whole % 60:02d}"


@contextlib.contextmanager
def _raw_keys() -> Iterator[None]:
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _key(timeout: float) -> str | None:
    ready, _, _ = select.select([sys.stdin], [], [], timeout)
    if not ready:
        return None
    return os.read(sys.stdin.fileno(), 1).decode(errors="ignore")


class _Runner:
    """Drives one session: clock, keys, screen, saving."""

    def __init__(self, player: Player, store: Store, session_id: int, speed: float,
                 interactive: bool) -> None:
        self.player = player
        self.store = store
        self.session_id = session_id
        self.speed = speed
        self.interactive = interactive
        self.origin = time.monotonic()
        self.last_cue = ""
        self.quit = False
        self.asking: str | None = None  # "reason" or "pain" while a stop is being asked
        self.stop_reason: str | None = None

    def now(self) -> float:
        return (time.monotonic() - self.origin) * self.speed

    def handle(self, events: list[Event]) -> None:
        from backcoach import coach

        steps = self.player.timeline.steps
        for event in events:
            if event.kind == "step_done" and event.step is not None:
                # As done: ended early with d, a set records what was held or counted.
                coach.record_set(self.store, self.session_id, steps[event.step], event.done)
            if event.kind in ("cue", "halfway"):
                self.last_cue = event.text
            if event.kind == "step_started":
                self.last_cue = ""
            if self.interactive and event.kind in ("countdown", "step_started"):
                sys.stdout.write("\a")
                sys.stdout.flush()
            if not self.interactive and event.kind in ("step_started", "cue", "halfway",
                                                       "session_done", "paused", "resumed"):
                text = event.text or event.kind.replace("_", " ")
                typer.echo(f"[{_clock(event.at)}] {text}")
                step = steps[event.step] if event.step is not None else None
                if event.kind == "step_started" and step is not None and \
                        step.kind == "get_ready":
                    for change in step.changes:
                        typer.echo(f"  Changed for you: {change}")

    def screen(self) -> RenderableType:
        from rich.console import Group
        from rich.markup import escape
        from rich.panel import Panel
        from rich.text import Text

        player, now = self.player, self.now()
        if self.asking == "reason":
            return Panel("[bold]Why are you stopping?[/]\n\np = pain   s = spasm   "
                         "t = tired   o = other\n\nc = carry on after all",
                         title="backcoach · stop", title_align="left", width=78)
        if self.asking == "pain":
            return Panel("[bold]How much does it hurt now?[/]\n\nPress 0-9, or x for 10.",
                         title="backcoach · stop", title_align="left", width=78)
        step = player.step
        steps = player.timeline.steps
        if step is None:
            return Panel("Session complete.", title="backcoach")
        remaining = player.remaining(now)
        counter = _clock(remaining) if remaining is not None else (
            f"{step.reps} reps" if step.reps and step.duration is None else "your pace")
        done_seconds = sum(s.duration or 0 for s in steps[:step.index]) + min(
            player.elapsed(now), step.duration or 0)
        total = max(1.0, player.timeline.total_seconds)
        following = next((s for s in steps[step.index + 1:] if s.item != step.item), None)
        state = " [reverse] PAUSED [/]" if player.state == "paused" else ""
        lines: list[RenderableType] = [
            Text.from_markup(f"[bold]{escape(step.title)}[/]{state}"),
            Text(step.cue, style="italic"),
            *(Text(f"Changed for you: {change}", style="yellow") for change in step.changes),
            Text(""),
            Text(big(counter) if remaining is not None else counter, style="bold cyan"),
            Text(self.last_cue or ("Press d when done." if step.duration is None else ""),
                 style="yellow"),
            Text("█" * int(60 * done_seconds / total)
                 + "░" * (60 - int(60 * done_seconds / total)), style="green"),
            Text(f"{int(100 * done_seconds / total)}% of the session · next: "
                 f"{following.exercise_name if following else 'finish'}", style="dim"),
            Text(KEYS, style="dim"),
        ]
        return Panel(Group(*lines), title=f"backcoach · step {step.index + 1}/{len(steps)}",
                     title_align="left", width=78)

    def on_key(self, key: str) -> None:
        now = self.now()
        if self.asking == "reason":
            if key.lower() in STOP_KEYS:
                self.stop_reason = STOP_KEYS[key.lower()]
                if self.stop_reason in ("pain", "spasm"):
                    self.asking = "pain"
                else:
                    self.asking = None
                    self.handle(self.player.stop(now, self.stop_reason))  # type: ignore[arg-type]
            elif key in ("\x1b", "c"):  # changed their mind
                self.asking = None
                self.handle(self.player.resume(now))
            return
        if self.asking == "pain":
            if key.isdigit() or key.lower() == "x":
                pain = 10 if key.lower() == "x" else int(key)
                self.asking = None
                self.handle(self.player.stop(now, self.stop_reason, pain))  # type: ignore[arg-type]
            return
        actions = {" ": self.player.toggle, "n": self.player.skip, "b": self.player.back,
                   "d": self.player.done, "\n": self.player.done}
        if key in actions:
            self.handle(actions[key](now))
        elif key == "s":
            self.handle(self.player.pause(now))
            self.asking = "reason"
        elif key == "q":
            self.quit = True


def _run(runner: _Runner) -> None:
    player = runner.player
    if not runner.interactive:
        while not player.finished and not runner.quit:
            runner.handle(player.tick(runner.now()))
            step = player.step
            if step is not None and step.duration is None:
                runner.handle(player.done(runner.now()))  # no one to press "done"
            time.sleep(0.05)
        return
    from rich.console import Console
    from rich.live import Live

    with _raw_keys(), Live(runner.screen(), console=Console(), refresh_per_second=8,
                          screen=True) as live:
        while not player.finished and not runner.quit:
            key = _key(0.1)
            if key:
                runner.on_key(key)
            runner.handle(player.tick(runner.now()))
            live.update(runner.screen())


def _no_session(plan: Plan, catalog: Catalog) -> None:
    """Say why there is no session to run today, and what to do instead."""
    day = plan.today
    if day.status == "not_allowed":
        typer.echo(plan.screening.headline)
        return
    from backcoach.cli import render_plan

    if day.status == "rest_day":
        typer.echo("No session today: " + day.reason)
        return
    render_plan.today(plan)
    if day.status == "rest_after_stop":
        typer.echo("See a doctor if any of these appear:")
        for sign in catalog.guidance.pain.dangerous:
            typer.echo(f"  - {sign}")


@app.command()
def session(
    program: Annotated[str | None, typer.Option(help="Follow this program today instead of "
                                                "your plan's.")] = None,
    resume: Annotated[bool | None, typer.Option("--resume/--new", help="Resume an "
                      "interrupted session, or start a new one, without asking.")] = None,
    speed: Annotated[float, typer.Option(help="Run the clock this many times faster (for "
                                         "trying it out).", min=0.1, max=1000)] = 1.0,
    again: Annotated[bool, typer.Option("--again", help="Train again on a day whose session "
                                        "is already done.")] = False,
    pain_before: Annotated[int | None, typer.Option(
        min=0, max=10, help="Pain before, 0-10 (asked on a terminal when not given).")] = None,
    pain_after: Annotated[int | None, typer.Option(
        min=0, max=10, help="Pain after, 0-10 (asked on a terminal when not given).")] = None,
    effort: Annotated[int | None, typer.Option(
        min=0, max=10, help="How hard it was, 0-10 (asked on a terminal when not given).")
    ] = None,
) -> None:
    """Run today's session with timers and cues; every finished set is saved at once."""
    from backcoach import coach
    from backcoach.catalog import load_catalog
    from backcoach.player import Player

    catalog = load_catalog()
    store = open_store()
    asks = sys.stdin.isatty()  # no terminal to answer: run with plain lines, ask nothing
    interactive = asks and sys.stdout.isatty()
    running = coach.running(store, catalog)
    if running is not None:
        if resume is None and not asks:
            fail(f"a session of {running.date} was interrupted after {running.sets_saved} "
                 "sets: pass --resume to go on with it, or --new to start today's")
        wanted = resume if resume is not None else typer.confirm(
            f"A session of {running.date} was interrupted after {running.sets_saved} "
            "sets. Resume it?", default=True)
        if not wanted:
            coach.abandon_session(store, running.session_id, now=datetime.now())
            running = None
    if running is None:
        try:
            plan = coach.plan(store, catalog, date.today(), program=program, again=again)
        except coach.NoProfileError:
            fail("no profile yet: run 'backcoach onboard' first")
        if not plan.today.items:
            _no_session(plan, catalog)
            raise typer.Exit(0)
        if pain_before is None and asks:
            pain_before = ask_int("Pain before you start, Enter to skip", 0, 10,
                                  required=False)
        running = coach.start_session(store, catalog, plan, now=datetime.now(),
                                      pain_before=pain_before)
    session_id = running.session_id
    player = Player(running.timeline)
    runner = _Runner(player, store, session_id, speed, interactive)
    runner.handle(player.start(runner.now(), at_step=running.resume_at))
    try:
        _run(runner)
    except KeyboardInterrupt:
        done = plural(len(player.performed()), "exercise")
        typer.echo(f"\nInterrupted: {done} saved. Run 'backcoach session' to resume.",
                   err=True)
        raise typer.Exit(INTERRUPTED) from None
    if runner.quit and not player.finished:
        typer.echo(f"Saved {plural(len(player.performed()), 'exercise')} so far. Run 'backcoach "
                   "session' to resume.")
        return
    if player.state == "stopped":
        coach.finish_session(store, session_id, stopped_reason=player.stop_reason,
                             pain_after=player.pain_at_stop, effort=None, now=datetime.now())
        typer.echo(f"Stopped ({player.stop_reason}). What you did is saved.")
        if player.stop_reason in ("pain", "spasm"):
            guide = catalog.guidance.pain
            typer.echo("The next plan steps back. See a doctor if any of these appear:")
            for sign in guide.dangerous:
                typer.echo(f"  - {sign}")
        return
    if pain_after is None and asks:
        pain_after = ask_int("Done! Pain now, Enter to skip", 0, 10, required=False)
    if effort is None and asks:
        effort = ask_int("How hard was it, Enter to skip", 0, 10, required=False)
    coach.finish_session(store, session_id, stopped_reason=None, pain_after=pain_after,
                         effort=effort, now=datetime.now())
    typer.echo("Session saved. Well done.")
    next_step("backcoach progress  (how pain, function and adherence are changing)")
