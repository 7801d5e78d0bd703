"""The installable app through the ASGI app: the manifest, its icons, the service worker's
script and headers, the offline page, today's list to keep; gzip and the static files'
cache lifetimes; start and finish sent twice with one Idempotency-Key (issue 13)."""

from __future__ import annotations

import gzip
import io
import json
import re
from typing import Any

import httpx
import pytest
from PIL import Image
from sqlalchemy import func, select

from backcoach.store.tables import RequestKey, SessionRow, SetRow
from backcoach.web.assets import BRIEFLY, FOREVER

pytestmark = pytest.mark.anyio

PRECACHE_BUDGET = 1_500_000
PROFILE = {"age": 40, "equipment": ["mat", "chair"], "days_per_week": 7}


async def test_the_manifest_names_the_app_and_its_icons(client: httpx.AsyncClient) -> None:
    response = await client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["name"] and manifest["short_name"] == "backcoach"
    assert manifest["start_url"] == "/today" and manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        got = await client.get(icon["src"])
        assert got.status_code == 200 and got.headers["content-type"] == "image/png"
        image = Image.open(io.BytesIO(got.content))
        assert f"{image.width}x{image.height}" == icon["sizes"]


async def test_the_maskable_icon_fills_its_square_and_the_other_has_round_corners(
        client: httpx.AsyncClient) -> None:
    maskable = Image.open(io.BytesIO((await client.get("/icons/maskable-512.png")).content))
    plain = Image.open(io.BytesIO((await client.get("/icons/512.png")).content))
    corner = (0, 0)
    assert maskable.convert("RGBA").getpixel(corner) == (0, 0x67, 0x6D, 255)  # nothing to crop
    assert plain.convert("RGBA").getpixel(corner) == (0, 0, 0, 0)  # a round corner


async def test_an_unknown_icon_is_404_saying_which_exist(client: httpx.AsyncClient) -> None:
    response = await client.get("/icons/100.png")
    assert response.status_code == 404
    assert "192.png" in response.text


async def test_every_page_links_the_manifest_and_registers_the_worker(
        client: httpx.AsyncClient) -> None:
    for url in ("/guide", "/exercises", "/onboarding", "/offline"):
        text = (await client.get(url)).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in text, url
        assert re.search(r'<script src="/static/pwa.js\?v=\w+" '
                         r'data-outbox="/static/outbox.js\?v=\w+" defer>', text), url
        assert '<meta name="theme-color"' in text, url


async def test_the_worker_is_served_from_the_root_with_its_release_and_shell(
        client: httpx.AsyncClient) -> None:
    response = await client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    # Its own policy: the pages' data policy would forbid the worker's fetches.
    policy = response.headers["content-security-policy"]
    assert "connect-src 'self'" in policy and "sandbox" not in policy
    head = dict(re.findall(r"^const (\w+) = (.*);$", response.text, re.M)[:4])
    shell = json.loads(head["SHELL"])
    assert "/offline" in shell
    for url in shell:  # everything it precaches is there
        assert (await client.get(url)).status_code == 200, url
    assert json.loads(head["OFFLINE_PAGES"]) == ["/today", "/player"]
    assert re.fullmatch(r'"\w{12}"', head["RELEASE"])


async def test_the_offline_page_says_what_works_offline(client: httpx.AsyncClient) -> None:
    response = await client.get("/offline")
    assert response.status_code == 200
    assert "You are offline" in response.text
    assert 'href="/today"' in response.text and 'href="/player"' in response.text


async def test_today_lists_its_pages_figures_and_exercises(client: httpx.AsyncClient) -> None:
    assert (await client.get("/offline/today.json")).json()["urls"] == ["/today", "/player"]
    assert (await client.put("/api/v1/profile", json=PROFILE)).status_code == 200
    plan = (await client.get("/api/v1/plan")).json()
    exercises = {item["exercise"] for item in plan["today"]["items"]}
    assert exercises
    urls = (await client.get("/offline/today.json")).json()["urls"]
    for exercise in exercises:
        assert f"/api/v1/exercises/{exercise}/figure.svg" in urls
        assert f"/api/v1/exercises/{exercise}/figure.svg?pose=start" in urls
        assert f"/api/v1/exercises/{exercise}/figure.svg?pose=end" in urls  # the thumbnail
        assert f"/exercises/{exercise}" in urls
    shell = json.loads(re.findall(r"^const SHELL = (.*);$", (await client.get("/sw.js")).text,
                                  re.M)[0])
    kept = 0
    for url in urls + shell:
        response = await client.get(url)
        assert response.status_code == 200, url
        kept += len(response.content)
    assert kept < PRECACHE_BUDGET  # issue 13's budget for the first visit


async def test_a_big_page_is_gzipped_and_a_small_answer_is_not(
        client: httpx.AsyncClient) -> None:
    response = await client.get("/guide", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    raw = await client.get("/guide", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    assert len(gzip.compress(raw.content)) < len(raw.content) / 2
    small = await client.get("/api/v1/sessions/current", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


async def test_static_files_with_their_digest_are_kept_a_year(
        client: httpx.AsyncClient) -> None:
    page = (await client.get("/guide")).text
    css = re.search(r'href="(/static/app\.css\?v=\w+)"', page)
    assert css is not None
    versioned = await client.get(css.group(1))
    assert versioned.status_code == 200 and versioned.headers["cache-control"] == FOREVER
    for url in ("/static/app.css", "/static/app.css?v=0123456789"):  # none, or an old one
        assert (await client.get(url)).headers["cache-control"] == BRIEFLY, url
    assert (await client.get("/static/nothing.css?v=1")).status_code == 404


def count(client: httpx.AsyncClient, table: type[Any]) -> int:
    store = client._transport.app.state.backcoach.store  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


async def test_start_and_finish_sent_twice_with_one_key_count_once(
        client: httpx.AsyncClient) -> None:
    assert (await client.put("/api/v1/profile", json=PROFILE)).status_code == 200
    start = {"Idempotency-Key": "start-1"}
    first = await client.post("/api/v1/sessions", json={"pain_before": 2}, headers=start)
    again = await client.post("/api/v1/sessions", json={"pain_before": 2}, headers=start)
    assert first.status_code == again.status_code == 201
    assert again.json()["session_id"] == first.json()["session_id"]
    assert count(client, SessionRow) == 1
    session = first.json()["session_id"]
    step = next(s["index"] for s in first.json()["steps"] if s["kind"] == "work")
    saved = await client.post(f"/api/v1/sessions/{session}/sets", json={"step": step},
                              headers={"Idempotency-Key": "set-1"})
    assert saved.status_code == 201
    finish = {"Idempotency-Key": "finish-1"}
    url = f"/api/v1/sessions/{session}/finish"
    done = await client.post(url, json={"pain_after": 1}, headers=finish)
    replayed = await client.post(url, json={"pain_after": 1}, headers=finish)
    assert done.status_code == replayed.status_code == 200
    assert replayed.json() == done.json()
    assert done.json()["record"]["completed"] and done.json()["streak_days"] == 1
    assert done.json()["next_training_day"] is not None  # seven days a week: tomorrow
    assert count(client, SetRow) == 1 and count(client, RequestKey) == 3
    # Without the key, finishing a finished session is refused, as before...
    assert (await client.post(url, json={"pain_after": 1})).status_code == 409
    # ...and the key of the first start, once that session is over, starts nothing.
    late = await client.post("/api/v1/sessions", json={"pain_before": 2}, headers=start)
    assert late.status_code == 409 and count(client, SessionRow) == 1
    # A key reused for another request is refused.
    other = await client.post(url, json={"pain_after": 3}, headers=finish)
    assert other.status_code == 409
