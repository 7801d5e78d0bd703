"""The history page with years of data: set counts computed once, the page kept in memory
until something is recorded, each browser's own CSRF token in it (issue 18)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backcoach.limits import MAX_EXERCISES, MAX_SETS

pytestmark = pytest.mark.anyio
TEMPLATE = Path(__file__).parents[2] / "src/backcoach/web/templates/history.html"


def test_the_template_sums_no_lists():
    # sum(attribute="sets", start=[]) concatenated every set list: quadratic in the sets.
    assert "sum(" not in TEMPLATE.read_text()


async def test_the_largest_session_shows_its_set_count(client):
    exercises = [{"exercise": "cat_cow", "sets": [{"reps": 5}] * MAX_SETS}] * MAX_EXERCISES
    logged = await client.post("/api/v1/log", json={"date": "2026-03-01", "phase": "entry",
                                                    "exercises": exercises})
    assert logged.status_code == 201
    page = (await client.get("/history")).text
    assert f"Completed, {MAX_SETS * MAX_EXERCISES:,} sets" in page


async def test_the_page_is_read_once_per_change_and_each_browser_gets_its_token(client, app):
    store = app.state.backcoach.store
    await client.get("/history")  # the first read creates the person's row: a change
    reads = []
    original = store.sessions

    def counted(**kwargs):
        reads.append(kwargs)
        return original(**kwargs)

    store.sessions = counted
    first = await client.get("/history")
    again = await client.get("/history")
    assert first.text == again.text and len(reads) == 1
    token = client.cookies["backcoach_csrf"]
    assert f'value="{token}"' in again.text
    client.cookies.clear()
    stranger = await client.get("/history")
    other = client.cookies["backcoach_csrf"]
    assert other != token and f'value="{other}"' in stranger.text and token not in stranger.text
    assert (await client.post("/history/pain", data={"pain": "2"})).status_code == 303
    await client.get("/history")
    assert len(reads) == 2  # something was recorded: read again


async def log(client, day: str, **fields) -> None:
    response = await client.post("/api/v1/log", json={
        "date": day, "phase": "entry", **fields,
        "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 8}, {"reps": 8}]}]})
    assert response.status_code == 201, response.text


async def test_the_charts_are_svg_in_the_page_each_led_by_words_with_its_numbers(client):
    for day, after in (("2026-02-02", 5), ("2026-02-16", 4), ("2026-03-02", 3)):
        await log(client, day, pain_before=5, pain_after=after)
    response = await client.get("/history")
    page = response.text
    assert "/api/v1/progress/chart.svg" not in page  # the matplotlib image is not shown
    assert page.count('<svg class="pchart"') == 3  # pain, sessions, cat-cow; no PSFS yet
    assert page.count('role="img"') == 3 and page.count("<details") == 3
    assert "Pain after sessions: 5 → 3 over 4 weeks, a meaningful change for the better." in page
    assert "No everyday activities rated yet" in page
    assert re.search(r'<th scope="row">2 Mar</th><td>5</td><td>3</td>', page)
    chart = await client.get("/api/v1/progress/chart.svg")  # kept for the PDF and the CLI
    assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg")


async def test_a_persons_words_are_escaped_in_the_charts_and_tables(client):
    name = "Lift <script>alert(1)</script> & carry"
    saved = await client.post("/history/psfs", data={"new_activity": name, "new_score": "4"})
    assert saved.status_code == 303
    page = (await client.get("/history")).text
    assert "<script>alert(1)" not in page
    assert "Lift &lt;script&gt;alert(1)&lt;/script&gt; &amp; carry" in page


@pytest.mark.parametrize(("reason", "words"), [
    ("pain", "Stopped because it hurt, 2 sets"), ("spasm", "Stopped for a spasm, 2 sets"),
    ("tired", "Stopped: too tired, 2 sets"), ("other", "Stopped early, 2 sets")])
async def test_a_stopped_session_says_why_in_words(client, reason, words):
    await log(client, "2026-03-02", completed=False, stopped_reason=reason)
    page = (await client.get("/history")).text
    assert words in page and f"stopped: {reason}" not in page.lower()


async def test_every_id_on_the_page_is_unique(client):
    # A chart's <title> and heading ids sit beside the page's own (pain, psfs, sessions-title).
    await log(client, "2026-03-02", pain_before=4, pain_after=2)
    await client.post("/history/psfs", data={"new_activity": "Walk", "new_score": "4"})
    ids = re.findall(r'\sid="([^"]+)"', (await client.get("/history")).text)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
