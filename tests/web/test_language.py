"""The language of a page: the switch's cookie, else Accept-Language, else English."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio


async def test_accept_language_chooses_and_the_answer_says_so(client):
    english = await client.get("/guide")
    assert english.headers["content-language"] == "en"
    assert "Accept-Language" in english.headers["vary"]
    assert '<html lang="en">' in english.text
    russian = await client.get("/guide", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert russian.headers["content-language"] == "ru"
    assert '<html lang="ru">' in russian.text
    api = await client.get("/api/v1/exercises", headers={"Accept-Language": "ru"})
    assert api.headers["content-language"] == "ru"


async def test_the_switch_remembers_the_choice_over_the_browsers(client):
    switched = await client.get("/language/ru?next=/guide")
    assert switched.status_code == 303 and switched.headers["location"] == "/guide"
    assert "backcoach_lang=ru" in switched.headers["set-cookie"]
    page = await client.get("/guide", headers={"Accept-Language": "en"})
    assert page.headers["content-language"] == "ru"
    back = await client.get("/language/en?next=/today")
    assert "backcoach_lang=en" in back.headers["set-cookie"]
    assert (await client.get("/guide", headers={"Accept-Language": "ru"})).headers[
        "content-language"] == "en"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil",
                                    None])
async def test_the_switch_only_returns_to_this_site(client, target):
    query = f"?next={target}" if target else ""
    answer = await client.get(f"/language/ru{query}")
    assert answer.headers["location"] == "/today"


async def test_an_unknown_language_in_the_switch_is_english(client):
    answer = await client.get("/language/xx")
    assert "backcoach_lang=en" in answer.headers["set-cookie"]


async def test_the_exercises_in_the_readers_language(client):
    russian = {"Accept-Language": "ru"}
    page = await client.get("/exercises", headers=russian)
    assert "Ягодичный мостик" in page.text and 'hreflang="en"' in page.text
    api = await client.get("/api/v1/exercises/cat_cow", headers=russian)
    assert api.json()["exercise"]["name"] == "Кошка"
    english = await client.get("/api/v1/exercises/cat_cow")
    assert english.json()["exercise"]["name"] == "Cat-cow"
    assert 'hreflang="ru"' in (await client.get("/exercises")).text  # the switch
