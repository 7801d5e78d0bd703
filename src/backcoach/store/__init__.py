"""Storage: SQLite by default, PostgreSQL by URL; schema kept current by Alembic.

Usage::

    from backcoach.store import Store

    store, applied = Store.open()        # applied: schema revisions just migrated

The names are imported on first use, so ``backcoach.store.settings``,
``backcoach.store.progress_rows`` and ``backcoach.store.records`` load without SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backcoach.store.db import DatabaseError
    from backcoach.store.records import StoredSession
    from backcoach.store.repository import PainPoint, PsfsScore, RecordError, Store
    from backcoach.store.settings import database_url

_HOMES = {"DatabaseError": "db", "database_url": "settings", "PainPoint": "repository",
          "PsfsScore": "repository", "RecordError": "repository", "Store": "repository",
          "StoredSession": "records"}

__all__ = ["DatabaseError", "PainPoint", "PsfsScore", "RecordError", "Store", "StoredSession",
           "database_url"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'backcoach.store' has no attribute '{name}'")
    return getattr(import_module(f"backcoach.store.{home}"), name)
