"""Moments are kept as UTC and seen in the person's time zone: the zone's arithmetic (summer
time included), the store on both backends, and the migration of the local times older
databases hold."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import Engine, text

from backcoach.errors import InvalidError
from backcoach.store import Store
from backcoach.store.db import _alembic_config, make_engine, upgrade
from backcoach.store.settings import HEAD, database_url
from backcoach.timestamps import LOCAL, Zone, check_zone

MOSCOW, NEW_YORK = Zone("Europe/Moscow"), Zone("America/New_York")


def test_a_naive_time_is_the_zones_wall_clock_and_summer_time_counts():
    winter = NEW_YORK.attach(datetime(2026, 1, 15, 8, 0))
    summer = NEW_YORK.attach(datetime(2026, 7, 1, 8, 0))
    assert winter.utcoffset() == timedelta(hours=-5)
    assert summer.utcoffset() == timedelta(hours=-4)
    assert NEW_YORK.utc(datetime(2026, 1, 15, 8, 0)) == datetime(2026, 1, 15, 13, 0)
    assert NEW_YORK.utc(datetime(2026, 7, 1, 8, 0)) == datetime(2026, 7, 1, 12, 0)
    # An aware moment is converted, not re-read as wall clock.
    assert MOSCOW.attach(summer).isoformat() == "2026-07-01T15:00:00+03:00"
    assert MOSCOW.utc(summer) == datetime(2026, 7, 1, 12, 0)


def test_a_column_value_comes_back_in_the_zone_from_either_driver():
    # SQLite's driver hands back text, PostgreSQL's a naive datetime: both are UTC.
    for stored in ("2026-03-04 21:30:00.000000", datetime(2026, 3, 4, 21, 30)):
        moment = MOSCOW.from_utc(stored)
        assert moment.isoformat() == "2026-03-05T00:30:00+03:00"
        assert moment.date() == date(2026, 3, 5)  # already the next day in Moscow


def test_the_same_moment_is_a_different_day_at_either_end_of_the_earth():
    instant = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
    assert Zone("Pacific/Kiritimati").attach(instant).date() == date(2026, 3, 5)
    assert Zone("Pacific/Pago_Pago").attach(instant).date() == date(2026, 3, 4)
    assert Zone("Pacific/Kiritimati").today() - Zone("Pacific/Pago_Pago").today() \
        in (timedelta(days=1), timedelta(days=2))


def test_the_computers_zone_is_the_default():
    naive = datetime(2026, 3, 4, 8, 30)
    assert LOCAL.attach(naive).replace(tzinfo=None) == naive
    assert LOCAL.attach(naive) == naive.astimezone()
    assert abs(LOCAL.now() - datetime.now(UTC)) < timedelta(seconds=2)


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", " Europe/Moscow", "../../etc/passwd",
                                  "Europe/" + "x" * 80, "europe/moscow\x00", "localtime",
                                  "Factory"])
def test_a_name_that_is_not_a_time_zone_is_refused_saying_what_one_looks_like(name):
    with pytest.raises(InvalidError, match=r"not a time zone.*Europe/Moscow") as caught:
        check_zone(name)
    assert caught.value.field == "time_zone"


def test_the_names_browsers_give_are_known():
    for name in ("UTC", "Europe/Moscow", "Asia/Vladivostok", "America/Sao_Paulo",
                 "Asia/Kolkata", "Australia/Lord_Howe"):
        assert check_zone(name) == name


def _raw(store: Store, sql: str) -> list[str]:
    """Return the column values as the database holds them, normalised to text."""
    with store.engine.connect() as conn:
        return [str(v)[:19] for (v,) in conn.execute(text(sql))]


def test_the_store_keeps_utc_and_answers_in_the_persons_zone(store):
    moscow = Store(store.engine, user="muscovite", zone=MOSCOW)
    moscow.add_pain(4, at=datetime(2026, 3, 5, 0, 30))  # just after midnight in Moscow
    assert _raw(store, "SELECT at FROM pain_checkins") == ["2026-03-04 21:30:00"]
    (point,) = moscow.pain_checkins()
    assert point.at.isoformat() == "2026-03-05T00:30:00+03:00"
    # The same record read by a store in New York's zone: the same moment, its own day.
    (there,) = Store(store.engine, user="muscovite", zone=NEW_YORK).pain_checkins()
    assert there.at == point.at and there.at.isoformat() == "2026-03-04T16:30:00-05:00"
    # "Since a day" is from that day's midnight in the person's zone, on every read path.
    assert len(moscow.pain_checkins(since=date(2026, 3, 5))) == 1
    assert moscow.pain_checkins(since=date(2026, 3, 6)) == []
    assert [p.at for p in moscow.progress_data(since=date(2026, 3, 5)).pain_checkins] == \
        [point.at]
    assert moscow.progress_data(since=date(2026, 3, 6)).pain_checkins == []


def test_an_aware_time_is_stored_as_the_moment_it_names(store):
    store.add_pain(2, at=datetime(2026, 3, 4, 9, 0, tzinfo=MOSCOW.tzinfo))
    assert _raw(store, "SELECT at FROM pain_checkins") == ["2026-03-04 06:00:00"]


def test_a_check_in_in_the_future_of_the_persons_zone_is_refused(store):
    far_east = Store(store.engine, user="east", zone=Zone("Pacific/Kiritimati"))
    later_today_there = far_east.zone.now() + timedelta(hours=1)
    with pytest.raises(InvalidError, match="in the future"):
        far_east.add_pain(3, at=later_today_there.replace(tzinfo=None))
    far_east.add_pain(3, at=far_east.zone.now().replace(tzinfo=None))  # now is fine


@pytest.fixture
def new_york_computer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's zone is New York's for the test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    made = make_engine(database_url(store_url))
    yield made
    made.dispose()


def test_the_upgrade_turns_the_local_times_of_an_older_database_into_utc(
        engine, new_york_computer):
    upgrade(engine, "0010")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, name, created_at) VALUES "
                          "(1, 'local', '2026-01-15 08:00:00')"))
        conn.execute(text("INSERT INTO pain_checkins (user_id, at, pain) VALUES "
                          "(1, '2026-07-01 08:00:00', 3)"))
        conn.execute(text("INSERT INTO sessions (user_id, date, phase, status, started_at, "
                          "finished_at, created_at) VALUES (1, '2026-01-15', 'entry', "
                          "'completed', '2026-01-15 08:00:00', NULL, '2026-01-15 08:20:00')"))
        conn.execute(text("INSERT INTO login_failures (key, at) VALUES "
                          "('email:a@b.org', '2026-07-01 08:00:00')"))  # UTC already
    assert upgrade(engine) == [HEAD]
    store = Store(engine)
    # Summer time (UTC-4) and winter time (UTC-5) each by its own offset.
    assert _raw(store, "SELECT at FROM pain_checkins") == ["2026-07-01 12:00:00"]
    assert _raw(store, "SELECT started_at FROM sessions") == ["2026-01-15 13:00:00"]
    assert _raw(store, "SELECT created_at FROM sessions") == ["2026-01-15 13:20:00"]
    assert _raw(store, "SELECT finished_at FROM sessions") == ["None"]
    assert _raw(store, "SELECT at FROM login_failures") == ["2026-07-01 08:00:00"]
    # And the person sees the times they recorded, on this computer.
    (point,) = store.pain_checkins()
    assert point.at.isoformat() == "2026-07-01T08:00:00-04:00"
    # Going back gives the local times again.
    command.downgrade(_alembic_config(engine), "0010")
    assert _raw(store, "SELECT at FROM pain_checkins") == ["2026-07-01 08:00:00"]
    assert _raw(store, "SELECT started_at FROM sessions") == ["2026-01-15 08:00:00"]
    assert _raw(store, "SELECT at FROM login_failures") == ["2026-07-01 08:00:00"]
