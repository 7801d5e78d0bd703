"""A person's record as the planner reads it (answers, clearances, finished sessions with
their sets) and the plan given for a day, in plain SQL on a DB-API connection.

One set of statements, run two ways, as :mod:`backcoach.store.progress_rows` does:

- :class:`~backcoach.store.Store` runs them on its engine's driver connection (sqlite3
  or psycopg), inside its own transactions;
- :func:`open_sqlite` runs them with the standard library's ``sqlite3`` on an SQLite file
  whose schema is current, so the read commands (``plan``, ``history``, ``screen``) do not
  import SQLAlchemy, which was two thirds of their start-up. It answers None when it
  cannot (no file, a schema to upgrade, nobody recorded yet): the caller opens the Store,
  which creates or upgrades first.

Start-up budget served (benchmarks/cli_startup.py): a read command that opens the
database within 2x the CPU time of ``backcoach --help``. No SQLAlchemy is imported here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from backcoach.errors import UnavailableError
from backcoach.i18n import _
from backcoach.store.progress_rows import ParamStyle
from backcoach.store.settings import BUSY_TIMEOUT_MS, HEAD
from backcoach.timestamps import to_column, utc_now

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from backcoach.clearance import Clearance
    from backcoach.history import SessionRecord
    from backcoach.profile import Profile

FINISHED = ("completed", "stopped")  # the sessions history lists; the others are running
_IDS_PER_QUERY = 5000  # under every driver's limit of bound parameters
_SESSION_COLUMNS = ("id, date, phase, program, status, stopped_reason, pain_before, "
                    "pain_after, effort, notes")
_SET_COLUMNS = "session_id, item, exercise, variant, skipped, reps, hold_seconds, minutes, side"


@dataclass(frozen=True)
class StoredSession:
    """A session as stored, with its database id."""

    id: int
    record: SessionRecord


class Reader(Protocol):
    """What a read command asks of a person's record: the Store, or :class:`SqliteRecords`
    when the SQLite file is current."""

    def profile(self) -> Profile | None: ...
    def clearances(self) -> list[Clearance]: ...
    def sessions(self, *, since: date | None = None,
                 latest: int | None = None) -> list[StoredSession]: ...
    def history(self, *, since: date | None = None) -> list[SessionRecord]: ...
    def planning_history(self, today: date) -> list[SessionRecord]: ...
    def count_sessions(self, *, finished: bool = False, since: date | None = None) -> int: ...
    def save_plan(self, *, on: date, phase: str | None, data: dict[str, Any]) -> None: ...


def _json(value: Any) -> Any:
    # SQLite hands back the JSON text, psycopg the parsed value.
    return json.loads(value) if isinstance(value, str) else value


@cache
def _day(value: date | str) -> date:
    """A day as the driver answers it: a date (psycopg) or ISO text (SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _records_adapter() -> TypeAdapter[list[SessionRecord]]:
    from pydantic import TypeAdapter

    from backcoach.history import SessionRecord

    return TypeAdapter(list[SessionRecord])


class Records:
    """The statements on one DB-API connection, for the person with id ``user_id``.

    Transactions are the caller's: each method runs its statements as they come.
    """

    def __init__(self, conn: Any, user_id: int, style: ParamStyle) -> None:
        self.conn = conn
        self.user_id = user_id
        self.style = style

    def _p(self, name: str) -> str:
        return f":{name}" if self.style == "named" else f"%({name})s"

    def _value(self, value: date | datetime) -> Any:
        """A day or a moment (aware) as the database keeps it: moments as naive UTC, as
        :class:`~backcoach.store.tables.UtcDateTime` does; SQLite holds SQLAlchemy's
        text."""
        if isinstance(value, datetime):
            value = to_column(value)
        if self.style != "named":
            return value
        if isinstance(value, datetime):
            return value.isoformat(sep=" ", timespec="microseconds")
        return value.isoformat()

    def _rows(self, sql: str, params: dict[str, Any]) -> list[Any]:
        cursor = self.conn.cursor()
        try:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def profile(self) -> Profile | None:
        """Return the newest profile, or None before onboarding."""
        from backcoach.profile import Profile

        found = self._rows(f"SELECT data FROM profiles WHERE user_id = {self._p('user')} "
                           "ORDER BY created_at DESC, id DESC LIMIT 1", {"user": self.user_id})
        return Profile.model_validate(_json(found[0][0])) if found else None

    def clearances(self) -> list[Clearance]:
        """Return the doctor's clearances recorded, oldest first."""
        from backcoach.clearance import Clearance

        rows = self._rows(f"SELECT date, note, covers FROM clearances WHERE user_id = "
                          f"{self._p('user')} ORDER BY date, id", {"user": self.user_id})
        return [Clearance.model_validate({"date": day, "note": note,
                                          "covers": list(_json(covers) or [])})
                for day, note, covers in rows]

    def sessions(self, *, since: date | None = None, latest: int | None = None,
                 session_id: int | None = None) -> list[StoredSession]:
        """Return the finished sessions, oldest first: from ``since`` on, only the
        ``latest`` ones, or only ``session_id``, as asked."""
        where, params = self._finished(since)
        if session_id is not None:
            where += f" AND id = {self._p('id')}"
            params["id"] = session_id
        order = "date DESC, id DESC" if latest is not None else "date, id"
        sql = f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE {where} ORDER BY {order}"
        if latest is not None:
            sql += f" LIMIT {int(latest)}"
        rows = self._rows(sql, params)
        stored = self._with_sets(rows)
        return stored[::-1] if latest is not None else stored

    def history(self, *, since: date | None = None) -> list[SessionRecord]:
        """Return the sessions as the planner reads them."""
        return [stored.record for stored in self.sessions(since=since)]

    def planning_history(self, today: date) -> list[SessionRecord]:
        """Return every finished session as the planner reads it, with sets only where it
        reads them: today's sessions, and for each exercise the latest session before
        today that did it. Every other session carries its exercises without their sets
        (from ``session_doses``), which is all the planner asks of them (the phase, how it
        went, which exercises were done and when). A year of daily sessions is one row
        each and a few dose rows, not thousands of sets validated one by one.
        """
        from backcoach.history import ExerciseDone, SessionRecord

        where, params = self._finished(None)
        rows = self._rows(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE {where} "
                          "ORDER BY date, id", params)
        if not rows:
            return []
        day_of = {row[0]: _day(row[1]) for row in rows}
        done: dict[int, list[str]] = {row[0]: [] for row in rows}
        doses = self._rows(f"SELECT session_id, exercise FROM session_doses WHERE session_id "
                           f"IN (SELECT id FROM sessions WHERE {where}) "
                           "ORDER BY session_id, item", params)
        latest: dict[str, tuple[date, int]] = {}
        for session_id, exercise in doses:
            if session_id not in done:
                continue
            if exercise not in done[session_id]:
                done[session_id].append(exercise)
            day = day_of[session_id]
            if day < today and (day, session_id) > latest.get(exercise, (date.min, 0)):
                latest[exercise] = (day, session_id)
        full_ids = {i for i, day in day_of.items() if day == today}
        full_ids |= {session_id for _, session_id in latest.values()}
        full = {stored.id: stored.record
                for stored in self._with_sets([row for row in rows if row[0] in full_ids])}
        # Records are frozen: one exercise-without-sets object per exercise serves them all.
        light = {e: ExerciseDone.model_construct(exercise=e, variant=None, sets=[],
                                                 skipped=False)
                 for e in {e for names in done.values() for e in names}}
        out: list[SessionRecord] = []
        for (session_id, _day_text, phase, program, status, stopped_reason, before, after, effort,
             notes) in rows:
            if session_id in full:
                out.append(full[session_id])
                continue
            # Read back from rows this store wrote and validated: no second validation.
            out.append(SessionRecord.model_construct(
                date=day_of[session_id], phase=phase, program=program,
                completed=status == "completed", stopped_reason=stopped_reason,
                pain_before=before, pain_after=after, effort=effort, notes=notes,
                exercises=[light[e] for e in done[session_id]]))
        return out

    def count_sessions(self, *, finished: bool = False, since: date | None = None) -> int:
        """Return how many sessions there are: every one (running ones too), or only the
        finished ones that :meth:`sessions` lists; from ``since`` on if given."""
        where, params = self._finished(since, only_finished=finished)
        return int(self._rows(f"SELECT count(*) FROM sessions WHERE {where}", params)[0][0])

    def save_plan(self, *, on: date, phase: str | None, data: dict[str, Any]) -> None:
        """Keep the plan given for a day (the latest one given that day wins), in the
        caller's write transaction."""
        params = {"user": self.user_id, "date": self._value(on), "phase": phase,
                  "data": self._json_param(data),
                  "at": self._value(utc_now())}
        p = self._p
        found = self._rows(f"SELECT id FROM plans WHERE user_id = {p('user')} AND date = "
                           f"{p('date')}", params)
        if found:
            sql = (f"UPDATE plans SET phase = {p('phase')}, data = {p('data')}, created_at = "
                   f"{p('at')} WHERE id = {p('id')}")
            params["id"] = found[0][0]
        else:
            sql = (f"INSERT INTO plans (user_id, date, phase, data, created_at) VALUES "
                   f"({p('user')}, {p('date')}, {p('phase')}, {p('data')}, {p('at')})")
        cursor = self.conn.cursor()
        try:
            cursor.execute(sql, params)
        finally:
            cursor.close()

    def _json_param(self, data: Any) -> Any:
        if self.style == "named":
            return json.dumps(data)  # as SQLAlchemy's JSON type writes it on SQLite
        from psycopg.types.json import Json

        return Json(data)

    def _finished(self, since: date | None, *,
                  only_finished: bool = True) -> tuple[str, dict[str, Any]]:
        """Return the condition on ``sessions`` (this person's, finished ones, from
        ``since``) and its parameters."""
        where = f"user_id = {self._p('user')}"
        if only_finished:
            where += f" AND status IN ({', '.join(repr(s) for s in FINISHED)})"
        params: dict[str, Any] = {"user": self.user_id}
        if since is not None:
            where += f" AND date >= {self._p('since')}"
            params["since"] = self._value(since)
        return where, params

    def _with_sets(self, rows: list[Any]) -> list[StoredSession]:
        """Return the sessions of ``rows``, each with its sets grouped by exercise in the
        order they were done, validated as any SessionRecord is, in one pass."""
        exercises: dict[int, dict[int, dict[str, Any]]] = {row[0]: {} for row in rows}
        ids = list(exercises)
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[start:start + _IDS_PER_QUERY]
            marks = ", ".join(self._p(f"s{i}") for i in range(len(chunk)))
            sets = self._rows(f"SELECT {_SET_COLUMNS} FROM sets WHERE session_id IN ({marks}) "
                              "ORDER BY session_id, position, id",
                              {f"s{i}": one for i, one in enumerate(chunk)})
            for (session_id, item, exercise, variant, skipped, reps, hold, minutes,
                 side) in sets:
                block = exercises[session_id].get(item)
                if block is None:
                    block = exercises[session_id][item] = {
                        "exercise": exercise, "variant": variant, "skipped": bool(skipped),
                        "sets": []}
                block["sets"].append({"reps": reps, "hold_seconds": hold, "minutes": minutes,
                                      "side": side})
        records = _records_adapter().validate_python([
            {"date": day, "phase": phase, "program": program,
             "completed": status == "completed", "stopped_reason": stopped_reason,
             "pain_before": before, "pain_after": after, "effort": effort, "notes": notes,
             "exercises": [block for _, block in sorted(exercises[session_id].items())]}
            for (session_id, day, phase, program, status, stopped_reason, before, after,
                 effort, notes) in rows])
        return [StoredSession(row[0], record) for row, record in zip(rows, records, strict=True)]


class SqliteRecords(Records):
    """:class:`Records` on an SQLite file of its own (see :func:`open_sqlite`): each read
    one snapshot, each write one transaction that waits for other writers."""

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[None]:
        """Run the block in one transaction; a database that refuses (locked past the busy
        timeout, a full disk, a read-only file) is one :class:`UnavailableError`."""
        try:
            self.conn.execute(begin)
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            text = (_("the database could not be written ({error}): is another program "
                      "writing to it, the disk full or the file read-only? What was "
                      "recorded before is safe") if "IMMEDIATE" in begin else
                    _("the database could not be read ({error}): is another program "
                      "writing to it, the disk full or the file read-only? What was "
                      "recorded before is safe"))
            raise UnavailableError(text.format(error=exc), field="db") from exc

    def profile(self) -> Profile | None:
        with self._transaction("BEGIN"):
            return super().profile()

    def clearances(self) -> list[Clearance]:
        with self._transaction("BEGIN"):
            return super().clearances()

    def sessions(self, *, since: date | None = None, latest: int | None = None,
                 session_id: int | None = None) -> list[StoredSession]:
        with self._transaction("BEGIN"):
            return super().sessions(since=since, latest=latest, session_id=session_id)

    def count_sessions(self, *, finished: bool = False, since: date | None = None) -> int:
        with self._transaction("BEGIN"):
            return super().count_sessions(finished=finished, since=since)

    def save_plan(self, *, on: date, phase: str | None, data: dict[str, Any]) -> None:
        with self._transaction("BEGIN IMMEDIATE"):
            super().save_plan(on=on, phase=phase, data=data)


def open_sqlite(path: Path, user: str, *,
                busy_ms: int = BUSY_TIMEOUT_MS) -> SqliteRecords | None:
    """Return the records of ``user`` in an SQLite file at the current schema, read and
    written with ``sqlite3``; None, having written nothing, when there is no such file, its
    schema is not :data:`HEAD` (the Store must create or upgrade it), or the person has no
    row yet. A write waits up to ``busy_ms`` for another one to end."""
    if not path.is_file():  # sqlite3.connect would create it
        return None
    conn = sqlite3.connect(path, timeout=busy_ms / 1000, isolation_level=None)
    try:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        found = conn.execute("SELECT id FROM users WHERE name = ?", (user,)).fetchone()
    except sqlite3.DatabaseError:  # not created by backcoach yet, or not a database
        found = version = None
    if version is None or version[0] != HEAD or found is None:
        conn.close()
        return None
    conn.execute("PRAGMA foreign_keys = ON")  # as every connection of the Store
    conn.execute("PRAGMA synchronous = NORMAL")
    return SqliteRecords(conn, int(found[0]), "named")
