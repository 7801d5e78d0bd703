"""Issue 15: every page a person reaches from the start, read in Russian in a real browser,
is Russian: ``lang="ru"`` and no English words in its visible text beyond the product's
name, units and abbreviations. Published guidelines are cited as published (their title
in a ``.source`` note), so those notes are left out of the check."""

from __future__ import annotations

import re
from typing import Any

from backcoach.profile import Profile
from backcoach.store import Store
from tests.e2e.conftest import Console, Server

LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# The product, file kinds, abbreviations used as such in Russian, the vitamins D and C, the
# language switch's "English", and the player's keys (b, d, n, s: the letters on a keyboard).
ALLOWED = {"backcoach", "PDF", "API", "PSFS", "NICE", "NHS", "NG", "JSON", "ics", "English",
           "D", "C", "b", "d", "n", "s"}
ROMAN = re.compile(r"^[IVX]+(?:[-–][IVX]+)?$")
MAX_PAGES = 60
VISIBLE_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('.source, script, style, template, noscript').forEach(e => e.remove());
  return copy.innerText;
}"""


def _english(text: str) -> list[str]:
    return sorted({w for w in LATIN.findall(text) if w not in ALLOWED and not ROMAN.match(w)})


def test_every_page_reached_from_the_start_is_russian(browser: Any, server: Server,
                                                      console: Console) -> None:
    store, _ = Store.open(server.db_url)
    store.save_profile(Profile(age=40, days_per_week=7, minutes_per_day=15))
    store.engine.dispose()
    context = browser.new_context(locale="ru-RU",
                                  extra_http_headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    page = context.new_page()
    console.watch(page)
    seen: set[str] = set()
    todo = ["/"]
    problems = []
    while todo and len(seen) < MAX_PAGES:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(server.url + path)
        assert page.evaluate("document.documentElement.lang") == "ru", path
        english = _english(page.evaluate(VISIBLE_TEXT))
        if english:
            problems.append(f"{path}: {english}")
        for href in page.eval_on_selector_all("a[href^='/']", "els => els.map(e => "
                                              "e.getAttribute('href'))"):
            target = href.split("#")[0].split("?")[0]
            if target and not target.startswith(("/api", "/static", "/language", "/icons")) \
                    and target not in seen:
                todo.append(target)
    context.close()
    assert len(seen) >= 30  # the crawl reached the library, the programs and the guide
    print("\n".join(problems))
    assert problems == []
