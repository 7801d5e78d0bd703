"""Rows that prove who is asking, in server mode: browser sessions, API tokens, clinicians'
invitations and password-reset codes, and refused logins (for the throttle).

Secrets are never stored: each row keeps the SHA-256 of its random token or code, so a
copy of the database opens no one's account. Every time here is UTC; the rules (how long a
session lasts, how many failures are too many) are :mod:`backcoach.auth`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update

from backcoach.errors import NotFoundError
from backcoach.i18n import _
from backcoach.store.db import Rows
from backcoach.store.tables import (
    ApiToken,
    AuthSession,
    Invitation,
    LoginFailure,
    PasswordReset,
)


@dataclass(frozen=True)
class TokenInfo:
    """An API token as its owner sees it in a list (never the token itself)."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class InvitationInfo:
    id: int
    clinician_id: int
    expires_at: datetime
    used_at: datetime | None


class AuthRows(Rows):
    """The sessions, tokens, invitations and refused logins of one database."""

    # Browser sessions ----------------------------------------------------------------------

    def add_session(self, account_id: int, token_hash: str, now: datetime,
                    expires_at: datetime) -> None:
        with self._write() as s:
            # Each login is a moment to sweep the account's expired sessions away.
            s.execute(delete(AuthSession).where(AuthSession.account_id == account_id,
                                                AuthSession.expires_at <= now))
            s.add(AuthSession(account_id=account_id, token_hash=token_hash, created_at=now,
                              expires_at=expires_at))

    def end_session(self, token_hash: str) -> None:
        with self._write() as s:
            s.execute(delete(AuthSession).where(AuthSession.token_hash == token_hash))

    def end_sessions_of(self, account_id: int) -> None:
        """Log the account out everywhere (a new password, a disabled account)."""
        with self._write() as s:
            s.execute(delete(AuthSession).where(AuthSession.account_id == account_id))

    # API tokens ----------------------------------------------------------------------------

    def add_token(self, account_id: int, name: str, token_hash: str,
                  now: datetime) -> TokenInfo:
        with self._write() as s:
            row = ApiToken(account_id=account_id, name=name, token_hash=token_hash,
                           created_at=now)
            s.add(row)
            s.flush()
            return self._token(row)

    @staticmethod
    def _token(row: ApiToken) -> TokenInfo:
        return TokenInfo(id=row.id, name=row.name, created_at=row.created_at,
                         last_used_at=row.last_used_at, revoked_at=row.revoked_at)

    def tokens_of(self, account_id: int) -> list[TokenInfo]:
        with self._read() as s:
            rows = s.scalars(select(ApiToken).where(ApiToken.account_id == account_id)
                             .order_by(ApiToken.id))
            return [self._token(row) for row in rows]

    def note_token_used(self, token_id: int, last_used: datetime | None,
                        now: datetime) -> None:
        """Note that a token was used now; to the minute is enough, and spares a write on
        every request."""
        if last_used is None or (now - last_used).total_seconds() >= 60:
            with self._write() as s:
                s.execute(update(ApiToken).where(ApiToken.id == token_id)
                          .values(last_used_at=now))

    def revoke_token(self, account_id: int, token_id: int, now: datetime) -> TokenInfo:
        """Revoke one of the account's tokens; another's token is "not found" (its
        existence is not for this account to learn)."""
        with self._write() as s:
            row = s.scalar(select(ApiToken).where(ApiToken.id == token_id,
                                                  ApiToken.account_id == account_id))
            if row is None:
                raise NotFoundError(_("you have no token {token_id}").format(token_id=token_id),
                                    field="token_id")
            if row.revoked_at is None:
                row.revoked_at = now
            return self._token(row)

    # Invitations ---------------------------------------------------------------------------

    def add_invitation(self, clinician_id: int, code_hash: str, now: datetime,
                       expires_at: datetime) -> InvitationInfo:
        with self._write() as s:
            row = Invitation(clinician_id=clinician_id, code_hash=code_hash, created_at=now,
                             expires_at=expires_at)
            s.add(row)
            s.flush()
            return InvitationInfo(row.id, clinician_id, expires_at, None)

    def open_invitation(self, code_hash: str, now: datetime) -> InvitationInfo | None:
        """Return the invitation this code opens: unused and not expired; or None."""
        with self._read() as s:
            row = s.scalar(select(Invitation).where(Invitation.code_hash == code_hash,
                                                    Invitation.used_at.is_(None),
                                                    Invitation.expires_at > now))
            if row is None:
                return None
            return InvitationInfo(row.id, row.clinician_id, row.expires_at, row.used_at)

    def use_invitation(self, invitation_id: int, account_id: int, now: datetime) -> bool:
        """Mark the invitation used by ``account_id``; False if someone used it first."""
        with self._write() as s:
            done = s.execute(update(Invitation).where(Invitation.id == invitation_id,
                                                      Invitation.used_at.is_(None))
                             .values(used_at=now, used_by=account_id))
            return bool(done.rowcount)  # type: ignore[attr-defined]

    # Password resets ----------------------------------------------------------------------

    def add_reset(self, account_id: int, created_by: int, code_hash: str, now: datetime,
                  expires_at: datetime) -> None:
        """Keep a new reset code for ``account_id``; the ones made before it stop working."""
        with self._write() as s:
            s.execute(delete(PasswordReset).where(PasswordReset.account_id == account_id))
            s.add(PasswordReset(account_id=account_id, created_by=created_by,
                                code_hash=code_hash, created_at=now, expires_at=expires_at))

    def use_reset(self, code_hash: str, now: datetime) -> int | None:
        """Spend the reset code: return the account it is for, or None when it is unknown,
        used or expired. Two uses at once: one wins."""
        with self._write() as s:
            row = s.scalar(select(PasswordReset).where(PasswordReset.code_hash == code_hash,
                                                       PasswordReset.used_at.is_(None),
                                                       PasswordReset.expires_at > now))
            if row is None:
                return None
            done = s.execute(update(PasswordReset).where(PasswordReset.id == row.id,
                                                         PasswordReset.used_at.is_(None))
                             .values(used_at=now))
            return row.account_id if done.rowcount else None  # type: ignore[attr-defined]

    # Refused logins ------------------------------------------------------------------------

    def failures(self, keys: list[str], since: datetime) -> dict[str, int]:
        """Return how many refused logins each key had since ``since``."""
        with self._read() as s:
            rows = s.execute(select(LoginFailure.key, func.count())
                             .where(LoginFailure.key.in_(keys), LoginFailure.at > since)
                             .group_by(LoginFailure.key))
            counts = {key: int(n) for key, n in rows}
        return {key: counts.get(key, 0) for key in keys}

    def oldest_failure(self, key: str, since: datetime) -> datetime | None:
        with self._read() as s:
            return s.scalar(select(func.min(LoginFailure.at))
                            .where(LoginFailure.key == key, LoginFailure.at > since))

    def add_failure(self, keys: list[str], now: datetime, forget_before: datetime) -> None:
        with self._write() as s:
            s.execute(delete(LoginFailure).where(LoginFailure.at <= forget_before))
            s.add_all(LoginFailure(key=key, at=now) for key in keys)

    def clear_failures(self, key: str) -> None:
        with self._write() as s:
            s.execute(delete(LoginFailure).where(LoginFailure.key == key))
