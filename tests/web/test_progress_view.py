"""The progress as the history page says it: one chart per question, each led by a line of
words a person reads (plurals, whole minutes, no raw values), its numbers as a table."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from backcoach.progress import (
    DoseSummary,
    PainReading,
    PsfsReading,
    SessionSummary,
    compute_progress,
)
from backcoach.web.progress_view import WINDOW_WEEKS, ChartView, progress_view

TODAY = date(2026, 3, 4)  # a Wednesday


def charts(**rows: object) -> dict[str, ChartView]:
    progress = compute_progress(today=TODAY, exercise_names={"cat_cow": "Cat-cow",
                                                             "walking": "Walking"},
                                **rows)  # type: ignore[arg-type]
    return {c.id: c for c in progress_view(progress).charts}


def session(back: int, before: int | None = 5, after: int | None = 3, *,
            phase: str = "entry", completed: bool = True) -> SessionSummary:
    return SessionSummary(TODAY - timedelta(days=back), phase, completed, before, after)


def test_nothing_recorded_each_chart_says_what_to_record():
    shown = charts(sessions=[])
    assert list(shown) == ["pain", "sessions", "dose-0", "psfs"]
    assert all(c.svg is None and c.table is None for c in shown.values())
    assert shown["pain"].lead.startswith("No pain recorded yet")
    assert shown["psfs"].lead.startswith("No everyday activities rated yet")
    assert not any("backcoach " in c.lead for c in shown.values())  # no command to run


def test_one_day_is_one_marked_value_and_says_a_trend_needs_more():
    shown = charts(sessions=[session(0, before=4, after=2)])
    pain = shown["pain"]
    assert pain.svg is not None and pain.svg.count('class="pchart-mark"') == 2
    assert pain.lead == ("Pain after sessions: 2 (7-day average on 4 Mar); a trend shows once "
                         "your records span more than a week.")
    assert pain.table is not None and pain.table.rows == [["4 Mar", "4", "2"]]
    assert shown["sessions"].lead == "This week: 1 of 3 planned sessions."


def test_a_meaningful_fall_in_pain_is_said_in_words():
    sessions = [session(back, before=5, after=5 if back > 20 else 3) for back in range(28, -1, -2)]
    lead = charts(sessions=sessions)["pain"].lead
    assert lead == "Pain after sessions: 5 → 3 over 4 weeks, a meaningful change for the better."


def test_a_small_change_is_about_the_same_and_says_what_would_count():
    sessions = [session(back, after=4 if back > 20 else 3) for back in range(28, -1, -2)]
    lead = charts(sessions=sessions)["pain"].lead
    assert lead.startswith("Pain after sessions: 4 → 3 over 4 weeks, about the same")
    assert "under 2 points or 30 %" in lead


def test_check_ins_alone_make_the_pain_chart():
    readings = [PainReading(at=datetime(2026, 3, day, 9), pain=6)
                for day in (1, 2)]
    pain = charts(sessions=[], pain_checkins=readings)["pain"]
    assert pain.svg is not None and pain.table is not None
    assert pain.table.columns == ["Day", "Pain check-ins"]
    assert pain.lead.startswith("Pain at check-ins: 6 (7-day average on 2 Mar)")


def test_years_of_records_are_drawn_a_point_a_week_for_the_last_half_year():
    sessions = [session(back) for back in range(3 * 365, -1, -1)]
    shown = charts(sessions=sessions)
    pain, week = shown["pain"], shown["sessions"]
    assert pain.table is not None and week.table is not None
    assert pain.table.columns[0] == "Week of" and len(pain.table.rows) == WINDOW_WEEKS
    assert len(week.table.rows) == WINDOW_WEEKS
    assert pain.svg is not None and pain.svg.count('class="pchart-mark"') == 2 * WINDOW_WEEKS
    assert "2025" in pain.table.rows[0][0]  # another year's dates say their year


def test_dosage_in_whole_minutes_one_small_chart_per_exercise():
    doses = [DoseSummary(TODAY - timedelta(days=21), "walking", 1, None, None, 10.4),
             DoseSummary(TODAY, "walking", 1, None, None, 12.6),
             DoseSummary(TODAY, "cat_cow", 2, 1, None, None)]
    shown = charts(sessions=[session(21), session(0)], doses=doses)
    walking, cat_cow = shown["dose-0"], shown["dose-1"]
    assert walking.lead == "Walking: 10 → 13 minutes in a set over 3 weeks (2 days done)."
    assert walking.table is not None and walking.table.rows[-1] == ["2 Mar", "13", "1"]
    assert cat_cow.lead == "Cat-cow: 1 rep in a set, the week of 2 Mar."
    assert not re.search(r"\d\.\d", walking.lead + str(walking.table.rows))


def test_psfs_activities_head_the_table_and_the_band_is_explained():
    ratings = [PsfsReading("Tie <b>my</b> shoes & socks", TODAY - timedelta(days=14), 3),
               PsfsReading("Tie <b>my</b> shoes & socks", TODAY, 6)]
    psfs = charts(sessions=[], psfs=ratings)["psfs"]
    assert psfs.lead == ("Function (PSFS average, 10 = as before): 3 → 6 over 2 weeks, a "
                         "meaningful change for the better.")
    assert psfs.table is not None
    assert psfs.table.columns == ["Day", "Average", "Tie <b>my</b> shoes & socks"]
    assert psfs.svg is not None and "<b>" not in psfs.svg  # the page escapes the table
    assert [item.label.split(":")[0] for item in psfs.legend] == ["PSFS average", "shaded"]


def test_the_facts_use_plurals_and_phase_names_never_raw_values():
    sessions = [session(9, phase="entry"), session(2, phase="therapeutic", completed=False)]
    facts = dict(progress_view(compute_progress(sessions=sessions, today=TODAY)).facts)
    assert facts["Sessions"] == "2 sessions since 23 Feb (1 completed, 1 stopped)"
    assert facts["Phase"] == "Therapeutic (stages I-II), since 2 Mar (a step back from Entry month)"
    assert facts["Streaks"] == ("0 weeks in a row meeting the plan; 0 days in a row with a "
                                "session")
    one = dict(progress_view(compute_progress(sessions=[session(0)], today=TODAY)).facts)
    assert one["Sessions"].startswith("1 session since") and "1 day in a row" in one["Streaks"]


def test_records_older_than_the_charts_window_still_show_their_last_value():
    old = [session(400, before=6, after=4), session(398, before=6, after=4)]
    shown = charts(sessions=old)
    pain = shown["pain"]
    assert pain.svg is not None and pain.svg.count('class="pchart-mark"') == 2
    assert pain.table is not None and len(pain.table.rows) == 1
    day, before, after = pain.table.rows[0]
    assert (before, after) == ("6", "4") and day.endswith("2025")


def test_in_russian_the_words_dates_and_plurals_are_russian():
    from backcoach import i18n

    with i18n.using("ru"):
        sessions = [session(back, before=5, after=5 if back > 20 else 3)
                    for back in range(28, -1, -2)]
        shown = charts(sessions=sessions)
        assert shown["pain"].heading == "Боль"
        assert shown["pain"].lead == ("Боль после сессий: 5 → 3 за 4 недели, заметное "
                                      "улучшение.")
        assert shown["sessions"].lead.startswith("На этой неделе: 2 из 3 запланированных "
                                                 "сессий.")
        assert shown["pain"].table is not None
        assert shown["pain"].table.rows[0][0] == "4 февраля"
        one = dict(progress_view(compute_progress(sessions=[session(0)], today=TODAY)).facts)
        two = [session(9, phase="entry"), session(2, phase="therapeutic", completed=False)]
        facts = dict(progress_view(compute_progress(sessions=two, today=TODAY)).facts)
        five = dict(progress_view(compute_progress(
            sessions=[session(back) for back in range(5)], today=TODAY)).facts)
    assert one["Сессии"].startswith("1 сессия с 4 марта")  # 1, 2 and 5: three forms
    assert facts["Сессии"] == "2 сессии с 23 февраля (выполнено: 1, прервано: 1)"
    assert five["Сессии"].startswith("5 сессий с 28 февраля")
    assert facts["Этап"].startswith("Лечебный этап (ЛФК, I–II этапы), с 2 марта")
    assert not re.search(r"[A-HJ-UWYZa-z]", str(facts) + shown["pain"].lead)  # I, V: stages
