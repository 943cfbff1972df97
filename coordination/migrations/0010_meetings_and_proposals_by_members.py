# Placeholder filled by hand by the helper that owns it (issue 20).
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _user_fk(**extra):
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
        **extra,
    )


def _history_user_fk():
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
    )


def _online_url():
    return models.URLField(
        blank=True,
        help_text="Shown only to the people who may attend, never publicly.",
        max_length=500,
        verbose_name="online meeting link",
    )


class Migration(migrations.Migration):
    dependencies = [("coordination", "0009_effort_management")]

    operations = [
        migrations.AddField(model_name="calendaritem", name="proposed_by", field=_user_fk()),
        migrations.AddField(
            model_name="calendaritem",
            name="public_requested",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="calendaritem",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(model_name="calendaritem", name="reviewed_by", field=_user_fk()),
        migrations.AddField(
            model_name="historicalmeeting", name="created_by", field=_history_user_fk()
        ),
        migrations.AddField(model_name="historicalmeeting", name="online_url", field=_online_url()),
        migrations.AddField(
            model_name="historicalopportunity",
            name="public_requested",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="historicalopportunity",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalopportunity", name="reviewed_by", field=_history_user_fk()
        ),
        migrations.AddField(model_name="meeting", name="created_by", field=_user_fk()),
        migrations.AddField(model_name="meeting", name="online_url", field=_online_url()),
        migrations.AddField(
            model_name="opportunity",
            name="public_requested",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="opportunity",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(model_name="opportunity", name="reviewed_by", field=_user_fk()),
        migrations.CreateModel(
            name="MeetingResponse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "answer",
                    models.CharField(
                        choices=[
                            ("yes", "Yes, I will attend"),
                            ("maybe", "Maybe"),
                            ("no", "No, I cannot attend"),
                        ],
                        max_length=5,
                        verbose_name="answer",
                    ),
                ),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="coordination.meeting",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="meeting_responses",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("meeting", "user"), name="one_response_per_person"
                    )
                ],
            },
        ),
    ]
