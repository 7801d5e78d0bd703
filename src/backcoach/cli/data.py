"""Moving records in and out: export, import, calendar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.app import app, fail, open_store, parse_day, say
from backcoach.cli.lang import shown_day
from backcoach.i18n import _
from backcoach.words import plural

if TYPE_CHECKING:
    from backcoach.store import Store

# One line on stderr even when a file has many problems: the first few, then a count.
MAX_PROBLEMS_SHOWN = 5


def _problems(problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_PROBLEMS_SHOWN])
    more = len(problems) - MAX_PROBLEMS_SHOWN
    return shown + ("; " + _("and {count} more").format(count=more) if more > 0 else "")


@contextmanager
def _opened() -> Iterator[Store]:
    """The person's store, its connections closed when the command is done."""
    store = open_store()
    try:
        yield store
    finally:
        store.engine.dispose()


def _summary(counts: dict[str, int]) -> str:
    profiles = plural(counts["profiles"], "profile version")
    sessions = plural(counts["sessions"], "session")
    sets = plural(counts["sets"], "set")
    checkins = plural(counts["pain_checkins"], "pain check-in")
    activities = plural(counts["psfs_activities"], "PSFS activity", "PSFS activities")
    ratings = plural(counts["psfs_ratings"], "rating")
    clearances = plural(counts["clearances"], "clearance")
    plans = plural(counts["plans"], "plan")
    return (f"{profiles}, {sessions} ({sets}), {checkins}, {activities} ({ratings}), "
            f"{clearances}, {plans}")


@app.command()
def export(
    file: Annotated[Path, typer.Argument(help="The JSON file to write (replaced if it "
                                         "exists).")],
) -> None:
    """Write everything you recorded to one JSON file: a backup, or to move elsewhere."""
    from backcoach.store.backup import export_user, write_document

    with _opened() as store:
        doc = export_user(store)
    try:
        write_document(doc, file)
    except OSError as exc:
        fail(_("{file}: cannot write it ({error})").format(file=file, error=exc.strerror))
    typer.echo(_("Exported {records} to {file}.").format(records=_summary(doc.counts()),
                                                         file=file))


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A file written by 'backcoach export'.")],
    replace: Annotated[bool, typer.Option("--replace", help="Delete the records already in "
                                          "this database and take the file's instead.")
                       ] = False,
) -> None:
    """Read back a file written by 'backcoach export': all of it, or nothing."""
    from backcoach.store.backup import BackupError, import_user, read_document

    try:
        doc = read_document(file)
    except BackupError as exc:
        fail(_("{file}: {problems}; nothing was imported").format(
            file=exc.source, problems=_problems(exc.problems)))
    with _opened() as store:
        if not replace and any(store.record_counts().values()):
            fail(_("this database already has records; nothing was imported. Import into an "
                   "empty database (--db), or add --replace to delete them and take the "
                   "file's (run 'backcoach export' first to keep a copy)"))
        try:
            counts = import_user(store, doc, today=date.today(), replace=replace,
                                 source=str(file))
        except BackupError as exc:
            fail(_("{file}: {problems}; nothing was imported").format(
                file=exc.source, problems=_problems(exc.problems)))
    typer.echo(_("Imported {records} (exported {when} by '{name}').").format(
        records=_summary(counts), when=f"{store.zone.attach(doc.exported_at):%Y-%m-%d %H:%M}",
        name=doc.user.name))


def _clock(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        fail(_("--time '{text}' is not a time of day; write it as HH:MM, e.g. "
               "07:30").format(text=text))
    return time(int(match[1]), int(match[2]))


@app.command()
def calendar(
    out: Annotated[Path, typer.Option("--out", help="The .ics file to write.")],
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=52,
                                       help="How many weeks ahead.")] = 4,
    at: Annotated[str, typer.Option("--time", help="When to train, HH:MM (the entry month "
                                    "is meant for mornings).")] = "08:00",
    reminder: Annotated[int, typer.Option("--reminder", min=0, max=1440,
                                          help="Minutes before the session that the phone "
                                          "reminds you.")] = 15,
    on: Annotated[str | None, typer.Option("--date", help="First day (YYYY-MM-DD); default "
                                           "today.")] = None,
) -> None:
    """Write your training days as calendar events with a reminder, for your phone.

    Import the file into your calendar app; a newer file updates the same events.
    """
    from backcoach import coach
    from backcoach.calendar_ics import calendar_ics
    from backcoach.cli.app import run_catalog
    from backcoach.errors import ConflictError

    start_time = _clock(at)
    first = parse_day(on)
    catalog = run_catalog()
    with _opened() as store:
        try:
            plans = coach.calendar(store, catalog, start=first, weeks=weeks,
                                   today=date.today())
        except coach.NoProfileError:
            fail(_("no profile yet: run 'backcoach onboard' first, then make the "
                   "calendar"))
        except ConflictError as exc:
            fail(str(exc))
        user = store.user_name
    data = calendar_ics(plans, catalog=catalog, start=start_time, reminder_minutes=reminder,
                        generated_at=datetime.now(UTC), user=user)
    try:
        out.write_bytes(data)
    except OSError as exc:
        fail(_("{file}: cannot write it ({error})").format(file=out, error=exc.strerror))
    say(_("Wrote {sessions} from {first} to {last} at {time}, each with a reminder {minutes} "
          "before, to {file}. Import it into your calendar app.").format(
        sessions=plural(len(plans), "training session"), first=shown_day(plans[0].date),
        last=shown_day(plans[-1].date), time=f"{start_time:%H:%M}",
        minutes=plural(reminder, "minute"), file=out))
