"""Page-weight budgets: what a phone downloads, compressed, the first time it opens a page.

    .venv/bin/python benchmarks/web_budget.py [--no-lighthouse]

Serves backcoach (uvicorn on 127.0.0.1) on a fresh SQLite file holding a profile and four
weeks of sessions, pain and PSFS ratings, and loads each page in Debian's chromium driven
by Playwright, in a new browser context each (no cache, service workers blocked so a page
is measured alone):

- the player with everything a session needs: /player with its styles, script and icon,
  Start pressed, then every figure of today's session (each exercise's start pose and its
  movement) fetched from the page, as the player fetches them step by step;
- /today, and /history (printed, no budget).

A page's weight is the sum of its responses' bodies as they came over the wire
(Playwright's ``responseBodySize``: compressed when the server compressed them; Chromium
asks for gzip, deflate and br), each URL counted once. Next to it, measured in the same
run, the same bodies decoded: their size had nothing been compressed.

When the server has a service worker at /sw.js, a fresh context opens /today with it
allowed, waits until it controls nothing more (its caches stop growing) and sums what it
stored; each stored URL is then fetched again asking for gzip, which gives the bytes its
first visit transfers.

Budgets (issue 13): player < 150 KB, /today < 100 KB, the service worker's first-visit
precache < 1.5 MB. Exits 1 when one is broken.

Then, when ``npx lighthouse`` is installed (this never downloads it), Lighthouse's mobile
accessibility and best-practices scores for /today, /player and /history (target 100):
printed, never a budget. Only loopback is contacted; every wait is bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update"]
PHONE = {"width": 375, "height": 812}
KB = 1024
BUDGETS = {"player": 150 * KB, "/today": 100 * KB}
PRECACHE_BUDGET = 1536 * KB  # 1.5 MB
LIGHTHOUSE_PAGES = ("/today", "/player", "/history")
PROFILE = {"age": 45, "pain_now": "dull", "pain_level": 3, "equipment": ["mat", "chair"],
           "days_per_week": 7, "minutes_per_day": 20}
WAIT_MS = 20_000


# The server -------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start uvicorn on the database ``url``; return the process and its base URL."""
    port = free_port()
    env = {**os.environ, "BACKCOACH_DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "backcoach.web.app:app_from_env", "--factory",
         "--host", HOST, "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return process, f"http://{HOST}:{port}"
        except OSError:
            if process.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not answer within 30 s")


def seed(base: str, today: date) -> None:
    """Save a profile, four weeks of sessions before today (pain 5 -> 3) and PSFS ratings,
    through the API, so that every chart of /history has something to draw."""
    with httpx.Client(base_url=base, timeout=30) as client:
        client.put("/api/v1/profile", json=PROFILE).raise_for_status()
        for back in range(28, 0, -2):
            client.post("/api/v1/log", json={
                "date": (today - timedelta(days=back)).isoformat(), "phase": "entry",
                "pain_before": 5, "pain_after": 3 + back // 10,
                "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 10}] * 2}],
            }).raise_for_status()
        for back, score in ((28, 3), (14, 4), (1, 6)):
            client.post("/api/v1/psfs", json={
                "ratings": {"Tie my shoes": score, "Sit for an hour": score + 1},
                "date": (today - timedelta(days=back)).isoformat()}).raise_for_status()


# Measuring a page ---------------------------------------------------------------------------

@dataclass
class Weight:
    """What a page downloaded: per URL, the bytes on the wire and decoded, and how."""

    wire: dict[str, int] = field(default_factory=dict)
    decoded: dict[str, int] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)

    def add(self, request: Any) -> None:
        """Count a finished request (while its page is open: its body is read from it)."""
        response = request.response()
        if response is None:
            return
        url = request.url
        # Counted once: a second load of the same URL came from the memory cache.
        self.wire[url] = max(self.wire.get(url, 0), request.sizes()["responseBodySize"])
        self.decoded[url] = max(self.decoded.get(url, 0), _decoded(request, response))
        self.encodings[url] = response.headers.get("content-encoding", "none")

    @property
    def total(self) -> int:
        return sum(self.wire.values())

    @property
    def total_decoded(self) -> int:
        return sum(self.decoded.values())


def _decoded(request: Any, response: Any) -> int:
    """Return the size of the body decoded. Chromium gives no body for some responses (the
    figures, served with a sandboxing policy): those are fetched again, uncompressed."""
    if not 200 <= response.status < 300:
        return 0
    body = response.body()
    if body or request.method != "GET":
        return len(body)
    return len(httpx.get(request.url, headers={"Accept-Encoding": "identity"},
                         timeout=30).content)


def measure(browser: Any, base: str, path: str, *, session: bool = False) -> Weight:
    """Load ``path`` in a fresh context and return what it downloaded; with ``session``,
    press Start and fetch every figure of today's session as well."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(base + path, wait_until="networkidle", timeout=WAIT_MS)
    if session:
        start = page.get_by_role("button", name="Start", exact=True)
        start.click(timeout=WAIT_MS)
        page.wait_for_selector('#player[data-state="running"]', timeout=WAIT_MS)
        page.evaluate("urls => Promise.all(urls.map(u => fetch(u).then(r => r.blob())))",
                      session_figures(base))
        page.wait_for_load_state("networkidle", timeout=WAIT_MS)
    page.wait_for_timeout(200)  # the last events reach Python
    weight = Weight()
    for request in finished:
        weight.add(request)
    context.close()
    return weight


def session_figures(base: str) -> list[str]:
    """Return the figure URLs the player shows for today's session: each exercise's start
    pose (getting ready, rests) and its movement (the work)."""
    plan = httpx.get(base + "/api/v1/plan", timeout=30).json()
    exercises = dict.fromkeys(i["exercise"] for i in (plan.get("today") or {}).get("items", []))
    return [f"{base}/api/v1/exercises/{e}/figure.svg{pose}"
            for e in exercises for pose in ("?pose=start", "")]


def report(name: str, weight: Weight, budget: int | None) -> bool:
    """Print a page's weight against its budget; return whether it is within."""
    within = budget is None or weight.total < budget
    verdict = "" if budget is None else (
        f"  budget {budget / KB:.0f} KB: {'met' if within else 'NOT met'}")
    print(f"{name:22} {weight.total / KB:8.1f} KB on the wire "
          f"({weight.total_decoded / KB:.1f} KB decoded, {len(weight.wire)} responses){verdict}")
    encodings = Counter(weight.encodings.values())
    print("    content-encoding: " + ", ".join(f"{name} {count}"
                                               for name, count in encodings.most_common()))
    figures = [size for url, size in weight.wire.items() if "/figure.svg" in url]
    if figures:
        print(f"    {len(figures)} figures: {sum(figures) / KB:.1f} KB")
    heaviest = sorted(weight.wire.items(), key=lambda item: -item[1])[:4]
    for url, size in heaviest:
        short = url.split("/", 3)[3] if url.count("/") >= 3 else url
        print(f"    {size / KB:7.1f} KB  /{short}  ({weight.encodings.get(url, '?')})")
    return within


# The service worker's precache -------------------------------------------------------------

CACHED = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      out.push([request.url, (await response.arrayBuffer()).byteLength]);
    }
  }
  return out;
}"""


READY = f"""() => Promise.race([navigator.serviceWorker.ready.then(() => true),
                               new Promise(done => setTimeout(() => done(false), {WAIT_MS}))])"""


@dataclass
class Precache:
    """What the service worker stored on a first visit, and its bytes on the wire."""

    ready: bool
    wire: int = 0
    stored: int = 0
    urls: int = 0


def precache(browser: Any, base: str, first_page: str = "/today") -> Precache | None:
    """Open ``first_page`` with the service worker allowed and return what it cached, or
    None when the server has no /sw.js."""
    if httpx.get(base + "/sw.js", timeout=10).status_code != 200:
        return None
    context = browser.new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    page.goto(base + first_page, wait_until="networkidle", timeout=WAIT_MS)
    if not page.evaluate(READY):
        context.close()
        return Precache(ready=False)
    stored: list[list[Any]] = []
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:  # until the caches stop growing for a second
        now = page.evaluate(CACHED)
        if now and now == stored:
            break
        stored = now
        time.sleep(1)
    context.close()
    wire = 0
    with httpx.Client(timeout=30, headers={"Accept-Encoding": "gzip"}) as client:
        for url, _ in stored:
            with client.stream("GET", url) as response:
                for _chunk in response.iter_raw():
                    pass
                wire += response.num_bytes_downloaded
    return Precache(ready=True, wire=wire, stored=sum(size for _, size in stored),
                    urls=len(stored))


def report_precache(cached: Precache | None) -> bool:
    """Print the service worker's first-visit cache against its budget; return whether it
    is within (True when there is no service worker: nothing to hold to a budget)."""
    if cached is None:
        print("service worker: none at /sw.js, so no precache to measure")
        return True
    if not cached.ready:
        print(f"service worker: /sw.js exists but controlled nothing within {WAIT_MS // 1000} "
              "s: NOT met (the precache cannot be measured)")
        return False
    within = cached.wire < PRECACHE_BUDGET
    print(f"{'sw first-visit cache':22} {cached.wire / KB:8.1f} KB on the wire "
          f"({cached.stored / KB:.1f} KB stored, {cached.urls} URLs)  budget "
          f"{PRECACHE_BUDGET / KB:.0f} KB: {'met' if within else 'NOT met'}")
    return within


# Lighthouse --------------------------------------------------------------------------------

def lighthouse(base: str) -> None:
    """Print Lighthouse's mobile accessibility and best-practices scores, when installed."""
    npx = shutil.which("npx")
    if npx is None:
        print("Lighthouse: skipped, npx is not installed")
        return
    probe = subprocess.run([npx, "--no-install", "lighthouse", "--version"],
                           capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        print("Lighthouse: skipped, not installed (npm install -g lighthouse); this "
              "benchmark never downloads it")
        return
    print(f"Lighthouse {probe.stdout.strip()} (mobile), target 100:")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    for path in LIGHTHOUSE_PAGES:
        run = subprocess.run(
            [npx, "--no-install", "lighthouse", base + path, "--quiet", "--output=json",
             "--output-path=stdout", "--only-categories=accessibility,best-practices",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            capture_output=True, text=True, timeout=180, env=env)
        if run.returncode != 0:
            print(f"    {path:10} failed: {run.stderr.strip().splitlines()[-1:]}")
            continue
        report = json.loads(run.stdout)
        categories = report["categories"]
        scores = ", ".join(f"{c['title']} {round(c['score'] * 100)}"
                           for c in categories.values())
        print(f"    {path:10} {scores}")
        for category in categories.values():  # what cost points, so it can be fixed
            for ref in category["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    items = audit.get("details", {}).get("items", [])[:3]
                    print(f"        {ref['id']}: {audit['title']} {json.dumps(items)[:300]}")


# Main ----------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="backcoach-budget-") as folder:
        process, base = start_server(f"sqlite:///{Path(folder) / 'budget.db'}")
        try:
            seed(base, date.today())
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                     args=LAUNCH_ARGS)
                print(f"first visit at {PHONE['width']}x{PHONE['height']}, no cache, "
                      f"chromium {browser.version}")
                ok = report("player + session", measure(browser, base, "/player",
                                                        session=True), BUDGETS["player"])
                ok &= report("/today", measure(browser, base, "/today"), BUDGETS["/today"])
                report("/history", measure(browser, base, "/history"), None)
                cached = precache(browser, base)
                browser.close()
            ok &= report_precache(cached)
            if not args.no_lighthouse:
                lighthouse(base)
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(f"budgets: {'all met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
