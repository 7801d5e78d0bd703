"""Recording commands: log, history, pain, psfs."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.cli.app import (
    WideOpt,
    app,
    fail,
    literal,
    next_step,
    open_store,
    parse_day,
    print_json,
    read_records,
    say,
)
from backcoach.cli.ask import ask_int, ask_text, confirm
from backcoach.cli.lang import decimal, shown_day, stop_reason
from backcoach.i18n import N_, _, ngettext
from backcoach.terms import phase_word
from backcoach.words import amount, number, plural

if TYPE_CHECKING:
    from rich.table import Table

    from backcoach.history import ExerciseDone, SessionRecord
    from backcoach.planner import PlannedItem

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
STOP_REASONS = ("pain", "spasm", "tired", "other")


def _pain(value: int | None, option: str) -> int | None:
    if value is not None and not 0 <= value <= 10:
        fail(_("{option} {value} is out of range: pain is from 0 (none) to 10 (worst "
               "imaginable)").format(option=option, value=value))
    return value


def _as_done(item: PlannedItem, *, reps: int | None = None,
             hold: float | None = None) -> ExerciseDone:
    from backcoach.history import ExerciseDone, SetDone

    sides = ("left", "right") if item.per_side else ("both",)
    sets = [SetDone(reps=item.reps if reps is None else reps,
                    hold_seconds=item.hold_seconds if hold is None else hold,
                    minutes=item.minutes, side=side)
            for _ in range(item.sets) for side in sides]
    return ExerciseDone(exercise=item.exercise, variant=item.variant, sets=sets)


def _interactive(items: list[PlannedItem]) -> list[ExerciseDone]:
    done = []
    for item in items:
        answer = ""
        answers = {_("y"): "y", _("n"): "n", _("s"): "s", "y": "y", "n": "n", "s": "s"}
        while answer not in ("y", "n", "s"):
            typed = ask_text(_("{exercise}: {dose}. Done as planned? [y/n/s=skipped]").format(
                exercise=item.exercise_name, dose=item.dose_text), _("y")).strip().lower()
            answer = answers.get(typed, typed)
        if answer == "s":
            continue
        if answer == "y":
            done.append(_as_done(item))
            continue
        reps = hold = None
        if item.reps is not None:
            reps = ask_int("  " + _("Reps done in each set"), 0, 500, item.reps)
        if item.hold_seconds is not None:
            hold = ask_int("  " + _("Seconds held"), 0, 3600, item.hold_seconds)
        done.append(_as_done(item, reps=reps, hold=hold))
    return done


def _records_from_file(path: Path) -> list[SessionRecord]:
    from backcoach.errors import InvalidError
    from backcoach.files import read_structured
    from backcoach.history import HistoryError, parse_history

    try:
        data: Any = read_structured(path, "sessions", toml=False)
    except InvalidError as exc:
        fail(exc.message)
    try:
        return parse_history(data if isinstance(data, list) else [data], str(path))
    except HistoryError as exc:
        fail("; ".join(str(exc).splitlines()))


@app.command()
def log(
    file: Annotated[Path | None, typer.Option("--file", help="Sessions as JSON (one object "
                                              "or a list), in the format of --history.")] = None,
    done: Annotated[bool, typer.Option("--done", help="Record today's planned session as done "
                                       "in full, without questions.")] = False,
    on: Annotated[str | None, typer.Option("--date", help="The day of the session "
                                           "(YYYY-MM-DD); default today.")] = None,
    pain_before: Annotated[int | None, typer.Option(help="Pain before, 0-10.")] = None,
    pain_after: Annotated[int | None, typer.Option(help="Pain after, 0-10.")] = None,
    effort: Annotated[int | None, typer.Option(help="How hard it felt, 0-10.")] = None,
    stopped: Annotated[str | None, typer.Option(help="Stopped early, and why: pain, spasm, "
                                                "tired or other.")] = None,
    note: Annotated[str | None, typer.Option(help="Anything worth remembering.")] = None,
    again: Annotated[bool, typer.Option("--again", help="Record another session on a day "
                                        "that already has one.")] = False,
) -> None:
    """Record a session: today's plan, asked item by item, or from flags or a JSON file."""
    from backcoach import coach
    from backcoach.cli.app import run_catalog
    from backcoach.errors import InvalidError
    from backcoach.history import SessionRecord

    catalog = run_catalog()
    store = open_store()
    today = date.today()
    if file is not None:
        records = _records_from_file(file)
        try:
            ids = coach.log_sessions(store, catalog, records, today=today)
        except InvalidError as exc:
            fail(_("{file}: {error}; nothing was recorded").format(file=file, error=exc))
        say(_("Recorded {sessions}.").format(sessions=plural(len(ids), "session")))
        return
    day = parse_day(on)
    if stopped is not None and stopped not in STOP_REASONS:
        fail(_("--stopped '{stopped}' is not a reason; use one of: {reasons}").format(
            stopped=stopped, reasons=", ".join(STOP_REASONS)))
    _pain(pain_before, "--pain-before")
    _pain(pain_after, "--pain-after")
    _pain(effort, "--effort")
    try:
        plan = coach.plan(store, catalog, day, again=again)
    except coach.NoProfileError:
        fail(_("no profile yet: run 'backcoach onboard' first, or log with --file"))
    if plan.today.status in ("done", "rest_after_stop"):
        done_before = len(plan.today.done)
        hint = (_("add --again to record another") if plan.today.status == "done"
                else _("a session stopped for pain ends the day; to record other work anyway, "
                       "use --file"))
        fail(_("{sessions} of {day} already recorded ({reason}); {hint}").format(
            sessions=plural(done_before, "session"), day=shown_day(day),
            reason=plan.today.reason, hint=hint))
    if not plan.today.items or plan.phase in (None, "rest"):
        why = plan.screening.headline if plan.today.status == "not_allowed" \
            else plan.today.reason
        fail(_("there is no planned session for {day} ({why}); to log other work, use "
               "--file").format(day=shown_day(day), why=why))
    if done:
        exercises = [_as_done(item) for item in plan.today.items]
    else:
        say(_("Logging your session of {day} ({exercises}).").format(
            day=shown_day(day), exercises=plural(len(plan.today.items), "exercise")))
        if pain_before is None:
            pain_before = ask_int(_("Pain before the session, Enter to skip"), 0, 10,
                                  required=False)
        exercises = _interactive(plan.today.items)
        if stopped is None and confirm(_("Did you stop early?"), default=False):
            stopped = _why_stopped()
        if pain_after is None:
            pain_after = ask_int(_("Pain after the session, Enter to skip"), 0, 10,
                                 required=False)
        if effort is None:
            effort = ask_int(_("How hard was it, Enter to skip"), 0, 10, required=False)
    record = SessionRecord(
        date=day, phase=plan.phase, program=plan.programs[0] if plan.programs else None,
        completed=stopped is None, stopped_reason=stopped,
        pain_before=pain_before, pain_after=pain_after, effort=effort, notes=note,
        exercises=exercises,
    )
    try:
        coach.log_session(store, catalog, record, today=today)
    except InvalidError as exc:
        fail(_("{error}; nothing was recorded").format(error=exc))
    sets = sum(len(e.sets) for e in exercises)
    done_text = _("{exercises}, {sets}").format(exercises=plural(len(exercises), "exercise"),
                                                sets=plural(sets, "set"))
    say((_("Recorded {day}: {done}, stopped ({reason}).") if stopped
         else _("Recorded {day}: {done}.")).format(
        day=shown_day(day), done=done_text, reason=stop_reason(stopped)))
    from backcoach.progression import setback_of

    what = setback_of(record)
    if what is not None:
        say(_("The session {what}: no more exercise today, and the next plan steps back. If "
              "the pain is sharp, spreads down a leg or does not settle, see a doctor "
              "('backcoach guide pain').").format(what=what))
        return
    next_step(_("backcoach progress  (how pain, function and adherence are changing)"))


def _why_stopped() -> str:
    """Ask why the session stopped: one of :data:`STOP_REASONS`, or (in another language)
    its word."""
    from backcoach.cli.lang import english

    words = {stop_reason(reason).lower(): reason for reason in STOP_REASONS}
    stopped = ""
    while stopped not in STOP_REASONS:
        shown = STOP_REASONS if english() else tuple(words)
        typed = ask_text(_("Why?") + f" [{'/'.join(shown)}]").strip()
        stopped = words.get(typed.lower(), typed)
    return stopped


TABLE_SESSIONS = 30  # the table's default: the latest month or so, not years of rows


@app.command()
def history(
    since: Annotated[str | None, typer.Option(help="Only sessions from this day on "
                                              "(YYYY-MM-DD).")] = None,
    last: Annotated[int | None, typer.Option(
        min=1, max=1_000_000, metavar="N", help=N_(
            "Only the latest N sessions. Without it (or --since) the table shows the latest "
            "{count} and --json all of them.", count=str(TABLE_SESSIONS)))] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every session, in the table "
                                           "too.")] = False,
    as_json: JsonOpt = False,
    wide: WideOpt = False,
) -> None:
    """List the sessions you have logged, oldest first."""
    if show_all and last is not None:
        fail(_("--all and --last N ask for different things; give one of them"))
    start = parse_day(since, "--since") if since else None
    records = read_records()
    if last is None and not (show_all or as_json or start):
        last = TABLE_SESSIONS
    stored = records.sessions(since=start, latest=last)
    if as_json:
        print_json([{"id": s.id, **s.record.model_dump(mode="json")} for s in stored])
        return
    if not stored:
        say(_("No sessions logged yet. After a session, run 'backcoach log'.")
            if start is None else _("No sessions logged since {day}.").format(
                day=shown_day(start)))
        return
    total = len(stored) if last is None else records.count_sessions(finished=True, since=start)
    title = (plural(total, "session") if total == len(stored) else
             ngettext("The latest {shown} of {total} session ('--all' or '--since YYYY-MM-DD' "
                      "for more)",
                      "The latest {shown} of {total} sessions ('--all' or '--since YYYY-MM-DD' "
                      "for more)", total).format(shown=len(stored), total=number(total)))
    from backcoach.cli import output

    with output.paged() as out:
        out.print(_history_table(title, [s.record for s in stored]))


def _history_table(title: str, records: list[SessionRecord]) -> Table:
    """Return the sessions as a table of names (the program's, not its id); the counts and
    then the phase are what a narrow terminal hides first."""
    from rich.markup import escape

    from backcoach.cli.lang import program_names
    from backcoach.cli.output import Column, table

    names = program_names()
    columns = (Column(_("date")), Column(_("phase"), hide=3),
               Column(ngettext("program", "programs", 1), whole=True), Column(_("status")),
               Column(_("pain")),
               Column(_("exercises"), hide=2, justify="right"),
               Column(_("sets"), hide=1, justify="right"))
    rows = []
    for r in records:
        pain = "" if r.pain_before is None and r.pain_after is None else \
            f"{'-' if r.pain_before is None else r.pain_before}\u2192" \
            f"{'-' if r.pain_after is None else r.pain_after}"
        status = _("done") if r.completed else _("stopped ({reason})").format(
            reason=stop_reason(r.stopped_reason))
        program = names.get(r.program, r.program) if r.program else "-"
        rows.append((str(r.date), phase_word(r.phase), escape(program), status, pain,
                     str(len(r.exercises)), str(sum(len(e.sets) for e in r.exercises))))
    return table(title, columns, rows)


@app.command()
def pain(
    level: Annotated[int, typer.Argument(help="Your pain now: 0 = none, 10 = worst "
                                         "imaginable.")],
    note: Annotated[str | None, typer.Option(help="Where it hurts, what set it off.")] = None,
) -> None:
    """Record a quick pain check-in."""
    from backcoach.store import RecordError

    _pain(level, "pain")
    try:
        open_store().add_pain(level, at=datetime.now().replace(microsecond=0), note=note)
    except RecordError as exc:
        fail(str(exc))
    say(_("Recorded pain {level}/10.").format(level=level))
    from backcoach.scales import ACUTE_PAIN

    if level >= ACUTE_PAIN:
        say(_("That is severe: no exercise today. If it comes with numbness, weakness or "
              "trouble passing urine, go to an emergency department."))


@app.command()
def psfs(
    rate: Annotated[list[str] | None, typer.Option(help="'ACTIVITY=SCORE', 0 = unable, "
                                                   "10 = as before; repeat for each.")] = None,
    on: Annotated[str | None, typer.Option("--date", help="Day of the rating; default "
                                           "today.")] = None,
) -> None:
    """Rate the everyday activities your back makes hard (the functional scale)."""
    from backcoach.store import RecordError

    store = open_store()
    ratings: dict[str, int] = {}
    if rate:
        for pair in rate:
            name, sep, score = pair.rpartition("=")
            if not sep or not name.strip() or not score.strip().isdigit():
                fail(_("--rate '{pair}' is not ACTIVITY=SCORE, e.g. --rate 'Tie my "
                       "shoes=4'").format(pair=pair))
            ratings[name.strip()] = int(score)
    else:
        activities = store.psfs_activities()
        if not activities:
            say(_("Name up to five everyday activities your back makes hard (sitting an "
                  "hour, tying shoes, lifting a child...). Empty line to finish."))
            while len(activities) < 5:
                name = ask_text(_("Activity {number}").format(
                    number=len(activities) + 1)).strip()
                if not name:
                    break
                activities.append(name)
        if not activities:
            fail(_("no activities named; nothing to rate"))
        for name in activities:
            ratings[name] = ask_int(_("{activity}: 0 = unable, 10 = as before").format(
                activity=literal(name, markup=False)), 0, 10) or 0
    try:
        store.rate_psfs(ratings, on=parse_day(on), today=date.today())
    except RecordError as exc:
        fail(str(exc))
    average = sum(ratings.values()) / len(ratings)
    say(_("Recorded {ratings}; average {average}/10.").format(
        ratings=plural(len(ratings), "rating"), average=decimal(amount(average))))
