"""Reads of service levels (issue 19, item 2): deadline compliance for the staff reports."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import ResponseTarget


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def _counts(now):
    """Met on time / missed (answered late, or unanswered past due) / open (not due yet)."""
    return {
        "met": Count("pk", filter=Q(met_at__isnull=False, met_at__lte=F("due_at"))),
        "missed": Count(
            "pk",
            filter=Q(met_at__isnull=False, met_at__gt=F("due_at"))
            | Q(met_at__isnull=True, due_at__lt=now),
        ),
        "open": Count("pk", filter=Q(met_at__isnull=True, due_at__gte=now)),
    }


def _row(label: str, row: dict) -> dict:
    decided = row["met"] + row["missed"]
    return {
        "label": label,
        "met": row["met"],
        "missed": row["missed"],
        "open": row["open"],
        "total": row["met"] + row["missed"] + row["open"],
        # The share met on time of the targets already decided (None when none is).
        "percent": round(100 * row["met"] / decided) if decided else None,
    }


def compliance(start: date, end: date, *, now: datetime | None = None) -> dict:
    """Response targets started from `start` to `end` (days, inclusive), per person (the
    case's lead at the time) and per month they started in. Two queries."""
    now = now or timezone.now()
    low, high = _bounds(start, end)
    targets = ResponseTarget.objects.filter(started_at__gte=low, started_at__lt=high)
    people = (
        targets.values(
            "lead_id",
            "lead__email",
            "lead__first_name",
            "lead__last_name",
            "lead__profile__display_name",
        )
        .annotate(**_counts(now))
        .order_by("lead__email")
    )
    by_person = []
    for row in people:
        if row["lead_id"] is None:
            label = _("No lead")
        else:
            full = f"{row['lead__first_name']} {row['lead__last_name']}".strip()
            label = row["lead__profile__display_name"] or full or row["lead__email"].split("@")[0]
        by_person.append(_row(label, row))
    by_person.sort(key=lambda r: (r["label"] == _("No lead"), r["label"].lower()))
    months = (
        targets.annotate(month=TruncMonth("started_at"))
        .values("month")
        .annotate(**_counts(now))
        .order_by("month")
    )
    by_month = [
        _row(date_format(row["month"], "YEAR_MONTH_FORMAT"), row) | {"month": row["month"]}
        for row in months
    ]
    total = _row(
        _("All"),
        {k: sum(r[k] for r in by_person) for k in ("met", "missed", "open")},
    )
    return {"by_person": by_person, "by_month": by_month, "total": total}
