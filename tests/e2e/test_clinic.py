"""Server mode in a real browser: a clinician logs in and sees 200 patients on one screen,
the red-flagged first, and opens one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from backcoach import passwords
from backcoach.accounts import add_account
from backcoach.profile import Profile, RedFlags
from backcoach.settings import Settings
from backcoach.store.accounts import Accounts
from tests.e2e.conftest import Console, screenshot
from tests.serving import serving

PASSWORD = "correct horse battery"


@pytest.fixture
def clinic_server(tmp_path: Path) -> Iterator[str]:
    from backcoach.web import create_app

    app = create_app(replace(Settings.load(f"sqlite:///{tmp_path / 'clinic.db'}"),
                             server=True))
    accounts = Accounts(app.state.backcoach.store.engine)
    add_account(accounts, "lead@clinic.org", "clinician", PASSWORD)
    hashed = passwords.hash_password(PASSWORD)  # once: 200 argon2 hashes would take 10 s
    for n in range(200):
        patient = accounts.add(f"patient{n:03}@example.com", "patient", hashed,
                               "lead@clinic.org")
        flags = RedFlags(night_pain=True) if n == 150 else RedFlags()
        accounts.store_of(patient).save_profile(Profile(age=50, red_flags=flags))
    with serving(app) as url:
        yield url


def test_a_clinician_sees_200_patients_on_one_screen(browser: Any, clinic_server: str,
                                                     console: Console) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    console.watch(page)
    page.goto(clinic_server + "/today")
    assert "/login" in page.url  # sent to log in first
    page.fill("#f-email", "lead@clinic.org")
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/patients")
    rows = page.locator("table.patients tbody tr")
    assert rows.count() == 200
    assert "patient150@example.com" in rows.first.inner_text()  # the red flag first
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # no sideways scroll
    screenshot(page, "clinic-dashboard")
    page.click("text=Invite a patient")
    assert "/register?invite=" in page.locator("input.copy").input_value()
    page.click("text=patient007@example.com")
    page.wait_for_url("**/patients/*")
    assert page.locator("h1").inner_text() == "patient007@example.com"
    page.click("text=Log out")
    page.wait_for_url("**/login")
    assert console.errors == []
    context.close()
