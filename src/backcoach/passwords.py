"""Passwords for server mode: argon2id hashes, and what a password must be.

A hash is argon2-cffi's encoded string (``$argon2id$v=19$m=...``): the parameters travel
with it, so raising them later only means rehashing at the next login
(:func:`needs_rehash`). The defaults are the RFC 9106 "low memory" profile (64 MiB,
3 passes), which takes about 50 ms on one core: slow for a guesser, quick for a person.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from backcoach.errors import InvalidError
from backcoach.i18n import _

if TYPE_CHECKING:
    from argon2 import PasswordHasher

# NIST SP 800-63B asks for at least 8 characters and no composition rules; a clinic's
# records deserve a little more. The upper bound only stops a megabyte "password" from
# being hashed.
MIN_LENGTH = 10
MAX_LENGTH = 256


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the RFC 9106 low-memory parameters


def check(password: str) -> None:
    """Refuse a password too short or too long to accept, saying what is needed."""
    if len(password) < MIN_LENGTH:
        raise InvalidError(_("the password is {length} characters long; use at least "
                             "{minimum} (a few words in a row are easy to remember)").format(
            length=len(password), minimum=MIN_LENGTH), field="password")
    if len(password) > MAX_LENGTH:
        raise InvalidError(_("the password is longer than {maximum} characters").format(
            maximum=MAX_LENGTH), field="password")
    if password != password.strip():
        raise InvalidError(_("the password starts or ends with a space; remove it (a space "
                             "at the edge is easily lost when typing it again)"),
                           field="password")


def hash_password(password: str) -> str:
    """Return the argon2id hash of an acceptable ``password`` (see :func:`check`)."""
    check(password)
    return _hasher().hash(password)


def rehash(password: str) -> str:
    """Return a new hash of a password that already opened its account (no length rules:
    they may have changed since it was chosen)."""
    return _hasher().hash(password)


def verify(hashed: str, password: str) -> bool:
    """Return whether ``password`` is the one ``hashed`` was made from."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher().verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(hashed: str) -> bool:
    """Return whether ``hashed`` was made with weaker parameters than today's."""
    return _hasher().check_needs_rehash(hashed)


@lru_cache(maxsize=1)
def decoy() -> str:
    """A hash no password matches, checked against when an email is unknown, so that an
    unknown email takes as long to refuse as a wrong password."""
    return _hasher().hash("no account has this password; it only spends the same time")
