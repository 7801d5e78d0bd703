"""The Typer application object and the helpers every command group shares."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

import typer

app = typer.Typer(
    name="backcoach",
    help="A home exercise coach for a stronger, pain-free lower back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str) -> NoReturn:
    """Print a one-line usage error to stderr and exit with code 2."""
    typer.echo(f"backcoach: error: {message}", err=True)
    raise typer.Exit(2)


def choose(option: str, value: str | None, allowed: Iterable[str]) -> str | None:
    """Return ``value`` if it is allowed; otherwise fail naming the closest choice."""
    if value is None:
        return None
    choices = list(allowed)
    if value in choices:
        return value
    import difflib

    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.4)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    fail(f"{option} '{value}' is not known{hint} (choose from: {', '.join(choices)})")


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout, keys in schema order."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
    sys.stdout.write("\n")


def _register() -> None:
    # Command modules attach themselves to `app` on import.
    from backcoach.cli import catalog, plan  # noqa: F401


_register()
