"""Connecting to the database and keeping its schema current.

SQLite (the default, in the user's data folder) gets WAL mode, foreign keys and a busy
timeout on every connection, so two processes can log at once. ``BACKCOACH_DATABASE_URL``
or ``--db`` points backcoach at another SQLite file or at PostgreSQL (psycopg 3).
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from backcoach.errors import InvalidError, UnavailableError
from backcoach.i18n import _
from backcoach.store.settings import BUSY_TIMEOUT_MS, HEAD, sqlite_file

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(UnavailableError):
    """The database cannot be opened or upgraded; the message says what to do."""


DISK_FULL = ("the disk is full: free some space on it, then try again (what was recorded "
             "before is safe)")


def disk_problem(exc: BaseException) -> UnavailableError | None:
    """Return the error to show for a database error that a full (or failing) disk
    caused, or None for any other."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "no space left" in text or "readonly database" in text:
        return UnavailableError(DISK_FULL, field="db")
    if "disk i/o error" in text:
        return UnavailableError("the disk could not be read or written (disk I/O error): "
                                "is it full, or failing? Free some space and try again",
                                field="db")
    return None


class _ReadOnly(sqlite3.Connection):
    """A connection that reads the database file as it is, because the disk is full."""


def _connect_or_read(_dialect: Any, _record: Any, cargs: list[Any],
                     cparams: dict[str, Any]) -> sqlite3.Connection:
    """Connect; when the disk is too full to open the database's shared-memory file (as
    WAL needs), and nothing waits in its log, read the file as it stands instead: reads
    keep working, and writes say that the disk is full."""
    conn: sqlite3.Connection = sqlite3.connect(*cargs, **cparams)
    try:
        conn.execute("PRAGMA journal_mode").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        path = Path(cargs[0])
        log = path.with_name(path.name + "-wal")
        if disk_problem(exc) is None or shutil.disk_usage(path.parent).free > FULL_BYTES \
                or (log.exists() and log.stat().st_size > 0):
            raise
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True,
                           factory=_ReadOnly, check_same_thread=False)


# Below this much free space a disk counts as full.
FULL_BYTES = 1024 * 1024


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own BEGIN is switched off: _begin says which kind (see there).
    dbapi_connection.isolation_level = None
    if isinstance(dbapi_connection, _ReadOnly):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # WAL is a property of the file: set once, it stays. Switching to it needs a moment
    # alone with the file, which the busy timeout does not wait for, so a new database
    # opened by several processes at once retries here.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            # Answers the mode now in force: "memory" for a database that can have no
            # WAL, which no retry changes.
            mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower()
        except sqlite3.OperationalError:
            mode = ""
        if mode in ("wal", "memory"):
            break
        if time.monotonic() > deadline:
            raise DatabaseError(_("the SQLite database could not be switched to WAL mode; "
                                  "is another program holding it?"))
        time.sleep(0.02)
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


class WouldWait(Exception):
    """Another process holds the SQLite write lock, and this write was asked not to wait
    (see :func:`without_waiting`); nothing was written."""


_NO_WAIT: ContextVar[bool] = ContextVar("backcoach_no_wait", default=False)


@contextmanager
def without_waiting() -> Iterator[None]:
    """Make SQLite writes in this block raise :class:`WouldWait` at once instead of
    waiting for another process's write lock (for a caller that must not block)."""
    token = _NO_WAIT.set(True)
    try:
        yield
    finally:
        _NO_WAIT.reset(token)


def _begin(conn: Any) -> None:
    # A write transaction takes the write lock at once (BEGIN IMMEDIATE): a deferred one
    # that reads first and writes later fails with "database is locked" when another wrote
    # in between, which the busy timeout cannot wait out. Reads stay deferred and never
    # wait for a writer (WAL).
    if not conn.get_execution_options().get(WRITE_OPTION, False):
        conn.exec_driver_sql("BEGIN")
        return
    wait = 0 if _NO_WAIT.get() else BUSY_TIMEOUT_MS
    info = conn.connection.info  # kept with the driver's connection
    if info.get("busy_timeout") != wait:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {wait}")
        info["busy_timeout"] = wait
    if wait:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        return
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise WouldWait() from exc
        raise


WRITE_OPTION = "backcoach_write"
_WRITE_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


@contextmanager
def writing(engine: Engine) -> Iterator[Engine]:
    """Return the engine to write through, holding this process's lock on the SQLite file.

    The threads of one process that write to one SQLite file take turns on a lock, woken
    the moment it is free, instead of in SQLite's busy handler, which sleeps up to 100 ms
    between tries: under 50 concurrent writers that sleeping was the 99th percentile
    (benchmarks/web.py). Other processes (the command line) still meet the busy timeout.
    PostgreSQL writes need no lock of ours.
    """
    if engine.dialect.name != "sqlite":
        yield engine
        return
    key = str(engine.url)
    with _LOCKS_LOCK:
        lock = _WRITE_LOCKS.setdefault(key, threading.Lock())
    if not lock.acquire(blocking=not _NO_WAIT.get()):
        raise WouldWait()  # another thread of ours writes (or waits to): do not block
    try:
        yield engine.execution_options(**{WRITE_OPTION: True})
    finally:
        lock.release()


def make_engine(url: str) -> Engine:
    """Return an engine for ``url``, creating the SQLite file's folder if needed."""
    if url.startswith("sqlite"):
        if ":memory:" in url or url.rstrip("/") in ("sqlite:", "sqlite+pysqlite:"):
            # Each connection would get a database of its own, and all of it goes when the
            # command ends: nothing recorded would stay.
            raise InvalidError(_("an in-memory SQLite database keeps nothing once the "
                                 "command ends; give a file (--db ~/back.db) instead"),
                               field="db")
        path = sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "do_connect", _connect_or_read)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    """Return the schema revision recorded in the database, or None for an empty one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def _foreign_tables(engine: Engine) -> list[str]:
    """Return the tables of a database without backcoach's schema (none: it is empty)."""
    with engine.connect() as conn:
        return sorted(inspect(conn).get_table_names())


def upgrade(engine: Engine, revision: str = "head") -> list[str]:
    """Bring the schema to ``revision``; return the revisions applied (empty if current).

    Refuses (:class:`InvalidError` naming ``db``) a database that holds tables of another
    program: backcoach creates its tables only in an empty database or schema."""
    before = current_revision(engine)
    if before is None:
        others = _foreign_tables(engine)
        if others:
            shown = ", ".join(others[:5]) + (_(" and {count} more").format(
                count=len(others) - 5) if len(others) > 5 else "")
            hint = (_("create an empty database (createdb backcoach) or a schema of its own "
                      "(?options=-csearch_path%3Dbackcoach)") if engine.dialect.name != "sqlite"
                    else _("give a new file"))
            raise InvalidError(_("the database {database} already has tables that are not "
                                 "backcoach's ({tables}); backcoach keeps its records apart: "
                                 "{hint}").format(database=engine.url.database, tables=shown,
                                                  hint=hint), field="db")
    if revision == "head" and before == HEAD:
        return []
    from alembic import command
    from alembic.script import ScriptDirectory

    config = _alembic_config(engine)
    for attempt in range(5):
        try:
            command.upgrade(config, revision)
            break
        except (IntegrityError, OperationalError, ProgrammingError):
            # Another process may be creating the same tables right now: wait, look again.
            time.sleep(0.2 * (attempt + 1))
            if current_revision(engine) == HEAD:
                break
    else:  # pragma: no cover - only when the database keeps refusing
        raise DatabaseError(_("the database could not be upgraded; is another backcoach "
                              "holding it? Try again in a moment."))
    after = current_revision(engine)
    applied = []
    # Linear history: walk down from the new revision until the one the database had.
    for rev in ScriptDirectory.from_config(config).walk_revisions(head=after or "base"):
        if rev.revision == before:
            break
        applied.append(rev.revision)
    return applied[::-1]


class Rows:
    """The base of the classes that read and write one kind of row on an engine (the
    server mode's accounts, logins and clinic reads): a read session, and a write
    transaction that takes this process's turn on SQLite (:func:`writing`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with writing(self.engine) as bind, Session(bind, expire_on_commit=False) as session, \
                session.begin():
            yield session
