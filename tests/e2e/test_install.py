"""The app as a phone installs it, in a real browser: the manifest and its icons, the
service worker controlling /today, and with the server gone, /today and /player from its
cache and our offline page for the rest (issue 13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from backcoach.settings import Settings
from backcoach.web import create_app
from backcoach.web.pages import pwa
from tests.e2e.conftest import WIDTHS, Console, Server, screenshot
from tests.e2e.test_offline import PROFILE, kept_offline
from tests.serving import serving

MANIFEST_FIELDS = ("name", "short_name", "icons", "theme_color", "background_color",
                   "display", "start_url")


def icon_sizes(page: Any, icons: list[dict[str, str]]) -> list[str]:
    """Return each icon's size as the browser loaded it, "WxH"."""
    sizes: list[str] = page.evaluate("""async (icons) => Promise.all(icons.map((icon) =>
        new Promise((resolve) => {
            const image = new Image();
            image.onload = () => resolve(`${image.naturalWidth}x${image.naturalHeight}`);
            image.onerror = () => resolve("failed");
            image.src = icon.src;
        })))""", icons)
    return sizes


def test_installable_and_today_and_the_player_open_offline(browser: Any, tmp_path: Path,
                                                          console: Console) -> None:
    app = create_app(Settings.load(f"sqlite:///{tmp_path / 'install.db'}"))
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 740})
    page = context.new_page()
    console.watch(page)
    try:
        with serving(app) as url:
            assert httpx.put(url + "/api/v1/profile", json=PROFILE).status_code == 200
            page.goto(url + "/today")
            href = page.get_attribute('link[rel="manifest"]', "href")
            manifest = page.evaluate("async (href) => (await fetch(href)).json()", href)
            assert all(manifest.get(name) for name in MANIFEST_FIELDS)
            assert manifest["display"] == "standalone" and manifest["start_url"] == "/today"
            assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}
            assert icon_sizes(page, manifest["icons"]) == [i["sizes"] for i in manifest["icons"]]
            page.evaluate("async () => { await navigator.serviceWorker.ready; }")
            page.reload()
            assert page.evaluate("() => navigator.serviceWorker.controller !== null")
            plan = httpx.get(url + "/api/v1/plan").json()
            first = plan["today"]["items"][0]["exercise"]
            for _ in range(100):  # the worker keeps the day while the page is read
                if kept_offline(page, "/player") and kept_offline(page, f"/exercises/{first}"):
                    break
                page.wait_for_timeout(100)
            else:
                raise AssertionError("the worker did not keep today's player and exercises")
            # Every cache is named after this release: the next one drops them.
            release = httpx.get(url + "/sw.js").text.split('"')[1]
            names = page.evaluate("async () => caches.keys()")
            assert names and all(name.endswith(release) for name in names), names
            assert console.errors == []
        # The server is gone, and the browser has no connection either.
        context.set_offline(True)
        page.reload()
        assert page.title().startswith("Today")
        figure = page.locator("img.figure").first
        assert figure.evaluate("(img) => img.complete && img.naturalWidth > 0")
        screenshot(page, "offline-today")
        page.goto(url + "/player")
        page.wait_for_selector('#player[data-state="ready"]')
        assert page.get_by_role("button", name="Start", exact=True).is_visible()
        page.goto(url + f"/exercises/{first}")
        assert page.locator("h1").inner_text() != "You are offline"
        page.goto(url + "/history")
        assert page.locator("h1").inner_text() == "You are offline"
        assert page.get_by_role("link", name="Today's plan").is_visible()
        screenshot(page, "offline-page")
    finally:
        context.close()


def test_a_new_release_replaces_the_caches_of_the_old(server: Server, phone: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert httpx.put(server.url + "/api/v1/profile", json=PROFILE).status_code == 200
    phone.goto(server.url + "/today")
    phone.evaluate("async () => { await navigator.serviceWorker.ready; }")
    old = pwa.release()
    for _ in range(100):
        if kept_offline(phone, "/player"):
            break
        phone.wait_for_timeout(100)
    assert all(name.endswith(old) for name in phone.evaluate("async () => caches.keys()"))
    monkeypatch.setattr(pwa, "release", lambda: "nextrelease1")  # what an upgrade changes
    phone.evaluate("""async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration.update();
        const worker = registration.installing || registration.waiting;
        if (worker) await new Promise((resolve) => worker.addEventListener(
            "statechange", () => worker.state === "activated" && resolve()));
    }""")
    names: list[str] = []
    for _ in range(100):  # the new worker keeps today again, under its own names
        names = phone.evaluate("async () => caches.keys()")
        if sorted(names) == ["backcoach-day-nextrelease1", "backcoach-shell-nextrelease1"]:
            break
        phone.wait_for_timeout(100)
    assert sorted(names) == ["backcoach-day-nextrelease1", "backcoach-shell-nextrelease1"]
    assert kept_offline(phone, "/player")
