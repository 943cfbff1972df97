# Requests for response and the companies' responses (issue 20).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("companies", "0002_voluntary_schemes_and_claims")]

    operations = [
        migrations.CreateModel(
            name="ResponseRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "subject",
                    models.CharField(
                        choices=[
                            ("critique", "Critique"),
                            ("allegation", "Allegation"),
                            ("campaign_ask", "Campaign ask"),
                        ],
                        max_length=15,
                        verbose_name="about",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "text",
                    models.TextField(
                        help_text="Markdown. Shown to the company and, once published, on its page.",
                        max_length=20000,
                        verbose_name="what the company is asked to respond to",
                    ),
                ),
                (
                    "source_title",
                    models.CharField(blank=True, max_length=300, verbose_name="public source"),
                ),
                (
                    "source_url",
                    models.URLField(blank=True, max_length=500, verbose_name="public source link"),
                ),
                (
                    "contact_name",
                    models.CharField(blank=True, max_length=200, verbose_name="contact name"),
                ),
                (
                    "contact_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="contact email"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                ("deadline", models.DateTimeField(verbose_name="deadline")),
                (
                    "token_hash",
                    models.CharField(
                        blank=True, editable=False, max_length=64, null=True, unique=True
                    ),
                ),
                (
                    "token_expires_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="link valid until"),
                ),
                (
                    "token_used_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="link used"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("sent", "Sent"),
                            ("responded", "Responded"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "is_published",
                    models.BooleanField(
                        default=True,
                        help_text="The request, its dates and the response (or its absence) are public.",
                        verbose_name="published on the company page",
                    ),
                ),
                (
                    "contact_forgotten_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="contact cleared"),
                ),
                (
                    "company",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="response_requests",
                        to="companies.company",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sent by",
                    ),
                ),
            ],
            options={
                "verbose_name": "request for response",
                "verbose_name_plural": "requests for response",
                "ordering": ["-sent_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="CompanyResponse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("responder_name", models.CharField(max_length=200, verbose_name="your name")),
                (
                    "responder_role",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="your role at the company"
                    ),
                ),
                ("text", models.TextField(max_length=40000, verbose_name="the company's response")),
                ("submitted_at", models.DateTimeField(verbose_name="received")),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published"),
                ),
                (
                    "withdrawn_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="taken down"),
                ),
                (
                    "withdrawn_reason",
                    models.CharField(
                        blank=True, max_length=500, verbose_name="why it was taken down"
                    ),
                ),
                (
                    "withdrawn_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="taken down by",
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="companies.responserequest",
                    ),
                ),
            ],
            options={
                "verbose_name": "company response",
                "verbose_name_plural": "company responses",
                "ordering": ["-submitted_at", "-id"],
            },
        ),
        migrations.AddIndex(
            model_name="responserequest",
            index=models.Index(fields=["status", "deadline"], name="responserequest_due"),
        ),
        migrations.AddConstraint(
            model_name="companyresponse",
            constraint=models.UniqueConstraint(
                condition=models.Q(("published_at__isnull", False)),
                fields=("request",),
                name="one_published_response_per_request",
            ),
        ),
    ]
