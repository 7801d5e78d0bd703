"""Knowing cheaply whether the database changed, so computed pages can be reused.

On SQLite, ``PRAGMA data_version`` on a connection that never writes changes whenever any
other connection, in this process or another (the CLI logging a session), commits. Reading
it costs microseconds, so GET /today and GET /api/v1/plan can answer from memory until
something is recorded. On other databases there is no such counter: every call is a miss.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy import Engine

_T = TypeVar("_T")


class DataVersion:
    """Return a token that changes whenever anyone commits; None when it cannot tell."""

    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        url = engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            self._conn = sqlite3.connect(str(url.database), check_same_thread=False,
                                         isolation_level=None)
        # Writes made through this app bump the generation too: no reliance on timing.
        self.generation = 0

    def bump(self) -> None:
        with self._lock:
            self.generation += 1

    def token(self) -> tuple[int, int] | None:
        if self._conn is None:
            return None
        with self._lock:
            try:
                row = self._conn.execute("PRAGMA data_version").fetchone()
            except sqlite3.OperationalError:  # a full disk: no cache, answers still come
                return None
            return int(row[0]), self.generation

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class Memo(Generic[_T]):
    """A small least-recently-used cache of values computed for a data version."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, _T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable | None, compute: Callable[[], _T]) -> _T:
        """Return the value for ``key``, computing it on a miss (always when key is None)."""
        if key is None:
            return compute()
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
