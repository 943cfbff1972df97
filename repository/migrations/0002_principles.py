"""The seven WSR principles of DESIGN.md, as managed data."""

from django.db import migrations

PRINCIPLES = [
    (1, "worker-driven", "Worker-driven", "Impulsado por trabajadores",
     "Workers' organizations design, monitor and enforce the program.",
     "Las organizaciones de trabajadores diseñan, vigilan y hacen cumplir el programa."),
    (2, "binding-agreements", "Binding and enforceable agreements", "Acuerdos vinculantes y exigibles",
     "Binding, enforceable agreements between workers' organizations and the buyers.",
     "Acuerdos vinculantes y exigibles entre las organizaciones de trabajadores y los compradores."),
    (3, "financial-support", "Buyers support compliance", "Los compradores financian el cumplimiento",
     "Buyers give suppliers the financial incentive and ability to comply (premiums, prices).",
     "Los compradores dan a los proveedores el incentivo y la capacidad económica de cumplir (primas, precios)."),
    (4, "market-consequences", "Mandatory market consequences", "Consecuencias de mercado obligatorias",
     "Mandatory market consequences for suppliers that violate the standards.",
     "Consecuencias de mercado obligatorias para los proveedores que violan las normas."),
    (5, "measurable-gains", "Measurable, timely gains", "Mejoras medibles y oportunas",
     "Measurable, timely gains for workers.",
     "Mejoras medibles y oportunas para los trabajadores."),
    (6, "independent-verification", "Rigorous, independent verification", "Verificación rigurosa e independiente",
     "Audits, worker interviews and a complaint mechanism workers can use without retaliation, with prompt resolution.",
     "Auditorías, entrevistas con trabajadores y un mecanismo de quejas sin represalias, con resolución rápida."),
    (7, "worker-education", "Worker-to-worker education", "Educación entre trabajadores",
     "Worker education on their rights, delivered by workers, on the clock.",
     "Educación sobre sus derechos, impartida por trabajadores, en horario pagado."),
]


def add_principles(apps, schema_editor):
    Principle = apps.get_model("repository", "Principle")
    for number, slug, name, name_es, description, description_es in PRINCIPLES:
        Principle.objects.update_or_create(
            number=number,
            defaults={"slug": slug, "name": name, "name_es": name_es,
                      "description": description, "description_es": description_es},
        )


def remove_principles(apps, schema_editor):
    apps.get_model("repository", "Principle").objects.filter(
        number__in=[p[0] for p in PRINCIPLES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("repository", "0001_initial")]
    operations = [migrations.RunPython(add_principles, remove_principles)]
