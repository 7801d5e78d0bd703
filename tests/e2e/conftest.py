"""End-to-end fixtures: the app served by uvicorn on loopback, Debian's chromium driven by
Playwright, console errors collected, screenshots saved to artifacts/e2e/.

Playwright uses the system browser (``/usr/bin/chromium``; .ci/run installs it), never a
downloaded one. Without it these tests are skipped, saying why, unless CI is set, which
makes that a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.serving import serving

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
WIDTHS = {"phone": 375, "laptop": 1280}


# Package scope: Playwright's synchronous API keeps an event loop on the main thread while
# it runs, which must be gone before the in-process async tests of the web app start.
@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@dataclass
class Server:
    url: str
    db_url: str
    app: Any


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """The web app on a fresh SQLite file, served on 127.0.0.1 in a thread."""
    from backcoach.settings import Settings
    from backcoach.web import create_app

    db_url = f"sqlite:///{tmp_path / 'e2e.db'}"
    app = create_app(Settings.load(db_url))
    with serving(app) as url:
        yield Server(url, db_url, app)


@dataclass
class Console:
    """Errors the page wrote to the console or threw, and failed requests."""

    errors: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        # An image whose source changed before it loaded is aborted: that is no error.
        page.on("requestfailed", lambda r: self.errors.append(
            f"request failed: {r.method} {r.url} {r.failure}")
            if "ERR_ABORTED" not in str(r.failure) else None)


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def phone(browser: Any, console: Console) -> Iterator[Any]:
    """A page 375 px wide, like a phone, with its console watched."""
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 740},
                                  device_scale_factor=1)
    page = context.new_page()
    console.watch(page)
    yield page
    context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save the whole page as artifacts/e2e/NAME-WIDTH.png and return the path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    path = ARTIFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def press_start(page: Any, pain: str, *, label: str = "Pain now, before you start",
                button: str = "Start") -> dict[str, Any]:
    """On the player's first screen, give the pain before and press Start (``label`` and
    ``button`` in the page's language); return the session the player holds once it runs."""
    page.get_by_label(label).fill(pain)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_selector('#player[data-state="running"]')
    session: dict[str, Any] = page.evaluate("window.backcoachPlayer.session")
    return session
