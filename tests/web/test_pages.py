"""The pages, through the ASGI app: what they show, their forms, and their errors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.anyio

FORM = {"pain_now": "none", "pain_level": "0", "pain_spreads": "none", "age": "34",
        "place": "home", "goal": "prevent", "minutes_per_day": "20", "days_per_week": "7",
        "equipment": ["mat", "chair"]}





class Page(HTMLParser):
    """The parts of a page the tests look at: fields, labels, links, images, text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self._labels = 0
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "label":
            self._labels += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.fields.append({**a, "_in_label": "1" if self._labels else None})
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        if tag == "img":
            self.images.append(a)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._labels -= 1
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.text.append(" ".join(data.split()))

    @property
    def words(self) -> str:
        return " ".join(self.text)

    def unlabelled(self) -> list[str]:
        return [str(f.get("name") or f.get("id")) for f in self.fields
                if not f["_in_label"] and f.get("id") not in self.label_for]


async def get(client: httpx.AsyncClient, url: str, status: int = 200) -> Page:
    response = await client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return Page(response.text)


async def onboard(client: httpx.AsyncClient, **changes: Any) -> httpx.Response:
    return await client.post("/onboarding", data={**FORM, **changes})


# Onboarding and screening ------------------------------------------------------------------

async def test_a_new_person_is_sent_to_onboarding(client):
    for url in ("/", "/today", "/player"):
        response = await client.get(url)
        assert response.status_code == 303 and response.headers["location"] == "/onboarding"


async def test_every_form_field_has_a_label(client):
    pages = ["/onboarding", "/exercises", "/guide", "/history"]
    await onboard(client)
    pages += ["/player", "/calendar"]
    for url in pages:
        page = await get(client, url)
        assert page.fields, url
        assert page.unlabelled() == [], url


async def test_onboarding_shows_errors_next_to_the_fields_and_keeps_the_answers(client):
    response = await onboard(client, age="", minutes_per_day="500", pain_where="lower left")
    assert response.status_code == 422
    html = response.text
    assert re.search(r'id="f-age"[^>]*aria-invalid="true"', html)
    assert 'id="age-error"' in html and "Please answer this." in html
    assert 'id="minutes_per_day-error"' in html and "at most 120" in html
    assert 'value="lower left"' in html and 'value="500"' in html  # what was entered
    assert re.search(r'value="chair" checked', html)
    across = await onboard(client, pain_level="3")  # a check across two answers
    assert across.status_code == 422
    assert 'id="pain_now-error"' in across.text and "but rated the pain 3" in across.text
    assert (await client.get("/api/v1/profile")).status_code == 404  # nothing saved


def shown_steps(html: str) -> list[int]:
    """Return the onboarding steps a page shows (the others ride along hidden)."""
    return [int(n) for n, hidden in re.findall(
        r'<section class="step" aria-labelledby="step-(\d)-title"( hidden)?>', html) if not hidden]


async def test_onboarding_is_four_steps_that_keep_every_answer(client):
    first = await client.get("/onboarding")
    assert shown_steps(first.text) == [1] and "Step 1 of 4: Your back now" in Page(first.text).words
    step = {**FORM, "pain_where": "lower left", "hernia": "on", "step": "1", "go": "next"}
    second = await client.post("/onboarding", data=step)
    assert second.status_code == 200 and shown_steps(second.text) == [2]
    assert "Step 2 of 4: Warning signs" in Page(second.text).words
    # Every answer is in the form still, the later steps' and the earlier ones'.
    assert 'value="lower left"' in second.text
    assert re.search(r'name="hernia"[^>]* checked', second.text)
    assert re.search(r'name="age"[^>]*value="34"', second.text)
    back = await client.post("/onboarding", data={**step, "step": "2", "go": "back"})
    assert shown_steps(back.text) == [1] and 'value="lower left"' in back.text
    last = await client.post("/onboarding", data={**step, "step": "3"})
    assert shown_steps(last.text) == [4] and "Save and check" in Page(last.text).words
    saved = await client.post("/onboarding", data={**step, "step": "4", "go": "save"})
    assert saved.status_code == 303
    profile = (await client.get("/api/v1/profile")).json()
    assert profile["pain_where"] == "lower left" and profile["hernia"] is True


async def test_next_checks_the_steps_so_far_and_names_each_error_at_the_top(client):
    later_empty = await client.post("/onboarding", data={**FORM, "age": "", "step": "1",
                                                         "go": "next"})
    assert later_empty.status_code == 200 and shown_steps(later_empty.text) == [2]
    # A check across answers of step 1 is not hidden by the empty age of step 4.
    wrong = await client.post("/onboarding", data={**FORM, "age": "", "pain_level": "3",
                                                   "step": "1", "go": "next"})
    assert wrong.status_code == 422 and shown_steps(wrong.text) == [1]
    summary = re.search(r'<div class="alert error-summary".*?</div>', wrong.text, re.S)
    assert summary and 'tabindex="-1"' in summary[0] and "autofocus" in summary[0]
    assert 'href="#f-pain_now"' in summary[0] and 'id="f-pain_now"' in wrong.text
    assert "Back pain now: you answered" in Page(summary[0]).words
    assert "age" not in summary[0]  # step 4 is not asked yet


@pytest.mark.parametrize(("field", "name"), [("minutes_per_day", "Minutes a day"),
                                             ("days_per_week", "Days a week"),
                                             ("pain_level", "How strong the pain is"),
                                             ("goal", "Your goal")])
async def test_a_cleared_answer_is_an_error_naming_it_never_a_default(client, field, name):
    response = await onboard(client, **{field: "", "step": "4", "go": "save"})
    assert response.status_code == 422
    page = Page(response.text)
    assert f"{name}: please answer this." in page.words
    assert f"#f-{field}" in page.links and f'id="f-{field}"' in response.text
    assert shown_steps(response.text) == [1 if field == "pain_level" else 4]
    assert (await client.get("/api/v1/profile")).status_code == 404  # nothing saved


async def test_errors_on_several_steps_show_each_of_those_steps(client):
    response = await onboard(client, age="", pain_level="3")  # the whole form at once
    assert response.status_code == 422 and shown_steps(response.text) == [1, 4]
    page = Page(response.text)
    assert "Please check 2 answers:" in page.words
    assert page.links.index("#f-pain_now") < page.links.index("#f-age")  # in the form's order


async def test_onboarding_saves_and_shows_the_verdict(client):
    response = await onboard(client)
    assert response.status_code == 303 and response.headers["location"] == "/screening"
    page = await get(client, "/screening")
    assert "You can exercise" in page.words and "/today" in page.links
    again = await get(client, "/onboarding")  # the saved answers fill the form
    assert any(f.get("name") == "age" and f.get("value") == "34" for f in again.fields)


async def test_urgent_is_shown_as_plainly_as_a_plan(client):
    await onboard(client, **{"red_flags.saddle_numbness": "on"})
    for url in ("/screening", "/today"):
        page = await get(client, url)
        assert "URGENT" in page.words and "Seek medical care now" in page.words
        assert "emergency department" in page.words
        assert "saddle area" in page.words  # the reason
    player = await get(client, "/player")
    assert "Start" not in [f.get("id") for f in player.fields]
    assert "Seek medical care now" in player.words


async def test_consult_offers_to_record_a_clearance(client):
    await onboard(client, hernia="on")
    page = await get(client, "/screening")
    assert "See a doctor before you start" in page.words
    bad = await client.post("/screening/cleared", data={"date": "03/01/2026"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text and 'value="03/01/2026"' in bad.text
    future = await client.post("/screening/cleared", data={"date": "2026-04-01"})
    assert future.status_code == 422 and "in the future" in future.text
    done = await client.post("/screening/cleared", data={"date": "2026-03-01", "note": "Dr Lee"})
    assert done.status_code == 303
    page = await get(client, "/screening")
    assert "You can exercise" in page.words and "Dr Lee" in page.words


async def test_onboarding_asks_plainly_and_never_comes_back_cleared(client):
    form = await client.get("/onboarding")
    page = Page(form.text)
    names = {f.get("name") for f in page.fields}
    assert "doctor_cleared" not in names  # clearance is asked where something needs it
    for question in ("red_flags.saddle_numbness", "red_flags.cancer_history",
                     "long_term_steroids", "red_flags.pain_worse_or_changed",
                     "red_flags.no_better_after_month", "pain_seen_by_doctor"):
        assert question in names, question
    assert "I have had cancer (at any time)" in page.words  # a history, not "now"
    assert "between the legs, around the anus and the genitals" in page.words
    assert "Your medical history" in page.words
    # Chronic pain a doctor has looked at is no reason to send the person back to one.
    await onboard(client, pain_now="dull", pain_level="3", pain_seen_by_doctor="on",
                  **{"red_flags.no_better_after_month": "on"})
    assert "You can exercise" in (await get(client, "/screening")).words
    await onboard(client, pain_now="dull", pain_level="3",
                  **{"red_flags.no_better_after_month": "on"})
    assert "See a doctor before you start" in (await get(client, "/screening")).words
    await onboard(client, pain_now="dull", pain_level="3",
                  **{"red_flags.pain_worse_or_changed": "on"})
    assert "URGENT" in (await get(client, "/screening")).words


async def test_a_clearance_covers_what_was_reported_and_nothing_new(client):
    await onboard(client, hernia="on")
    page = await get(client, "/screening")
    assert "Has a doctor seen this?" in page.words
    assert "diagnosed disc hernia" in page.words  # what the clearance will cover
    cleared = await client.post("/screening/cleared", data={"date": "2026-03-01"})
    assert cleared.status_code == 303
    page = await get(client, "/screening")
    assert "You can exercise" in page.words and "Has a doctor seen this?" not in page.words
    assert "A doctor cleared you on 2026-03-01" in page.words
    # A sign reported later is not covered: the plan stops and says why.
    await onboard(client, hernia="on", **{"red_flags.fever_or_chills": "on"})
    page = await get(client, "/screening")
    assert "URGENT" in page.words
    assert "Your clearance of 2026-03-01 did not cover: fever or chills" in page.words
    assert "Has a doctor seen this?" in page.words
    assert "Start the session" not in (await get(client, "/today")).words


async def test_a_condition_that_gates_exercises_is_named_where_a_clearance_is_asked(client):
    await onboard(client, osteoporosis="on", age="66")
    page = await get(client, "/screening")
    assert "You can exercise" in page.words and "Has a doctor seen this?" in page.words
    assert "Osteoporosis (some exercises are given only with a doctor's clearance)" \
        in page.words


async def test_exclusions_that_cannot_apply_are_one_line(client):
    await onboard(client)  # at home, with a mat and a chair: no barbell anyway
    response = await client.get("/screening")
    notes = response.text.split("Exercises your answers change")[1].split("</section>")[0]
    assert notes.count("Deadlift") == 1 and notes.count("Barbell squat") == 1
    assert "needing equipment you have not listed anyway" in notes


async def test_rest_is_shown_with_what_to_do_instead(client):
    await onboard(client, pain_now="acute", pain_level="8")
    page = await get(client, "/today")
    assert "No exercise today" in page.words and "What to do" in page.words


# Today and the player -----------------------------------------------------------------------

async def test_today_shows_the_plan_with_figures_reasons_left_out_and_the_week(client):
    await onboard(client)
    plan = (await client.get("/api/v1/plan")).json()
    page = await get(client, "/today")
    for item in plan["today"]["items"]:
        assert f"/exercises/{item['exercise']}" in page.links
        assert item["dose_text"] in page.words
    figures = [i for i in page.images if "/figure.svg" in str(i.get("src"))]
    assert len(figures) == len(plan["today"]["items"])
    assert all(i.get("alt") for i in figures)
    # The why of each card is one tap away, in plain words: its source is in there too,
    # never in the reason's text.
    whys = re.findall(r'<details class="why">(.*?)</details>', (await client.get("/today")).text,
                      re.S)
    assert len(whys) == len(plan["today"]["items"])
    assert all("<summary>Why this exercise</summary>" in why for why in whys)
    assert "(source:" not in page.words
    warm_up = next(i for i in plan["today"]["items"] if i["block"] == "warm_up")
    assert any("(source: warm-up)" in reason for reason in warm_up["why"])
    assert "From the source: " in whys[0] and "Warm-up first" in whys[0]
    # Whole minutes and plurals, whatever the plan's estimate (it keeps a decimal).
    count = len(plan["today"]["items"])
    minutes = max(1, round(plan["today"]["estimated_minutes"]))
    assert f"Your session: {count} exercises, about {minutes} minutes" in page.words
    assert "Left out, and why" in page.words and plan["left_out"][0]["reason"] in page.words
    assert "The week ahead" in page.words and page.words.count("Train ") >= 7
    assert "/player" in page.links


async def test_today_changes_when_something_is_recorded(client):
    await onboard(client)
    assert "Resume it" not in (await get(client, "/today")).words
    await client.post("/api/v1/sessions", json={})
    assert "Resume it" in (await get(client, "/today")).words


async def test_the_player_page(client):
    await onboard(client)
    response = await client.get("/player")
    page = Page(response.text)
    assert 'id="p-hurts"' in response.text and "Stop: it hurts" in response.text
    assert re.search(r'<script src="/static/player\.js\?v=\w+" defer>', response.text)
    assert "p-pain-before" in [f.get("id") for f in page.fields]
    unknown = await get(client, "/player?program=yoga")
    assert "no program 'yoga'" in unknown.words  # said, and today's plan offered instead
    js = await client.get("/static/player.js")
    assert js.status_code == 200 and "class Engine" in js.text


async def _finish(client: httpx.AsyncClient, **finish: Any) -> None:
    live = (await client.post("/api/v1/sessions", json={"pain_before": 2})).json()
    step = next(s["index"] for s in live["steps"] if s["kind"] == "work")
    saved = await client.post(f"/api/v1/sessions/{live['session_id']}/sets",
                              json={"step": step})
    assert saved.status_code == 201
    done = await client.post(f"/api/v1/sessions/{live['session_id']}/finish", json=finish)
    assert done.status_code == 200


async def test_today_after_a_finished_session_says_done_and_offers_no_second(client):
    await onboard(client)
    await _finish(client, pain_after=2)
    page = await get(client, "/today")
    assert "Done for today" in page.words and "Start the session" not in page.words
    assert "Session done, pain after 2/10" in page.words
    assert "/player?again=1" in page.links  # "train again anyway", on purpose only
    player = await get(client, "/player")
    assert "Done for today" in player.words
    assert "p-pain-before" not in [f.get("id") for f in player.fields]
    refused = await client.post("/api/v1/sessions", json={})
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "again"
    again = await client.get("/player?again=1")
    assert 'data-again="1"' in again.text and "A second session today" in again.text
    assert (await client.post("/api/v1/sessions", json={"again": True})).status_code == 201
    plan = (await client.get("/api/v1/plan")).json()
    assert plan["today"]["status"] == "done" and plan["today"]["items"] == []


@pytest.mark.parametrize("reason", ["pain", "spasm"])
async def test_today_after_a_stop_for_pain_is_a_rest_with_what_to_do(client, catalog, reason):
    await onboard(client)
    await _finish(client, stopped_reason=reason, pain_after=6)
    page = await get(client, "/today")
    assert "Rest today" in page.words and "no more exercise today" in page.words
    assert "Start the session" not in page.words and "/player?again=1" not in page.links
    assert " ".join(catalog.guidance.pain.what_to_do[0].split()) in page.words
    assert "See a doctor if any of these appear" in page.words
    assert (await client.post("/api/v1/sessions", json={"again": True})).status_code == 409
    plan = (await client.get("/api/v1/plan?again=true")).json()
    assert plan["today"]["status"] == "rest_after_stop"


async def test_the_plan_says_a_phase_change_in_words(client):
    from datetime import timedelta

    from . import TODAY

    await onboard(client)
    for back, stopped in ((5, None), (3, None), (1, "pain")):
        await client.post("/api/v1/log", json={
            "date": (TODAY - timedelta(days=back)).isoformat(), "phase": "strengthening",
            "completed": stopped is None, "stopped_reason": stopped,
            "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 10}]}]})
    page = await get(client, "/today")
    assert "A step back to Entry month" in page.words
    assert " down " not in f" {page.words} "  # never the raw value


# Library, programs, handout -------------------------------------------------------------------

async def test_the_exercise_library_filters_and_searches(client, catalog):
    page = await get(client, "/exercises")
    assert f"{len(catalog.exercises)} of {len(catalog.exercises)} exercises" in page.words
    prone = await get(client, "/exercises?position=prone&kind=")
    shown = [link for link in prone.links if re.fullmatch(r"/exercises/\w+", link)]
    expected = {f"/exercises/{ex.id}" for ex in catalog.filter(position="prone")}
    assert set(shown) == expected
    found = await get(client, "/exercises?q=cat")
    assert "/exercises/cat_cow" in found.links
    odd = await get(client, "/exercises?position=upside_down&difficulty=%00")
    assert f"{len(catalog.exercises)} of" in odd.words  # unknown values: ignored


async def test_an_exercise_page(client, catalog):
    ex = catalog.exercise("cat_cow")
    page = await get(client, "/exercises/cat_cow")
    for text in (ex.name, ex.steps[0], ex.cues[0] if ex.cues else ex.steps[1]):
        assert " ".join(text.split()) in page.words
    assert any(link.startswith("/programs/") for link in page.links)
    missing = await get(client, "/exercises/moonwalk", status=404)
    assert "no exercise 'moonwalk'" in missing.words


async def test_programs_and_the_printable_handout(client, catalog):
    page = await get(client, "/programs")
    assert all(f"/programs/{p}" in page.links for p in catalog.programs)
    program = await get(client, "/programs/home_set")
    assert "/programs/home_set/handout" in program.links
    assert "/api/v1/programs/home_set/handout.pdf" in program.links
    handout = await client.get("/programs/home_set/handout")
    strip = re.findall(r'src="(/api/v1/exercises/\w+/figure\.svg\?pose=all)"', handout.text)
    assert len(strip) == len(catalog.programs["home_set"].items())
    css = (await client.get("/static/app.css")).text
    assert "@media print" in css
    assert (await client.get("/programs/nope/handout")).status_code == 404


async def test_the_handout_carries_every_change_the_persons_answers_ask(client, catalog):
    generic = await get(client, "/programs/spine_stretching/handout")
    assert "For you" not in generic.words
    plain_pdf = (await client.get("/api/v1/programs/spine_stretching/handout.pdf")).content
    await onboard(client, hernia="on", pregnant="on", sex="female")
    await client.post("/screening/cleared", data={})
    page = await get(client, "/programs/spine_stretching/handout")
    ball = catalog.exercises["ball_stretch"]
    for caution in ball.cautions:  # hernia: no rocking; pregnancy: roll to the side
        assert caution.modification and " ".join(caution.modification.split()) in page.words
    pdf = await client.get("/api/v1/programs/spine_stretching/handout.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.content != plain_pdf  # the PDF carries them too (see test_handout_lines)


def test_handout_lines_say_each_change_with_its_condition(catalog):
    from backcoach.screening import ExerciseNote
    from backcoach.web.render import personal_note

    note = ExerciseNote(exercise="ball_stretch", exercise_name="Ball", action="modify",
                        condition="hernia", reason="r", modification="No rocking.", source="s")
    assert personal_note(note, catalog) == ("For you (Diagnosed disc hernia)", "No rocking.")
    out = note.model_copy(update={"action": "exclude", "modification": None})
    assert personal_note(out, catalog) == ("Not for you (Diagnosed disc hernia)", "r")


# History, check-ins, guide, calendar ----------------------------------------------------------

async def test_history_shows_sessions_and_takes_check_ins(client):
    await onboard(client)
    live = (await client.post("/api/v1/sessions", json={"pain_before": 3})).json()
    sid = live["session_id"]
    await client.post(f"/api/v1/sessions/{sid}/finish",
                      json={"stopped_reason": "pain", "pain_after": 5})
    page = await get(client, "/history")
    assert "Stopped because it hurt, 0 sets" in page.words and "3 → 5" in page.words
    wrong = await client.post("/history/pain", data={"pain": "a lot", "pain_note": "x"})
    assert wrong.status_code == 422
    assert 'id="pain-error"' in wrong.text and 'value="a lot"' in wrong.text
    ok = await client.post("/history/pain", data={"pain": "4", "pain_note": "stiff"})
    assert ok.status_code == 303
    assert "stiff" in (await get(client, "/history")).words


async def test_history_lists_the_latest_sessions_newest_first(client):
    from datetime import timedelta

    from backcoach.web.pages.history import RECENT_SESSIONS

    from . import TODAY

    await onboard(client)
    count = RECENT_SESSIONS + 2
    for back in range(count, 0, -1):
        day = TODAY - timedelta(days=back)
        response = await client.post("/api/v1/log", json={
            "date": day.isoformat(), "phase": "entry",
            "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 10}]}]})
        assert response.status_code == 201
    page = await get(client, "/history")
    table = (await client.get("/history")).text.split('id="sessions-title"')[1]
    shown = re.findall(r"<td>(\d{4}-\d\d-\d\d)</td>", table)
    newest = [(TODAY - timedelta(days=back)).isoformat() for back in range(1, count + 1)]
    assert shown == newest[:RECENT_SESSIONS]  # the two oldest are left out
    assert f"The latest {RECENT_SESSIONS} of {count} sessions" in page.words


async def test_psfs_form(client):
    nameless = await client.post("/history/psfs", data={"new_score": "4"})
    assert nameless.status_code == 422 and 'id="new_activity-error"' in nameless.text
    ok = await client.post("/history/psfs", data={"new_activity": "Tie my shoes",
                                                  "new_score": "4"})
    assert ok.status_code == 303
    page = await get(client, "/history")
    assert "Tie my shoes" in page.words
    rerate = await client.post("/history/psfs", data={"score_0": "11"})
    assert rerate.status_code == 422 and 'id="score_0-error"' in rerate.text
    assert (await client.post("/history/psfs", data={"score_0": "6"})).status_code == 303


async def test_the_guide_gives_advice_for_the_risks_ticked(client, catalog):
    page = await get(client, "/guide")
    assert all(" ".join(r.title.split()) in page.words for r in catalog.guidance.rules)
    assert "What you can do" not in page.words
    risk = catalog.guidance.risk_factors[0]
    ticked = await get(client, f"/guide?risk={risk.id}&risk=nonsense")
    assert "What you can do" in ticked.words and " ".join(risk.advice.split()) in ticked.words
    for nutrient in catalog.guidance.nutrition:
        assert nutrient.name in page.words


async def test_the_calendar_page(client):
    await onboard(client)
    response = await client.get("/calendar")
    assert 'action="/api/v1/calendar.ics"' in response.text


async def test_pages_never_fail_on_odd_input(client):
    await onboard(client)
    for url in ("/exercises?q=%F0%9F%92%A5", "/exercises/%00", "/programs/..%2F..",
                "/guide?risk=", "/player?program=" + "x" * 300, "/nothing"):
        response = await client.get(url)
        assert response.status_code < 500, url
        assert response.headers["content-type"].startswith("text/html"), url
    for url, data in (("/onboarding", {}), ("/history/pain", {}), ("/history/psfs", {}),
                      ("/screening/cleared", {"note": "x" * 3000})):
        response = await client.post(url, data=data)
        assert response.status_code == 422, url


async def test_thumbnails_show_the_movement_the_end_over_a_ghost_of_the_start(client):
    """Issue 16: a still thumbnail shows where the exercise goes (its end pose, the start
    as a faint ghost beneath it, and an arrow), not only where it begins."""
    page = await client.get("/exercises")
    assert "/api/v1/exercises/cat_cow/figure.svg?pose=end" in page.text
    assert "?pose=start\" width=\"200\"" not in page.text
    program = await client.get("/programs/home_set")
    assert "figure.svg?pose=end" in program.text
    from backcoach.figures.marks import ARROW, GHOST

    end = (await client.get("/api/v1/exercises/cat_cow/figure.svg?pose=end")).text
    start = (await client.get("/api/v1/exercises/cat_cow/figure.svg?pose=start")).text
    assert ARROW in end and f'opacity="{GHOST}"' in end  # the arrow, the faint start
    assert ARROW not in start
