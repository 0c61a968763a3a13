"""common.periods.Period: one value for a report's, a chart's or a week's days."""

import datetime

import pytest

from common.periods import CUSTOM, MONTH, QUARTER, WEEK, YEAR, Period


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_a_month_quarter_and_year_contain_the_day():
    day = d("2025-11-23")

    assert Period.month_of(day) == Period(d("2025-11-01"), d("2025-11-30"))
    assert Period.quarter_of(day) == Period(d("2025-10-01"), d("2025-12-31"))
    assert Period.year_of(day) == Period(d("2025-01-01"), d("2025-12-31"))


def test_february_of_a_leap_year_has_29_days():
    assert Period.month_of(d("2024-02-10")) == Period(d("2024-02-01"), d("2024-02-29"))
    assert Period.quarter_of(d("2024-02-10")).days == 31 + 29 + 31


def test_a_week_runs_from_monday_to_sunday():
    week = Period.week_of(d("2025-11-23"))  # a Sunday

    assert (week.start, week.end) == (d("2025-11-17"), d("2025-11-23"))


def test_the_kind_follows_from_the_bounds():
    assert Period(d("2025-03-01"), d("2025-03-31")).kind == MONTH
    assert Period(d("2025-04-01"), d("2025-06-30")).kind == QUARTER
    assert Period(d("2025-01-01"), d("2025-12-31")).kind == YEAR
    assert Period(d("2025-11-17"), d("2025-11-23")).kind == WEEK
    assert Period(d("2025-03-01"), d("2025-03-30")).kind == CUSTOM


def test_custom_dates_of_a_whole_month_are_that_month():
    assert Period(d("2025-03-01"), d("2025-03-31")) == Period.month_of(d("2025-03-15"))


def test_its_label_is_short_and_the_same_in_every_language():
    assert [Period.of(kind, d("2025-11-23")).label for kind in (MONTH, QUARTER, YEAR, WEEK)] == [
        "2025-11",
        "2025-Q4",
        "2025",
        "2025-W47",
    ]
    assert Period(d("2025-03-15"), d("2026-02-10")).label == "2025-03-15–2026-02-10"


def test_it_is_over_on_its_last_day_and_after():
    november = Period.month_of(d("2025-11-01"))

    assert not november.is_over_on(d("2025-11-29"))
    assert november.is_over_on(d("2025-11-30"))
    assert november.is_over_on(d("2026-01-01"))


def test_the_days_passed_count_the_as_of_day_and_stop_at_the_end():
    november = Period.month_of(d("2025-11-01"))

    assert november.elapsed_days(d("2025-10-31")) == 0
    assert november.elapsed_days(d("2025-11-01")) == 1
    assert november.elapsed_share(d("2025-11-15")) == 0.5
    assert november.elapsed_days(d("2026-03-01")) == 30


def test_it_contains_its_own_days_only():
    november = Period.month_of(d("2025-11-01"))

    assert november.contains(d("2025-11-30"))
    assert not november.contains(d("2025-12-01"))


def test_the_previous_and_following_periods_keep_the_kind_across_a_year():
    assert Period.month_of(d("2025-01-10")).previous() == Period.month_of(d("2024-12-01"))
    assert Period.quarter_of(d("2025-12-10")).following() == Period.quarter_of(d("2026-01-01"))
    assert Period.week_of(d("2025-01-01")).previous() == Period.week_of(d("2024-12-25"))


def test_a_custom_period_is_followed_by_as_many_days():
    ten_days = Period(d("2025-03-05"), d("2025-03-14"))

    assert ten_days.previous() == Period(d("2025-02-23"), d("2025-03-04"))
    assert ten_days.following() == Period(d("2025-03-15"), d("2025-03-24"))


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(d("2025-03-02"), d("2025-03-01"))
