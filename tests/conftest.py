"""Shared fixtures: the packaged catalog, a writable copy of its data for bad-data tests,
and storage on both backends (``store_url``, ``store``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcoach.catalog import Catalog, load_catalog
from backcoach.catalog.loader import DATA_DIR
from backcoach.store import Store

_CACHE_BEFORE: list[str | None] = []


def pytest_configure(config: pytest.Config) -> None:
    """Keep the caches backcoach writes (the parsed catalog) out of the user's own folder,
    for every test, the modules collected (some load the catalog on import) and the
    processes tests start."""
    _CACHE_BEFORE.append(os.environ.get("BACKCOACH_CACHE_DIR"))
    os.environ["BACKCOACH_CACHE_DIR"] = tempfile.mkdtemp(prefix="backcoach-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ["BACKCOACH_CACHE_DIR"], ignore_errors=True)
    before = _CACHE_BEFORE.pop()
    if before is None:
        del os.environ["BACKCOACH_CACHE_DIR"]
    else:
        os.environ["BACKCOACH_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def _fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every test at its own data folder, so each has a fresh database and profile."""
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BACKCOACH_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the packaged catalog data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


# Storage on both backends ---------------------------------------------------------------
# `store_url` runs a test once on an SQLite file and once on PostgreSQL. The PostgreSQL run
# uses a database made for this pytest run (backcoach_test_<pid>, dropped at the end) whose
# schema is emptied before each test; it is skipped, saying why, when no server answers,
# unless BACKCOACH_TEST_REQUIRE_POSTGRES is set (CI sets it), which makes that a failure.

POSTGRES_URL_ENV = "BACKCOACH_TEST_POSTGRES_URL"
POSTGRES_REQUIRED_ENV = "BACKCOACH_TEST_REQUIRE_POSTGRES"
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _libpq_url(url: str, database: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _postgres_database() -> Iterator[tuple[str | None, str]]:
    """Yield (URL of a fresh database for this run, "") or (None, why there is none)."""
    import psycopg
    from sqlalchemy.engine import make_url

    server = _libpq_url(os.environ.get(POSTGRES_URL_ENV) or DEFAULT_POSTGRES_URL)
    parsed = make_url(server)
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    name = f"backcoach_test_{os.getpid()}"
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        yield None, (f"PostgreSQL not reachable at {where} ({detail}); start one, or point "
                     f"{POSTGRES_URL_ENV} at a server")
        return
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _libpq_url(server, name), ""
    finally:
        with psycopg.connect(server, autocommit=True, connect_timeout=3) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _end_other_connections(conn: Any) -> None:
    # Connections a previous test left open would hold locks: end them first.
    conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 "WHERE datname = current_database() AND pid <> pg_backend_pid()")


def _empty_postgres_schema(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
        _end_other_connections(conn)
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _clear_postgres_tables(url: str) -> None:
    """Empty every table of a schema at HEAD (much faster than migrating afresh), or
    drop the schema when it is at another revision."""
    import psycopg

    from backcoach.store.settings import HEAD
    from backcoach.store.tables import Base

    with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
        _end_other_connections(conn)
        found = conn.execute("SELECT to_regclass('public.alembic_version') IS NOT NULL").fetchone()
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone() \
            if found and found[0] else None
        if version is None or version[0] != HEAD:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
            return
        # DELETE, children first: on a few rows it is a hundred times faster than TRUNCATE.
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(f"DELETE FROM {table.name}")


def _postgres_url(request: pytest.FixtureRequest) -> str:
    url, reason = request.getfixturevalue("_postgres_database")
    if url is None:
        if os.environ.get(POSTGRES_REQUIRED_ENV):
            pytest.fail(f"{reason} ({POSTGRES_REQUIRED_ENV} is set)")
        pytest.skip(reason)
    return str(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def storage_backend(request: pytest.FixtureRequest) -> str:
    """Runs a test on each backend; use it through ``store_url`` or ``store``."""
    return str(request.param)


@pytest.fixture
def store_url(storage_backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database: an SQLite file, or the run's PostgreSQL database."""
    if storage_backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url = _postgres_url(request)
    _empty_postgres_schema(url)
    return url


@pytest.fixture
def store(storage_backend: str, request: pytest.FixtureRequest,
          tmp_path: Path) -> Iterator[Store]:
    """A :class:`Store` with no records, schema current; its connections closed after.

    Not together with ``store_url`` in one test: on PostgreSQL both are one database.
    """
    if "store_url" in request.fixturenames:
        raise pytest.UsageError("use store_url or store in a test, not both")
    if storage_backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = _postgres_url(request)
        _clear_postgres_tables(url)
    opened, _ = Store.open(url)
    yield opened
    opened.engine.dispose()
