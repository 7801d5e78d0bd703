"""Logging out on a shared device (server mode), in a real browser: the pages the service
worker kept for offline use go with the login, and sets still on the device are never
dropped without the person saying so."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from backcoach.accounts import add_account
from backcoach.profile import Profile
from backcoach.settings import Settings
from backcoach.store.accounts import Accounts
from tests.e2e.conftest import Console
from tests.serving import serving

PASSWORD = "correct horse battery"
EMAIL = "ann@example.com"
# A set waiting in the outbox, as the player keeps one (static/outbox.js).
LOAD_OUTBOX = """async () => {
  if (window.backcoachOutbox) return;
  const src = document.querySelector("script[data-outbox]").dataset.outbox;
  await new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = src; script.onload = resolve; document.head.append(script);
  });
}"""
ADD_WAITING_SET = """async () => {
  await new window.backcoachOutbox.Outbox().add(
    { kind: "set", url: "/api/v1/sessions/1/sets", body: { step: 1 } });
}"""
WAITING_COUNT = "async () => (await new window.backcoachOutbox.Outbox().all()).length"


def waiting(page: Any) -> int:
    """Return how many writes wait in the page's outbox (IndexedDB)."""
    page.evaluate(LOAD_OUTBOX)
    return int(page.evaluate(WAITING_COUNT))


def add_waiting_set(page: Any) -> None:
    page.evaluate(LOAD_OUTBOX)
    page.evaluate(ADD_WAITING_SET)
DAY_CACHES = ("async () => (await caches.keys())"
              ".filter((name) => name.startsWith('backcoach-day-')).length")


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[str]:
    from backcoach.web import create_app

    app = create_app(replace(Settings.load(f"sqlite:///{tmp_path / 'clinic.db'}"),
                             server=True))
    accounts = Accounts(app.state.backcoach.store.engine)
    add_account(accounts, "lead@clinic.org", "clinician", PASSWORD)
    patient = add_account(accounts, EMAIL, "patient", PASSWORD, clinician="lead@clinic.org")
    accounts.store_of(patient).save_profile(Profile(age=45, equipment=["mat"]))
    with serving(app) as url:
        yield url


@pytest.fixture
def page(browser: Any, console: Console) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    console.watch(page)
    yield page
    context.close()


def log_in_and_keep_today(page: Any, url: str) -> None:
    page.goto(url + "/login")
    page.fill("#f-email", EMAIL)
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/today")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    for _ in range(100):
        if page.evaluate("async () => !!(await caches.match('/today'))"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker did not keep /today")


def log_out_answering(page: Any, *, accept: bool) -> str:
    """Click "Log out", answer the dialog it opens (OK or Cancel) and return what it
    said; fails when no dialog comes within 5 s."""
    said: list[str] = []

    def answer(dialog: Any) -> None:
        said.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", answer)
    page.click("text=Log out")
    for _ in range(100):
        if said:
            return said[0]
        page.wait_for_timeout(50)
    raise AssertionError("logging out asked nothing")


def test_logging_out_forgets_the_pages_kept_for_offline(page: Any, clinic: str) -> None:
    log_in_and_keep_today(page, clinic)
    assert page.evaluate(DAY_CACHES) == 1
    page.click("text=Log out")
    page.wait_for_url("**/login")
    assert page.evaluate(DAY_CACHES) == 0
    assert not page.evaluate("async () => !!(await caches.match('/today'))")
    # Offline now, /today is the offline page, not the last person's plan.
    page.context.set_offline(True)
    page.goto(clinic + "/today")
    assert page.locator("h1").inner_text() == "You are offline"
    assert EMAIL not in page.content()
    page.context.set_offline(False)


def test_a_set_the_server_cannot_take_yet_is_lost_only_when_the_person_says_so(
        page: Any, clinic: str) -> None:
    log_in_and_keep_today(page, clinic)
    add_waiting_set(page)
    page.route("**/api/v1/sessions/*/sets", lambda route: route.fulfill(status=503))
    assert "could not be saved" in log_out_answering(page, accept=False)
    assert page.url.endswith("/today")  # still logged in, the set still here
    assert waiting(page) == 1
    assert page.evaluate(DAY_CACHES) == 1

    log_out_answering(page, accept=True)
    page.wait_for_url("**/login")
    assert waiting(page) == 0
    assert page.evaluate(DAY_CACHES) == 0


def test_offline_the_logout_waits_and_keeps_the_sets(page: Any, clinic: str) -> None:
    log_in_and_keep_today(page, clinic)
    add_waiting_set(page)
    page.context.set_offline(True)
    assert "no connection" in log_out_answering(page, accept=True)
    assert page.url.endswith("/today")
    assert waiting(page) == 1
    page.context.set_offline(False)
    page.click("text=Log out")  # back online: the set is sent, then the logout goes
    page.wait_for_url("**/login")
    assert page.evaluate(DAY_CACHES) == 0


def test_a_set_refused_for_an_ended_login_waits_for_the_next_login(page: Any,
                                                                   clinic: str) -> None:
    log_in_and_keep_today(page, clinic)
    add_waiting_set(page)
    page.route("**/api/v1/sessions/*/sets", lambda route: route.fulfill(
        status=401, content_type="application/json", body='{"detail": "log in"}'))
    flushed = page.evaluate("""async () => {
      const outbox = new window.backcoachOutbox.Outbox();
      return [await outbox.flush(), outbox.loggedOut];
    }""")
    assert flushed == [False, True]
    assert waiting(page) == 1  # kept, not dropped as a refusal would be
