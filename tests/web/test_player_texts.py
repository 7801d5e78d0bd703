"""The player's page and its script's words in Russian (issue 15): the words the script is
given (pages/player.py's texts()) are Russian, with the three Russian forms of each count;
the page's own panels have no English left; the dates and minutes are written the Russian
way; English stays as it was."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from backcoach import i18n
from backcoach.web.pages.player import COUNTS, texts

pytestmark = pytest.mark.anyio

PROFILE = {"age": 41, "equipment": ["mat", "chair"], "days_per_week": 7, "minutes_per_day": 15}
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# Latin words a Russian page may show: the keys' letters, the product, JavaScript, and the
# guideline the catalog's warning signs cite (NICE NG59).
ALLOWED = {"n", "b", "d", "s", "backcoach", "JavaScript", "NICE", "NG"}
# The panels the player page writes itself (the start panel also shows the plan's and the
# screening's words, which are other parts' texts).
OWN = ("p-run", "p-stop", "p-finish", "p-end", "p-hurts", "p-start-form", "p-start-title")


class Texts(HTMLParser):
    """The text inside the elements with the ids of :data:`OWN`, and the JSON in the
    <template>s."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []
        self.json: dict[str, str] = {}
        self._json_id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "template":
            self._json_id = found.get("id")
        if self.depth:
            self.depth += tag not in ("input", "img", "br")
            for name in ("aria-label", "alt", "aria-valuetext"):
                if found.get(name):
                    self.text.append(str(found[name]))
        elif found.get("id") in OWN:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in ("input", "img", "br"):
            self.depth -= 1
        self._json_id = None

    def handle_data(self, data: str) -> None:
        if self._json_id:
            self.json[self._json_id] = data
        elif self.depth:
            self.text.append(data)


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return [s for v in value for s in strings(v)]  # type: ignore[attr-defined]


def test_every_word_the_script_is_given_is_russian_with_three_forms():
    with i18n.using("ru"):
        russian = texts()
    with i18n.using("en"):
        english = texts()
    assert russian.keys() == english.keys()
    for text in strings(russian):
        assert CYRILLIC.search(text), text
    for key, forms in russian.items():
        if isinstance(forms, list):
            assert len(forms) == len(COUNTS) == 3 and len(set(forms)) == 3, key
            assert english[key][1] == english[key][2] != english[key][0], key  # type: ignore[index]
    assert russian["reps"] == ["{num} повторение", "{num} повторения", "{num} повторений"]


async def test_the_player_page_in_russian_has_no_english_of_its_own(client):
    assert (await client.put("/api/v1/profile", json=PROFILE)).status_code == 200
    response = await client.get("/player", headers={"Accept-Language": "ru"})
    assert '<html lang="ru">' in response.text
    page = Texts()
    page.feed(response.text)
    shown = " ".join(page.text)
    assert "Начать" in shown and "Стоп: больно" in shown and "Пауза" in shown
    assert set(re.findall(r"[A-Za-z]+", shown)) <= ALLOWED
    assert json.loads(page.json["p-texts"])["pause"] == "Пауза"
    assert json.loads(page.json["motion-texts"])["play"] == "Пуск"
    # About 8,2 minutes, the next session on "среда, 5 марта".
    assert re.search(r"\d+ упражнени[йея], около \d+(,\d)? мин\.", response.text)
    assert re.search(r"Следующая сессия: [а-я]+, \d+ [а-я]+\.", response.text)


async def test_the_player_page_in_english_is_as_it_was(client):
    assert (await client.put("/api/v1/profile", json=PROFILE)).status_code == 200
    response = await client.get("/player")
    assert re.search(r"\d+ exercises, about \d+(\.\d)? minutes\.", response.text)
    assert re.search(r"Next session: [A-Z][a-z]+day \d{4}-\d\d-\d\d\.", response.text)
    assert "Next exercise" in response.text and "Stop: it hurts" in response.text


async def test_the_offline_page_and_the_manifest_in_russian(client):
    offline = await client.get("/offline", headers={"Accept-Language": "ru"})
    assert "<h1>Нет подключения к интернету</h1>" in offline.text
    assert '<a href="/today">План на сегодня</a> — в том виде' in offline.text
    manifest = (await client.get("/manifest.webmanifest",
                                 headers={"Accept-Language": "ru"})).json()
    assert manifest["lang"] == "ru" and CYRILLIC.search(manifest["name"])
    assert manifest["short_name"] == "backcoach"
    english = (await client.get("/manifest.webmanifest")).json()
    assert english["name"] == "backcoach: a stronger, pain-free lower back"
