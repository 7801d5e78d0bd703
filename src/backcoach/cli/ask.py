"""Questions on the terminal: each re-asked until the answer is valid, never a crash."""

from __future__ import annotations

import typer


def ask_int(question: str, low: int, high: int, default: int | None = None, *,
            required: bool = True) -> int | None:
    """Return a whole number from ``low`` to ``high``.

    Enter takes ``default``; with no default, Enter returns None unless ``required``.
    """
    while True:
        raw = str(typer.prompt(f"{question} ({low}-{high})",
                               default="" if default is None else str(default),
                               show_default=default is not None)).strip()
        if raw == "" and default is None:
            if not required:
                return None
            typer.echo(f"  Please give a whole number from {low} to {high}.")
            continue
        try:
            value = int(raw)
        except ValueError:
            typer.echo(f"  Please give a whole number from {low} to {high}.")
            continue
        if low <= value <= high:
            return value
        typer.echo(f"  {value} is out of range: give a number from {low} to {high}.")


def ask_choice(question: str, options: tuple[str, ...], default: str) -> str:
    """Return one of ``options`` (any case), re-asking on anything else."""
    while True:
        answer = str(typer.prompt(f"{question} [{'/'.join(options)}]", default=default)).strip()
        if answer.lower() in options:
            return answer.lower()
        typer.echo(f"  Please answer one of: {', '.join(options)}.")


def ask_yes(question: str, default: bool = False) -> bool:
    return ask_choice(question, ("y", "n"), "y" if default else "n") == "y"
