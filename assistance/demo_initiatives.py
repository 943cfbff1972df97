"""Demo registry: the Fair Food Program, Milk with Dignity, the Bangladesh Accord and its
successor, and two invented initiatives that fall short. Scores, rationales and every
enforcement figure below are invented for the demo and labelled so on the pages; the
assessments go through the services, as real ones do."""

from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from wsr.companies.models import Company
from wsr.members.models import Organization, Sector

from . import selectors, services
from .models import Assessment, FrameworkVersion, Initiative, InitiativeBuyer

User = get_user_model()

EXTRA_ORGANIZATIONS = [
    ("IndustriALL Global Union", "worker_organization", ["apparel"], ["CH"], True),
    ("UNI Global Union", "worker_organization", ["apparel"], ["CH"], True),
    ("Clean Clothes Campaign", "ngo", ["apparel"], ["NL"], False),
    ("Sunrise Growers Association (demo)", "business", ["agriculture"], ["US", "MX"], False),
]

COMPANIES = [
    # name, country, sectors, brands
    ("McDonald's", "US", ["agriculture"], ""),
    ("Walmart", "US", ["agriculture", "apparel"], "Sam's Club"),
    ("Yum! Brands", "US", ["agriculture"], "Taco Bell\nKFC\nPizza Hut"),
    ("Burger King", "US", ["agriculture"], ""),
    ("Subway", "US", ["agriculture"], ""),
    ("Whole Foods Market", "US", ["agriculture"], ""),
    ("Trader Joe's", "US", ["agriculture"], ""),
    ("Chipotle Mexican Grill", "US", ["agriculture"], ""),
    ("Ahold Delhaize", "NL", ["agriculture"], "Stop & Shop\nGiant\nFood Lion"),
    ("Ben & Jerry's", "US", ["dairy"], ""),
    ("H&M Group", "SE", ["apparel"], "H&M\nCOS\nArket"),
    ("Inditex", "ES", ["apparel"], "Zara\nBershka\nMassimo Dutti"),
    ("Primark", "IE", ["apparel"], ""),
    ("PVH Corp.", "US", ["apparel"], "Calvin Klein\nTommy Hilfiger"),
    ("Fresh Valley Markets (demo)", "US", ["agriculture"], ""),
    ("Harbor Foods Group (demo)", "TH", ["seafood"], ""),
]

# name, leads, participants, sectors, countries, start, buyers count, public buyers,
# workers, binding, calls itself WSR, website, description, description (es)
INITIATIVES = [
    (
        "Fair Food Program",
        ["Coalition of Immokalee Workers"],
        ["Fair Food Standards Council"],
        ["agriculture"],
        ["US"],
        2011,
        14,
        [
            "McDonald's",
            "Walmart",
            "Yum! Brands",
            "Burger King",
            "Subway",
            "Whole Foods Market",
            "Trader Joe's",
            "Chipotle Mexican Grill",
            "Ahold Delhaize",
        ],
        35000,
        True,
        True,
        "https://fairfoodprogram.org/",
        "Farmworkers in Florida and along the East Coast, organized by the Coalition of "
        "Immokalee Workers, enforce a code of conduct on participating farms through binding "
        "agreements with the buyers of their produce.",
        "Trabajadores agrícolas de Florida y la costa este, organizados por la Coalición de "
        "Trabajadores de Immokalee, hacen cumplir un código de conducta en las fincas "
        "participantes mediante acuerdos vinculantes con los compradores.",
    ),
    (
        "Milk with Dignity",
        ["Migrant Justice"],
        ["Milk with Dignity Standards Council"],
        ["dairy"],
        ["US"],
        2017,
        1,
        ["Ben & Jerry's"],
        250,
        True,
        True,
        "https://migrantjustice.net/milk-with-dignity",
        "Dairy workers in Vermont, organized by Migrant Justice, enforce a code of conduct on "
        "the farms that supply Ben & Jerry's, with a premium paid to farms that comply.",
        "Trabajadores lecheros de Vermont, organizados por Migrant Justice, hacen cumplir un "
        "código de conducta en las granjas que abastecen a Ben & Jerry's.",
    ),
    (
        "Bangladesh Accord on Fire and Building Safety",
        ["IndustriALL Global Union", "UNI Global Union"],
        ["Worker Rights Consortium", "Clean Clothes Campaign"],
        ["apparel"],
        ["BD"],
        2013,
        200,
        ["H&M Group", "Inditex", "Primark", "PVH Corp."],
        2000000,
        True,
        True,
        "https://bangladeshaccord.org/",
        "A legally binding agreement between global unions and apparel brands, signed after "
        "the Rana Plaza collapse, for independent safety inspections and remediation in "
        "garment factories in Bangladesh (2013–2021).",
        "Un acuerdo jurídicamente vinculante entre sindicatos globales y marcas de ropa, "
        "firmado tras el derrumbe del Rana Plaza (2013–2021).",
    ),
    (
        "International Accord for Health and Safety in the Textile and Garment Industry",
        ["IndustriALL Global Union", "UNI Global Union"],
        ["Worker Rights Consortium", "Clean Clothes Campaign"],
        ["apparel"],
        ["BD", "PK"],
        2021,
        190,
        ["H&M Group", "Inditex", "Primark", "PVH Corp."],
        2500000,
        True,
        True,
        "https://internationalaccord.org/",
        "The Bangladesh Accord's successor, extended to Pakistan, keeping binding "
        "inspections, remediation and a complaint mechanism.",
        "El sucesor del Acuerdo de Bangladesh, extendido a Pakistán.",
    ),
    (
        "Sunrise Produce Responsibility Pledge (demo)",
        ["Sunrise Growers Association (demo)"],
        [],
        ["agriculture"],
        ["US", "MX"],
        2019,
        3,
        ["Fresh Valley Markets (demo)"],
        12000,
        False,
        True,
        "",
        "An invented growers' pledge that calls itself worker-driven: a voluntary code, "
        "checked by audits the growers pay for, with a hotline run by the association.",
        "Un compromiso inventado de productores que se dice impulsado por trabajadores.",
    ),
    (
        "Harbor Seafood Worker Voice (demo)",
        ["Coastal Seafood Workers Alliance (demo)"],
        [],
        ["seafood"],
        ["TH", "US"],
        2022,
        2,
        ["Harbor Foods Group (demo)"],
        3400,
        False,
        True,
        "",
        "An invented program in seafood processing: a workers' alliance runs worker "
        "education and takes complaints, but buyers have not signed binding agreements.",
        "Un programa inventado en el procesamiento de mariscos.",
    ),
]

# Invented scores (worker-driven, binding, incentives, consequences, gains, verification,
# education) and the stage each demo assessment reaches.
ASSESSMENTS = {
    "Fair Food Program": [
        ([3, 3, 2, 3, 2, 3, 3], "published", 700),
        ([3, 3, 3, 3, 3, 3, 3], "published", 120),
    ],
    "Milk with Dignity": [([3, 3, 3, 3, 2, 3, 3], "published", 200)],
    "Bangladesh Accord on Fire and Building Safety": [([3, 3, 2, 3, 3, 3, 2], "published", 900)],
    "International Accord for Health and Safety in the Textile and Garment Industry": [
        ([3, 3, 2, 2, None, None, None], "draft", 10)
    ],
    "Sunrise Produce Responsibility Pledge (demo)": [([0, 0, 1, 1, 1, 1, 0], "published", 60)],
    "Harbor Seafood Worker Voice (demo)": [([2, 1, 1, 1, 2, 2, 3], "reply", 20)],
}

RATIONALE = {
    0: "No evidence of this in the program's documents or in interviews (demo rationale).",
    1: "Present on paper, with little effect in practice (demo rationale).",
    2: "Partly in place; gaps found in interviews and records (demo rationale).",
    3: "Fully in place and working, confirmed by documents and worker interviews (demo rationale).",
}

# Issue 19: recommendations per criterion (none where the score is full) and the initiative's
# response on a criterion.
RECOMMENDATION = {
    0: "Put this in writing with the workers' organization first (demo recommendation).",
    1: "Make it binding on buyers and check it in worker interviews (demo recommendation).",
    2: "Close the gaps the interviews found and report on them yearly (demo recommendation).",
}
CRITERION_RESPONSE = (
    "Demo response: the figures the assessors asked for are in our last annual report; we "
    "will publish them by region from next year."
)

# The year each buyer signed (the public record for the real agreements; the initiative's
# first year otherwise): company pages show "Agreement signed" from it (issue 20 review).
JOINED_YEARS = {
    ("Fair Food Program", "Yum! Brands"): 2005,
    ("Fair Food Program", "McDonald's"): 2007,
    ("Fair Food Program", "Burger King"): 2008,
    ("Fair Food Program", "Subway"): 2008,
    ("Fair Food Program", "Whole Foods Market"): 2008,
    ("Fair Food Program", "Chipotle Mexican Grill"): 2012,
    ("Fair Food Program", "Trader Joe's"): 2012,
    ("Fair Food Program", "Walmart"): 2014,
    ("Fair Food Program", "Ahold Delhaize"): 2015,
}


def _joined_years(initiative) -> None:
    """Give the initiative's memberships without a year theirs (also on a database seeded
    before the years were added)."""
    for buyer in initiative.buyers.filter(joined_year=None).select_related("company"):
        buyer.joined_year = JOINED_YEARS.get(
            (initiative.name, buyer.company.name), initiative.start_year
        )
        buyer.save(update_fields=["joined_year"])


# initiative: (first year, last year, base workers, base complaints, currency, premium)
FIGURES = {
    "Fair Food Program": (2019, 2024, 30000, 180, "USD", Decimal("3100000")),
    "Milk with Dignity": (2019, 2024, 220, 60, "USD", Decimal("450000")),
    "Bangladesh Accord on Fire and Building Safety": (2016, 2020, 1800000, 300, "", None),
    "Harbor Seafood Worker Voice (demo)": (2023, 2024, 3000, 40, "", None),
}


def _organizations():
    for name, kind, sectors, countries, worker_led in EXTRA_ORGANIZATIONS:
        org, created = Organization.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "countries": countries, "is_worker_led": worker_led},
        )
        if created:
            org.sectors.set(Sector.objects.filter(slug__in=sectors))


def _companies():
    for name, country, sectors, brands in COMPANIES:
        company, created = Company.objects.get_or_create(
            name=name,
            defaults={
                "headquarters_country": country,
                "brands": brands,
                "is_demo": "(demo)" in name,
            },
        )
        if created:
            company.sectors.set(Sector.objects.filter(slug__in=sectors))


def _initiatives():
    for (
        name,
        leads,
        participants,
        sectors,
        countries,
        start,
        buyers_count,
        buyers,
        workers,
        binding,
        calls_wsr,
        website,
        description,
        description_es,
    ) in INITIATIVES:
        initiative, created = Initiative.objects.get_or_create(
            name=name,
            defaults={
                "countries": countries,
                "start_year": start,
                "buyers_count": buyers_count,
                "workers_covered": workers,
                "has_binding_agreements": binding,
                "calls_itself_wsr": calls_wsr,
                "website": website,
                "description": description,
                "description_es": description_es,
                "is_demo": True,
            },
        )
        if not created:
            if initiative.is_demo:
                _joined_years(initiative)
            continue
        initiative.lead_organizations.set(Organization.objects.filter(name__in=leads))
        initiative.participating_organizations.set(
            Organization.objects.filter(name__in=participants)
        )
        initiative.sectors.set(Sector.objects.filter(slug__in=sectors))
        for company in Company.objects.filter(name__in=buyers):
            InitiativeBuyer.objects.create(initiative=initiative, company=company, is_public=True)
        _joined_years(initiative)


# The demo's second assessors, first choice first: each initiative gets the first one who is
# independent of it (the Worker Rights Consortium's expert takes part in the Accords).
DEMO_ASSESSORS = ("expert@wsr.test", "lucia@wsr.test")


def _second_assessor(initiative):
    independent = {
        person.email: person
        for person in selectors.assessor_candidates().filter(
            email__in=DEMO_ASSESSORS, is_staff=False
        )
        if not initiative.organizations().filter(affiliations__user=person).exists()
    }
    return next((independent[e] for e in DEMO_ASSESSORS if e in independent), None)


def _assess(initiative, scores, stage, days_ago, staff, second, replier):
    assessment = services.assessment_open(
        initiative=initiative, actor=staff, assessors=[staff, second]
    )
    for assessor in (staff, second):  # both read the evidence below: they declared first
        services.assessor_declare(assessment=assessment, actor=assessor, has_conflict=False)
    opened = timezone.now() - timedelta(days=days_ago)
    rows = list(assessment.scores.select_related("criterion"))
    for row, score in zip(rows, scores, strict=False):
        if score is not None:
            services.score_record(
                assessment=assessment,
                actor=second,
                criterion=row.criterion,
                score=score,
                rationale=RATIONALE[score],
                recommendation=RECOMMENDATION.get(score, ""),
            )
    services.summary_record(
        assessment=assessment,
        actor=second,
        summary="Demo summary: an invented assessment, written to show how a scorecard reads.",
    )
    services.evidence_add(
        assessment=assessment,
        actor=second,
        kind="link",
        title="Program website (public evidence)",
        url=initiative.website or "https://example.org/",
        is_confidential=False,
        criterion=rows[0].criterion,
    )
    services.evidence_add(
        assessment=assessment,
        actor=second,
        kind="interview",
        title="Interviews with twelve workers (demo)",
        notes="Invented notes. Real interview notes never leave the assessors and staff.",
        criterion=rows[0].criterion,
    )
    if stage == "draft":
        Assessment.objects.filter(pk=assessment.pk).update(opened_at=opened)
        return assessment
    services.assessment_submit(assessment=assessment, actor=second)
    services.assessment_sign_off(assessment=assessment, actor=staff)
    if replier is not None:  # issue 19: the initiative answers on the first two criteria
        for row in rows[:2]:
            services.criterion_response_save(
                assessment=assessment,
                actor=replier,
                criterion=row.criterion,
                text=CRITERION_RESPONSE,
            )
    if stage == "reply":
        Assessment.objects.filter(pk=assessment.pk).update(opened_at=opened)
        return assessment
    if replier is not None:
        services.reply_submit(
            assessment=assessment,
            actor=replier,
            text="Demo reply: we thank the assessors and will publish our next figures "
            "by region, as they suggest.",
        )
    else:
        Assessment.objects.filter(pk=assessment.pk).update(
            reply_due=timezone.localdate() - timedelta(days=1)
        )
        assessment.refresh_from_db()
    services.assessment_approve(assessment=assessment, actor=staff)
    services.assessment_publish(assessment=assessment, actor=staff)
    published = timezone.now() - timedelta(days=days_ago)
    Assessment.objects.filter(pk=assessment.pk).update(opened_at=opened, published_at=published)
    return assessment


def _replier(initiative):
    return (
        User.objects.filter(affiliations__organization__in=initiative.lead_organizations.all())
        .order_by("pk")
        .first()
    )


def _figures(initiative, staff):
    spec = FIGURES.get(initiative.name)
    if spec is None:
        return
    first, last, workers, complaints, currency, premium = spec
    for n, year in enumerate(range(first, last + 1)):
        received = complaints + 15 * n
        report = services.report_submit(
            initiative=initiative,
            actor=staff,
            data={
                "period_start": date(year, 1, 1),
                "period_end": date(year, 12, 31),
                "workers_covered": workers + workers // 20 * n,
                "complaints_received": received,
                "complaints_resolved": received - 10 + n,
                "median_days_to_resolution": Decimal(30 - 3 * n),
                "audits": 40 + 5 * n,
                "suppliers_suspended": max(0, 3 - n // 2),
                "suppliers_corrective_action": 12 - n,
                "premium_paid": premium + premium / 10 * n if premium else None,
                "premium_currency": currency,
                "education_sessions": 90 + 10 * n,
                "source_note": "Demo figures, invented for this site.",
                # issue 19: a narrative and complaints by category and outcome
                "narrative": DEMO_NARRATIVES[n % len(DEMO_NARRATIVES)],
                "counts": _demo_counts(received),
            },
        )
        if year < last or initiative.name != "Milk with Dignity":
            services.report_verify(report=report, actor=staff, accept=True)
    if initiative.name in HALF_YEAR_DEMOS:
        # A half year after the full ones (issue 19): charted per year, not as a drop.
        n = last - first + 1
        received = (complaints + 15 * n) // 2
        report = services.report_submit(
            initiative=initiative,
            actor=staff,
            data={
                "period_start": date(last + 1, 1, 1),
                "period_end": date(last + 1, 6, 30),
                "workers_covered": workers + workers // 20 * n,
                "complaints_received": received,
                "complaints_resolved": received - 6,
                "median_days_to_resolution": Decimal(14),
                "audits": 25,
                "suppliers_suspended": 0,
                "suppliers_corrective_action": 5,
                "premium_paid": (premium + premium / 10 * n) / 2 if premium else None,
                "premium_currency": currency,
                "education_sessions": 50,
                "source_note": "Demo figures, invented for this site.",
                "narrative": "Demo narrative: a half-year report, published early after a "
                "retaliation case drew attention; these figures are invented.",
                "counts": _demo_counts(received),
            },
        )
        services.report_verify(report=report, actor=staff, accept=True)


# Demo narratives and complaint counts of the figures (issue 19): invented, labelled so.
DEMO_NARRATIVES = [
    "Demo narrative: worker-to-worker education reached every new crew before the season.",
    "Demo narrative: two growers were suspended after audits confirmed wage theft.",
    "Demo narrative: the complaint line added a Haitian Creole speaker; complaints rose.",
]
HALF_YEAR_DEMOS = ("Fair Food Program", "Harbor Seafood Worker Voice (demo)")
DEMO_SHARES = {
    "wages": 30,
    "hours": 15,
    "health_safety": 20,
    "sexual_harassment": 5,
    "verbal_abuse": 10,
    "retaliation": 8,
    "discrimination": 4,
    "other": 8,
    "resolved_for_worker": 70,
    "resolved_otherwise": 10,
    "not_substantiated": 12,
    "open": 8,
}


def _demo_counts(received: int) -> dict:
    """{category id: count}: shares (per cent) of the complaints received, the remainder
    going to "other" and "open" so each kind adds up to the total."""
    from .models import ComplaintCategory

    counts = {}
    for kind, rest in (("category", "other"), ("outcome", "open")):
        categories = list(ComplaintCategory.objects.filter(kind=kind, is_active=True))
        given = 0
        for category in categories:
            if category.code != rest:
                value = received * DEMO_SHARES.get(category.code, 0) // 100
                counts[category.pk] = value
                given += value
        for category in categories:
            if category.code == rest:
                counts[category.pk] = received - given
    return counts


def seed() -> int:
    # A flushed database (browser tests) lost the migration's framework: put it back.
    from importlib import import_module

    import_module("assistance.migrations.0004_framework_version_1").add_version_1(django_apps, None)
    import_module("assistance.migrations.0022_enforcement_details").seed_complaint_categories(
        django_apps
    )
    if Initiative.objects.exists():
        return 0
    staff = User.objects.filter(email="staff@wsr.test").first()
    second = User.objects.filter(email="expert@wsr.test").first()
    if staff is None or second is None or FrameworkVersion.objects.current() is None:
        return 0
    _organizations()
    _companies()
    _initiatives()
    for initiative in Initiative.objects.all():
        independent = _second_assessor(initiative)
        for scores, stage, days_ago in ASSESSMENTS.get(initiative.name, []) if independent else []:
            _assess(initiative, scores, stage, days_ago, staff, independent, _replier(initiative))
        _figures(initiative, staff)
    return Initiative.objects.count()
