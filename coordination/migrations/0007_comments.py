# Comments on updates, proposals, meetings and opportunities (issue 20).
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("coordination", "0006_blocks")]

    operations = [
        migrations.CreateModel(
            name="Comment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="comment (Markdown)"
                    ),
                ),
                ("body_html", models.TextField(blank=True, editable=False)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("edited_at", models.DateTimeField(blank=True, null=True)),
                ("deleted_at", models.DateTimeField(blank=True, null=True)),
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
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="coordination.meeting",
                    ),
                ),
                (
                    "opportunity",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="coordination.opportunity",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="replies",
                        to="coordination.comment",
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="coordination.proposal",
                    ),
                ),
                (
                    "update",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="coordination.update",
                    ),
                ),
            ],
            options={
                "verbose_name": "comment",
                "verbose_name_plural": "comments",
                "ordering": ["created_at", "pk"],
                "indexes": [
                    models.Index(fields=["update", "created_at"], name="comment_update_idx"),
                    models.Index(fields=["proposal", "created_at"], name="comment_proposal_idx"),
                    models.Index(fields=["meeting", "created_at"], name="comment_meeting_idx"),
                    models.Index(
                        fields=["opportunity", "created_at"], name="comment_opportunity_idx"
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("proposal__isnull", True),
                                ("update__isnull", False),
                                ("meeting__isnull", True),
                                ("opportunity__isnull", True),
                            ),
                            models.Q(
                                ("proposal__isnull", False),
                                ("update__isnull", True),
                                ("meeting__isnull", True),
                                ("opportunity__isnull", True),
                            ),
                            models.Q(
                                ("proposal__isnull", True),
                                ("update__isnull", True),
                                ("meeting__isnull", False),
                                ("opportunity__isnull", True),
                            ),
                            models.Q(
                                ("proposal__isnull", True),
                                ("update__isnull", True),
                                ("meeting__isnull", True),
                                ("opportunity__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="comment_exactly_one_target",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("parent", models.F("id")), _negated=True),
                        name="comment_not_its_own_parent",
                    ),
                ],
            },
        ),
    ]
