"""The attacks of issue 18 on the local server, replayed: cross-site writes and reads, DNS
rebinding, framing, oversized bodies; each must be refused."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from backcoach.settings import Settings
from backcoach.web import create_app
from backcoach.web.security import CSRF_COOKIE, MAX_BODY_BYTES, host_name
from tests.web import NOW, TODAY
from tests.web.conftest import Browser

pytestmark = pytest.mark.anyio

PERSON = {"age": 40, "equipment": ["mat"], "days_per_week": 7}
# The forged form of the attack: a profile with a doctor's clearance and every red flag off.
FORGED = {"pain_now": "none", "pain_level": "0", "pain_spreads": "none", "age": "34",
          "place": "home", "goal": "prevent", "minutes_per_day": "20", "days_per_week": "7",
          "doctor_cleared": "on"}
PAGES = ["/today", "/history", "/onboarding", "/screening", "/exercises", "/exercises/cat_cow",
         "/programs", "/programs/home_set", "/programs/home_set/handout", "/guide",
         "/calendar", "/player", "/api/docs", "/nothing-here"]


async def _profile(client: httpx.AsyncClient) -> dict[str, object]:
    response = await client.get("/api/v1/profile")
    return dict(response.json()) if response.status_code == 200 else {}


# Cross-site writes ----------------------------------------------------------------------

async def test_a_sandboxed_frame_elsewhere_cannot_replace_the_profile(client):
    assert (await client.put("/api/v1/profile", json=PERSON)).status_code == 200
    before = await _profile(client)
    forged = await client.post("/onboarding", data=FORGED, headers={"origin": "null"})
    assert forged.status_code == 403
    api = await client.put("/api/v1/profile", json={**PERSON, "age": 80},
                           headers={"origin": "null"})
    assert api.status_code == 403 and api.json()["errors"][0]["field"] == "origin"
    assert await _profile(client) == before


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
async def test_a_write_without_origin_from_another_site_is_refused(client, site):
    refused = await client.post("/api/v1/pain", json={"pain": 3},
                                headers={"sec-fetch-site": site})
    assert refused.status_code == 403
    assert (await client.get("/api/v1/pain")).json() == []


async def test_api_clients_that_send_neither_header_keep_working(client):
    assert (await client.post("/api/v1/pain", json={"pain": 3})).status_code == 201
    same = await client.post("/api/v1/pain", json={"pain": 2},
                             headers={"origin": "http://localhost",
                                      "sec-fetch-site": "same-origin"})
    assert same.status_code == 201


async def test_a_form_without_this_browsers_csrf_token_is_refused(client):
    await client.get("/history")
    assert CSRF_COOKIE in client.cookies
    missing = await client.post("/history/pain", data={"pain": "3", "csrf": ""})
    wrong = await client.post("/history/pain", data={"pain": "3", "csrf": "x" * 43})
    assert missing.status_code == wrong.status_code == 403
    assert "reload the page" in wrong.text
    # ...and a browser without the cookie (the form posted from elsewhere) is refused too.
    transport = httpx.ASGITransport(app=client._transport.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as other:
        token = client.cookies[CSRF_COOKIE]
        stranger = await other.post("/history/pain", data={"pain": "3", "csrf": token})
        assert stranger.status_code == 403
    assert (await client.get("/api/v1/pain")).json() == []
    ok = await client.post("/history/pain", data={"pain": "3"})  # the page's own token
    assert ok.status_code == 303


class _Forms(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.posts = 0
        self.tokens = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.posts += 1
        if tag == "input" and a.get("name") == "csrf" and a.get("value"):
            self.tokens += 1


async def test_every_form_that_posts_carries_the_token(client):
    await client.put("/api/v1/profile", json={**PERSON, "hernia": True, "age": 70,
                                              "osteoporosis": True})
    for url in ("/onboarding", "/history", "/screening"):
        forms = _Forms((await client.get(url)).text)
        assert forms.posts >= 1 and forms.tokens == forms.posts, url


# Reads and writes by another host name (DNS rebinding) -------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000",
                                  "127.0.0.1.evil.example", ""])
async def test_another_host_name_gets_400_even_for_the_export(client, host):
    await client.put("/api/v1/profile", json=PERSON)
    read = await client.get("/api/v1/export", headers={"host": host})
    assert read.status_code == 400 and "profiles" not in read.text
    write = await client.post("/api/v1/pain", json={"pain": 3},
                              headers={"host": host, "origin": f"http://{host}"})
    assert write.status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:8001",
                                  "[::1]:8000"])
async def test_the_local_names_are_answered(client, host):
    assert (await client.get("/api/v1/guide", headers={"host": host})).status_code == 200


def test_host_names_lose_their_port():
    assert host_name("[::1]:8000") == "::1"
    assert host_name("Example.org:443") == "example.org"
    assert host_name("::1") == "::1"


@pytest.fixture
async def served(tmp_path: Path, request: pytest.FixtureRequest
                 ) -> AsyncIterator[tuple[httpx.AsyncClient, Settings]]:
    settings: Settings = request.param(f"sqlite:///{tmp_path / 'web.db'}")
    app = create_app(settings, today=lambda: TODAY, now=lambda: NOW)
    async with Browser(transport=httpx.ASGITransport(app=app),
                       base_url="http://localhost") as c:
        yield c, settings
    app.state.backcoach.version.close()
    app.state.backcoach.store.engine.dispose()


@pytest.mark.parametrize("served", [
    lambda url: Settings.load(url).listening_on("192.168.1.20"),
    lambda url: Settings.load(url, environ={"BACKCOACH_HOSTS": "coach.example, other.example"}),
], indirect=True, ids=["--host", "BACKCOACH_HOSTS"])
async def test_the_host_given_and_configured_names_are_answered(served):
    client, settings = served
    extra = settings.hosts[-1]
    assert (await client.get("/api/v1/guide", headers={"host": extra})).status_code == 200
    assert (await client.get("/api/v1/guide",
                             headers={"host": "evil.example"})).status_code == 400


# Headers ------------------------------------------------------------------------------------

async def test_every_page_forbids_framing_inline_scripts_and_sniffing(client):
    await client.put("/api/v1/profile", json=PERSON)
    for url in PAGES:
        response = await client.get(url)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy, url
        assert "frame-ancestors 'none'" in policy, url
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in response.headers
        html = response.text
        # Every script is a file of ours; no inline handler or style would run.
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert re.search(r'src="/(static|api/docs/assets)/', tag), (url, tag)
        assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        assert not re.search(r"\sstyle=", html) and "<style" not in html, url
        assert not re.search(r'(src|href)="(https?:)?//', html), url


async def test_data_answers_run_nothing_even_when_opened_alone(client):
    for url in ("/api/v1/guide", "/api/v1/exercises/cat_cow/figure.svg", "/openapi.json"):
        response = await client.get(url)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert "sandbox" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("served", [lambda url: Settings(url, https=True)], indirect=True)
async def test_hsts_and_secure_cookies_behind_https(served):
    client, _ = served
    response = await client.get("/guide")
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert "Secure" in response.headers["set-cookie"]


async def test_the_api_docs_come_from_this_origin(client):
    page = await client.get("/api/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    for asset in re.findall(r'(?:src|href)="([^"]+)"', page.text):
        assert asset.startswith("/"), asset
        assert (await client.get(asset)).status_code == 200, asset


# Limits -------------------------------------------------------------------------------------

async def test_a_body_over_the_cap_is_refused_with_413(client):
    exercises = [{"exercise": "cat_cow", "sets": [{"reps": 5}]}] * 100_000
    huge = await client.post("/api/v1/log", json={"date": "2026-03-01", "phase": "entry",
                                                  "exercises": exercises})
    assert huge.status_code == 413 and huge.json()["errors"][0]["field"] == "body"

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(MAX_BODY_BYTES // 1000 + 2):
            yield b" " * 1000

    streamed = await client.post("/api/v1/pain", content=chunks(),
                                 headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert (await client.get("/api/v1/sessions")).json() == []
