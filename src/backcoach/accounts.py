"""Server mode's accounts: who may log in, as a clinician or as a patient.

What the people running a server do (``backcoach accounts ...``) and what logging in
checks. The rows are :mod:`backcoach.store.accounts`; the password rules and hashing
:mod:`backcoach.passwords`. Local mode has no accounts.
"""

from __future__ import annotations

import re

from backcoach import passwords
from backcoach.errors import ConflictError, InvalidError
from backcoach.i18n import _
from backcoach.store.accounts import Account, Accounts
from backcoach.timestamps import check_zone

ROLES = ("clinician", "patient")
MAX_EMAIL = 100
# Enough to catch a typo (no "@", no dot in the domain, a space); the mail server is the
# judge of the rest.
EMAIL_PATTERN = r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+"
_EMAIL = re.compile(EMAIL_PATTERN)


def normal_email(text: str) -> str:
    """Return the email as accounts keep it (trimmed, lower case), or refuse it."""
    email = text.strip().lower()
    if not _EMAIL.fullmatch(email):
        raise InvalidError(_("'{text}' is not an email address (like name@clinic.org)").format(
            text=text), field="email")
    if len(email) > MAX_EMAIL:
        raise InvalidError(_("the email is {length} characters long; at most {maximum}").format(
            length=len(email), maximum=MAX_EMAIL), field="email")
    return email


def add_account(accounts: Accounts, email: str, role: str, password: str,
                clinician: str | None = None) -> Account:
    """Create an account; a patient may name the clinician who follows them."""
    if role not in ROLES:
        raise InvalidError(_("the role '{role}' is not known; choose {first} or {second}").format(
            role=role, first=ROLES[0], second=ROLES[1]), field="role")
    address = normal_email(email)
    lead = None
    if clinician is not None:
        if role != "patient":
            raise InvalidError(_("only a patient has a clinician; leave --clinician out for "
                                 "a clinician"), field="clinician")
        lead = normal_email(clinician)
        found = accounts.get(lead)
        if found is not None and found.role != "clinician":
            raise ConflictError(_("{email} is a patient's account, not a clinician's").format(
                email=lead), field="clinician")
    return accounts.add(address, role, passwords.hash_password(password), lead)


def disable_account(accounts: Accounts, email: str) -> Account:
    """Stop an account logging in; its records are kept."""
    return accounts.disable(normal_email(email))


def reset_password(accounts: Accounts, email: str, password: str) -> Account:
    """Give the account a new password; the old one stops working and every browser
    logged in with it is logged out."""
    from backcoach.store.auth import AuthRows

    address = normal_email(email)
    account = accounts.set_password_hash(address, passwords.hash_password(password))
    AuthRows(accounts.engine).end_sessions_of(account.id)
    return account


def set_time_zone(accounts: Accounts, account: Account, name: str | None) -> Account:
    """Set the time zone the account's "today" is in (an IANA name such as
    ``Europe/Moscow``; None: the server's), or refuse a name that is not one."""
    zone = None if name is None else check_zone(name)
    if zone == account.time_zone:
        return account
    return accounts.set_time_zone(account.email, zone)


def authenticate(accounts: Accounts, email: str, password: str) -> Account | None:
    """Return the account these credentials open, or None.

    An unknown email, a wrong password and a disabled account all answer None after the
    same work (a hash is always checked), so the answer does not tell which emails exist.
    A hash made with older parameters is renewed on the way.
    """
    try:
        address = normal_email(email)
    except InvalidError:
        address = None
    found = accounts.credentials(address) if address is not None else None
    if found is None:
        passwords.verify(passwords.decoy(), password)
        return None
    account, hashed = found
    if not passwords.verify(hashed, password) or not account.active:
        return None
    if passwords.needs_rehash(hashed):
        accounts.set_password_hash(account.email, passwords.rehash(password))
    return account
