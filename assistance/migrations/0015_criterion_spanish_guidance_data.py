"""Spanish indicators and scoring guidance of version 1's criteria (its names and
descriptions were Spanish from the start). A translation, not a change to the published
version: update() skips its save() guard, and only empty Spanish fields are filled."""

from django.db import migrations

# key: (indicators, (guidance 0, 1, 2, 3))
SPANISH = {
    "worker-driven": (
        "Las organizaciones de trabajadores redactaron el código de conducta\n"
        "Las organizaciones de trabajadores forman parte del órgano que lo hace cumplir, "
        "con derecho a veto\n"
        "Las organizaciones de trabajadores deciden sobre las quejas y las reparaciones",
        (
            "Los trabajadores no tienen un papel formal; el programa lo dirigen marcas o "
            "auditores.",
            "Se consulta a los trabajadores, pero no deciden nada.",
            "Las organizaciones de trabajadores cogobiernan, pero las marcas o los auditores "
            "tienen la última palabra.",
            "Las organizaciones de trabajadores diseñan, vigilan y hacen cumplir el programa.",
        ),
    ),
    "binding-agreements": (
        "Acuerdos firmados entre organizaciones de trabajadores y compradores\n"
        "Exigibles ante un tribunal o mediante arbitraje vinculante\n"
        "Los compradores no pueden retirarse a voluntad durante su vigencia",
        (
            "Solo códigos o compromisos voluntarios.",
            "Memorandos de entendimiento sin mecanismos de cumplimiento.",
            "Acuerdos vinculantes con algunos compradores, o con cláusulas de cumplimiento "
            "débiles.",
            "Acuerdos jurídicamente vinculantes con cada comprador participante.",
        ),
    ),
    "buyer-incentives": (
        "Una prima o un aumento de precio pagado por los compradores\n"
        "Las primas llegan a los trabajadores, y esto se verifica\n"
        "Compromisos de compra a largo plazo con los proveedores que cumplen",
        (
            "Ningún compromiso económico de los compradores.",
            "Apoyo ocasional, no vinculado al cumplimiento.",
            "Un compromiso de prima o de precio, pagado en parte o sin verificar.",
            "Primas o precios pagados y verificados, que llegan a los trabajadores.",
        ),
    ),
    "market-consequences": (
        "Los compradores deben suspender las compras a los proveedores que violan el código\n"
        "Las suspensiones se aplican en la práctica y se informan",
        (
            "Ninguna consecuencia.",
            "Las consecuencias son discrecionales.",
            "Las consecuencias son obligatorias sobre el papel, pero rara vez se aplican.",
            "Las consecuencias son obligatorias y se aplican, siempre.",
        ),
    ),
    "measurable-gains": (
        "Cifras de resultados publicadas (quejas, salarios, seguridad)\n"
        "Mejoras en los primeros años del programa",
        (
            "Ninguna evidencia de mejoras.",
            "Solo mejoras anecdóticas.",
            "Algunas mejoras medidas, incompletas o lentas.",
            "Mejoras medidas, publicadas y oportunas.",
        ),
    ),
    "independent-verification": (
        "Auditorías independientes de marcas y proveedores, con entrevistas a los "
        "trabajadores\n"
        "Una línea de quejas disponible las 24 horas en los idiomas de los trabajadores\n"
        "Quejas resueltas con prontitud y sin represalias",
        (
            "Solo autoevaluaciones de los proveedores o auditorías sociales pagadas por las "
            "marcas.",
            "Auditorías sin mecanismo de quejas.",
            "Auditorías y un mecanismo de quejas con carencias de independencia o de rapidez.",
            "Auditorías independientes y un mecanismo de quejas rápido y de confianza.",
        ),
    ),
    "worker-education": (
        "Sesiones impartidas por organizaciones de trabajadores\n"
        "Tiempo remunerado para las sesiones\n"
        "Se llega a cada trabajador nuevo",
        (
            "Ninguna formación.",
            "Solo carteles o capacitaciones dirigidas por la gerencia.",
            "Sesiones dirigidas por trabajadores, no remuneradas o que no llegan a todos.",
            "Sesiones dirigidas por trabajadores, remuneradas, que llegan a cada trabajador.",
        ),
    ),
}
LEVELS = ("absent", "weak", "partial", "strong")


def spanish_guidance(apps, schema_editor):
    criteria = apps.get_model("assistance", "Criterion").objects.filter(version__number=1)
    for key, (indicators, guidance) in SPANISH.items():
        criteria.filter(key=key, indicators_es="").update(indicators_es=indicators)
        for level, text in zip(LEVELS, guidance, strict=True):
            criteria.filter(key=key, **{f"guidance_{level}_es": ""}).update(
                **{f"guidance_{level}_es": text}
            )


def no_op(apps, schema_editor):
    """The guidance fields go away when 0014 is reversed; the indicators stay translated."""


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0014_criterion_spanish_guidance"),
    ]

    operations = [migrations.RunPython(spanish_guidance, no_op)]
