"""Server mode: logging in and out, API tokens, clinicians' invitations and password resets.

A login gives a random token (the browser keeps it in an HttpOnly cookie); an API client
asks for a personal token instead. Either is looked up by its SHA-256, so the database
never holds a secret that opens an account. Refused logins are counted per email and per
address over a window, and a burst of them is refused for a while without checking the
password (the throttle holds across processes: the counts are rows).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from backcoach import passwords
from backcoach.accounts import add_account, authenticate, normal_email, reset_password
from backcoach.errors import (
    ConflictError,
    ForbiddenError,
    InvalidError,
    NotFoundError,
    TooManyError,
    UnauthorizedError,
)
from backcoach.i18n import _, ngettext
from backcoach.store.accounts import Account, Accounts
from backcoach.store.auth import AuthRows, InvitationInfo, TokenInfo
from backcoach.timestamps import utc_now

SESSION_LIFETIME = timedelta(days=14)
INVITATION_LIFETIME = timedelta(days=7)
# A forgotten password: the clinician gives the patient a link (the server sends no email);
# it works once, for a day, and only the latest one made for a patient.
RESET_LIFETIME = timedelta(days=1)
THROTTLE_WINDOW = timedelta(minutes=15)
# Five wrong passwords for one email in 15 minutes, or twenty from one address (a clinic
# behind one router has many people), and that key waits until the window moves on.
MAX_FAILURES = {"email": 5, "address": 20}
WRONG = "the email or the password is wrong"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _secret(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


@dataclass(frozen=True)
class Login:
    account: Account
    token: str  # for the cookie; shown once, stored only as a hash
    expires_at: datetime


def _throttle_keys(email: str, address: str | None) -> dict[str, str]:
    keys = {"email": f"email:{email.strip().lower()[:100]}"}
    if address:
        keys["address"] = f"address:{address[:100]}"
    return keys


def _check_throttle(rows: AuthRows, keys: dict[str, str], now: datetime) -> None:
    since = now - THROTTLE_WINDOW
    counts = rows.failures(list(keys.values()), since)
    for kind, key in keys.items():
        if counts[key] >= MAX_FAILURES[kind]:
            oldest = rows.oldest_failure(key, since) or now
            wait = max(1, int((oldest + THROTTLE_WINDOW - now).total_seconds()))
            minutes = -(-wait // 60)
            raise TooManyError(ngettext("too many wrong passwords; try again in {minutes} "
                                        "minute",
                                        "too many wrong passwords; try again in {minutes} "
                                        "minutes", minutes).format(minutes=minutes),
                               retry_after=wait)


def login(accounts: Accounts, rows: AuthRows, email: str, password: str, *,
          address: str | None = None, now: datetime | None = None) -> Login:
    """Check the credentials and open a session; refuse with one answer for an unknown
    email, a wrong password and a disabled account."""
    at = now or utc_now()
    keys = _throttle_keys(email, address)
    _check_throttle(rows, keys, at)
    account = authenticate(accounts, email, password)
    if account is None:
        rows.add_failure(list(keys.values()), at, forget_before=at - THROTTLE_WINDOW)
        raise UnauthorizedError(_("the email or the password is wrong"), field="password")
    rows.clear_failures(keys["email"])
    token = _secret("bcs")
    expires = at + SESSION_LIFETIME
    rows.add_session(account.id, _digest(token), at, expires)
    return Login(account, token, expires)


def confirm_password(accounts: Accounts, rows: AuthRows, account: Account, password: str, *,
                     address: str | None = None, now: datetime | None = None) -> None:
    """Check the logged-in account's password again before something that cannot be undone
    (deleting the account); wrong answers count toward the login throttle."""
    at = now or utc_now()
    keys = _throttle_keys(account.email, address)
    _check_throttle(rows, keys, at)
    if authenticate(accounts, account.email, password) is None:
        rows.add_failure(list(keys.values()), at, forget_before=at - THROTTLE_WINDOW)
        raise UnauthorizedError(_("the password is wrong; nothing was changed"),
                                field="password")


def logout(rows: AuthRows, token: str) -> None:
    rows.end_session(_digest(token))


def session_account(accounts: Accounts, token: str,
                    now: datetime | None = None) -> Account | None:
    """Return the active account a session cookie belongs to, if it is still good (the
    session's row is read with its account, in one query)."""
    return accounts.by_session(_digest(token), now or utc_now())


def token_account(accounts: Accounts, rows: AuthRows, token: str,
                  now: datetime | None = None) -> Account | None:
    """Return the active account an API token (``Authorization: Bearer``) belongs to."""
    found = accounts.by_token(_digest(token))
    if found is None:
        return None
    account, token_id, last_used = found
    rows.note_token_used(token_id, last_used, now or utc_now())
    return account


def create_token(rows: AuthRows, account: Account, name: str,
                 now: datetime | None = None) -> tuple[TokenInfo, str]:
    """Make a personal API token; the token itself is returned this once."""
    label = name.strip()
    if not label or len(label) > 100:
        raise InvalidError(_("name the token (1 to 100 characters), e.g. 'my script'"),
                           field="name")
    token = _secret("bct")
    return rows.add_token(account.id, label, _digest(token), now or utc_now()), token


def create_invitation(rows: AuthRows, clinician: Account,
                      now: datetime | None = None) -> tuple[InvitationInfo, str]:
    """Make a one-time code for a new patient of ``clinician``; returned this once."""
    if clinician.role != "clinician":
        raise ForbiddenError(_("only a clinician can invite patients"), field="role")
    at = now or utc_now()
    code = _secret("bci")
    return rows.add_invitation(clinician.id, _digest(code), at, at + INVITATION_LIFETIME), code


def register(accounts: Accounts, rows: AuthRows, invite: str, email: str, password: str,
             now: datetime | None = None) -> Account:
    """Create a patient's account from a clinician's invitation (used once)."""
    at = now or utc_now()
    invitation = rows.open_invitation(_digest(invite.strip()), at)
    if invitation is None:
        raise NotFoundError(_("the invitation is not valid: it was used already, has expired "
                              "or was mistyped; ask your clinician for a new one"),
                            field="invite")
    clinician = accounts.by_id(invitation.clinician_id)
    if clinician is None or not clinician.active:
        raise ConflictError(_("the clinician who sent this invitation can no longer take "
                              "patients; ask for a new one"), field="invite")
    account = add_account(accounts, normal_email(email), "patient", password,
                          clinician=clinician.email)
    if not rows.use_invitation(invitation.id, account.id, at):
        # Two people registered with one code at the same moment: the second loses.
        accounts.delete(account.email)
        raise ConflictError(_("the invitation was used a moment ago; ask for a new one"),
                            field="invite")
    return account


def create_reset(rows: AuthRows, clinician: Account, patient: Account,
                 now: datetime | None = None) -> tuple[datetime, str]:
    """Make a one-time code with which ``patient`` chooses a new password: returned this
    once, with when it expires. The caller checks that the patient is the clinician's."""
    if clinician.role != "clinician":
        raise ForbiddenError(_("only a clinician can reset a patient's password"), field="role")
    at = now or utc_now()
    code = _secret("bcr")
    rows.add_reset(patient.id, clinician.id, _digest(code), at, at + RESET_LIFETIME)
    return at + RESET_LIFETIME, code


def reset_with_code(accounts: Accounts, rows: AuthRows, code: str, password: str,
                    now: datetime | None = None) -> Account:
    """Set a new password with a reset code (spent even if the password is refused, so
    check the password first); every browser logged in to the account is logged out."""
    passwords.check(password)
    account_id = rows.use_reset(_digest(code.strip()), now or utc_now())
    account = accounts.by_id(account_id) if account_id is not None else None
    if account is None or not account.active:
        raise NotFoundError(_("the reset link is not valid: it was used already, has expired "
                              "or was mistyped; ask your clinician for a new one"), field="code")
    return reset_password(accounts, account.email, password)
