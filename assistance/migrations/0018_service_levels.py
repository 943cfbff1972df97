# Issue 19, item 2: service levels by urgency, a holiday calendar, the responses a case awaits.
from datetime import datetime, time, timedelta

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

# (number, unit) of the first and next response, and the warn share (%), per urgency.
DEFAULTS = {
    "urgent": ((4, "hours"), (8, "hours"), 25),
    "high": ((1, "working_days"), (2, "working_days"), 25),
    "normal": ((3, "working_days"), (3, "working_days"), 25),
    "low": ((10, "working_days"), (5, "working_days"), 25),
}
# Two holidays to start the calendar with; staff keep it in the Wagtail admin.
HOLIDAYS = [
    ("2026-12-25", "Christmas Day", "Navidad"),
    ("2027-01-01", "New Year's Day", "Año Nuevo"),
]
OPEN_STATUSES = ("submitted", "triage", "accepted", "in_progress", "on_hold", "reopened")


def _due(start, number, unit, holidays):
    """A copy of services/service_levels.py's rule, frozen for this migration."""
    if unit == "hours":
        return start + timedelta(hours=number)
    day = timezone.localdate(start)
    remaining = number
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            remaining -= 1
    return timezone.make_aware(datetime.combine(day, time.max))


def install(apps, schema_editor):
    ServiceLevel = apps.get_model("assistance", "ServiceLevel")
    Holiday = apps.get_model("assistance", "Holiday")
    Case = apps.get_model("assistance", "Case")
    ResponseTarget = apps.get_model("assistance", "ResponseTarget")
    Group = apps.get_model("auth", "Group")
    for urgency, (first, following, warn) in DEFAULTS.items():
        ServiceLevel.objects.get_or_create(
            urgency=urgency,
            defaults={
                "first_response": first[0],
                "first_response_unit": first[1],
                "next_response": following[0],
                "next_response_unit": following[1],
                "warn_percent": warn,
            },
        )
    for day, name, name_es in HOLIDAYS:
        Holiday.objects.get_or_create(date=day, defaults={"name": name, "name_es": name_es})
    Group.objects.get_or_create(name="Casework leads")
    holidays = set(Holiday.objects.values_list("date", flat=True))
    # Every case answered or still waiting gets its first-response target, from its
    # submission and urgency; open unanswered cases sort by it in the queue.
    cases = Case.objects.filter(anonymized_at__isnull=True).filter(
        models.Q(first_response_at__isnull=False) | models.Q(status__in=OPEN_STATUSES)
    )
    for case in cases.iterator():
        first, _following, warn = DEFAULTS.get(case.urgency, DEFAULTS["normal"])
        due = _due(case.submitted_at, first[0], first[1], holidays)
        ResponseTarget.objects.create(
            case=case,
            kind="first",
            started_at=case.submitted_at,
            due_at=due,
            warn_at=due - (due - case.submitted_at) * warn / 100,
            met_at=case.first_response_at,
            lead_id=case.lead_id,
            # Cases from before: nobody is told again about what was missed long ago.
            warned_at=case.first_response_at,
            escalated_at=case.first_response_at,
        )
        if case.first_response_at is None:
            Case.objects.filter(pk=case.pk).update(response_due_at=due)


class Migration(migrations.Migration):
    dependencies = [("assistance", "0017_case_mail")]

    operations = [
        migrations.CreateModel(
            name="Holiday",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(unique=True, verbose_name="date")),
                ("name", models.CharField(max_length=120, verbose_name="name (English)")),
                (
                    "name_es",
                    models.CharField(blank=True, max_length=120, verbose_name="name (Spanish)"),
                ),
            ],
            options={
                "verbose_name": "holiday",
                "verbose_name_plural": "holidays",
                "ordering": ["date"],
            },
        ),
        migrations.CreateModel(
            name="ServiceLevel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "urgency",
                    models.CharField(
                        choices=[
                            ("low", "Within a few months"),
                            ("normal", "Within a few weeks"),
                            ("high", "Within days"),
                            ("urgent", "Urgent: workers are at risk now"),
                        ],
                        max_length=10,
                        unique=True,
                        verbose_name="urgency",
                    ),
                ),
                (
                    "first_response",
                    models.PositiveIntegerField(
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="first response within",
                    ),
                ),
                (
                    "first_response_unit",
                    models.CharField(
                        choices=[
                            ("hours", "hours (round the clock)"),
                            ("working_days", "working days"),
                        ],
                        default="working_days",
                        max_length=15,
                        verbose_name="unit",
                    ),
                ),
                (
                    "next_response",
                    models.PositiveIntegerField(
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="next response within",
                    ),
                ),
                (
                    "next_response_unit",
                    models.CharField(
                        choices=[
                            ("hours", "hours (round the clock)"),
                            ("working_days", "working days"),
                        ],
                        default="working_days",
                        max_length=15,
                        verbose_name="unit",
                    ),
                ),
                (
                    "warn_percent",
                    models.PositiveSmallIntegerField(
                        default=25,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(99),
                        ],
                        verbose_name="warn when this share of the target is left (%)",
                    ),
                ),
            ],
            options={
                "verbose_name": "service level",
                "verbose_name_plural": "service levels",
                "ordering": ["urgency"],
            },
        ),
        migrations.AddField(
            model_name="case",
            name="response_due_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="response due"
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="response_due_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="response due"
            ),
        ),
        migrations.CreateModel(
            name="ResponseTarget",
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
                        choices=[("first", "first response"), ("next", "next response")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("started_at", models.DateTimeField(db_index=True, verbose_name="started")),
                ("due_at", models.DateTimeField(db_index=True, verbose_name="due")),
                ("warn_at", models.DateTimeField(verbose_name="warn from")),
                ("met_at", models.DateTimeField(blank=True, null=True, verbose_name="met")),
                (
                    "warned_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="warned"),
                ),
                (
                    "escalated_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="escalated"),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="response_targets",
                        to="assistance.case",
                    ),
                ),
                (
                    "lead",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="lead at the time",
                    ),
                ),
                (
                    "responder",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="answered by",
                    ),
                ),
            ],
            options={
                "verbose_name": "response target",
                "verbose_name_plural": "response targets",
                "ordering": ["started_at", "pk"],
                "indexes": [
                    models.Index(fields=["met_at", "due_at"], name="assistance__met_at_fea98c_idx")
                ],
            },
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
