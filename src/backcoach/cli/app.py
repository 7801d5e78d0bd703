"""The Typer application object and the helpers every command group shares."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from backcoach.store import Store

app = typer.Typer(
    name="backcoach",
    help="A home exercise coach for a stronger, pain-free lower back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    db: str | None = None
    store: Store | None = None  # opened once per command, on first use


state = _State()


@app.callback()
def _main(
    db: str | None = typer.Option(
        None, "--db", envvar="BACKCOACH_DATABASE_URL",
        help="Database: an SQLite file path or URL, or a PostgreSQL URL. Default: "
        "backcoach.db in your data folder.",
    ),
) -> None:
    """A home exercise coach for a stronger, pain-free lower back."""
    state.db = db
    state.store = None


def open_store() -> Store:
    """Return the person's store, upgrading the database first (and saying so)."""
    if state.store is not None:
        return state.store
    from backcoach.store import DatabaseError, Store, database_url

    try:
        store, applied = Store.open(state.db)
    except DatabaseError as exc:
        typer.echo(f"backcoach: {exc}", err=True)
        raise typer.Exit(1) from exc
    except Exception as exc:  # a wrong URL, an unreachable server, a locked file
        fail(f"cannot open the database {database_url(state.db)}: {exc.__class__.__name__}: "
             f"{str(exc).splitlines()[0] if str(exc) else ''} (check --db or "
             "BACKCOACH_DATABASE_URL)")
    # Close the connections when the command ends (PostgreSQL would otherwise keep them).
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    if context is not None:
        context.call_on_close(store.engine.dispose)
    state.store = store
    if applied and applied[0] == "0001":
        typer.echo(f"backcoach: created the database {database_url(state.db)} "
                   f"(schema {applied[-1]}).", err=True)
    elif applied:
        typer.echo(f"backcoach: upgraded the database to schema {applied[-1]} "
                   f"(applied {', '.join(applied)}); your records are kept.", err=True)
    return store


def fail(message: str) -> NoReturn:
    """Print a one-line usage error to stderr and exit with code 2."""
    typer.echo(f"backcoach: error: {message}", err=True)
    raise typer.Exit(2)


def parse_day(text: str | None, option: str = "--date") -> date:
    """Return the day written as YYYY-MM-DD (today when None); fail with a hint otherwise."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27")


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
    from backcoach.cli import (  # noqa: F401
        catalog,
        data,
        figures,
        log,
        plan,
        progress,
        serve,
        session,
    )


_register()
