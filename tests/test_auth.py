"""Logging in to a server: sessions, the throttle, API tokens and invitations, on SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from backcoach import auth
from backcoach.accounts import add_account, disable_account, reset_password
from backcoach.errors import InvalidError, NotFoundError, TooManyError, UnauthorizedError
from backcoach.store import Store
from backcoach.store.accounts import Accounts
from backcoach.store.auth import AuthRows

PASSWORD = "correct horse battery"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def parts(store_url: str) -> Iterator[tuple[Accounts, AuthRows]]:
    store, _ = Store.open(store_url)
    accounts = Accounts(store.engine)
    add_account(accounts, "ann@clinic.org", "clinician", PASSWORD)
    add_account(accounts, "pat@example.com", "patient", PASSWORD, clinician="ann@clinic.org")
    yield accounts, AuthRows(store.engine)
    store.engine.dispose()


def test_a_login_opens_a_session_until_logout_or_expiry(parts):
    accounts, rows = parts
    opened = auth.login(accounts, rows, "Pat@Example.com", PASSWORD, address="10.0.0.1",
                        now=T0)
    assert opened.account.email == "pat@example.com"
    assert opened.expires_at == T0 + auth.SESSION_LIFETIME
    assert auth.session_account(accounts, opened.token, T0 + timedelta(days=1)) \
        == opened.account
    assert auth.session_account(accounts, opened.token,
                                T0 + auth.SESSION_LIFETIME) is None  # expired
    assert auth.session_account(accounts, opened.token + "x", T0) is None
    auth.logout(rows, opened.token)
    assert auth.session_account(accounts, opened.token, T0) is None


def test_the_database_holds_no_token(parts):
    from sqlalchemy import select

    from backcoach.store.tables import AuthSession

    accounts, rows = parts
    opened = auth.login(accounts, rows, "pat@example.com", PASSWORD, now=T0)
    with accounts.engine.connect() as conn:
        stored = conn.execute(select(AuthSession.token_hash)).scalars().all()
    assert stored and opened.token not in stored and len(stored[0]) == 64


def test_a_wrong_password_an_unknown_email_and_a_disabled_account_get_one_answer(parts):
    accounts, rows = parts
    add_account(accounts, "gone@example.com", "patient", PASSWORD)
    disable_account(accounts, "gone@example.com")
    answers = set()
    for email, password in [("pat@example.com", "not the password"),
                            ("who@example.com", PASSWORD), ("gone@example.com", PASSWORD),
                            ("not an email", PASSWORD)]:
        with pytest.raises(UnauthorizedError) as caught:
            auth.login(accounts, rows, email, password, now=T0)
        answers.add(caught.value.message)
    assert answers == {auth.WRONG}


def test_five_wrong_passwords_lock_that_email_for_the_window(parts):
    accounts, rows = parts
    for minute in range(5):
        with pytest.raises(UnauthorizedError):
            auth.login(accounts, rows, "pat@example.com", "wrong password!",
                       address=f"10.0.0.{minute}", now=T0 + timedelta(minutes=minute))
    with pytest.raises(TooManyError) as caught:  # even the right password now waits
        auth.login(accounts, rows, "pat@example.com", PASSWORD, now=T0 + timedelta(minutes=5))
    assert caught.value.retry_after == 10 * 60 and "10 minutes" in caught.value.message
    assert caught.value.http_status == 429
    # Another account is not locked, and once the first failure leaves the window the
    # account may try again; a success clears its count.
    auth.login(accounts, rows, "ann@clinic.org", PASSWORD, now=T0 + timedelta(minutes=5))
    later = T0 + auth.THROTTLE_WINDOW + timedelta(seconds=1)
    auth.login(accounts, rows, "pat@example.com", PASSWORD, now=later)
    for _ in range(4):
        with pytest.raises(UnauthorizedError):
            auth.login(accounts, rows, "pat@example.com", "wrong password!", now=later)


def test_twenty_failures_from_one_address_lock_that_address(parts):
    accounts, rows = parts
    for n in range(20):
        with pytest.raises(UnauthorizedError):
            auth.login(accounts, rows, f"guess{n}@example.com", PASSWORD, address="10.9.9.9",
                       now=T0)
    with pytest.raises(TooManyError):
        auth.login(accounts, rows, "pat@example.com", PASSWORD, address="10.9.9.9", now=T0)
    assert auth.login(accounts, rows, "pat@example.com", PASSWORD, address="10.1.1.1",
                      now=T0).account.email == "pat@example.com"


def test_a_new_password_or_disabling_ends_every_session(parts):
    accounts, rows = parts
    first = auth.login(accounts, rows, "pat@example.com", PASSWORD, now=T0)
    reset_password(accounts, "pat@example.com", "a brand new phrase")
    assert auth.session_account(accounts, first.token, T0) is None
    second = auth.login(accounts, rows, "pat@example.com", "a brand new phrase", now=T0)
    disable_account(accounts, "pat@example.com")
    assert auth.session_account(accounts, second.token, T0) is None


def test_api_tokens_work_until_revoked_and_only_their_owner_revokes_them(parts):
    accounts, rows = parts
    pat = accounts.get("pat@example.com")
    ann = accounts.get("ann@clinic.org")
    info, token = auth.create_token(rows, pat, " my script ", now=T0)
    assert info.name == "my script" and token.startswith("bct_")
    assert auth.token_account(accounts, rows, token, T0 + timedelta(hours=1)) == pat
    assert rows.tokens_of(pat.id)[0].last_used_at == T0 + timedelta(hours=1)
    with pytest.raises(NotFoundError):
        rows.revoke_token(ann.id, info.id, T0)
    revoked = rows.revoke_token(pat.id, info.id, T0 + timedelta(hours=2))
    assert revoked.revoked_at == T0 + timedelta(hours=2)
    assert auth.token_account(accounts, rows, token, T0 + timedelta(hours=3)) is None
    with pytest.raises(InvalidError):
        auth.create_token(rows, pat, "   ")


def test_an_invitation_registers_one_patient_with_that_clinician(parts):
    accounts, rows = parts
    ann = accounts.get("ann@clinic.org")
    _, code = auth.create_invitation(rows, ann, now=T0)
    patient = auth.register(accounts, rows, code, "New@Example.com", PASSWORD,
                            now=T0 + timedelta(days=1))
    assert (patient.email, patient.role, patient.clinician) == \
        ("new@example.com", "patient", "ann@clinic.org")
    with pytest.raises(NotFoundError) as used:  # the API's 404: no such invitation now
        auth.register(accounts, rows, code, "other@example.com", PASSWORD, now=T0)
    assert used.value.field == "invite"
    _, late = auth.create_invitation(rows, ann, now=T0)
    with pytest.raises(NotFoundError):
        auth.register(accounts, rows, late, "late@example.com", PASSWORD,
                      now=T0 + auth.INVITATION_LIFETIME)
    assert accounts.get("other@example.com") is None and accounts.get("late@example.com") \
        is None


def test_only_clinicians_invite_and_a_bad_registration_keeps_the_code(parts):
    accounts, rows = parts
    from backcoach.errors import ForbiddenError

    with pytest.raises(ForbiddenError):
        auth.create_invitation(rows, accounts.get("pat@example.com"))
    _, code = auth.create_invitation(rows, accounts.get("ann@clinic.org"), now=T0)
    with pytest.raises(InvalidError) as short:
        auth.register(accounts, rows, code, "new@example.com", "short", now=T0)
    assert short.value.field == "password"
    assert auth.register(accounts, rows, code, "new@example.com", PASSWORD, now=T0)


def test_deleting_an_account_removes_its_records(parts):
    from backcoach.profile import Profile

    accounts, rows = parts
    pat = accounts.get("pat@example.com")
    accounts.store_of(pat).save_profile(Profile(age=50))
    auth.create_token(rows, pat, "script")
    accounts.delete("pat@example.com")
    assert accounts.get("pat@example.com") is None
    assert rows.tokens_of(pat.id) == []
    again = add_account(accounts, "pat@example.com", "patient", PASSWORD)
    assert accounts.store_of(again).profile() is None
