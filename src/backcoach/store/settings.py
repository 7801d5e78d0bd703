"""Which database backcoach uses, and which schema revision this code expects.

Kept free of SQLAlchemy, so a command that only reads (``backcoach progress``) can find an
up-to-date SQLite file and read it with the standard library (see progress_rows.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from backcoach.paths import data_dir

ENV_DATABASE_URL = "BACKCOACH_DATABASE_URL"
# The newest migration; checked without importing Alembic so a current database costs
# nothing at start-up. tests/test_store_reliability.py keeps it equal to Alembic's head.
HEAD = "0011"
# Local mode's one person (a server names its users).
LOCAL_USER = "local"
BUSY_TIMEOUT_MS = 15_000


def database_url(explicit: str | None = None) -> str:
    """Return the URL to use: ``explicit``, else the environment, else the SQLite default."""
    url = explicit or os.environ.get(ENV_DATABASE_URL)
    if not url:
        return f"sqlite:///{data_dir() / 'backcoach.db'}"
    if "://" not in url:  # a bare path means an SQLite file
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_file(url: str) -> Path | None:
    """Return the file of an SQLite URL (``sqlite:///path``, ``sqlite+driver:///path``), or
    None for an in-memory database or any other kind of URL."""
    scheme, sep, rest = url.partition(":///")
    if not sep or scheme.split("+", 1)[0] != "sqlite":
        return None
    path = rest.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None
