"""The history page with years of data: set counts computed once, the page kept in memory
until something is recorded, each browser's own CSRF token in it (issue 18)."""

from __future__ import annotations

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
    assert f"completed, {MAX_SETS * MAX_EXERCISES} sets" in page


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
