"""The language of a page: the switch's cookie, else Accept-Language, else English."""

from __future__ import annotations

import re

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


# The pages' own words in Russian ----------------------------------------------------------

RUSSIAN = {"Accept-Language": "ru"}
FORM = {"pain_now": "none", "pain_level": "0", "pain_spreads": "none", "age": "34",
        "place": "home", "goal": "prevent", "minutes_per_day": "20", "days_per_week": "7",
        "equipment": ["mat", "chair"]}
# Latin words a Russian page may show: the product, the language switch, units and names
# of scales, guidelines (NICE NG59) and the stages' Roman numerals. (The pages whose texts
# all come from the pages and the catalog: the others show the planner's and the doses'
# words too, which the core part of the interface translates.)
ALLOWED = {"backcoach", "back", "coach", "English", "API", "PSFS", "JSON", "PDF", "ics",
           "NICE", "NG", "I", "II", "III", "IV", "V", "C", "D"}  # vitamins C and D


def visible_words(html: str) -> set[str]:
    """Return the Latin words of a page's visible text (not its scripts, styles or inert
    templates)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.words: set[str] = set()
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += tag in ("script", "style", "template")
            for name, value in attrs:  # what a screen reader says is text too
                if name in ("alt", "aria-label", "placeholder") and value:
                    self.handle_data(value)

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style", "template")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.words |= set(re.findall(r"[A-Za-z]+", data))

    parser = Text()
    parser.feed(html)
    return parser.words - ALLOWED


@pytest.mark.parametrize("path", ["/exercises", "/programs", "/guide", "/history", "/calendar",
                                  "/no-such-page"])
async def test_a_page_in_russian_has_no_english_left(client, path):
    page = await client.get(path, headers=RUSSIAN)
    assert '<html lang="ru">' in page.text
    assert visible_words(page.text) - {"no", "such", "page"} == set()


async def test_today_in_russian(client):
    await client.post("/onboarding", data=FORM)
    page = (await client.get("/today", headers=RUSSIAN)).text
    for said in ("Сегодня, среда, 4 марта", "Начать сессию", "Разминка", "Основная часть",
                 "Заминка", "Неделя вперёд", "Почему это упражнение", "Что не вошло и почему",
                 "У вас 20 минут в день.", "Перейти к содержанию", "Сразу остановитесь"):
        assert said in page, said
    for english in ("Start the session", "The week ahead", "Why this exercise", "Left out",
                    "Today,", "Skip to the content", "Main part", "Cool-down"):
        assert english not in page, english
    assert re.search(r"Ваша сессия: \d+ упражнени(е|я|й), около \d+ минут", page)


@pytest.mark.parametrize(("missing", "said"), [
    (["age"], "(1 ответ)"), (["age", "place"], "(2 ответа)"),
    (["age", "place", "goal", "minutes_per_day", "days_per_week"], "(5 ответов)")])
async def test_the_onboarding_counts_its_errors_in_russian_plurals(client, missing, said):
    form = {k: v for k, v in FORM.items() if k not in missing}
    page = await client.post("/onboarding", data=form, headers=RUSSIAN)
    assert page.status_code == 422
    assert f"Пожалуйста, проверьте ответы {said}:" in page.text
    assert "Пожалуйста, ответьте на этот вопрос." in page.text
    assert "Please" not in page.text


async def test_the_handout_in_russian(client):
    page = (await client.get("/programs/home_set/handout", headers=RUSSIAN)).text
    for said in ("Назад к программе", "Печать", "Скачать PDF", "Сразу остановитесь",
                 "Как часто:", "Рисунок: "):
        assert said in page, said
    for english in ("Back to the program", "Download the PDF", "Stop at once", "Figure:"):
        assert english not in page, english


async def test_the_handout_pdf_in_russian(client):
    pdf = await client.get("/api/v1/programs/home_set/handout.pdf", headers=RUSSIAN)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.content != (await client.get("/api/v1/programs/home_set/handout.pdf")).content


async def test_the_russian_handout_reads_as_russian_when_its_text_is_extracted(client):
    """The PDF embeds a font with Cyrillic (DejaVu, from matplotlib) and maps its glyphs
    back to letters: copied or read aloud, the handout is Russian text, not boxes."""
    import io

    from pypdf import PdfReader

    pdf = await client.get("/api/v1/programs/home_set/handout.pdf", headers=RUSSIAN)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Поза ребёнка" in text  # the program's first exercise, as the catalog names it
    assert "Сразу остановитесь при острой или простреливающей боли" in text.replace("\n", " ")
    english = await client.get("/api/v1/programs/home_set/handout.pdf")
    english_text = "".join(p.extract_text()
                           for p in PdfReader(io.BytesIO(english.content)).pages)
    assert "Child" in english_text


async def test_a_cautions_own_source_is_said_in_russian(client):
    page = (await client.get("/exercises/cobra", headers=RUSSIAN)).text
    assert "выбор backcoach: осторожность по умолчанию при беременности" in page
    assert "careful default" not in page
