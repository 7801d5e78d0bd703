"""What the options of one run chose, kept in the click context: :class:`Cli`.

Its own module, so that :mod:`backcoach.cli.app` (the Typer app) and
:mod:`backcoach.cli.output` (the console) both read it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from typer._click.globals import get_current_context

if TYPE_CHECKING:
    from rich.console import Console

    from backcoach.settings import Settings
    from backcoach.store import Store


@dataclass
class Cli:
    """What the options before the command chose, for the commands of one run."""

    database: str | None = None  # --db or BACKCOACH_DATABASE_URL, as given
    store: Store | None = None  # opened once per command, on first use
    saved: list[str] = field(default_factory=list)  # said if the person cancels later
    page: bool = True  # long output through a pager on a terminal (not --no-pager)
    wide: bool = False  # the command's --wide: every column, however wide
    console: Console | None = None  # cli.output's, made on first use
    lang: str = "en"  # --lang, BACKCOACH_LANG or the locale (backcoach.i18n)

    @property
    def settings(self) -> Settings:
        from backcoach.settings import Settings

        return Settings.load(self.database, environ={})


def cli() -> Cli:
    """Return this run's :class:`Cli` (the options before the command)."""
    context = get_current_context(silent=True)
    found = context.find_object(Cli) if context is not None else None
    return found if found is not None else Cli()
