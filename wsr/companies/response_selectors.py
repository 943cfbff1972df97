"""Reads of requests for response (issue 20): a company's requests as the viewer may see
them, and the public response rates by sector and by country."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from wsr.members.models import Sector

from .models import CompanyResponse, ResponseRequest

_CACHE = "_wsr_company_requests"


def company_requests(request, company) -> list[ResponseRequest]:
    """`company`'s requests that `request.user` may see, each with `.response` (the published
    one, or None) and `.outcome`: "responded", "no_response" (the deadline passed without
    one), "withdrawn" (staff withdrew it; only staff see these) or "waiting". Two queries,
    shared by the page's panel and its timeline."""
    cache = getattr(request, _CACHE, None)
    if cache is not None and company.pk in cache:
        return cache[company.pk]
    rows = list(
        ResponseRequest.objects.visible_to(request.user)
        .filter(company=company)
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=CompanyResponse.objects.published(),
                to_attr="published_responses",
            )
        )
        .order_by("-sent_at", "-pk")
    )
    now = timezone.now()
    for row in rows:
        row.company = company  # no query per row for its link
        row.response = row.published_responses[0] if row.published_responses else None
        if row.response is not None:
            row.outcome = "responded"
            row.is_late = row.response.submitted_at > row.deadline
        elif row.status == ResponseRequest.Status.WITHDRAWN:
            row.outcome = "withdrawn"
        elif row.deadline <= now:
            row.outcome = "no_response"
        else:
            row.outcome = "waiting"
    if cache is None:
        cache = {}
        setattr(request, _CACHE, cache)
    cache[company.pk] = rows
    return rows


@dataclass
class Rate:
    label: str
    sent: int
    responded: int

    @property
    def rate(self) -> int:
        """Percentage responded, rounded."""
        return round(100 * self.responded / self.sent) if self.sent else 0


def _counted(now):
    """Published requests that count: answered, or past their deadline."""
    return ResponseRequest.objects.published().filter(
        Q(status=ResponseRequest.Status.RESPONDED) | Q(deadline__lt=now)
    )


def _totals(queryset, field):
    return (
        queryset.values(field)
        .annotate(
            sent=Count("pk", distinct=True),
            responded=Count("pk", filter=Q(status=ResponseRequest.Status.RESPONDED), distinct=True),
        )
        .order_by(field)
    )


def response_rates(*, now=None) -> dict:
    """Requests sent and answered, by sector and by headquarters country, and overall
    (four queries). A company in two sectors counts in both."""
    now = now or timezone.now()
    counted = _counted(now)
    names = {sector.pk: str(sector) for sector in Sector.objects.all()}
    by_sector = [
        Rate(
            names.get(row["company__sectors"], _("No sector recorded")),
            row["sent"],
            row["responded"],
        )
        for row in _totals(counted, "company__sectors")
    ]
    by_country = [
        Rate(
            countries.name(row["company__headquarters_country"]) or _("No country recorded"),
            row["sent"],
            row["responded"],
        )
        for row in _totals(counted, "company__headquarters_country")
    ]
    total = counted.aggregate(
        sent=Count("pk"), responded=Count("pk", filter=Q(status=ResponseRequest.Status.RESPONDED))
    )
    return {
        "by_sector": sorted(by_sector, key=lambda rate: rate.label),
        "by_country": sorted(by_country, key=lambda rate: rate.label),
        "total": Rate(_("All companies"), total["sent"], total["responded"]),
    }
