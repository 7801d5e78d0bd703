"""The progress query: what :func:`backcoach.progress.compute_progress` reads, in SQL.

One set of statements, run by :func:`read` on a DB-API connection, two ways:

- :meth:`Store.progress_data` hands it the engine's driver connection (sqlite3 or
  psycopg), on SQLite or PostgreSQL;
- :func:`read_sqlite` opens an SQLite file whose schema is current with the standard
  library's ``sqlite3``, so ``backcoach progress`` does not pay for importing SQLAlchemy
  (it cost three times the rest of the command). It answers None when it cannot: no file
  yet, or a schema to upgrade; the caller then opens the Store, which creates or upgrades.

Doses come from ``session_doses`` (a row per exercise of a session, written with the
sets), not from the sets themselves: years of daily sessions stay one quick read.
No SQLAlchemy is imported here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from backcoach.progress import (
    DEFAULT_DAYS_PER_WEEK,
    DoseSummary,
    PainReading,
    PlanSetting,
    ProgressData,
    PsfsReading,
    SessionSummary,
)
from backcoach.store.settings import BUSY_TIMEOUT_MS, HEAD
from backcoach.timestamps import LOCAL, Zone

ParamStyle = Literal["named", "pyformat"]  # sqlite3's :name, psycopg's %(name)s


def _param(name: str, style: ParamStyle) -> str:
    return f":{name}" if style == "named" else f"%({name})s"


def statements(*, since: bool, style: ParamStyle = "named") -> list[str]:
    """Return the user lookup, then the five statements: sessions, doses, pain check-ins,
    PSFS ratings, profiles.

    Parameters: ``name`` (the lookup), ``user``; with ``since``, also ``since`` (a day)
    and ``since_at`` (its midnight). Profiles are read whatever ``since``: the plan in force
    may predate it.
    """
    user, day, at = (_param(n, style) for n in ("user", "since", "since_at"))
    finished = f"user_id = {user} AND status IN ('completed', 'stopped')"
    if since:
        finished += f" AND date >= {day}"
    return [
        f"SELECT id FROM users WHERE name = {_param('name', style)}",
        f"SELECT id, date, phase, status, pain_before, pain_after FROM sessions "
        f"WHERE {finished} ORDER BY date, id",
        f"SELECT session_id, exercise, sets, reps, hold_seconds, minutes FROM session_doses "
        f"WHERE session_id IN (SELECT id FROM sessions WHERE {finished}) "
        f"ORDER BY session_id, item",
        f"SELECT at, pain FROM pain_checkins WHERE user_id = {user}"
        + (f" AND at >= {at}" if since else "") + " ORDER BY at, id",
        f"SELECT a.name, r.date, r.score FROM psfs_activities a "
        f"JOIN psfs_ratings r ON r.activity_id = a.id WHERE a.user_id = {user}"
        + (f" AND r.date >= {day}" if since else "") + " ORDER BY r.date, r.id",
        f"SELECT created_at, data FROM profiles WHERE user_id = {user} "
        f"ORDER BY created_at, id",
    ]


def read(conn: Any, user: str | int, *, since: date | None = None,
         style: ParamStyle = "named", zone: Zone = LOCAL) -> ProgressData:
    """Run the statements on a DB-API connection (sqlite3, or psycopg with ``pyformat``)
    for the person named ``user`` (or with that id), and return their rows.

    Straight on the driver: SQLAlchemy's result rows would double the time on years of
    sessions. Reading creates no user row: a person not there yet has empty progress.
    """
    lookup, *queries = statements(since=since is not None, style=style)
    cursor = conn.cursor()
    try:
        if isinstance(user, str):
            cursor.execute(lookup, {"name": user})
            found = cursor.fetchone()
            if found is None:
                return to_progress_data([[], [], [], [], []])
            user = int(found[0])
        params: dict[str, Any] = {"user": user}
        if since is not None:  # the moments are UTC, the day the person's
            midnight = zone.utc(datetime.combine(since, datetime.min.time()))
            if style == "named":  # SQLite: as SQLAlchemy stores them
                params.update(since=since.isoformat(), since_at=f"{midnight:%Y-%m-%d %H:%M:%S}")
            else:
                params.update(since=since, since_at=midnight)
        rows = []
        for sql in queries:
            cursor.execute(sql, params)
            rows.append(cursor.fetchall())
    finally:
        cursor.close()
    return to_progress_data(rows, zone)


def _day(value: date | str) -> date:
    # SQLite hands back text, PostgreSQL dates.
    return date.fromisoformat(value) if isinstance(value, str) else value


def to_progress_data(rows: Sequence[Iterable[Sequence[Any]]],
                     zone: Zone = LOCAL) -> ProgressData:
    """Turn the five statements' rows (in :func:`statements` order) into ProgressData."""
    session_rows, dose_rows, pain_rows, psfs_rows, profile_rows = rows
    sessions = []
    day_of: dict[int, date] = {}
    for session_id, day, phase, status, before, after in session_rows:
        day_of[session_id] = on = _day(day)
        sessions.append(SessionSummary(on, phase, status == "completed", before, after))
    # A session logged between two statements (when each reads its own snapshot) is left
    # out of both.
    doses = [DoseSummary(day_of[session_id], exercise, count, reps, hold, minutes)
             for session_id, exercise, count, reps, hold, minutes in dose_rows
             if session_id in day_of]
    pain = [PainReading(zone.from_utc(at), level) for at, level in pain_rows]
    psfs = [PsfsReading(name, _day(day), score) for name, day, score in psfs_rows]
    plans = []
    for at, data in profile_rows:
        answers = json.loads(data) if isinstance(data, str) else data
        days = answers.get("days_per_week")
        plans.append(PlanSetting(zone.from_utc(at).date(),
                                 DEFAULT_DAYS_PER_WEEK if days is None else int(days)))
    return ProgressData(sessions=sessions, doses=doses, pain_checkins=pain, psfs=psfs,
                        days_per_week=plans)


def read_sqlite(path: Path, user: str, *, since: date | None = None) -> ProgressData | None:
    """Read one person's progress rows straight from an SQLite file at the current schema.

    Return None, having written nothing, when the file does not exist or its schema is not
    :data:`HEAD` (the Store must create or upgrade it first).
    """
    if not path.is_file():  # sqlite3.connect would create it
        return None
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        try:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:  # not created by backcoach yet, or not a database
            return None
        if version is None or version[0] != HEAD:
            return None
        conn.execute("BEGIN")  # one snapshot for every statement
        return read(conn, user, since=since)
    finally:
        conn.close()
