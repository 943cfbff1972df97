"""Digest periods and windows in each person's time zone, across daylight-saving changes."""

from datetime import timedelta

from notifications.schedule import daily_due, weekly_due, zone
from tests.notifications.conftest import utc

NEW_YORK = zone("America/New_York")


def test_the_daily_digest_is_due_at_the_local_hour_and_covers_the_day_before():
    due = daily_due(utc(2026, 6, 10, 11, 0), tz=NEW_YORK, hour=7)  # 07:00 EDT
    assert due.period == "2026-06-10"
    assert due.window_end == utc(2026, 6, 10, 11, 0)
    assert due.window_start == utc(2026, 6, 9, 11, 0)
    # A minute earlier, today's is not due yet: yesterday's is the latest.
    assert daily_due(utc(2026, 6, 10, 10, 59), tz=NEW_YORK, hour=7).period == "2026-06-09"


def test_windows_across_the_autumn_change_have_no_gap_and_no_overlap():
    # New York leaves daylight time on 2026-11-01 at 02:00 local.
    saturday = daily_due(utc(2026, 10, 31, 12, 0), tz=NEW_YORK, hour=7)
    sunday = daily_due(utc(2026, 11, 1, 13, 0), tz=NEW_YORK, hour=7)
    monday = daily_due(utc(2026, 11, 2, 12, 0), tz=NEW_YORK, hour=7)
    assert saturday.window_end == utc(2026, 10, 31, 11, 0)  # 07:00 EDT
    assert sunday.window_end == utc(2026, 11, 1, 12, 0)  # 07:00 EST
    assert sunday.window_start == saturday.window_end
    assert monday.window_start == sunday.window_end
    assert sunday.window_end - sunday.window_start == timedelta(hours=25)


def test_windows_across_the_spring_change_are_23_hours_and_a_missing_hour_still_sends():
    # 2026-03-08 at 02:00 New York jumps to 03:00.
    sunday = daily_due(utc(2026, 3, 8, 12, 0), tz=NEW_YORK, hour=7)
    assert sunday.window_end - sunday.window_start == timedelta(hours=23)
    # A digest set for 02:00 (which does not exist that day) goes out once, at 03:00 EDT.
    gap = daily_due(utc(2026, 3, 8, 7, 30), tz=NEW_YORK, hour=2)
    assert gap.period == "2026-03-08"
    assert gap.window_end == utc(2026, 3, 8, 7, 0)


def test_every_hour_of_a_dst_week_maps_to_exactly_one_digest_per_local_day():
    periods = []
    moment = utc(2026, 10, 29, 0, 0)
    while moment < utc(2026, 11, 5, 0, 0):
        periods.append(daily_due(moment, tz=NEW_YORK, hour=7).period)
        moment += timedelta(hours=1)
    assert sorted(set(periods)) == [
        f"2026-{day}"
        for day in ("10-28", "10-29", "10-30", "10-31", "11-01", "11-02", "11-03", "11-04")
    ]


def test_the_weekly_digest_is_named_after_its_iso_week_and_covers_seven_days():
    # Monday 2026-11-02 07:00 EST is after the change: the window is 7 days and 1 hour.
    due = weekly_due(utc(2026, 11, 2, 12, 30), tz=NEW_YORK, weekday=0, hour=7)
    assert due.period == "2026-W45"
    assert due.window_end == utc(2026, 11, 2, 12, 0)
    assert due.window_start == utc(2026, 10, 26, 11, 0)
    before = weekly_due(utc(2026, 11, 2, 11, 59), tz=NEW_YORK, weekday=0, hour=7)
    assert before.period == "2026-W44"
    assert before.window_end == due.window_start


def test_an_unknown_time_zone_falls_back_to_utc():
    assert zone("Mars/Olympus") == zone("UTC")
