# Issue 19, item 5: a narrative per period of enforcement figures, and complaint categories
# and outcomes (a managed list, seeded here) with their counts per report.
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import assistance.models.figures

# (kind, code, English, Spanish): the Fair Food Standards Council's reports group complaints
# this way. Staff edit the list in the Wagtail admin; codes name columns of the CSV files.
SEED = [
    ("category", "wages", "Wages", "Salarios"),
    ("category", "hours", "Hours", "Horas de trabajo"),
    ("category", "health_safety", "Health and safety", "Salud y seguridad"),
    ("category", "sexual_harassment", "Sexual harassment", "Acoso sexual"),
    ("category", "verbal_abuse", "Verbal abuse", "Abuso verbal"),
    ("category", "retaliation", "Retaliation", "Represalias"),
    ("category", "discrimination", "Discrimination", "Discriminación"),
    ("category", "other", "Other", "Otros"),
    (
        "outcome",
        "resolved_for_worker",
        "Resolved in favour of the worker",
        "Resuelta a favor de la persona trabajadora",
    ),
    ("outcome", "resolved_otherwise", "Resolved otherwise", "Resuelta de otro modo"),
    ("outcome", "not_substantiated", "Not substantiated", "No comprobada"),
    ("outcome", "open", "Still open", "Aún abierta"),
]


def seed_complaint_categories(apps, schema_editor=None):
    """The seeded list, where it is missing (also called by the demo after a flush)."""
    category = apps.get_model("assistance", "ComplaintCategory")
    for order, (kind, code, name_en, name_es) in enumerate(SEED):
        category.objects.get_or_create(
            kind=kind,
            code=code,
            defaults={"name_en": name_en, "name_es": name_es, "sort_order": (order + 1) * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("assistance", "0021_assessment_responses")]

    operations = [
        migrations.AddField(
            model_name="enforcementreport",
            name="narrative",
            field=models.TextField(
                blank=True,
                help_text="Optional: what happened in the period, in a few sentences (plain text).",
                max_length=4000,
                verbose_name="narrative",
            ),
        ),
        migrations.AddField(
            model_name="historicalenforcementreport",
            name="narrative",
            field=models.TextField(
                blank=True,
                help_text="Optional: what happened in the period, in a few sentences (plain text).",
                max_length=4000,
                verbose_name="narrative",
            ),
        ),
        migrations.CreateModel(
            name="ComplaintCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("category", "Complaint category"),
                            ("outcome", "Complaint outcome"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="Stable: it names the column of the CSV and spreadsheet files "
                        "(complaints_<code> or outcome_<code>). Do not change it once figures "
                        "use it.",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z][a-z0-9_]{0,39}$",
                                "Lower-case letters, digits and underscores, starting with a "
                                "letter.",
                            ),
                            assistance.models.figures.code_not_reserved,
                        ],
                        verbose_name="code",
                    ),
                ),
                ("name_en", models.CharField(max_length=120, verbose_name="name in English")),
                (
                    "name_es",
                    models.CharField(blank=True, max_length=120, verbose_name="name in Spanish"),
                ),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Inactive ones stay on figures already reported but are not "
                        "offered.",
                        verbose_name="active",
                    ),
                ),
            ],
            options={
                "verbose_name": "complaint category or outcome",
                "verbose_name_plural": "complaint categories and outcomes",
                "ordering": ["kind", "sort_order", "code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "code"), name="unique_complaint_category"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("code__in", ("received", "resolved")), _negated=True),
                        name="complaint_code_not_reserved",
                        violation_error_message="The codes “received” and “resolved” are "
                        "taken: the files have the columns complaints_received and "
                        "complaints_resolved already. Choose another code.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ComplaintCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("count", models.PositiveIntegerField(verbose_name="complaints")),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="assistance.complaintcategory",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="complaint_counts",
                        to="assistance.enforcementreport",
                    ),
                ),
            ],
            options={
                "verbose_name": "complaint count",
                "verbose_name_plural": "complaint counts",
                "ordering": ["category__kind", "category__sort_order", "category__code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("report", "category"), name="unique_complaint_count"
                    )
                ],
            },
        ),
        migrations.RunPython(seed_complaint_categories, migrations.RunPython.noop),
    ]
