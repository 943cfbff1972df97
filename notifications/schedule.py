"""When a digest is due, in the recipient's own time zone.

A digest's period is named after the local date (daily) or ISO week (weekly) of its
scheduled instant; its window runs from the previous scheduled instant to this one, so
consecutive digests cover time without gap or overlap, 23 or 25 hours long across a
daylight-saving change. An hour that does not exist locally (the spring gap) is read with
the offset before the change, as `zoneinfo` does.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class Due:
    period: str
    window_start: datetime
    window_end: datetime


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _instant(day: date, hour: int, tz: ZoneInfo) -> datetime:
    local = datetime.combine(day, time(hour), tzinfo=tz)
    # Round-trip through UTC so a nonexistent local time gets a real instant.
    return local.astimezone(UTC)


def daily_due(now: datetime, *, tz: ZoneInfo, hour: int) -> Due:
    """The latest daily digest due at or before `now`."""
    local = now.astimezone(tz)
    day = local.date()
    if _instant(day, hour, tz) > now:
        day -= timedelta(days=1)
    return Due(
        period=day.isoformat(),
        window_start=_instant(day - timedelta(days=1), hour, tz),
        window_end=_instant(day, hour, tz),
    )


def weekly_due(now: datetime, *, tz: ZoneInfo, weekday: int, hour: int) -> Due:
    """The latest weekly digest due at or before `now` (weekday: Monday is 0)."""
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    if _instant(day, hour, tz) > now:
        day -= timedelta(days=7)
    year, week, _ = day.isocalendar()
    return Due(
        period=f"{year}-W{week:02d}",
        window_start=_instant(day - timedelta(days=7), hour, tz),
        window_end=_instant(day, hour, tz),
    )
