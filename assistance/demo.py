"""Demo casework: a dozen fictional requests in varied states, with their timelines, and
one visitor's request whose address is not confirmed yet.

Every name below is invented; the cases go through the services, as real ones do, so the
timelines, histories and deadlines are what the desk would hold."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from wsr.members.models import Organization, Sector

from . import services
from .models import Case

User = get_user_model()

# organization, requester, kind, sector, countries, urgency, language, days ago, path, text
CASES = [
    (
        "Migrant Justice",
        "orgadmin@wsr.test",
        "monitoring",
        "dairy",
        ["US"],
        "high",
        "es",
        8,
        [],
        "Necesitamos diseñar visitas de monitoreo en fincas lecheras nuevas del programa.",
    ),
    (
        "Coalition of Immokalee Workers",
        "member@wsr.test",
        "education",
        "agriculture",
        ["US", "MX"],
        "normal",
        "es",
        9,
        ["triage"],
        "Queremos adaptar las sesiones de educación de trabajador a trabajador para cuadrillas "
        "que llegan con visas H-2A.",
    ),
    (
        "Worker Rights Consortium",
        "expert@wsr.test",
        "complaints",
        "apparel",
        ["BD"],
        "urgent",
        "en",
        20,
        ["triage", "accepted", "in_progress"],
        "Factory workers report blocked fire exits; the complaint line needs an escalation path "
        "that brands must answer within 48 hours.",
    ),
    (
        "Fair Food Standards Council",
        "lucia@wsr.test",
        "evaluation",
        "agriculture",
        ["US"],
        "low",
        "en",
        45,
        ["triage", "accepted", "in_progress", "resolved"],
        "An outside look at how our audit sampling finds heat-stress violations.",
    ),
    (
        "Migrant Justice",
        "abel@wsr.test",
        "campaign",
        "dairy",
        ["US"],
        "normal",
        "es",
        60,
        ["triage", "accepted", "in_progress", "on_hold"],
        "Estrategia de campaña ante una cadena de supermercados que se niega a firmar.",
    ),
    (
        "Coalition of Immokalee Workers",
        "member@wsr.test",
        "agreement",
        "agriculture",
        ["MX"],
        "normal",
        "es",
        80,
        ["triage", "accepted", "in_progress", "resolved", "closed"],
        "Revisar el código de conducta para ampliar el programa a campos de tomate en Sinaloa.",
    ),
    (
        "Global Labor Justice",
        "priya@wsr.test",
        "strategy",
        "apparel",
        ["IN", "BD"],
        "normal",
        "en",
        100,
        ["triage", "referred"],
        "Mapping whether the model fits home-based garment workers in Tamil Nadu.",
    ),
    (
        "Worker Rights Consortium",
        "expert@wsr.test",
        "other",
        "apparel",
        ["KH"],
        "low",
        "en",
        130,
        ["triage", "declined"],
        "Help with a press kit for a trade show.",
    ),
    (
        "Fair Food Standards Council",
        "lucia@wsr.test",
        "monitoring",
        "agriculture",
        ["US"],
        "high",
        "en",
        170,
        ["triage", "accepted", "in_progress", "resolved", "closed", "reopened", "in_progress"],
        "Designing worker interviews for a new flower-farm participant.",
    ),
    (
        "Global Labor Justice",
        "priya@wsr.test",
        "education",
        "apparel",
        ["LK"],
        "normal",
        "en",
        210,
        ["triage", "accepted", "in_progress", "resolved"],
        "Training curriculum for women garment workers' committees.",
    ),
    (
        "Migrant Justice",
        "orgadmin@wsr.test",
        "complaints",
        "dairy",
        ["US"],
        "urgent",
        "es",
        1,
        [],
        "Un trabajador denunció represalias después de quejarse de la vivienda.",
    ),
    (
        "Coalition of Immokalee Workers",
        "member@wsr.test",
        "evaluation",
        "agriculture",
        ["US"],
        "normal",
        "en",
        250,
        ["triage", "accepted", "in_progress", "resolved", "closed"],
        "Evaluation of the complaint resolution times over ten seasons.",
    ),
]

REASONS = {
    "declined": "Outside what the Collaborative does; we suggested a communications agency.",
    "referred": "Referred to a partner network working with home-based workers.",
    "on_hold": "Waiting for the campaign's coalition meeting.",
    "reopened": "The participant asked for a second round of interviews.",
}


@transaction.atomic
def seed(*, home_pages) -> dict:
    from .demo_initiatives import seed as seed_registry

    links = [{"en": ("Initiatives", "/initiatives/"), "es": ("Iniciativas", "/es/initiatives/")}]
    registry = seed_registry()
    if Case.objects.exists():
        return {"created": registry, "links": links}
    staff = User.objects.filter(email="staff@wsr.test").first()
    expert = User.objects.filter(email="expert@wsr.test").first()
    lucia = User.objects.filter(email="lucia@wsr.test").first()
    if staff is None:
        return {"created": registry, "links": links}
    created = 0
    now = timezone.now()
    for (
        org_name,
        email,
        kind,
        sector_slug,
        countries,
        urgency,
        language,
        days_ago,
        path,
        text,
    ) in CASES:
        organization = Organization.objects.filter(name=org_name).first()
        requester = User.objects.filter(email=email).first()
        if organization is None or requester is None:
            continue
        case = services.request_submit(
            user=requester,
            data={
                "organization": organization,
                "contact_name": requester.display_name,
                "contact_email": requester.email,
                "kind": kind,
                "sector": Sector.objects.filter(slug=sector_slug).first(),
                "countries": countries,
                "description": text,
                "urgency": urgency,
                "preferred_language": language,
                "consent_to_share": True,
            },
            uploads=[
                SimpleUploadedFile("context.pdf", b"%PDF-1.4\n% demo context\n", "application/pdf")
            ]
            if created % 3 == 0
            else [],
        )
        submitted = now - timedelta(days=days_ago)
        Case.objects.filter(pk=case.pk).update(
            submitted_at=submitted,
            first_response_due=services.working_days_after(submitted.date(), 3),
        )
        case.timeline.update(created_at=submitted)
        case.refresh_from_db()
        if path:
            services.case_update(case=case, actor=staff, data={"lead": staff})
        for step, status in enumerate(path):
            case = services.case_transition(
                case=case, actor=staff, to_status=status, reason=REASONS.get(status, "")
            )
            if status == "accepted" and expert and expert.pk != requester.pk:
                assignment = services.expert_invite(
                    case=case,
                    actor=staff,
                    expert=expert,
                    reasons=[{"code": "expertise", "topics": ["monitoring"]}],
                )
                services.assignment_respond(assignment=assignment, expert=expert, accept=True)
                services.case_post(
                    case=case,
                    author=expert,
                    body="I read the request; let us talk this week about the first steps.",
                    is_shared=True,
                )
                services.case_post(
                    case=case,
                    author=staff,
                    body="Internal: check whether the buyer is already in another program.",
                    is_shared=False,
                )
                services.case_task_add(
                    case=case,
                    actor=staff,
                    title="First call with the requester",
                    owner=expert,
                    due_on=timezone.localdate() + timedelta(days=2 + step),
                    is_shared=True,
                )
            elif status == "accepted" and lucia:
                services.expert_invite(
                    case=case,
                    actor=staff,
                    expert=lucia,
                    reasons=[{"code": "expertise", "topics": ["auditing"]}],
                )
            if status == "in_progress":
                services.case_post(
                    case=case,
                    author=requester,
                    body="Thank you. We can meet on Tuesday or Thursday afternoon.",
                    is_shared=True,
                )
            # spread the timeline over the case's life, so ages and medians read true
            Case.objects.filter(pk=case.pk).update(
                first_response_at=submitted + timedelta(days=1 + days_ago % 3)
            )
            if status == "resolved":
                Case.objects.filter(pk=case.pk).update(
                    resolved_at=submitted + timedelta(days=max(5, days_ago // 2))
                )
        created += 1
    # A visitor's request whose address nobody confirmed: the queue shows it as unverified,
    # with the names as typed, linked to no account or organization.
    services.request_submit(
        user=None,
        data={
            "organization_name": "Valley Packing Workers Committee",
            "contact_name": "Tomás Reyes",
            "contact_email": "tomas.reyes@example.org",
            "kind": "complaints",
            "sector": Sector.objects.filter(slug="agriculture").first(),
            "countries": ["MX"],
            "description": "Queremos un canal de quejas para las empacadoras del valle.",
            "urgency": "normal",
            "preferred_language": "es",
            "consent_to_share": True,
        },
    )
    created += 1
    return {"created": created + registry, "links": links}
