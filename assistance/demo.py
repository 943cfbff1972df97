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
from .services import service_levels

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
        service_levels.restart(case, submitted)  # the response clock from the submission
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
            case.response_targets.filter(kind="first").update(
                met_at=submitted + timedelta(days=1 + days_ago % 3)
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
    _seed_case_mail()  # issue 19: a reply by email and a held email
    _seed_desk(staff)  # issue 19: canned responses, an edited entry, a linked pair of cases
    # Service levels (issue 19): an urgent request nobody answered within its four hours,
    # older than the other unanswered ones, so the queue shows it first and overdue.
    requester = User.objects.filter(email="orgadmin@wsr.test").first()
    organization = Organization.objects.filter(name="Migrant Justice").first()
    if requester is None or organization is None:
        return {"created": created + registry, "links": links}
    urgent = services.request_submit(
        user=requester,
        data={
            "organization": organization,
            "contact_name": "Migrant Justice",
            "contact_email": "orgadmin@wsr.test",
            "kind": "complaints",
            "sector": Sector.objects.filter(slug="dairy").first(),
            "countries": ["US"],
            "description": "Workers at a dairy farm were told they will be deported if they "
            "complain about the heat in the barns. We need help today.",
            "urgency": "urgent",
            "preferred_language": "en",
            "consent_to_share": True,
        },
    )
    since = now - timedelta(days=9, hours=7)
    Case.objects.filter(pk=urgent.pk).update(submitted_at=since)
    urgent.timeline.update(created_at=since)
    service_levels.restart(urgent, since)
    created += 1
    return {"created": created + registry, "links": links}


def _seed_case_mail() -> None:
    """An email reply from a requester on a case in progress, and an email from an unknown
    sender held for staff (issue 19), through the real inbound path."""
    from email.utils import make_msgid

    from .mail.addresses import reply_address, thread_root
    from .mail.inbound import inbound_receive

    case = (
        Case.objects.filter(status="in_progress", requester__isnull=False)
        .select_related("requester")
        .order_by("pk")
        .first()
    )
    if case is None:
        return
    for sender, body in [
        (
            case.requester.email,
            "Thank you for the call. The photos of the posted schedule are attached below "
            "as we promised.\n\nOn Tue, the Collaborative wrote:\n> Could you send the "
            "schedule?",
        ),
        (
            "someone.else@example.net",
            "I heard about this case from a friend. Can I add my own complaint?",
        ),
    ]:
        # An email as a mail client sends it (not one of ours: no outbox here).
        raw = (
            f"From: {sender}\r\nTo: {reply_address(case)}\r\nSubject: Re: {case.reference}\r\n"
            f"Message-ID: {make_msgid(domain='example.org')}\r\n"
            f"In-Reply-To: {thread_root(case)}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body.replace("\n", "\r\n")
        )
        inbound_receive(raw=raw.encode("utf-8"))


# The case page's desk (issue 19) ----------------------------------------------------------

DEMO_CANNED = [
    (
        "Acknowledgement",
        "",
        "Dear {name},\n\nThank you for your request {reference}. {lead} leads it and will "
        "call you within the next days to agree on the first steps.",
        "Estimada/o {name}:\n\nGracias por su solicitud {reference}. {lead} la coordina y le "
        "llamará en los próximos días para acordar los primeros pasos.",
    ),
    (
        "Asking for the complaint records",
        "complaints",
        "Dear {name},\n\nCould you send us the complaints received in the last year (without "
        "workers' names) for {reference}? They help us design the mechanism with you.",
        "Estimada/o {name}:\n\n¿Podría enviarnos las quejas recibidas en el último año (sin "
        "nombres de trabajadores) para {reference}? Nos ayudan a diseñar el mecanismo con usted.",
    ),
]


def _seed_desk(staff) -> None:
    """Two canned responses in both languages, one edited message (its earlier text kept)
    and one linked pair of cases of the same organization."""
    from .models import CannedResponse, CaseLink, TimelineEntry
    from .services.merge import case_link
    from .services.timeline import timeline_entry_edit

    for title, kind, body, body_es in DEMO_CANNED:
        CannedResponse.objects.get_or_create(
            title=title, defaults={"kind": kind, "body": body, "body_es": body_es}
        )
    message = (
        TimelineEntry.objects.filter(kind="message", event="", author__isnull=False)
        .order_by("pk")
        .first()
    )
    if message is not None and not message.revisions.exists():
        timeline_entry_edit(
            entry=message,
            actor=staff,
            body=message.body + " (Tuesday or Thursday suits us best.)",
            reason="Added the days we can meet",
        )
    if not CaseLink.objects.exists():
        cases = list(
            Case.objects.filter(organization__isnull=False, requester__isnull=False).order_by("pk")
        )
        pair = next(
            (
                (a, b)
                for i, a in enumerate(cases)
                for b in cases[i + 1 :]
                if a.organization_id == b.organization_id
            ),
            tuple(cases[:2]),
        )
        if len(pair) == 2:
            case_link(from_case=pair[1], to_case=pair[0], actor=staff, kind="related")
