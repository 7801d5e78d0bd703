"""Numbers in words: plurals, whole-or-one-decimal amounts, minutes."""

from __future__ import annotations

import pytest

from backcoach.words import amount, minutes, plural, signed


@pytest.mark.parametrize(("count", "expected"), [(0, "0 sets"), (1, "1 set"), (2, "2 sets"),
                                                 (1500, "1,500 sets")])
def test_plural(count, expected):
    assert plural(count, "set") == expected


def test_plural_with_an_irregular_form():
    assert plural(1, "activity", "activities") == "1 activity"
    assert plural(3, "activity", "activities") == "3 activities"


@pytest.mark.parametrize(("value", "expected"), [
    (3.29268, "3.3"), (3.0, "3"), (2.96, "3"), (3.04, "3"), (0.25, "0.2"), (10, "10"),
    (0.0, "0"), (12.55, "12.6"), (-1.5, "-1.5"),
])
def test_amount_is_whole_or_one_decimal(value, expected):
    assert amount(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (1, "1 minute"), (1.02, "1 minute"), (2, "2 minutes"), (2.25, "2.2 minutes"),
    (0.5, "0.5 minutes"), (90, "90 minutes"),
])
def test_minutes_agree_with_the_number_shown(value, expected):
    assert minutes(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (2.0, "+2"), (-3.0, "-3"), (0.0, "0"), (-0.5, "-0.5"), (1.04, "+1"), (0.01, "0"),
])
def test_signed_shows_the_direction_of_a_change(value, expected):
    assert signed(value) == expected
