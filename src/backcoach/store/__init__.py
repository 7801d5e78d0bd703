"""Storage: SQLite by default, PostgreSQL by URL; schema kept current by Alembic.

Usage::

    from backcoach.store import Store

    store, applied = Store.open()        # applied: schema revisions just migrated
"""

from backcoach.store.db import DatabaseError, database_url
from backcoach.store.repository import PainPoint, PsfsScore, RecordError, Store, StoredSession

__all__ = ["DatabaseError", "PainPoint", "PsfsScore", "RecordError", "Store", "StoredSession",
           "database_url"]
