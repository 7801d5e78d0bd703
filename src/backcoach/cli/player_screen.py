"""The terminal player's screen: the panel drawn from the player's state at one moment.

    screen(player, now, width=80, figure=lines, last_cue="Halfway")   # a Rich renderable

Pure: the moment, the width and the figure's lines come in, a renderable goes out, so a
test lays the panel out at any width without a terminal. The panel takes the terminal's
whole width; text wraps at word boundaries, the progress bar fills the text column, and
the keys are packed into as few lines as fit, each key with its word, never split.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from backcoach.i18n import _
from backcoach.timing import HOLD_TO_FATIGUE_SECONDS
from backcoach.words import plural

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from backcoach.player import Player, Step



def keys() -> tuple[tuple[str, str], ...]:
    """Return each key once, in the person's words (and language): (key, what it does)."""
    return ((_("space"), _("pause")), ("n", _("next exercise")), ("d", _("set done")),
            ("b", _("back")), ("s", _("stop")), ("q", _("save and quit")))

SEPARATOR = " · "
FIGURE_GAP = 2  # columns between the text and the figure
ROOMY = 18  # rows: fewer, and the panel leaves out its blank lines

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


def clock(seconds: float) -> str:
    """Return whole seconds, rounded up, as mm:ss: a countdown shows 0:01 until it ends."""
    whole = int(seconds + 0.999)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class Countdown(NamedTuple):
    """What the big counter counts down, and what it is counting ("Rep 3 of 10: hold")."""

    seconds: float
    label: str


def countdown(step: Step, elapsed: float) -> Countdown | None:
    """Return the countdown of ``step`` after ``elapsed`` seconds, or None if untimed.

    A repetition with a hold counts down that hold, then the breath before the next one,
    as :func:`backcoach.player.build_timeline` times them (rep k's hold starts at
    ``k * duration / reps``); other steps count down the whole step.
    """
    if step.duration is None:
        return None
    left = max(0.0, step.duration - elapsed)
    if step.kind != "work":
        return Countdown(left, "")
    if not step.reps or step.reps == 1:
        return Countdown(left, _("Hold") if step.hold_seconds else "")
    per_rep = step.duration / step.reps
    rep = min(int(max(elapsed, 0.0) // per_rep), step.reps - 1)
    if not step.hold_seconds:
        return Countdown(left, _("Rep {rep} of {reps}").format(rep=rep + 1, reps=step.reps))
    into = elapsed - rep * per_rep
    if into < step.hold_seconds:
        return Countdown(step.hold_seconds - into,
                         _("Rep {rep} of {reps}: hold").format(rep=rep + 1, reps=step.reps))
    return Countdown(max(0.0, per_rep - into),
                     _("Rep {rep} of {reps}: release").format(rep=rep + 1, reps=step.reps))


def _holds_each_rep(step: Step) -> bool:
    """Return whether :func:`countdown` counts ``step``'s holds and releases rep by rep."""
    return (step.kind == "work" and step.duration is not None and bool(step.reps)
            and step.reps != 1 and bool(step.hold_seconds))


def session_left(player: Player, now: float) -> float:
    """Return the seconds the session has left: this step's and every later step's.

    A step that waits for the person ("as long as you can") counts as the planner
    estimates it, :data:`~backcoach.timing.HOLD_TO_FATIGUE_SECONDS` a repetition.
    """
    step = player.step
    if step is None:
        return 0.0
    here = player.remaining(now)
    if here is None:
        here = max(0.0, _expected(step) - player.elapsed(now))
    return here + sum(_expected(s) for s in player.timeline.steps[step.index + 1:])


def _expected(step: Step) -> float:
    if step.duration is not None:
        return step.duration
    return (step.reps or 1) * HOLD_TO_FATIGUE_SECONDS


def pack(items: list[str], width: int, separator: str = SEPARATOR) -> list[str]:
    """Return ``items`` joined into lines at most ``width`` long, never splitting one."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(separator) + len(item) <= width:
            lines[-1] += separator + item
        else:
            lines.append(item)
    return lines


def key_lines(width: int, *, paused: bool) -> list[str]:
    """Return every key with what it does, "space resume" while paused."""
    listed = keys()
    resume = _("resume")
    items = [f"{key} {resume if paused and key == listed[0][0] else does}"
             for key, does in listed]
    return pack(items, width)


def _bar(done: float, width: int) -> str:
    filled = max(0, min(width, int(width * done)))
    return "█" * filled + "░" * (width - filled)


def counter_text(step: Step, elapsed: float, *, last_cue: str = "") -> tuple[str, str]:
    """Return the counter (big digits, or words for a set without a clock) and the line
    under it: what is being counted, else the last cue, else what to press."""
    counted = countdown(step, elapsed)
    if counted is None and step.hold_to_fatigue:
        # No deadline to count down to: count the seconds held up instead.
        return big(clock(elapsed)), _("Hold as long as you comfortably can; press d when "
                                      "you let go.")
    if counted is None:
        return (plural(step.reps, "rep") + " " + _("at your pace") if step.reps
                else _("your pace"), last_cue or _("Press d when the set is done."))
    under = counted.label or last_cue
    if _holds_each_rep(step) and step.duration is not None:
        under += " · " + _("set {time} left").format(
            time=clock(max(0.0, step.duration - elapsed)))
    return big(clock(counted.seconds)), under


def screen(player: Player, now: float, *, width: int, figure: list[str],
           last_cue: str = "", height: int | None = None) -> RenderableType:
    """Return the player's screen at ``now``: the panel and, under it, the keys.

    Under :data:`ROOMY` rows (``height``) the blank lines go, so the keys stay on screen.
    """
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    step = player.step
    if step is None:
        return Panel(_("Session complete."), title="backcoach", width=width)
    paused = player.state == "paused"
    figure_width = max((len(line) for line in figure), default=0)
    text_width = max(10, width - 4 - (figure_width + FIGURE_GAP if figure else 0))
    lines = _text(player, now, text_width, last_cue)
    if height is not None and height < ROOMY:
        lines = [line for line in lines if line.plain]
    body = _beside(lines, figure, text_width)
    shown_keys = Text("\n".join(key_lines(width, paused=paused)), style="dim")
    title = "backcoach · " + _("step {number}/{steps}").format(
        number=step.index + 1, steps=len(player.timeline.steps))
    return Group(Panel(body, title=title, title_align="left", width=width), shown_keys)


def _text(player: Player, now: float, width: int, last_cue: str) -> list[Text]:
    """Return the text column: the step, the counter, the session's progress."""
    from rich.text import Text

    step = player.step
    assert step is not None
    steps = player.timeline.steps
    elapsed = player.elapsed(now)
    counter, under = counter_text(step, elapsed, last_cue=last_cue)
    total = max(1.0, player.timeline.total_seconds)
    done = (sum(s.duration or 0 for s in steps[:step.index])
            + min(elapsed, step.duration or 0)) / total
    following = next((s for s in steps[step.index + 1:] if s.item != step.item), None)
    heading = Text(step.title, style="bold")
    if player.state == "paused":
        heading.append("  " + _("PAUSED · space resume") + " ", style="reverse")
    return [heading, Text(step.cue, style="italic"),
            *(Text(changed_for_you(c), style="yellow") for c in step.changes),
            Text(""), Text(counter, style="bold cyan"), Text(under, style="yellow"), Text(""),
            Text(_bar(done, width), style="green"),
            Text(_("{percent}% done · {time} left in the session").format(
                percent=int(100 * done), time=clock(session_left(player, now))), style="dim"),
            Text(_("Next: {command}").format(
                command=following.exercise_name if following
                else _("the end of the session")), style="dim")]


def changed_for_you(change: str) -> str:
    """Return the line saying how an exercise is changed for the person."""
    return _("Changed for you: {change}").format(change=change)


def _beside(lines: list[Text], figure: list[str], text_width: int) -> RenderableType:
    """Return the text column with the figure, if any, on its right."""
    from rich.table import Table
    from rich.text import Text

    text = Table.grid(padding=0)
    text.add_column(width=text_width)
    for line in lines:
        text.add_row(line)
    if not figure:
        return text
    body = Table.grid(padding=0)
    body.add_column(width=text_width)
    body.add_column(width=FIGURE_GAP + max(len(line) for line in figure), no_wrap=True)
    body.add_row(text, Text("\n".join(" " * FIGURE_GAP + line for line in figure)))
    return body


def question(text: str, *, width: int) -> RenderableType:
    """Return the screen asking why the person stops, or how much it hurts."""
    from rich.panel import Panel

    return Panel(text, title="backcoach · " + _("stop"), title_align="left", width=width)
