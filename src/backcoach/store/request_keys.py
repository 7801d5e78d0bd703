"""Idempotency keys: the same request sent again answers as the first did.

A client names a write with a key of its own (the ``Idempotency-Key`` header of ``POST
/api/v1/log`` and ``POST /api/v1/sessions/{id}/sets``). The write and its key are stored in
one transaction, and the key is unique per person, so of sixteen identical requests at once
one records and fifteen find its key::

    found = answered(s, user_id, request)      # in the write's transaction
    if found is None:
        ...write...
        remember(s, user_id, request, session_id=row.id)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from backcoach.errors import ConflictError
from backcoach.i18n import _
from backcoach.store.tables import RequestKey
from backcoach.timestamps import utc_now

HEADER = "Idempotency-Key"


@dataclass
class Request:
    """A write as the client named it: its key, and a digest of what it asked; once
    looked up, whether it had been answered before (``replayed``: the client sent it
    again)."""

    key: str
    fingerprint: str
    replayed: bool = field(default=False, compare=False)

    @classmethod
    def of(cls, key: str, *parts: str | bytes) -> Request:
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part.encode() if isinstance(part, str) else part)
            digest.update(b"\x00")
        return cls(key, digest.hexdigest())


def answered(s: Session | Connection, user_id: int, request: Request | None) -> Any:
    """Return what ``request`` recorded the first time (a row with ``key``,
    ``session_id``, ``step`` and ``replaced``), or None; raises :class:`RecordError` when
    its key named a different request."""
    if request is None:
        return None
    found = s.execute(select(RequestKey.key, RequestKey.fingerprint, RequestKey.session_id,
                             RequestKey.step, RequestKey.replaced)
                      .where(RequestKey.user_id == user_id,
                             RequestKey.key == request.key)).first()
    if found is not None and found.fingerprint != request.fingerprint:
        raise ConflictError(_("the {header} '{key}' was used for another request; send a new "
                              "key with each new request").format(header=HEADER,
                                                                  key=request.key),
                            field=HEADER)
    request.replayed = found is not None
    return found


def remember(s: Session | Connection, user_id: int, request: Request | None, *,
             session_id: int, step: int | None = None, replaced: bool | None = None) -> None:
    """Store ``request``'s key with what it recorded, in the write's transaction."""
    if request is not None:
        s.execute(insert(RequestKey).values(
            user_id=user_id, key=request.key, fingerprint=request.fingerprint,
            session_id=session_id, step=step, replaced=replaced,
            created_at=utc_now()))
