"""Accounts in the database: who may log in to a server, with which role.

An account is a login for one user; that user's records are kept exactly as in local mode,
so ``Accounts.store_of(account)`` is the same :class:`~backcoach.store.Store` the command
line uses for the local person. The password rules and hashing live in
:mod:`backcoach.passwords`, the rules about roles in :mod:`backcoach.accounts`: this module
only reads and writes rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from backcoach.errors import ConflictError, NotFoundError
from backcoach.i18n import _
from backcoach.store.db import Rows
from backcoach.store.repository import Store
from backcoach.store.tables import Account as AccountRow, User
from backcoach.timestamps import Zone, utc_now


@dataclass(frozen=True)
class Account:
    """A login, as the people who manage a server see it (never with its hash)."""

    id: int
    user_id: int  # whose records are this account's
    email: str
    role: str
    clinician: str | None  # the email of the clinician who follows this patient
    created_at: datetime
    disabled_at: datetime | None
    language: str | None = None  # chosen with the language switch, on any device
    time_zone: str | None = None  # the IANA name of their zone; None: the server's

    @property
    def zone(self) -> Zone:
        """The time zone the person's "today" is in."""
        return Zone(self.time_zone)

    @property
    def active(self) -> bool:
        return self.disabled_at is None


class Accounts(Rows):
    """The accounts of one database."""

    @staticmethod
    def _select() -> Select[AccountRow, str]:
        """Each account with its clinician's email (None when it has none)."""
        clinician = aliased(AccountRow)
        return (select(AccountRow, clinician.email)
                .outerjoin(clinician, AccountRow.clinician_id == clinician.id))

    @staticmethod
    def _account(row: AccountRow, clinician: str | None) -> Account:
        return Account(id=row.id, user_id=row.user_id, email=row.email, role=row.role,
                       clinician=clinician, created_at=row.created_at,
                       disabled_at=row.disabled_at, language=row.language,
                       time_zone=row.time_zone)

    def add(self, email: str, role: str, password_hash: str,
            clinician: str | None = None) -> Account:
        """Create the account (and its user); ``email`` is already normalised.

        Raises ConflictError when the email is taken, NotFoundError when ``clinician``
        names no account.
        """
        now = utc_now()
        try:
            with self._write() as s:
                clinician_id = None
                if clinician is not None:
                    clinician_id = s.scalar(select(AccountRow.id)
                                            .where(AccountRow.email == clinician))
                    if clinician_id is None:
                        raise NotFoundError(_("no account has the email {email}").format(
                            email=clinician), field="clinician")
                if s.scalar(select(AccountRow.id).where(AccountRow.email == email)):
                    raise ConflictError(_("an account with the email {email} exists "
                                          "already").format(email=email), field="email")
                user = User(name=email, created_at=now)
                s.add(user)
                s.flush()
                row = AccountRow(user_id=user.id, email=email, role=role,
                                 password_hash=password_hash, clinician_id=clinician_id,
                                 created_at=now, password_changed_at=now)
                s.add(row)
                s.flush()
                return self._account(row, clinician)
        except IntegrityError as exc:  # another process added the same email a moment ago
            raise ConflictError(_("an account with the email {email} exists already").format(
                email=email), field="email") from exc

    def get(self, email: str) -> Account | None:
        with self._read() as s:
            found = s.execute(self._select().where(AccountRow.email == email)).first()
        return None if found is None else self._account(*found)

    def by_id(self, account_id: int) -> Account | None:
        with self._read() as s:
            found = s.execute(self._select().where(AccountRow.id == account_id)).first()
        return None if found is None else self._account(*found)

    def by_session(self, token_hash: str, now: datetime) -> Account | None:
        """Return the active account of an unexpired browser session (one query)."""
        from backcoach.store.tables import AuthSession

        query = (self._select().join(AuthSession, AuthSession.account_id == AccountRow.id)
                 .where(AuthSession.token_hash == token_hash, AuthSession.expires_at > now,
                        AccountRow.disabled_at.is_(None)))
        with self._read() as s:
            found = s.execute(query).first()
        return None if found is None else self._account(*found)

    def by_token(self, token_hash: str) -> tuple[Account, int, datetime | None] | None:
        """Return the active account of an API token not revoked, with the token's id and
        when it was last used (one query)."""
        from backcoach.store.tables import ApiToken

        query = (self._select().add_columns(ApiToken.id, ApiToken.last_used_at)
                 .join(ApiToken, ApiToken.account_id == AccountRow.id)
                 .where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None),
                        AccountRow.disabled_at.is_(None)))
        with self._read() as s:
            found = s.execute(query).first()
        if found is None:
            return None
        row, clinician, token_id, last_used = found
        return self._account(row, clinician), token_id, last_used

    def credentials(self, email: str) -> tuple[Account, str] | None:
        """Return the account and its password hash, for a login."""
        with self._read() as s:
            found = s.execute(self._select().where(AccountRow.email == email)).first()
        return None if found is None else (self._account(*found), found[0].password_hash)

    def all(self, *, role: str | None = None, clinician: str | None = None) -> list[Account]:
        """Every account, oldest first; or those of one role, or one clinician's patients."""
        query = self._select().order_by(AccountRow.id)
        if role is not None:
            query = query.where(AccountRow.role == role)
        if clinician is not None:
            query = query.where(AccountRow.clinician_id == select(AccountRow.id).where(
                AccountRow.email == clinician).scalar_subquery())
        with self._read() as s:
            return [self._account(*found) for found in s.execute(query)]

    def count(self) -> int:
        with self._read() as s:
            return s.scalar(select(func.count()).select_from(AccountRow)) or 0

    def _update(self, email: str, **values: object) -> Account:
        with self._write() as s:
            row = s.scalar(select(AccountRow).where(AccountRow.email == email))
            if row is None:
                raise NotFoundError(_("no account has the email {email}").format(email=email),
                                    field="email")
            for name, value in values.items():
                setattr(row, name, value)
        found = self.get(email)
        assert found is not None
        return found

    def disable(self, email: str) -> Account:
        """Stop the account logging in; its records stay. Disabling twice keeps the first
        date."""
        current = self.get(email)
        if current is not None and current.disabled_at is not None:
            return current
        return self._update(email, disabled_at=utc_now())

    def enable(self, email: str) -> Account:
        return self._update(email, disabled_at=None)

    def set_language(self, email: str, language: str) -> Account:
        """Remember the language the account's person chose."""
        return self._update(email, language=language)

    def set_time_zone(self, email: str, time_zone: str | None) -> Account:
        """Remember the person's time zone (an IANA name already checked), or forget it
        (None: the server's)."""
        return self._update(email, time_zone=time_zone)

    def set_password_hash(self, email: str, password_hash: str) -> Account:
        return self._update(email, password_hash=password_hash,
                            password_changed_at=utc_now())

    def delete(self, email: str) -> None:
        """Remove the account, its user and every record of theirs."""
        with self._write() as s:
            user_id = s.scalar(select(AccountRow.user_id).where(AccountRow.email == email))
            if user_id is None:
                raise NotFoundError(_("no account has the email {email}").format(email=email),
                                    field="email")
            s.execute(delete(User).where(User.id == user_id))

    def store_of(self, account: Account) -> Store:
        """Return the store of the account's own records."""
        return Store(self.engine, user=account.email, user_id=account.user_id,
                     zone=account.zone)
