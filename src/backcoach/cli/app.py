"""The Typer application object and the helpers every command shares.

The command modules attach their commands to :data:`app`; :mod:`backcoach.cli` imports
them all (this module imports none of them). The options given before the command
(``--db``, ``--no-pager``) live in the click context as a :class:`~backcoach.cli.run.Cli`
object, not in a module global, so two runs in one process (tests) never see each other's.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.globals import get_current_context

# Re-exported: the command modules take the run's options from here, with the app.
from backcoach.cli.run import Cli as Cli, cli as cli
from backcoach.i18n import N_, _
from backcoach.settings import shown_url

if TYPE_CHECKING:
    from backcoach.catalog import Catalog
    from backcoach.store import Store
    from backcoach.store.records import Reader


# The commands in the order a person meets them, under the headings --help shows (N_: the
# headings are translated where --help shows them, backcoach.cli.helptext).
PANELS: dict[str, tuple[str, ...]] = {
    N_("Getting started"): ("start", "onboard", "screen", "cleared"),
    N_("Training"): ("plan", "session", "camera", "log", "pain", "psfs"),
    N_("Records"): ("history", "progress"),
    N_("Catalog"): ("exercises", "exercise", "search", "programs", "program", "guide",
                    "figure", "figures"),
    N_("Data"): ("export", "import", "calendar", "serve"),
}
OTHER = N_("Other")
ORDER = [name for names in PANELS.values() for name in names]
# Exit code of a run the person interrupted (Ctrl-C, or the end of input at a question),
# as a shell reports SIGINT.
INTERRUPTED = 130


class _Group(typer.core.TyperGroup):
    """The root command: a refusal from the library ends the command with one line, and so
    does Ctrl-C or the end of input at a question."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        # Typer takes the help texts in English at import: another language translates them
        # when a help is printed (backcoach.cli.helptext).
        arguments = sys.argv[1:] if args is None else list(args)
        lang = args_language(arguments)
        if lang != "en":
            from backcoach.cli import helptext

            helptext.prepare(self, lang)
        return super().main(arguments, prog_name, complete_var, standalone_mode,
                            windows_expand_args, **extra)

    def invoke(self, ctx: Any) -> Any:
        from backcoach import i18n
        from backcoach.errors import BackcoachError

        try:
            return super().invoke(ctx)
        except BackcoachError as exc:
            # The run's language ended with its context: speak it again for the last line.
            with i18n.using(_run_lang(ctx), first="cli"):
                typer.echo(_("backcoach: error: {message}").format(message=exc.message),
                           err=True)
            raise typer.Exit(exc.exit_code) from exc
        except (KeyboardInterrupt, EOFError, typer.Abort) as exc:
            run = ctx.find_object(Cli)
            saved = run.saved if run else []
            with i18n.using(_run_lang(ctx), first="cli"):
                typer.echo("\n" + (_("Cancelled; saved so far: {what}.").format(
                    what=", ".join(saved)) if saved else _("Cancelled; nothing saved.")),
                    err=True)
            raise typer.Exit(INTERRUPTED) from exc


def args_language(args: list[str]) -> str:
    """Return the language a command line asks for (``--lang ru`` or ``--lang=ru`` before
    the command), else the environment's (``BACKCOACH_LANG``, then the locale)."""
    import os

    from backcoach import i18n

    rest = iter(args)
    for arg in rest:
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else next(rest, "")
            return i18n.supported(value) or i18n.DEFAULT
        if arg == "--db":
            next(rest, None)  # its value
        elif not arg.startswith("-"):
            break  # the command: options after it are its own
    return i18n.from_environment(os.environ)


def _run_lang(ctx: Any) -> str:
    """Return the language the run chose (English before its options are read)."""
    run = ctx.find_object(Cli)
    return run.lang if run is not None else "en"


app = typer.Typer(
    name="backcoach",
    cls=_Group,
    help="A home exercise coach for a stronger, pain-free lower back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"backcoach {version('backcoach')}")
        raise typer.Exit()


def _wide(value: bool) -> bool:
    """Note --wide in this run's :class:`Cli` (a callback, so a command only declares it)."""
    if value:
        cli().wide = True
    return value


WideOpt = Annotated[bool, typer.Option(
    "--wide", callback=_wide, help="Show every column, however wide the table gets.")]


@app.callback()
def _main(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--db", envvar="BACKCOACH_DATABASE_URL",
        help="Database: an SQLite file path or URL, or a PostgreSQL URL. Default: "
        "backcoach.db in your data folder.",
    ),
    no_pager: bool = typer.Option(
        False, "--no-pager", help="Print long output as it is, never through $PAGER (less)."),
    lang: str | None = typer.Option(
        None, "--lang", help="The language to read: en or ru. Default: BACKCOACH_LANG, "
        "else your locale (LANG), else English."),
    _: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                           help="Print the version and exit."),
) -> None:
    """A home exercise coach for a stronger, pain-free lower back."""
    import os

    from backcoach import i18n

    chosen = choose("--lang", lang, i18n.LANGUAGES) or i18n.from_environment(os.environ)
    # For this run only (a test's next run starts afresh), the CLI's own words first.
    ctx.with_resource(i18n.using(chosen, first="cli"))
    ctx.obj = Cli(database=db, page=not no_pager, lang=chosen)


def run_catalog() -> Catalog:
    """Return the catalog in this run's language (English, saying so, when its texts in
    that language are not all there)."""
    from backcoach.catalog import CatalogError, load_catalog

    lang = cli().lang
    if lang != "en":
        try:
            return load_catalog(lang=lang)
        except CatalogError:
            typer.echo(_("backcoach: the exercises are not all written in {lang} yet; "
                         "showing them in English.").format(lang=lang), err=True)
    return load_catalog()


def arrange() -> None:
    """Put each registered command under its heading of :data:`PANELS` (after the command
    modules are imported)."""
    panel = {name: heading for heading, names in PANELS.items() for name in names}
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (callback.__name__.replace("_", "-") if callback else "")
        info.rich_help_panel = panel.get(name, OTHER)


def saved(what: str) -> None:
    """Note that ``what`` is now saved, so a later Ctrl-C says so instead of "nothing"."""
    cli().saved.append(what)


def next_step(text: str) -> None:
    """End a command with the next useful one, e.g. ``next_step("backcoach plan")``."""
    say("\n" + _("Next: {command}").format(command=text))


# A line's indent and bullet ("  - ", "• "), which its wrapped lines keep.
_INDENT = re.compile(r"\s*(?:[-•] |\d+\. )?")


def fit(text: str, room: int = 0) -> str:
    """Return ``text`` wrapped at word boundaries to the terminal's width ($COLUMNS, 80
    when unknown) less ``room`` cells; wrapped lines keep their line's indent and bullet."""
    import shutil
    import textwrap

    width = max(20, shutil.get_terminal_size((80, 24)).columns - room)

    def indent(line: str) -> str:
        found = _INDENT.match(line)
        return " " * (found.end() if found else 0)

    return "\n".join(
        textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False,
                      subsequent_indent=indent(line)) if line.strip() else line
        for line in text.split("\n"))


def say(text: str) -> None:
    """Print plain text (no markup) wrapped at word boundaries: on the run's Rich console
    when the command prints through one (so it joins a paged output), else as it is."""
    run = cli()
    if run.console is not None:
        run.console.print(text, markup=False)
        return
    typer.echo(fit(text))


# Control characters (a terminal's escape sequences start with ESC) in text a person typed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: str, *, markup: bool = True) -> str:
    """Return text a person typed (an activity, a note) fit to print as it is: control
    characters shown as "?", and for Rich (``markup``) its brackets escaped, so "[/]" or
    "[link=...]" print as written instead of being read as markup."""
    shown = _CONTROL.sub("?", text)
    if not markup:
        return shown
    from rich.markup import escape

    return escape(shown)


def open_store() -> Store:
    """Return the person's store, upgrading the database first (and saying so)."""
    run = cli()
    if run.store is not None:
        return run.store
    from backcoach.store import DatabaseError, Store

    url = run.settings.database_url
    shown = shown_url(url)
    from backcoach.store.settings import sqlite_file

    path = sqlite_file(url)
    if path is not None and run.database is not None and not path.parent.is_dir():
        fail(_("--db {url}: the folder {folder} does not exist; create it first, or choose "
               "another place").format(url=shown_url(run.database), folder=path.parent))
    try:
        store, applied = Store.open(url)
    except DatabaseError as exc:
        typer.echo(f"backcoach: {exc}", err=True)
        raise typer.Exit(1) from exc
    except Exception as exc:  # a wrong URL, an unreachable server, a locked file
        fail(_("cannot open the database {url}: {error} (check --db or "
               "BACKCOACH_DATABASE_URL)").format(
            url=shown, error=f"{exc.__class__.__name__}: "
            f"{shown_url(str(exc).splitlines()[0]) if str(exc) else ''}"))
    # Close the connections when the command ends (PostgreSQL would otherwise keep them).
    context = get_current_context(silent=True)
    if context is not None:
        context.call_on_close(store.engine.dispose)
    run.store = store
    if applied and applied[0] == "0001":
        typer.echo(_("backcoach: created the database {url} (schema {schema}).").format(
            url=shown, schema=applied[-1]), err=True)
    elif applied:
        typer.echo(_("backcoach: upgraded the database to schema {schema} (applied "
                     "{applied}); your records are kept.").format(
            schema=applied[-1], applied=", ".join(applied)), err=True)
    return store


def read_records() -> Reader:
    """Return the person's record for a read command: straight from an up-to-date SQLite
    file with sqlite3 when there is one (SQLAlchemy, two thirds of the start-up, is then
    never imported), else the Store, which creates or upgrades the database and says so."""
    from backcoach.store.records import open_sqlite
    from backcoach.store.settings import LOCAL_USER, sqlite_file

    run = cli()
    path = sqlite_file(run.settings.database_url) if run.store is None else None
    records = open_sqlite(path, LOCAL_USER) if path is not None else None
    if records is None:
        return open_store()
    context = get_current_context(silent=True)
    if context is not None:
        context.call_on_close(records.close)
    return records


def fail(message: str) -> NoReturn:
    """Print a one-line usage error to stderr and exit with code 2."""
    typer.echo(_("backcoach: error: {message}").format(message=message), err=True)
    raise typer.Exit(2)


def parse_day(text: str | None, option: str = "--date") -> date:
    """Return the day written as YYYY-MM-DD (today when None); fail with a hint otherwise."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(_("{option} '{text}' is not a date; write it as YYYY-MM-DD, e.g. "
               "2026-11-27").format(option=option, text=text))


def choose(option: str, value: str | None, allowed: Iterable[str]) -> str | None:
    """Return ``value`` if it is allowed; otherwise fail naming the closest choice."""
    if value is None:
        return None
    choices = list(allowed)
    if value in choices:
        return value
    import difflib

    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.4)
    if close:
        fail(_("{option} '{value}' is not known; did you mean '{close}'? (choose from: "
               "{choices})").format(option=option, value=value, close=close[0],
                                    choices=", ".join(choices)))
    fail(_("{option} '{value}' is not known (choose from: {choices})").format(
        option=option, value=value, choices=", ".join(choices)))


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout, keys in schema order."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
    sys.stdout.write("\n")
