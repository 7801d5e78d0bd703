"""`backcoach session`: the guided session in the terminal.

A full-screen Rich display when stdin and stdout are a terminal (keys: space pause/resume,
n next exercise, d set done, b back, s stop, q save and quit; the screen is
:mod:`backcoach.cli.player_screen`), plain lines otherwise. Every finished set is saved at
once; a session that was interrupted is offered for resuming. It ends with a summary
(:mod:`backcoach.cli.session_summary`), completed or stopped.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import INTERRUPTED, app, fail, next_step, open_store
from backcoach.cli.ask import ask_int, confirm
from backcoach.cli.player_screen import changed_for_you, clock
from backcoach.i18n import _
from backcoach.words import plural

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from backcoach.catalog import Catalog
    from backcoach.cli.player_figure import PlayerFigures
    from backcoach.coach import Running
    from backcoach.planner import Plan
    from backcoach.player import Event, Player
    from backcoach.store import Store

STOP_KEYS = {"p": "pain", "s": "spasm", "t": "tired", "o": "other"}
BELL = "\a"


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
    """Drives one session: clock, keys, screen, bell, saving.

    ``terminal`` is where the bell rings: the terminal's own stream, written to directly,
    because Rich's live display drops control characters such as BEL from what it draws.
    """

    def __init__(self, player: Player, store: Store, session_id: int, speed: float,
                 interactive: bool, *, terminal: IO[str] | None = None,
                 figures: PlayerFigures | None = None) -> None:
        self.player = player
        self.store = store
        self.session_id = session_id
        self.speed = speed
        self.interactive = interactive
        self.terminal = terminal
        self.figures = figures
        self.origin = time.monotonic()
        self.last_cue = ""
        self.quit = False
        self.asking: str | None = None  # "reason" or "pain" while a stop is being asked
        self.stop_reason: str | None = None
        self.paused_seconds = 0.0  # on the session clock, so the summary counts work only
        self.paused_since: float | None = None
        self.ended_at: float | None = None  # when the last step ended or the stop came

    def now(self) -> float:
        return (time.monotonic() - self.origin) * self.speed

    def active_minutes(self) -> float:
        """Return the minutes of session clock until its end (or now), pauses left out."""
        now = self.ended_at if self.ended_at is not None else self.now()
        paused = self.paused_seconds + (now - self.paused_since
                                        if self.paused_since is not None else 0.0)
        return max(0.0, now - paused) / 60

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
                self.ring()
            self._count_pause(event)
            if event.kind in ("session_done", "session_stopped"):
                self.ended_at = event.at
            if not self.interactive and event.kind in ("step_started", "cue", "halfway",
                                                       "session_done", "paused", "resumed"):
                self._say(event)

    def ring(self) -> None:
        """Ring the terminal's bell: a step begins (nothing rings without a terminal)."""
        if self.terminal is not None:
            self.terminal.write(BELL)
            self.terminal.flush()

    def _count_pause(self, event: Event) -> None:
        if event.kind == "paused":
            self.paused_since = event.at
        elif self.paused_since is not None and self.player.state != "paused":
            # Resumed, stopped, or moved on with n or b, which resume without an event.
            self.paused_seconds += event.at - self.paused_since
            self.paused_since = None

    def _say(self, event: Event) -> None:
        text = event.text or _event_name(event.kind)
        typer.echo(f"[{clock(event.at)}] {text}")
        step = self.player.timeline.steps[event.step] if event.step is not None else None
        if event.kind == "step_started" and step is not None and step.kind == "get_ready":
            for change in step.changes:
                typer.echo(f"  {changed_for_you(change)}")

    def screen(self, columns: int, rows: int) -> RenderableType:
        """Return the screen for a terminal of ``columns`` x ``rows`` at this moment."""
        from backcoach.cli import player_screen
        from backcoach.cli.player_figure import figure_size

        if self.asking == "reason":
            return player_screen.question(
                "[bold]" + _("Why are you stopping?") + "[/]\n\n"
                + "   ".join(f"{key} = {_stop_word(reason)}" for key, reason in STOP_KEYS.items())
                + "\n\n" + _("c = carry on after all"), width=columns)
        if self.asking == "pain":
            return player_screen.question(
                "[bold]" + _("How much does it hurt now?") + "[/]\n\n"
                + _("Press 0-9, or x for 10."), width=columns)
        now = self.now()
        figure = self.figures.lines(self.player.step, self.player.elapsed(now),
                                    figure_size(columns, rows)) if self.figures else []
        return player_screen.screen(self.player, now, width=columns, figure=figure,
                                    last_cue=self.last_cue, height=rows)

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


def _stop_word(reason: str) -> str:
    from backcoach.cli.lang import stop_reason

    return stop_reason(reason)


def _event_name(kind: str) -> str:
    """Return an event without a text of its own in words: "session done", "paused"."""
    names = {"session_done": _("session done"), "paused": _("paused"),
             "resumed": _("resumed"), "session_stopped": _("session stopped")}
    return names.get(kind, kind.replace("_", " "))


def _run(runner: _Runner, console: Console | None) -> None:
    """Run the session to its end, a stop or q: plain lines, or the live screen."""
    player = runner.player
    if console is None:
        while not player.finished and not runner.quit:
            runner.handle(player.tick(runner.now()))
            step = player.step
            if step is not None and step.duration is None:
                runner.handle(player.done(runner.now()))  # no one to press "done"
            time.sleep(0.05)
        return
    from rich.live import Live

    # Drawn on each pass (ten a second) at the terminal's size then, so a resize is
    # followed; stdout is not redirected, so the bell reaches the terminal.
    with _raw_keys(), Live(runner.screen(*console.size), console=console, screen=True,
                          auto_refresh=False, redirect_stdout=False,
                          redirect_stderr=False) as live:
        while not player.finished and not runner.quit:
            key = _key(0.1)
            if key:
                runner.on_key(key)
            runner.handle(player.tick(runner.now()))
            live.update(runner.screen(*console.size), refresh=True)


def _no_session(plan: Plan, catalog: Catalog) -> None:
    """Say why there is no session to run today, and what to do instead."""
    day = plan.today
    if day.status == "not_allowed":
        typer.echo(plan.screening.headline)
        return
    from backcoach.cli import render_plan

    if day.status == "rest_day":
        typer.echo(_("No session today: {reason}").format(reason=day.reason))
        return
    render_plan.today(plan)
    if day.status == "rest_after_stop":
        typer.echo(_("See a doctor if any of these appear:"))
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
    from backcoach.cli.app import run_catalog
    from backcoach.player import Player

    catalog = run_catalog()
    store = open_store()
    asks = sys.stdin.isatty()  # no terminal to answer: run with plain lines, ask nothing
    interactive = asks and sys.stdout.isatty()
    running = _begin(store, catalog, resume=resume, asks=asks, program=program, again=again,
                     pain_before=pain_before)
    player = Player(running.timeline)
    console = _console() if interactive else None
    runner = _Runner(player, store, running.session_id, speed, interactive,
                     terminal=console.file if console is not None else None,
                     figures=_figures() if console is not None else None)
    runner.handle(player.start(runner.now(), at_step=running.resume_at))
    try:
        _run(runner, console)
    except KeyboardInterrupt:
        done = plural(len(player.performed()), "exercise")
        typer.echo("\n" + _("Interrupted: {exercises} saved. Run 'backcoach session' to "
                            "resume.").format(exercises=done), err=True)
        raise typer.Exit(INTERRUPTED) from None
    if runner.quit and not player.finished:
        typer.echo(_("Saved {exercises} so far. Run 'backcoach session' to resume.").format(
            exercises=plural(len(player.performed()), "exercise")))
        return
    _finish(runner, catalog, console, asks=asks, pain_after=pain_after, effort=effort)


def _begin(store: Store, catalog: Catalog, *, resume: bool | None, asks: bool,
           program: str | None, again: bool, pain_before: int | None) -> Running:
    """Return the session to run: the interrupted one, resumed, or today's, started (asking
    the pain before on a terminal). Exits when there is no session to run today."""
    from backcoach import coach

    running = coach.running(store, catalog)
    if running is not None:
        if resume is None and not asks:
            fail(_("a session of {date} was interrupted after {sets}: pass --resume to go "
                   "on with it, or --new to start today's").format(
                date=_shown_day(running.date), sets=_sets(running.sets_saved)))
        wanted = resume if resume is not None else confirm(
            _("A session of {date} was interrupted after {sets}. Resume it?").format(
                date=_shown_day(running.date), sets=_sets(running.sets_saved)), default=True)
        if wanted:
            return running
        coach.abandon_session(store, running.session_id, now=datetime.now())
    try:
        plan = coach.plan(store, catalog, date.today(), program=program, again=again)
    except coach.NoProfileError:
        fail(_("no profile yet: run 'backcoach onboard' first"))
    if not plan.today.items:
        _no_session(plan, catalog)
        raise typer.Exit(0)
    if pain_before is None and asks:
        pain_before = ask_int(_("Pain before you start, Enter to skip"), 0, 10,
                              required=False)
    return coach.start_session(store, catalog, plan, now=datetime.now(),
                               pain_before=pain_before)


def _shown_day(day: date) -> str:
    from backcoach.cli.lang import shown_day

    return shown_day(day)


def _sets(count: int) -> str:
    return plural(count, "set")


def _console() -> Console:
    """Return the console the live screen draws on: standard output, a terminal."""
    from rich.console import Console

    return Console(file=sys.stdout)


def _figures() -> PlayerFigures:
    """Return the figures beside the counter (none when the installed data is broken)."""
    from backcoach.cli.player_figure import PlayerFigures
    from backcoach.figures import FigureError, load_figures

    try:
        return PlayerFigures(load_figures())
    except FigureError:
        return PlayerFigures({})


def _finish(runner: _Runner, catalog: Catalog, console: Console | None, *, asks: bool,
            pain_after: int | None, effort: int | None) -> None:
    """Close the session, completed or stopped, and print its summary (on a terminal
    through ``console``, which wraps long lines at word boundaries)."""
    from backcoach import coach
    from backcoach.cli.session_summary import summary

    player, store = runner.player, runner.store
    minutes = runner.active_minutes()
    if player.state == "stopped":
        stored = coach.finish_session(store, runner.session_id,
                                      stopped_reason=player.stop_reason,
                                      pain_after=player.pain_at_stop, effort=None,
                                      now=datetime.now())
    else:
        if pain_after is None and asks:
            pain_after = ask_int(_("Done! Pain now, Enter to skip"), 0, 10, required=False)
        if effort is None and asks:
            effort = ask_int(_("How hard was it, Enter to skip"), 0, 10, required=False)
        stored = coach.finish_session(store, runner.session_id, stopped_reason=None,
                                      pain_after=pain_after, effort=effort, now=datetime.now())
    lines = summary(store, catalog, stored, minutes=minutes)
    if player.stop_reason in ("pain", "spasm"):
        lines.append(_("See a doctor if any of these appear:"))
        lines += [f"  - {sign}" for sign in catalog.guidance.pain.dangerous]
    for line in lines:
        if console is not None:
            console.print(line, markup=False, highlight=False)
        else:
            typer.echo(line)
    if player.stop_reason not in ("pain", "spasm"):
        next_step(_("backcoach progress  (how pain, function and adherence are changing)"))
