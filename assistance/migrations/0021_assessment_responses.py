# Issue 19, part D1: the initiative's response per criterion (text and files), reminders of
# the reply deadline, recommendations per criterion.
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import assistance.models.cases
import assistance.models.responses


class Migration(migrations.Migration):
    dependencies = [("assistance", "0020_timeline_corrections")]

    operations = [
        migrations.AddField(
            model_name="criterionscore",
            name="recommendation",
            field=models.TextField(
                blank=True, max_length=4000, verbose_name="recommendation for improvement"
            ),
        ),
        migrations.AddField(
            model_name="historicalcriterionscore",
            name="recommendation",
            field=models.TextField(
                blank=True, max_length=4000, verbose_name="recommendation for improvement"
            ),
        ),
        migrations.CreateModel(
            name="CriterionResponse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        blank=True, max_length=6000, verbose_name="your response on this criterion"
                    ),
                ),
                ("submitted_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="criterion_responses",
                        to="assistance.assessment",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "criterion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="responses",
                        to="assistance.criterion",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="members.organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "response on a criterion",
                "verbose_name_plural": "responses on criteria",
                "ordering": ["criterion__sort_order", "criterion__pk"],
            },
        ),
        migrations.CreateModel(
            name="CriterionResponseFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=200,
                        storage=assistance.models.cases.get_private_storage,
                        upload_to=assistance.models.responses.response_file_name,
                    ),
                ),
                ("original_name", models.CharField(max_length=255)),
                ("content_type", models.CharField(max_length=100)),
                ("size", models.PositiveIntegerField()),
                ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "response",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="files",
                        to="assistance.criterionresponse",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["uploaded_at", "pk"]},
        ),
        migrations.CreateModel(
            name="ReplyReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("days_before", models.PositiveSmallIntegerField()),
                ("reply_due", models.DateField()),
                ("sent_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reply_reminders",
                        to="assistance.assessment",
                    ),
                ),
            ],
            options={"ordering": ["sent_at", "pk"]},
        ),
        migrations.AddConstraint(
            model_name="criterionresponse",
            constraint=models.UniqueConstraint(
                fields=("assessment", "criterion"), name="unique_criterion_response"
            ),
        ),
        migrations.AddConstraint(
            model_name="replyreminder",
            constraint=models.UniqueConstraint(
                fields=("assessment", "days_before", "reply_due"), name="unique_reply_reminder"
            ),
        ),
    ]
