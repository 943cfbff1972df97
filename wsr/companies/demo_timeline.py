"""Demo timeline events (issue 20), on invented companies only: a real company must never
appear with news or allegations the Collaborative made up."""

from datetime import timedelta

from django.utils import timezone

from .models import Company, CompanyEvent

DEMO_EVENTS = {
    "Fresh Valley Markets (demo)": [
        (
            400,
            CompanyEvent.Kind.NEWS,
            "Fresh Valley Markets opens 40 stores in the Southeast",
            "The expansion makes it one of the region's largest tomato buyers.",
            "Trade press (demo)",
            True,
        ),
        (
            120,
            CompanyEvent.Kind.ALLEGATION,
            "Farmworkers report wage theft at a supplier farm",
            "Workers say piece rates were cut without notice during the harvest.",
            "Worker testimony collected by a member organization (demo)",
            True,
        ),
        (
            20,
            CompanyEvent.Kind.OTHER,
            "Meeting requested with the sourcing team",
            "Staff note: not yet confirmed; kept from the public page.",
            "",
            False,
        ),
    ],
    "Harbor Foods Group (demo)": [
        (
            200,
            CompanyEvent.Kind.CRITIQUE,
            "Report questions the company's seafood audit program",
            "An NGO report finds audits announced days in advance.",
            "NGO report (demo)",
            True,
        ),
    ],
}


def company_events_seed() -> int:
    """A few dated events on the demo companies; nothing for a company that has some."""
    today = timezone.localdate()
    created = 0
    for name, events in DEMO_EVENTS.items():
        company = Company.objects.filter(name=name, is_demo=True).first()
        if company is None or company.events.exists():
            continue
        CompanyEvent.objects.bulk_create(
            CompanyEvent(
                company=company,
                date=today - timedelta(days=days_ago),
                kind=kind,
                title=title,
                summary=summary,
                source_title=source,
                is_public=is_public,
            )
            for days_ago, kind, title, summary, source, is_public in events
        )
        created += len(events)
    return created
