# Issue 19, part C2: the case page's desk (canned responses, corrections of timeline entries,
# links between cases).
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

KINDS = [
    ("strategy", "Strategy for a new sector or location"),
    ("agreement", "Agreement, code of conduct or standards drafting"),
    ("monitoring", "Monitoring and enforcement design"),
    ("complaints", "Complaint mechanism"),
    ("education", "Worker education program"),
    ("campaign", "Campaign strategy"),
    ("evaluation", "Evaluation of an existing program"),
    ("other", "Other"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0019_queue_views"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CannedResponse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=120, verbose_name="title")),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=KINDS,
                        help_text="Offered first on cases of this kind; empty for every case.",
                        max_length=20,
                        verbose_name="kind of help",
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        help_text=(
                            "Placeholders filled from the case: {reference}, {name} (the "
                            "contact person), {organization}, {lead} (the staff lead)."
                        ),
                        max_length=5000,
                        verbose_name="text in English",
                    ),
                ),
                (
                    "body_es",
                    models.TextField(blank=True, max_length=5000, verbose_name="text in Spanish"),
                ),
                (
                    "is_active",
                    models.BooleanField(default=True, verbose_name="offered on case pages"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "canned response",
                "verbose_name_plural": "canned responses",
                "ordering": ["title"],
            },
        ),
        migrations.CreateModel(
            name="TimelineRedaction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "redacted_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="redacted"
                    ),
                ),
                ("reason", models.CharField(max_length=300, verbose_name="reason")),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="redaction",
                        to="assistance.timelineentry",
                    ),
                ),
                (
                    "redacted_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="redacted by",
                    ),
                ),
            ],
            options={
                "verbose_name": "timeline entry redaction",
                "verbose_name_plural": "timeline entry redactions",
            },
        ),
        migrations.CreateModel(
            name="TimelineRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("body", models.TextField(blank=True, verbose_name="earlier text")),
                (
                    "edited_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="edited"),
                ),
                ("reason", models.CharField(blank=True, max_length=300, verbose_name="reason")),
                (
                    "edited_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="edited by",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="assistance.timelineentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "timeline entry revision",
                "verbose_name_plural": "timeline entry revisions",
                "ordering": ["-edited_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="CaseLink",
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
                        choices=[("related", "Related"), ("duplicate", "Duplicate of")],
                        max_length=10,
                        verbose_name="link",
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "from_case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links_from",
                        to="assistance.case",
                    ),
                ),
                (
                    "to_case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links_to",
                        to="assistance.case",
                    ),
                ),
            ],
            options={
                "verbose_name": "case link",
                "verbose_name_plural": "case links",
                "ordering": ["created_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("from_case", "to_case"), name="unique_case_link"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("from_case", models.F("to_case")), _negated=True),
                        name="case_link_not_to_itself",
                    ),
                ],
            },
        ),
    ]
