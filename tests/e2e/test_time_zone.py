"""Server mode in a real browser: a person's day follows their device's time zone. Logging
in gives it to the account; a device that has since moved to another zone (a journey)
updates it by itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from backcoach.accounts import add_account
from backcoach.settings import Settings
from backcoach.store.accounts import Accounts
from tests.e2e.conftest import Console
from tests.serving import serving

PASSWORD = "correct horse battery"
EMAIL = "traveller@example.com"


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[tuple[str, Accounts]]:
    from backcoach.web import create_app

    app = create_app(replace(Settings.load(f"sqlite:///{tmp_path / 'zones.db'}"),
                             server=True))
    accounts = Accounts(app.state.backcoach.store.engine)
    add_account(accounts, "lead@clinic.org", "clinician", PASSWORD)
    add_account(accounts, EMAIL, "patient", PASSWORD, clinician="lead@clinic.org")
    with serving(app) as url:
        yield url, accounts


def _zone_of(accounts: Accounts, page: Any, expected: str) -> str | None:
    """Return the account's time zone once it is ``expected`` (the page's background
    update has landed), or after 5 s."""
    zone = None
    for _ in range(50):
        found = accounts.get(EMAIL)
        zone = found.time_zone if found else None
        if zone == expected:
            break
        page.wait_for_timeout(100)
    return zone


def test_the_account_takes_the_zone_of_the_device_it_logs_in_on_and_follows_it(
        browser: Any, clinic: tuple[str, Accounts], console: Console) -> None:
    url, accounts = clinic
    home = browser.new_context(timezone_id="Asia/Vladivostok")
    page = home.new_page()
    console.watch(page)
    page.goto(url + "/login")
    page.fill("#f-email", EMAIL)
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/onboarding")
    account = accounts.get(EMAIL)
    assert account is not None and account.time_zone == "Asia/Vladivostok"
    # The same login, on a device now in Brazil: the next page updates the account.
    state = home.storage_state()
    home.close()
    away = browser.new_context(timezone_id="America/Sao_Paulo", storage_state=state)
    page = away.new_page()
    console.watch(page)
    page.goto(url + "/guide")
    assert _zone_of(accounts, page, "America/Sao_Paulo") == "America/Sao_Paulo"
    page.goto(url + "/guide")
    assert page.locator("form.account").get_attribute("data-time-zone") == "America/Sao_Paulo"
    away.close()
