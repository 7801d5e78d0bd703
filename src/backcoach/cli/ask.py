"""Questions on the terminal: each re-asked until the answer is valid, never a crash."""

from __future__ import annotations

import typer

from backcoach.cli.app import fit, say

# What click adds after a question: ": ".
_SUFFIX = 2


def ask_text(question: str, default: str | None = None) -> str:
    """Return the answer to ``question`` (its default shown in brackets, taken on Enter),
    the question wrapped at word boundaries to the terminal."""
    shown = question if not default else f"{question} [{default}]"
    return str(typer.prompt(fit(shown, _SUFFIX), default=default or "", show_default=False))


def ask_int(question: str, low: int, high: int, default: int | None = None, *,
            required: bool = True) -> int | None:
    """Return a whole number from ``low`` to ``high``.

    Enter takes ``default``; with no default, Enter returns None unless ``required``.
    """
    while True:
        raw = ask_text(f"{question} ({low}-{high})",
                      None if default is None else str(default)).strip()
        if raw == "" and default is None:
            if not required:
                return None
            say(f"  Please give a whole number from {low} to {high}.")
            continue
        try:
            value = int(raw)
        except ValueError:
            say(f"  Please give a whole number from {low} to {high}.")
            continue
        if low <= value <= high:
            return value
        say(f"  {value} is out of range: give a number from {low} to {high}.")


def ask_choice(question: str, options: tuple[str, ...], default: str) -> str:
    """Return one of ``options`` (any case), re-asking on anything else."""
    while True:
        answer = ask_text(f"{question} [{'/'.join(options)}]", default).strip()
        if answer.lower() in options:
            return answer.lower()
        say(f"  Please answer one of: {', '.join(options)}.")


def ask_yes(question: str, default: bool = False) -> bool:
    return ask_choice(question, ("y", "n"), "y" if default else "n") == "y"
