"""Export a person's whole record to one JSON document, and import it back without loss.

Usage::

    doc = export_user(store)                   # an ExportDocument
    write_document(doc, Path("backup.json"))
    doc = read_document(Path("backup.json"))   # raises BackupError, naming every problem
    import_user(other_store, doc)              # all or nothing; refuses a non-empty target

The document holds everything of one user: the profile versions, clearances, plans,
sessions with every set as stored, pain check-ins and the PSFS activities with their
ratings. Database ids are left out (rows keep their order instead), so a document moves
between SQLite and PostgreSQL, and between users.

Import policy: a target that already holds records for the user is refused unless
``replace=True``, which deletes those records and writes the document's in the same
transaction. Nothing is ever merged or doubled. Everything is validated before anything is
written (the schema, the exercise, variant and program ids against the catalog, no dates
in the future), and the write is one transaction: if any row fails, nothing is written.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from backcoach._strict import StrictModel, Timestamp
from backcoach.catalog import Catalog
from backcoach.catalog.vocab import Phase
from backcoach.errors import ConflictError, InvalidError, TooLargeError
from backcoach.history import Side, StopReason
from backcoach.i18n import N_, _
from backcoach.limits import (
    MAX_EXERCISES,
    MAX_FILE_BYTES,
    MAX_NOTE,
    MAX_SESSIONS,
    MAX_SETS,
    error_text,
    within_window,
)
from backcoach.profile import Profile
from backcoach.store.repository import RecordError, Store

FORMAT = "backcoach-export"
# 3: moments carry their UTC offset (version 2 files, without, are read as local time).
# 2: clearances list the findings they cover, and the answers no longer hold a
# "doctor_cleared" boolean. Version 1 files are read and converted (see _from_version_1).
FORMAT_VERSION = 3
SessionStatus = Literal["planned", "started", "completed", "stopped"]


class BackupError(InvalidError):
    """An export document cannot be read or imported: ``problems`` lists every reason,
    ``source`` names the file (or "export", "the database")."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__("\n".join(f"{source}: {p}" for p in problems))
        self.source = source
        self.problems = problems


class _Strict(StrictModel):
    # strict: no "5" for 5 or 1 for true; a backup is written by backcoach, not by hand.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # In every text, however deep (a plan's JSON too): PostgreSQL cannot store U+0000.
        if _has_nul(value):
            raise ValueError(_("remove the NUL character (\\0) from the text"))
        return value


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class ExportedUser(_Strict):
    name: str = Field(min_length=1, max_length=100)
    created_at: Timestamp


class ExportedProfile(_Strict):
    """One version of the person's answers, and when it was given."""

    created_at: Timestamp
    data: Profile


class ExportedClearance(_Strict):
    date: date
    note: str | None = Field(max_length=2000)
    covers: list[str] = Field(max_length=100)
    created_at: Timestamp


class ExportedPlan(_Strict):
    """A plan as given on its day; ``data`` is the plan's JSON, kept as it was then."""

    date: date
    phase: Phase | None
    data: dict[str, Any]
    created_at: Timestamp


class ExportedSet(_Strict):
    """One set as stored: its place in the session, the exercise item it belongs to."""

    position: int = Field(ge=0)
    item: int = Field(ge=0)
    exercise: str = Field(min_length=1, max_length=60)
    variant: str | None = Field(max_length=60)
    side: Side
    reps: int | None = Field(ge=0, le=500)
    hold_seconds: float | None = Field(ge=0, le=3600)
    minutes: float | None = Field(ge=0, le=240)
    skipped: bool
    step: int | None = Field(default=None, ge=0)  # from schema 0003; absent in older files


class ExportedSession(_Strict):
    date: date
    phase: Phase
    program: str | None = Field(max_length=60)
    status: SessionStatus
    stopped_reason: StopReason | None
    pain_before: int | None = Field(ge=0, le=10)
    pain_after: int | None = Field(ge=0, le=10)
    effort: int | None = Field(ge=0, le=10)
    notes: str | None = Field(max_length=2000)
    started_at: Timestamp | None
    finished_at: Timestamp | None
    created_at: Timestamp
    sets: list[ExportedSet] = Field(max_length=MAX_EXERCISES * MAX_SETS)

    @model_validator(mode="after")
    def _consistent(self) -> ExportedSession:
        if self.status == "completed" and self.stopped_reason is not None:
            raise ValueError(_("a completed session has no stopped_reason"))
        positions = [s.position for s in self.sets]
        if len(set(positions)) != len(positions):
            raise ValueError(_("two sets share one position"))
        for step, n in Counter(s.step for s in self.sets if s.step is not None).items():
            if n > 1:
                raise ValueError(_("{count} sets record step {step}; a step of the guided "
                                   "session has one set (done again, it replaces the old "
                                   "one)").format(count=n, step=step))
        items: dict[int, tuple[str, str | None, bool]] = {}
        for one in self.sets:
            what = (one.exercise, one.variant, one.skipped)
            if items.setdefault(one.item, what) != what:
                raise ValueError(_("the sets of item {item} name different exercises, "
                                   "variants or skipped flags").format(item=one.item))
        return self


class ExportedPain(_Strict):
    at: Timestamp
    pain: int = Field(ge=0, le=10)
    note: str | None = Field(max_length=MAX_NOTE)


class ExportedRating(_Strict):
    date: date
    score: int = Field(ge=0, le=10)


class ExportedActivity(_Strict):
    """A PSFS activity the person named, with every rating of it."""

    name: str = Field(min_length=1, max_length=200)
    created_at: Timestamp
    ratings: list[ExportedRating] = Field(max_length=MAX_SESSIONS)

    @field_validator("name")
    @classmethod
    def _trimmed(cls, name: str) -> str:
        if name != name.strip() or not name.strip():
            raise ValueError(_("an activity name has no spaces at either end"))
        return name


class ExportDocument(_Strict):
    """Everything of one user, as ``backcoach export`` writes it (format version 3)."""

    format: Literal["backcoach-export"]
    format_version: Literal[2, 3]
    exported_at: Timestamp
    user: ExportedUser
    profiles: list[ExportedProfile] = Field(max_length=MAX_SESSIONS)
    clearances: list[ExportedClearance] = Field(max_length=MAX_SESSIONS)
    plans: list[ExportedPlan] = Field(max_length=MAX_SESSIONS)
    sessions: list[ExportedSession] = Field(max_length=MAX_SESSIONS)
    pain_checkins: list[ExportedPain] = Field(max_length=MAX_SESSIONS)
    psfs_activities: list[ExportedActivity] = Field(max_length=5)

    @model_validator(mode="after")
    def _unique(self) -> ExportDocument:
        problems = []
        for day, n in Counter(p.date for p in self.plans).items():
            if n > 1:
                problems.append(_("{count} plans for {day}; a day has one plan").format(
                    count=n, day=day))
        for name, n in Counter(a.name for a in self.psfs_activities).items():
            if n > 1:
                problems.append(_("the activity '{name}' is listed {count} times").format(
                    name=name, count=n))
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def counts(self) -> dict[str, int]:
        """Return how many rows of each kind the document holds."""
        return {
            "profiles": len(self.profiles), "clearances": len(self.clearances),
            "plans": len(self.plans), "pain_checkins": len(self.pain_checkins),
            "sessions": len(self.sessions),
            "sets": sum(len(s.sets) for s in self.sessions),
            "psfs_activities": len(self.psfs_activities),
            "psfs_ratings": sum(len(a.ratings) for a in self.psfs_activities),
        }


# Where in a document, by the list and the position in it (N_: said in the run's language).
_SINGULAR = {"profiles": N_("profile {number}"), "clearances": N_("clearance {number}"),
             "plans": N_("plan {number}"), "sessions": N_("session {number}"),
             "sets": N_("set {number}"), "pain_checkins": N_("pain check-in {number}"),
             "psfs_activities": N_("PSFS activity {number}"),
             "ratings": N_("rating {number}")}


def _where(loc: tuple[int | str, ...]) -> str:
    """Return "session 3, set 2: reps" for ("sessions", 2, "sets", 1, "reps")."""
    parts: list[str] = []
    fields: list[str] = []
    items = list(loc)
    for i, part in enumerate(items):
        if isinstance(part, int):
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        if isinstance(nxt, int) and part in _SINGULAR:
            if fields:
                parts.append(".".join(fields))
                fields = []
            parts.append(_(_SINGULAR[part]).format(number=nxt + 1))
        else:
            fields.append(part)
    if fields:
        parts.append(".".join(fields))
    return ", ".join(parts) or _("(document)")


def parse_document(text: str | bytes, source: str = "export") -> ExportDocument:
    """Return the validated document in ``text``; raises :class:`BackupError`.

    A current document is parsed once, by pydantic's own parser; only a document that fails
    (an older version, or not an export at all) is read again to say why.
    """
    try:
        return ExportDocument.model_validate_json(text)
    except ValidationError as first:
        found = first
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError(source, [_("not valid JSON ({error}); is the file cut "
                                     "short?").format(error=exc)]) from exc
    if isinstance(raw, list):
        raise BackupError(source, [_("this is a list of sessions, not a backcoach export; "
                                     "record it with 'backcoach log --file'")])
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BackupError(source, [_("not a backcoach export (it has no \"format\": "
                                     "\"{format}\")").format(format=FORMAT)])
    version = raw.get("format_version")
    if version not in (1, 2, FORMAT_VERSION):
        raise BackupError(source, [_("format version {version}; this backcoach reads "
                                     "versions 1 to {newest} (a newer backcoach may read "
                                     "it)").format(version=repr(version),
                                                   newest=FORMAT_VERSION)])
    try:
        if version == 1:
            return ExportDocument.model_validate_json(json.dumps(_from_version_1(raw)))
        raise found
    except ValidationError as exc:
        raise BackupError(source, [f"{_where(tuple(err['loc']))}: {error_text(err)}"
                                   for err in exc.errors()]) from exc


def _from_version_1(raw: dict[str, Any]) -> dict[str, Any]:
    """Return a version 1 document as version 2, as migration 0006 converts a database:
    each clearance covers what the answers in force when it was recorded held; answers that
    said "doctor_cleared" without a clearance record become a clearance dated at them; the
    boolean leaves the answers. A malformed part is passed on for validation to name."""
    from backcoach.screening import clearable_findings

    doc = {**raw, "format_version": FORMAT_VERSION}
    versions = [p for p in raw.get("profiles") or [] if isinstance(p, dict)
                and isinstance(p.get("data"), dict) and isinstance(p.get("created_at"), str)]
    versions.sort(key=lambda p: p["created_at"])

    def covers(data: dict[str, Any]) -> list[str]:
        try:
            answers = Profile.model_validate(
                {k: v for k, v in data.items() if k != "doctor_cleared"})
        except ValidationError:
            return []  # the profile itself is refused below, naming the field
        from backcoach.catalog import load_catalog

        return clearable_findings(answers, load_catalog())

    def in_force(at: str) -> dict[str, Any] | None:
        before = [p for p in versions if p["created_at"] <= at]
        chosen = before[-1] if before else (versions[0] if versions else None)
        return chosen["data"] if chosen else None

    old = [c for c in raw.get("clearances") or [] if isinstance(c, dict)]
    converted = []
    for clearance in old:
        data = in_force(str(clearance.get("created_at", "")))
        converted.append({**clearance, "covers": covers(data) if data else []})
    previous: dict[str, Any] | None = None
    for version in versions:
        cleared = bool(version["data"].get("doctor_cleared"))
        since = previous["created_at"] if previous else ""
        starts = cleared and not (previous and previous["data"].get("doctor_cleared"))
        if starts and not any(since <= str(c.get("created_at", "")) <= version["created_at"]
                              for c in old):
            day = version["created_at"][:10]
            converted.append({"date": day, "created_at": version["created_at"],
                              "covers": covers(version["data"]),
                              "note": f"From your answers of {day}, which said a doctor had "
                              "seen them (recorded before clearances were dated records)."})
        previous = version
    doc["clearances"] = sorted(converted, key=lambda c: str(c.get("created_at", "")))
    doc["profiles"] = [
        {**p, "data": {k: v for k, v in p["data"].items() if k != "doctor_cleared"}}
        if isinstance(p, dict) and isinstance(p.get("data"), dict) else p
        for p in raw.get("profiles") or []]
    return doc


def read_document(path: Path) -> ExportDocument:
    """Return the document in the JSON file ``path``; raises :class:`BackupError`."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TooLargeError(_("{path}: the file is {size} MiB; backcoach imports files "
                                  "up to {limit} MiB (ten years of daily sessions take a "
                                  "few)").format(path=path, size=f"{size / 2**20:.0f}",
                                                 limit=MAX_FILE_BYTES // 2**20),
                                field="file")
        text = path.read_bytes()
    except OSError as exc:
        raise BackupError(str(path), [_("cannot read it ({error})").format(
            error=exc.strerror)]) from exc
    return parse_document(text, str(path))


def write_document(doc: ExportDocument, path: Path) -> None:
    """Write ``doc`` as indented JSON; the file appears whole or not at all.

    Only a regular file is replaced (or a new one written): a device such as /dev/full,
    a folder or a pipe is refused, raising :class:`InvalidError` naming ``file``."""
    if path.exists() and not path.is_file():
        raise InvalidError(_("{path} is not a regular file; give the path of a file to "
                             "write (it is replaced if it exists)").format(path=path),
                           field="file")
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_text(doc.model_dump_json(indent=2) + "\n", encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def export_user(store: Store, *, now: datetime | None = None) -> ExportDocument:
    """Return everything the store's user recorded, as one document."""
    rows = store.user_rows()
    try:
        return ExportDocument.model_validate(
            {"format": FORMAT, "format_version": FORMAT_VERSION,
             "exported_at": store.zone.attach(now) if now else store.zone.now(), **rows},
            strict=False,  # rows come from the database, already typed
        )
    except ValidationError as exc:  # pragma: no cover - only a database edited by hand
        raise BackupError("the database", [f"{_where(tuple(err['loc']))}: {err['msg']}"
                                           for err in exc.errors()]) from exc


def check_document(doc: ExportDocument, *, catalog: Catalog, today: date) -> list[str]:
    """Return what is wrong with ``doc`` beyond its shape: unknown ids, future dates."""
    problems = _out_of_window(doc, today)
    for n, session in enumerate(doc.sessions, start=1):
        where = _("session {number} ({day})").format(number=n, day=session.date)
        if session.date > today:
            problems.append(_("{where}: the date is in the future (today is {today})").format(
                where=where, today=today))
        if session.program is not None and session.program not in catalog.programs:
            problems.append(_("{where}: unknown program '{program}'").format(
                where=where, program=session.program)
                + catalog.suggestion(session.program, catalog.programs))
        for one in session.sets:
            ex = catalog.exercises.get(one.exercise)
            where_set = _("{where}, set {number}").format(where=where, number=one.position + 1)
            if ex is None:
                problems.append(_("{where}: unknown exercise '{exercise}'").format(
                    where=where_set, exercise=one.exercise)
                    + catalog.suggestion(one.exercise, catalog.exercises))
            elif one.variant and one.variant not in {v.id for v in ex.variants}:
                problems.append(_("{where}: exercise '{exercise}' has no variant "
                                  "'{variant}'").format(where=where_set, exercise=ex.id,
                                                        variant=one.variant))
    for n, clearance in enumerate(doc.clearances, start=1):
        if clearance.date > today:
            problems.append(_("clearance {number}: the date {day} is in the future").format(
                number=n, day=clearance.date))
    for n, check_in in enumerate(doc.pain_checkins, start=1):
        if check_in.at.date() > today:
            problems.append(_("pain check-in {number}: the time {time} is in the "
                              "future").format(number=n, time=check_in.at))
    for activity in doc.psfs_activities:
        for rating in activity.ratings:
            if rating.date > today:
                problems.append(_("PSFS activity '{name}': the rating date {day} is in the "
                                  "future").format(name=activity.name, day=rating.date))
    return problems


def _out_of_window(doc: ExportDocument, today: date) -> list[str]:
    """Return the dates more than ten years from today, as the API refuses them."""
    def at(key: str, number: int) -> str:
        return _(_SINGULAR[key]).format(number=number)

    dated: list[tuple[str, date]] = [("exported_at", doc.exported_at.date()),
                                     ("user.created_at", doc.user.created_at.date())]
    dated += [(at("profiles", n), p.created_at.date()) for n, p in enumerate(doc.profiles, 1)]
    dated += [(at("clearances", n), c.date) for n, c in enumerate(doc.clearances, 1)]
    dated += [(at("plans", n), p.date) for n, p in enumerate(doc.plans, 1)]
    dated += [(at("sessions", n), s.date) for n, s in enumerate(doc.sessions, 1)]
    dated += [(at("pain_checkins", n), p.at.date())
              for n, p in enumerate(doc.pain_checkins, 1)]
    dated += [(_("PSFS activity '{name}'").format(name=a.name), r.date)
              for a in doc.psfs_activities for r in a.ratings]
    return [_("{where}: {day} is more than ten years from today ({today})").format(
        where=where, day=day, today=today)
        for where, day in dated if not within_window(day, today)]


def _rows(doc: ExportDocument) -> dict[str, Any]:
    rows = doc.model_dump(exclude={"format", "format_version", "exported_at"})
    # Profiles are stored as their JSON, exactly as Store.save_profile writes them.
    rows["profiles"] = [{"created_at": p.created_at, "data": p.data.model_dump(mode="json")}
                        for p in doc.profiles]
    return rows


def import_user(store: Store, doc: ExportDocument, *, catalog: Catalog | None = None,
                today: date | None = None, replace: bool = False,
                source: str = "export") -> dict[str, int]:
    """Write ``doc`` into the store's user in one transaction; return the counts written.

    Refuses with :class:`BackupError` (writing nothing) when the document names unknown
    exercises or programs or dates in the future, or when the user already has records
    and ``replace`` is false. With ``replace`` the old records are deleted in the same
    transaction as the new ones are written.
    """
    if catalog is None:
        from backcoach.catalog import load_catalog

        catalog = load_catalog()
    problems = check_document(doc, catalog=catalog, today=today or date.today())
    if problems:
        raise BackupError(source, problems)
    try:
        store.load_user_rows(_rows(doc), replace=replace)
    except (RecordError, ConflictError) as exc:  # rows refused, or records already there
        raise BackupError(source, [str(exc)]) from exc
    return doc.counts()
