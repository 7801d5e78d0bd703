"""Server mode's accounts: adding, listing, disabling, new passwords and logging in, on
SQLite and PostgreSQL, through the library and the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcoach import passwords
from backcoach.accounts import add_account, authenticate, disable_account, reset_password
from backcoach.cli import app
from backcoach.errors import ConflictError, InvalidError, NotFoundError
from backcoach.store import Store
from backcoach.store.accounts import Accounts

runner = CliRunner()
BACKCOACH = Path(sys.executable).parent / "backcoach"
GOOD = "correct horse battery"


@pytest.fixture
def accounts(store_url: str) -> Iterator[Accounts]:
    store, _ = Store.open(store_url)
    yield Accounts(store.engine)
    store.engine.dispose()


def test_a_clinician_and_a_patient_log_in_with_their_own_passwords(accounts):
    lead = add_account(accounts, " Ann@Clinic.org ", "clinician", GOOD)
    patient = add_account(accounts, "bob@example.com", "patient", "bob's own password",
                          clinician="ANN@clinic.org")
    assert (lead.email, lead.role, lead.clinician) == ("ann@clinic.org", "clinician", None)
    assert (patient.role, patient.clinician) == ("patient", "ann@clinic.org")
    assert authenticate(accounts, "ann@clinic.org", GOOD) == lead
    assert authenticate(accounts, "BOB@example.com ", "bob's own password") == patient
    assert authenticate(accounts, "bob@example.com", GOOD) is None
    assert [a.email for a in accounts.all(clinician="ann@clinic.org")] == ["bob@example.com"]
    assert [a.email for a in accounts.all(role="clinician")] == ["ann@clinic.org"]


def test_the_hash_is_argon2id_and_never_the_password(accounts):
    add_account(accounts, "ann@clinic.org", "clinician", GOOD)
    found = accounts.credentials("ann@clinic.org")
    assert found is not None
    _, hashed = found
    assert hashed.startswith("$argon2id$") and GOOD not in hashed


def test_each_account_has_its_own_records(accounts):
    from backcoach.profile import Profile

    ann = add_account(accounts, "ann@clinic.org", "patient", GOOD)
    bob = add_account(accounts, "bob@clinic.org", "patient", GOOD)
    accounts.store_of(ann).save_profile(Profile(age=61))
    assert accounts.store_of(ann).profile().age == 61
    assert accounts.store_of(bob).profile() is None
    local = Store(accounts.engine)  # local mode's person is another user still
    assert local.profile() is None


def test_refusals_name_the_field(accounts):
    add_account(accounts, "ann@clinic.org", "clinician", GOOD)
    add_account(accounts, "pat@clinic.org", "patient", GOOD)
    cases = [
        (("not-an-email", "patient", GOOD), {}, InvalidError, "email"),
        (("x@" + "a" * 100 + ".org", "patient", GOOD), {}, InvalidError, "email"),
        (("new@clinic.org", "admin", GOOD), {}, InvalidError, "role"),
        (("new@clinic.org", "patient", "short"), {}, InvalidError, "password"),
        (("new@clinic.org", "patient", " " + GOOD), {}, InvalidError, "password"),
        (("ANN@clinic.org", "patient", GOOD), {}, ConflictError, "email"),
        (("new@clinic.org", "patient", GOOD), {"clinician": "who@clinic.org"},
         NotFoundError, "clinician"),
        (("new@clinic.org", "patient", GOOD), {"clinician": "pat@clinic.org"},
         ConflictError, "clinician"),
        (("new@clinic.org", "clinician", GOOD), {"clinician": "ann@clinic.org"},
         InvalidError, "clinician"),
    ]
    for args, extra, kind, field in cases:
        with pytest.raises(kind) as caught:
            add_account(accounts, *args, **extra)
        assert caught.value.field == field, (args, extra)
    assert accounts.count() == 2  # nothing half-made


def test_disabled_accounts_cannot_log_in_and_keep_their_records(accounts):
    from backcoach.profile import Profile

    ann = add_account(accounts, "ann@clinic.org", "patient", GOOD)
    accounts.store_of(ann).save_profile(Profile(age=40))
    disabled = disable_account(accounts, "ann@clinic.org")
    assert not disabled.active
    assert disable_account(accounts, "ann@clinic.org").disabled_at == disabled.disabled_at
    assert authenticate(accounts, "ann@clinic.org", GOOD) is None
    assert accounts.store_of(ann).profile().age == 40
    assert authenticate(accounts, "ann@clinic.org", GOOD) is None
    accounts.enable("ann@clinic.org")
    assert authenticate(accounts, "ann@clinic.org", GOOD) is not None


def test_a_new_password_replaces_the_old(accounts):
    add_account(accounts, "ann@clinic.org", "patient", GOOD)
    reset_password(accounts, "Ann@clinic.org", "a brand new phrase")
    assert authenticate(accounts, "ann@clinic.org", GOOD) is None
    assert authenticate(accounts, "ann@clinic.org", "a brand new phrase") is not None
    with pytest.raises(NotFoundError):
        reset_password(accounts, "who@clinic.org", "a brand new phrase")


def test_an_old_hash_is_renewed_at_login(accounts):
    from argon2 import PasswordHasher

    add_account(accounts, "ann@clinic.org", "patient", GOOD)
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash(GOOD)
    accounts.set_password_hash("ann@clinic.org", weak)
    assert authenticate(accounts, "ann@clinic.org", GOOD) is not None
    found = accounts.credentials("ann@clinic.org")
    assert found is not None and found[1] != weak and not passwords.needs_rehash(found[1])


def test_an_unknown_email_costs_as_much_as_a_wrong_password(tmp_path):
    store, _ = Store.open(f"sqlite:///{tmp_path / 'a.db'}")
    accounts = Accounts(store.engine)
    add_account(accounts, "ann@clinic.org", "patient", GOOD)
    passwords.decoy()  # made once, before timing

    def slowest(email: str) -> float:
        times = []
        for _ in range(3):
            began = time.perf_counter()
            assert authenticate(accounts, email, "not the password") is None
            times.append(time.perf_counter() - began)
        return min(times)

    known, unknown = slowest("ann@clinic.org"), slowest("who@clinic.org")
    store.engine.dispose()
    # Both check one argon2id hash (tens of milliseconds); without the decoy the unknown
    # email would answer in well under a millisecond.
    assert unknown > known / 3


# The command line ----------------------------------------------------------------------

def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BACKCOACH), *args], input=stdin, capture_output=True,
                          text=True, timeout=60)


def test_an_account_added_with_its_time_zone_and_a_wrong_zone_refused(tmp_path):
    db = f"sqlite:///{tmp_path / 'clinic.db'}"
    wrong = _run("--db", db, "accounts", "add", "ann@clinic.org", "--role", "clinician",
                 "--time-zone", "Moscow", "--password-stdin", stdin=GOOD + "\n")
    assert wrong.returncode == 2
    assert "--time-zone: 'Moscow' is not a time zone" in wrong.stderr
    assert "Europe/Moscow" in wrong.stderr  # what one looks like
    assert not (tmp_path / "clinic.db").exists()  # refused before anything was opened
    added = _run("--db", db, "accounts", "add", "ann@clinic.org", "--role", "clinician",
                 "--time-zone", "Europe/Moscow", "--password-stdin", stdin=GOOD + "\n")
    assert added.returncode == 0, added.stderr
    assert "time zone Europe/Moscow" in added.stdout
    listed = json.loads(_run("--db", db, "accounts", "list", "--json").stdout)
    assert listed[0]["time_zone"] == "Europe/Moscow"


def test_accounts_from_the_command_line(store_url):
    added = _run("--db", store_url, "accounts", "add", "ann@clinic.org", "--role",
                 "clinician", "--password-stdin", stdin=GOOD + "\n")
    assert added.returncode == 0, added.stderr
    assert "Added the clinician ann@clinic.org." in added.stdout
    assert "--clinician ann@clinic.org" in added.stdout  # the next step
    assert GOOD not in added.stdout + added.stderr
    patient = _run("--db", store_url, "accounts", "add", "bob@example.com", "--role",
                   "patient", "--clinician", "ann@clinic.org", "--password-stdin",
                   stdin="bob's own password\r\n")
    assert patient.returncode == 0, patient.stderr
    listed = json.loads(_run("--db", store_url, "accounts", "list", "--json").stdout)
    assert [(a["email"], a["role"], a["clinician"], a["disabled_at"], a["time_zone"])
            for a in listed] == [
        ("ann@clinic.org", "clinician", None, None, None),  # the server's until they log in
        ("bob@example.com", "patient", "ann@clinic.org", None, None)]
    assert all(datetime.fromisoformat(a["created_at"]).utcoffset() is not None for a in listed)
    table = _run("--db", store_url, "accounts", "list")
    assert "bob@example.com" in table.stdout and "active" in table.stdout
    disabled = _run("--db", store_url, "accounts", "disable", "bob@example.com")
    assert disabled.returncode == 0 and "records are kept" in disabled.stdout
    reset = _run("--db", store_url, "accounts", "reset-password", "bob@example.com",
                 "--password-stdin", stdin="another good phrase\n")
    assert reset.returncode == 0, reset.stderr
    store, _ = Store.open(store_url)
    accounts = Accounts(store.engine)
    accounts.enable("bob@example.com")
    assert authenticate(accounts, "bob@example.com", "another good phrase") is not None
    store.engine.dispose()


def test_command_line_refusals_are_one_line_with_exit_code_2(tmp_path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    cases = [
        (["accounts", "add", "ann@clinic.org", "--role", "admin", "--password-stdin"],
         GOOD + "\n", "--role 'admin' is not known"),
        (["accounts", "add", "ann@clinic.org", "--role", "patient", "--password-stdin"],
         "short\n", "at least 10"),
        (["accounts", "add", "ann@clinic.org", "--role", "patient", "--password-stdin"],
         "", "held no password"),
        (["accounts", "add", "ann@clinic.org", "--role", "patient"], "",
         "pass --password-stdin"),
        (["accounts", "add", "nope", "--role", "patient", "--password-stdin"],
         GOOD + "\n", "is not an email address"),
        (["accounts", "reset-password", "who@clinic.org", "--password-stdin"],
         GOOD + "\n", "no account has the email who@clinic.org"),
    ]
    for args, stdin, said in cases:
        result = _run("--db", db, *args, stdin=stdin)
        assert result.returncode == 2, (args, result.stderr)
        errors = [line for line in result.stderr.splitlines() if "error" in line]
        assert len(errors) == 1 and said in errors[0], (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_missing_accounts_are_not_found_and_an_empty_list_says_what_to_do(tmp_path):
    db = f"sqlite:///{tmp_path / 'd.db'}"
    empty = runner.invoke(app, ["--db", db, "accounts", "list"])
    assert empty.exit_code == 0 and "No accounts yet" in empty.stdout
    missing = runner.invoke(app, ["--db", db, "accounts", "disable", "who@clinic.org"])
    assert missing.exit_code == 2 and "no account has the email" in missing.stderr
