"""Version 1 of the assessment framework: the seven WSR principles of DESIGN.md, with
indicators, 0–3 scoring guidance and the determination rule (every principle at least 2
and worker-driven 3 to meet; worker-driven at least 2 to partly meet)."""

from django.db import migrations
from django.utils import timezone

# key, name, name_es, description, description_es, indicators, guidance 0..3,
# min to meet, min to partly meet
CRITERIA = [
    (
        "worker-driven",
        "Worker-driven",
        "Impulsado por trabajadores",
        "Workers' organizations design, monitor and enforce the program.",
        "Las organizaciones de trabajadores diseñan, vigilan y hacen cumplir el programa.",
        "Workers' organizations wrote the code of conduct\n"
        "Workers' organizations sit on the body that enforces it, with a veto\n"
        "Workers' organizations decide on complaints and remedies",
        (
            "Workers have no formal role; the program is run by brands or auditors.",
            "Workers are consulted, but do not decide anything.",
            "Workers' organizations co-govern, but brands or auditors keep the last word.",
            "Workers' organizations design, monitor and enforce the program.",
        ),
        3,
        2,
    ),
    (
        "binding-agreements",
        "Binding and enforceable agreements",
        "Acuerdos vinculantes y exigibles",
        "Agreements between workers' organizations and the buyers are legally binding.",
        "Los acuerdos entre organizaciones de trabajadores y compradores son jurídicamente "
        "vinculantes.",
        "Signed agreements between workers' organizations and buyers\n"
        "Enforceable in a court or by binding arbitration\n"
        "Buyers cannot leave at will during the term",
        (
            "Only voluntary codes or pledges.",
            "Memoranda of understanding without enforcement.",
            "Binding agreements with some buyers, or with weak enforcement clauses.",
            "Legally binding agreements with every participating buyer.",
        ),
        2,
        None,
    ),
    (
        "buyer-incentives",
        "Buyers pay for compliance",
        "Los compradores pagan el cumplimiento",
        "Buyers give suppliers the financial incentive and ability to comply (premiums, prices).",
        "Los compradores dan a los proveedores el incentivo económico y los medios para "
        "cumplir (primas, precios).",
        "A premium or price increment paid by buyers\n"
        "Premiums reach workers, and this is verified\n"
        "Long-term purchasing commitments with compliant suppliers",
        (
            "No financial commitment from buyers.",
            "Occasional support, not tied to compliance.",
            "A premium or price commitment, partially paid or not verified.",
            "Premiums or prices paid and verified as reaching workers.",
        ),
        2,
        None,
    ),
    (
        "market-consequences",
        "Market consequences",
        "Consecuencias de mercado",
        "Mandatory market consequences for suppliers that violate the standards.",
        "Consecuencias de mercado obligatorias para los proveedores que violan las normas.",
        "Buyers must suspend purchases from suppliers that violate the code\n"
        "Suspensions are applied in practice and reported",
        (
            "No consequences.",
            "Consequences are discretionary.",
            "Consequences are mandatory on paper, rarely applied.",
            "Consequences are mandatory and applied, every time.",
        ),
        2,
        None,
    ),
    (
        "measurable-gains",
        "Measurable, timely gains",
        "Mejoras medibles y oportunas",
        "Measurable, timely gains for workers.",
        "Mejoras medibles y oportunas para los trabajadores.",
        "Published outcome figures (complaints, wages, safety)\n"
        "Improvement within the first years of the program",
        (
            "No evidence of gains.",
            "Anecdotal gains only.",
            "Some measured gains, incomplete or slow.",
            "Measured, published and timely gains.",
        ),
        2,
        None,
    ),
    (
        "independent-verification",
        "Rigorous, independent verification",
        "Verificación rigurosa e independiente",
        "Audits, worker interviews, and a complaint mechanism that workers can use without "
        "retaliation, with prompt resolution.",
        "Auditorías, entrevistas con trabajadores y un mecanismo de quejas que se puede usar "
        "sin represalias, con resolución rápida.",
        "Audits independent of brands and suppliers, with worker interviews\n"
        "A 24-hour complaint line in workers' languages\n"
        "Complaints resolved promptly and without retaliation",
        (
            "Only supplier self-assessment or brand-paid social audits.",
            "Audits without a complaint mechanism.",
            "Audits and a complaint mechanism with gaps in independence or speed.",
            "Independent audits and a trusted, fast complaint mechanism.",
        ),
        2,
        None,
    ),
    (
        "worker-education",
        "Worker-to-worker education",
        "Educación entre trabajadores",
        "Worker education on their rights, delivered by workers, on the clock.",
        "Educación de los trabajadores sobre sus derechos, impartida por trabajadores, en "
        "horario pagado.",
        "Sessions delivered by workers' organizations\n"
        "Paid time for the sessions\n"
        "Every new worker reached",
        (
            "No education.",
            "Posters or management-led training only.",
            "Worker-led sessions, not paid or not reaching everyone.",
            "Worker-led, paid sessions reaching every worker.",
        ),
        2,
        None,
    ),
]


def add_version_1(apps, schema_editor):
    FrameworkVersion = apps.get_model("assistance", "FrameworkVersion")
    Criterion = apps.get_model("assistance", "Criterion")
    if FrameworkVersion.objects.filter(number=1).exists():
        return
    version = FrameworkVersion.objects.create(
        number=1,
        title="WSR assessment framework",
        change_note="The seven WSR principles, as the Collaborative first wrote them.",
    )
    for order, row in enumerate(CRITERIA):
        key, name, name_es, description, description_es, indicators, guidance, meet, partly = row
        Criterion.objects.create(
            version=version,
            sort_order=order,
            key=key,
            name=name,
            name_es=name_es,
            description=description,
            description_es=description_es,
            indicators=indicators,
            guidance_absent=guidance[0],
            guidance_weak=guidance[1],
            guidance_partial=guidance[2],
            guidance_strong=guidance[3],
            min_to_meet=meet,
            min_to_partly_meet=partly,
        )
    # Published after its criteria exist (historical models skip the guard in save()).
    FrameworkVersion.objects.filter(pk=version.pk).update(published_at=timezone.now())


def remove_version_1(apps, schema_editor):
    FrameworkVersion = apps.get_model("assistance", "FrameworkVersion")
    Assessment = apps.get_model("assistance", "Assessment")
    if not Assessment.objects.filter(version__number=1).exists():
        FrameworkVersion.objects.filter(number=1).delete()


class Migration(migrations.Migration):
    dependencies = [("assistance", "0003_initiatives_frameworks_assessments")]

    operations = [migrations.RunPython(add_version_1, remove_version_1)]
