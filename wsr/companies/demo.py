"""Demo requests for response (issue 20), on an invented company only: a real company must
never appear to have answered, or ignored, a request it never received."""

from datetime import timedelta

from django.utils import timezone

from wsr.members.models import Sector

from .models import Company, CompanyResponse, ResponseRequest

DEMO_COMPANY = "Fresh Valley Markets (demo)"


def seed(home_pages=None) -> dict:
    """Called by `manage.py seed_demo` (each app's `demo.seed`): needs the demo staff login."""
    from wsr.members.models import User

    staff = User.objects.filter(email="staff@wsr.test").first()
    if staff is None:
        return {"created": 0, "links": []}
    return {"created": response_requests_seed(staff=staff), "links": []}


def response_requests_seed(*, staff) -> int:
    """One request answered, one past its deadline without a response; nothing if present."""
    company, created = Company.objects.get_or_create(
        name=DEMO_COMPANY, defaults={"headquarters_country": "US", "is_demo": True}
    )
    if created:
        company.sectors.set(Sector.objects.filter(slug="agriculture"))
    if company.response_requests.exists():
        return 0
    now = timezone.now()
    answered = ResponseRequest.objects.create(
        company=company,
        subject=ResponseRequest.Subject.CAMPAIGN_ASK,
        title="Join the Fair Food Program for tomatoes",
        text=(
            "Workers ask Fresh Valley Markets to sign a binding agreement: a penny-per-pound "
            "premium and buying only from growers in good standing."
        ),
        source_title="Campaign letter (demo)",
        contact_name="Demo Contact",
        contact_email="contact@freshvalley.invalid",
        sent_by=staff,
        sent_at=now - timedelta(days=40),
        deadline=now - timedelta(days=10),
        token_expires_at=now + timedelta(days=4),
        token_used_at=now - timedelta(days=15),
        status=ResponseRequest.Status.RESPONDED,
    )
    CompanyResponse.objects.create(
        request=answered,
        responder_name="Demo Contact",
        responder_role="Head of responsible sourcing",
        text=(
            "We rely on **third-party audits** of our suppliers and do not sign agreements "
            "with workers' organizations at this time."
        ),
        submitted_at=now - timedelta(days=15),
        published_at=now - timedelta(days=15),
    )
    ResponseRequest.objects.create(
        company=company,
        subject=ResponseRequest.Subject.ALLEGATION,
        title="Heat illness at a supplier farm",
        text="Workers at a supplier farm report no shade or water breaks above 35 °C.",
        source_title="Worker complaints (demo)",
        contact_name="Demo Contact",
        contact_email="contact@freshvalley.invalid",
        sent_by=staff,
        sent_at=now - timedelta(days=30),
        deadline=now - timedelta(days=2),
        token_expires_at=now + timedelta(days=12),
        status=ResponseRequest.Status.SENT,
    )
    return 2
