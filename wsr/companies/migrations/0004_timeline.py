# Placeholder filled by hand by the helper that owns it (issue 20).
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("companies", "0003_response_requests")]

    operations = [
        migrations.CreateModel(
            name="CompanyEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(verbose_name="date")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("news", "News"),
                            ("allegation", "Allegation"),
                            ("critique", "Critique"),
                            ("other", "Other"),
                        ],
                        default="news",
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "summary",
                    models.TextField(blank=True, max_length=2000, verbose_name="summary"),
                ),
                (
                    "source_title",
                    models.CharField(blank=True, max_length=300, verbose_name="source"),
                ),
                (
                    "source_url",
                    models.URLField(blank=True, max_length=500, verbose_name="source link"),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=True,
                        help_text="Only staff see an event that is not public.",
                        verbose_name="public",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "company",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="companies.company",
                    ),
                ),
            ],
            options={
                "verbose_name": "company event",
                "verbose_name_plural": "company events",
                "ordering": ["-date", "-id"],
            },
        ),
    ]
