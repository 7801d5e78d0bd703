"""The training calendar (calendar_ics.py), read back with icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from backcoach.calendar_ics import calendar_ics, event_uid, training_plans
from backcoach.planner import training_days
from backcoach.profile import Profile

START = date(2026, 11, 30)  # a Monday
MADE = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)


def events(data: bytes) -> list[Any]:
    cal = Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and "backcoach" in str(cal["PRODID"])
    return list(cal.walk("VEVENT"))


@pytest.fixture(scope="module")
def plans(catalog):
    return training_plans(Profile(age=34, days_per_week=3, minutes_per_day=20), [], START,
                          weeks=4, catalog=catalog)


def test_the_training_days_of_the_weeks_asked_for(plans):
    wanted = [START + timedelta(days=n) for n in range(28)
              if (START + timedelta(days=n)).weekday() in training_days(3)]
    assert [p.date for p in plans] == wanted
    assert len(plans) == 12


def test_one_event_per_training_day_at_the_time_with_a_reminder(plans, catalog):
    found = events(calendar_ics(plans, catalog=catalog, start=time(7, 30),
                                reminder_minutes=20, generated_at=MADE))
    assert len(found) == len(plans)
    for event, plan in zip(found, plans, strict=True):
        begins = event.decoded("DTSTART")
        assert begins == datetime.combine(plan.date, time(7, 30))
        assert begins.tzinfo is None  # floating: the phone's own time zone
        assert event.decoded("DTEND") - begins == timedelta(
            minutes=max(5, -(-plan.today.estimated_minutes // 1)))
        assert str(event["UID"]) == event_uid(plan.date, "local")
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == timedelta(minutes=-20)


def test_events_name_the_program_and_sum_up_the_session(plans, catalog):
    event = events(calendar_ics(plans[:1], catalog=catalog, generated_at=MADE))[0]
    program = catalog.programs[plans[0].programs[0]].name
    assert str(event["SUMMARY"]) == f"Back exercises: {program}"
    description = str(event["DESCRIPTION"])
    assert description.startswith(f"{program}, about")
    for item in plans[0].today.items:
        assert f"{item.exercise_name} {item.dose_text}" in description
    assert "Warm-up:" in description and "Stop at once" in description


def test_uids_are_stable_and_the_sequence_grows(plans, catalog):
    first = events(calendar_ics(plans, catalog=catalog, generated_at=MADE))
    later = events(calendar_ics(plans, catalog=catalog, generated_at=MADE + timedelta(days=2)))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in later]
    assert len({str(e["UID"]) for e in first}) == len(first)
    assert all(b.decoded("SEQUENCE") > a.decoded("SEQUENCE")
               for a, b in zip(first, later, strict=True))
    assert event_uid(START, "Ana Novak") != event_uid(START, "local")


def test_defaults_morning_and_a_quarter_hour_reminder(plans, catalog):
    event = events(calendar_ics(plans[:1], catalog=catalog, generated_at=MADE))[0]
    assert event.decoded("DTSTART").time() == time(8, 0)
    assert next(iter(event.walk("VALARM"))).decoded("TRIGGER") == timedelta(minutes=-15)


def test_a_reminder_at_the_start(plans, catalog):
    event = events(calendar_ics(plans[:1], catalog=catalog, reminder_minutes=0,
                                generated_at=MADE))[0]
    assert next(iter(event.walk("VALARM"))).decoded("TRIGGER") == timedelta(0)


def test_no_training_no_events(catalog):
    resting = Profile(age=40, pain_now="acute", pain_level=8)
    assert training_plans(resting, [], START, weeks=2, catalog=catalog) == []
    assert events(calendar_ics([], catalog=catalog, generated_at=MADE)) == []


def test_wrong_arguments_are_refused(plans, catalog):
    with pytest.raises(ValueError, match="0 or more"):
        calendar_ics(plans, catalog=catalog, reminder_minutes=-5, generated_at=MADE)
    with pytest.raises(ValueError, match="time zone"):
        calendar_ics(plans, catalog=catalog, generated_at=datetime(2026, 11, 27))


def test_the_events_speak_the_readers_language():
    from datetime import UTC, date, datetime

    from backcoach import i18n
    from backcoach.calendar_ics import calendar_ics, training_plans
    from backcoach.catalog import load_catalog
    from backcoach.profile import Profile

    catalog = load_catalog(lang="ru")
    with i18n.using("ru"):
        plans = training_plans(Profile(age=40, days_per_week=3, minutes_per_day=20), [],
                               date(2026, 11, 23), weeks=1, catalog=catalog)
        ics = calendar_ics(plans, catalog=catalog, generated_at=datetime.now(UTC))
    text = ics.decode().replace("\r\n ", "")
    assert "Упражнения для спины: " in text and "через 15 мин" in text
    assert "Сразу остановитесь при резкой боли" in text and "Back exercises" not in text
