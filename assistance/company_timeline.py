"""Assistance's part of a company page's timeline and trend (issue 20): the worker-driven
agreements the company has signed (initiative memberships where its name is public, dated by
the year it joined) and the verified enforcement figures each published, per period; and the
"Figures over the years" section: per agreement, its verified figures over the periods as a
server-drawn chart (assistance/_trend_chart.html) with a table of the values.

Two queries per company page whatever the number of agreements and periods: the
memberships, then every verified report of their initiatives; kept on the request so the
timeline and the figures section share them."""

import datetime

from django.db.models import Subquery
from django.utils.translation import gettext as _

from wsr.companies.timeline import TimelineEntry

_CACHE = "_wsr_company_agreements"


def agreements_with_reports(request, company) -> list:
    """The public memberships of `company` in initiatives `request.user` may see (as
    selectors.binding_agreements_of), each with `.reports`: the initiative's verified
    enforcement reports, oldest first, and `.latest_report`: the last of them."""
    from .models import EnforcementReport, Initiative, InitiativeBuyer

    cache = getattr(request, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE, cache)
    if company.pk in cache:
        return cache[company.pk]
    memberships_qs = InitiativeBuyer.objects.filter(
        company=company,
        is_public=True,
        initiative__in=Initiative.objects.visible_to(request.user),
    )
    memberships = list(
        memberships_qs.select_related("initiative__latest_assessment").order_by(
            "initiative__name", "initiative_id"
        )
    )
    reports: dict[int, list] = {}
    for report in (
        EnforcementReport.objects.verified()
        .filter(initiative_id__in=Subquery(memberships_qs.values("initiative_id")))
        .order_by("period_start", "period_end")
    ):
        reports.setdefault(report.initiative_id, []).append(report)
    for membership in memberships:
        membership.reports = reports.get(membership.initiative_id, [])
        # What selectors.binding_agreements_of gives, so the binding panel shares them.
        membership.latest_report = membership.reports[-1] if membership.reports else None
    cache[company.pk] = memberships
    return memberships


def _is_calendar_year(report) -> bool:
    start, end = report.period_start, report.period_end
    return start == datetime.date(end.year, 1, 1) and end == datetime.date(end.year, 12, 31)


def agreement_entries(request, company) -> list[TimelineEntry]:
    from .services.figures import format_number

    entries = []
    for membership in agreements_with_reports(request, company):
        initiative = membership.initiative
        url = initiative.get_absolute_url()
        if membership.joined_year:
            entries.append(
                TimelineEntry(
                    date=datetime.date(membership.joined_year, 1, 1),
                    kind="agreement",
                    title=_("Signed the %(initiative)s agreement")
                    % {"initiative": initiative.name},
                    url=url,
                    precision="year",
                )
            )
        for report in membership.reports:
            entries.append(
                TimelineEntry(
                    # Dated by the period they report on (not the day staff verified them):
                    # a calendar year by its year, any other period by its last day.
                    date=report.period_end,
                    precision="year" if _is_calendar_year(report) else "day",
                    kind="figures",
                    title=_("%(initiative)s: verified enforcement figures for %(period)s")
                    % {"initiative": initiative.name, "period": report.period_label},
                    url=url,
                    summary=_(
                        "Complaints received: %(received)s; resolved: %(resolved)s; audits: "
                        "%(audits)s; suppliers suspended: %(suspended)s."
                    )
                    % {
                        "received": format_number(report.complaints_received),
                        "resolved": format_number(report.complaints_resolved),
                        "audits": format_number(report.audits),
                        "suspended": format_number(report.suppliers_suspended),
                    },
                    source=report.source_note,
                )
            )
    return entries


def _measures():
    return [
        ("complaints_received", _("Complaints received"), "series--received"),
        ("complaints_resolved", _("Complaints resolved"), "series--resolved"),
    ]


def figures_over_the_years(request, company) -> dict:
    """Per agreement with verified figures: its chart (None under two periods) and rows."""
    from .services import figures

    series = []
    for membership in agreements_with_reports(request, company):
        if not membership.reports:
            continue
        series.append(
            {
                "membership": membership,
                "initiative": membership.initiative,
                "chart": figures.trend_chart(membership.reports, _measures()),
                "rows": figures.normalized_rows(membership.reports),
            }
        )
    return {"series": series}
