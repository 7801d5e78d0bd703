"""The SVG charts of the history page: every value marked, one value visible, text a phone
can read, names for screen readers, a person's words escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from backcoach.web.svgchart import (
    FONT,
    HEIGHT,
    LEFT,
    WIDTH,
    Band,
    Chart,
    Series,
    legend_swatch,
    nice_top,
    render,
)

SVG = "{http://www.w3.org/2000/svg}"
DAY = date(2026, 3, 2)
# The narrowest column a chart gets: main's padding taken off a 320 px phone (app.css puts
# the charts straight in main; a 375 px phone gives 343 px).
PHONE_COLUMN_PX = 288


def chart(series: list[Series], **changes: object) -> Chart:
    fields: dict[str, object] = {"id": "pain", "title": "Pain", "description": "what it shows",
                                 "start": DAY, "end": DAY + timedelta(days=27), "y_max": 10,
                                 "series": series}
    fields.update(changes)
    return Chart(**fields)  # type: ignore[arg-type]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # also proves the markup is well-formed


def marks(root: ET.Element, label: str) -> list[ET.Element]:
    group = next(g for g in root.iter(SVG + "g") if g.get("data-series") == label)
    return [e for e in group if "pchart-mark" in (e.get("class") or "")]


def test_every_value_has_a_marker_each_series_its_own_shape():
    days = [DAY + timedelta(days=n) for n in (0, 3, 9, 20)]
    root = parse(render(chart([Series("before", [(d, 4.0) for d in days]),
                               Series("after", [(d, 2.5) for d in days[:3]], style=1)])))
    before, after = marks(root, "before"), marks(root, "after")
    assert len(before) == 4 and len(after) == 3
    assert {e.tag for e in before} == {SVG + "circle"} and {e.tag for e in after} == {SVG + "rect"}
    assert len(list(root.iter(SVG + "polyline"))) == 2


def test_a_single_value_is_a_visible_marker_in_the_middle_of_its_day():
    root = parse(render(chart([Series("after", [(DAY, 3.0)])], end=DAY)))
    (mark,) = marks(root, "after")
    assert list(root.iter(SVG + "polyline")) == []  # no line of one point, just the marker
    assert float(mark.get("r", 0)) >= 4  # 8 units across: about 8 px on a phone
    assert float(mark.get("cx", 0)) == pytest.approx((LEFT + WIDTH - 10) / 2, abs=0.1)
    assert 10 < float(mark.get("cy", 0)) < HEIGHT - 24  # inside the plot, above the axis


def test_a_week_with_no_session_is_a_sliver_not_nothing():
    weeks = [(DAY, 0.0), (DAY + timedelta(weeks=1), 3.0)]
    root = parse(render(chart([Series("done", weeks, kind="bars")], end=weeks[-1][0],
                              slot_days=7, y_max=None)))
    zero, three = marks(root, "done")
    assert float(zero.get("height", 0)) >= 2
    assert float(three.get("height", 0)) > float(zero.get("height", 0))


def test_text_is_at_least_12_px_in_a_phone_column():
    root = parse(render(chart([Series("after", [(DAY, 3.0)])])))
    texts = list(root.iter(SVG + "text"))
    assert texts and root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    assert root.get("width") == "100%"
    assert root.get("font-size") == str(FONT)
    assert all(t.get("font-size") is None for t in texts)  # none smaller than the chart's
    assert FONT * PHONE_COLUMN_PX / WIDTH >= 12


def test_the_chart_is_named_and_described_for_screen_readers():
    root = parse(render(chart([])))
    assert root.get("role") == "img"
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert (title.text, desc.text) == ("Pain", "what it shows")


def test_a_persons_words_are_escaped():
    words = 'Lift <script>alert("x")</script> & carry'
    svg = render(chart([Series(words, [(DAY, 5.0)])], title=words, description=words))
    assert "<script" not in svg
    root = parse(svg)
    assert root.find(SVG + "title").text == words  # type: ignore[union-attr]
    assert marks(root, words)


def test_no_style_attribute_or_element_which_the_page_policy_refuses():
    svg = render(chart([Series("after", [(DAY, 3.0)])], band=Band(1, 5)))
    svg += legend_swatch(1) + legend_swatch(0, "bars")
    assert "style=" not in svg and "<style" not in svg
    assert 'class="pchart-band"' in svg


def test_values_above_the_scale_raise_it_and_the_labels_are_round():
    root = parse(render(chart([Series("reps", [(DAY, 23.0)])], y_max=None)))
    labels = [t.text for t in root.iter(SVG + "text") if t.get("text-anchor") == "end"
              and float(t.get("x", 0)) < LEFT]
    assert labels == ["0", "20", "40"]
    assert nice_top(3) == (4, 2) and nice_top(7) == (10, 5) and nice_top(0) == (1, 1)
    assert nice_top(10) == (10, 5) and nice_top(45) == (50, 50)


def test_long_spans_label_months_short_ones_days():
    short = parse(render(chart([])))
    long = parse(render(chart([], end=DAY + timedelta(days=400))))
    bottom = [t.text for t in short.iter(SVG + "text") if t.get("y") == str(HEIGHT - 6)]
    assert bottom == ["2 Mar", "15 Mar", "29 Mar"]
    assert [t.text for t in long.iter(SVG + "text")
            if t.get("y") == str(HEIGHT - 6)] == ["Mar 2026", "Sep 2026", "Apr 2027"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"id": "Pain chart"}, "lowercase"),
    ({"end": DAY - timedelta(days=1)}, "before start"),
    ({"series": [Series("x", [], style=4)]}, "style 4"),
])
def test_a_wrong_chart_is_refused_with_a_reason(changes, message):
    with pytest.raises(ValueError, match=message):
        render(chart(**{"series": [], **changes}))


def test_long_values_get_room_on_the_left():
    root = parse(render(chart([Series("hold", [(DAY, 3600.0)])], y_max=None)))
    lines = [e for e in root.iter(SVG + "line") if e.get("class") == "pchart-grid"]
    labels = [t for t in root.iter(SVG + "text") if t.text == "4000"]
    assert labels and float(lines[0].get("x1", 0)) >= 0.6 * FONT * 4 + 4
