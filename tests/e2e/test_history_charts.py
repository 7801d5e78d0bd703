"""The progress charts on a 375 px phone, and a 320 px one, in a real browser: text at
least 12 px, every value marked and a single day visible, the numbers as a table, nothing
wider than the screen, no console error."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import Console, Server, screenshot

MIN_TEXT_PX = 12
# For every chart: the smallest text as shown (its font size in viewBox units times the
# chart's scale on screen), its markers' sizes on screen, and its numbers table.
MEASURE = """() => [...document.querySelectorAll('svg.pchart')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const marks = [...svg.querySelectorAll('.pchart-mark')].map(m => {
    const box = m.getBoundingClientRect();
    return Math.min(box.width, box.height);
  });
  const section = svg.closest('section');
  return {id: section.id, width: svg.getBoundingClientRect().width,
          smallest: Math.min(...texts), texts: texts.length, marks,
          rows: section.querySelectorAll('details table tbody tr').length};
})"""


TEXT_COLOURS = """() => [...new Set([...document.querySelectorAll('svg.pchart text')]
  .map(t => getComputedStyle(t).fill))]"""
BODY_COLOUR = "() => getComputedStyle(document.body).color"


def log(server: Server, day: date, pain_before: int, pain_after: int) -> None:
    httpx.post(server.url + "/api/v1/log", json={
        "date": day.isoformat(), "phase": "entry", "pain_before": pain_before,
        "pain_after": pain_after,
        "exercises": [{"exercise": "cat_cow", "sets": [{"reps": 8}, {"reps": 10}]}]},
    ).raise_for_status()


def test_charts_read_on_a_phone(server: Server, phone: Any, console: Console) -> None:
    today = date.today()
    for back, after in ((27, 5), (20, 5), (13, 4), (6, 3), (1, 3)):
        log(server, today - timedelta(days=back), 5, after)
    httpx.post(server.url + "/api/v1/psfs",
               json={"ratings": {"Tie <my> shoes & socks": 4}}).raise_for_status()
    phone.goto(server.url + "/history")
    charts = phone.evaluate(MEASURE)
    screenshot(phone, "history-charts")
    assert [c["id"] for c in charts] == ["chart-pain", "chart-sessions", "chart-dose-0",
                                         "chart-psfs"]
    for chart in charts:
        assert chart["texts"] >= 3 and chart["smallest"] >= MIN_TEXT_PX, chart
        assert chart["width"] >= 300, chart  # the chart fills the phone's column
        assert chart["marks"] and min(chart["marks"]) >= 6, chart  # every value seen
        assert chart["rows"] >= 1, chart
    pain = charts[0]
    assert len(pain["marks"]) == 2 * 5 and pain["rows"] == 5  # before and after, each day
    assert "Pain after sessions: 5 → 3 over 4 weeks, a meaningful change for the better." \
        in phone.inner_text("#chart-pain")
    # The numbers are a real table: opened, a screen reader or a person reads them.
    phone.get_by_text("The numbers").first.click()
    header = phone.locator("#chart-pain table thead th").all_inner_texts()
    assert header == ["Day", "Pain before sessions", "Pain after sessions"]
    assert phone.get_by_role("img", name="Pain, 7-day average: 0 = none, 10 = worst").count() == 1
    assert phone.locator("#chart-psfs table").text_content().count("Tie <my> shoes & socks") == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    for scheme in ("light", "dark"):  # the axes and labels follow the page's text colour
        phone.emulate_media(color_scheme=scheme)
        assert phone.evaluate(TEXT_COLOURS) == [phone.evaluate(BODY_COLOUR)], scheme
    assert console.errors == []


@pytest.mark.parametrize("width", [320, 375])
def test_a_single_days_pain_is_a_visible_point(server: Server, browser: Any,
                                               width: int) -> None:
    log(server, date.today(), 4, 2)
    console = Console()
    context = browser.new_context(viewport={"width": width, "height": 640})
    page = context.new_page()
    console.watch(page)
    page.goto(server.url + "/history")
    pain = page.evaluate(MEASURE)[0]
    assert pain["id"] == "chart-pain" and len(pain["marks"]) == 2
    assert min(pain["marks"]) >= 8  # a 9-unit marker: about 9 px across on a phone
    assert pain["smallest"] >= MIN_TEXT_PX
    assert "a trend shows once your records span more than a week" in \
        page.inner_text("#chart-pain")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert console.errors == []
