# Issue 19: email in and out of a case (InboundMessage).
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import assistance.models.mail


class Migration(migrations.Migration):
    dependencies = [("assistance", "0016_report_import")]

    operations = [
        migrations.CreateModel(
            name="InboundMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "message_id",
                    models.CharField(max_length=255, verbose_name="Message-ID"),
                ),
                ("recipient", models.CharField(blank=True, max_length=254, verbose_name="sent to")),
                ("sender", models.CharField(blank=True, max_length=254, verbose_name="sender")),
                ("subject", models.CharField(blank=True, max_length=300, verbose_name="subject")),
                ("body", models.TextField(blank=True, verbose_name="text")),
                (
                    "raw",
                    models.FileField(
                        blank=True,
                        max_length=200,
                        storage=assistance.models.mail.get_mail_storage,
                        upload_to=assistance.models.mail.raw_message_name,
                    ),
                ),
                ("size", models.PositiveIntegerField(default=0, verbose_name="size")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("accepted", "Added to the case"),
                            ("held", "Held for review"),
                            ("released", "Added to a case by staff"),
                            ("discarded", "Discarded by staff"),
                        ],
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "None"),
                            ("unknown_recipient", "Not addressed to a case"),
                            (
                                "forged_address",
                                "The case address is not valid (forged or mistyped)",
                            ),
                            ("unknown_case", "No such case"),
                            ("unknown_sender", "The sender is not on the case"),
                            (
                                "several_senders",
                                "The sender is not one readable address (several, or none)",
                            ),
                            (
                                "unauthenticated",
                                "The receiving mail server could not verify the sender"
                                " (SPF, DKIM, DMARC)",
                            ),
                            ("auto_reply", "An automatic reply or a mailing list"),
                            ("bounce", "Returned mail (a bounce)"),
                            ("closed_case", "The case is closed"),
                            ("too_large", "The message is too large"),
                            ("empty", "Nothing to read in the message"),
                        ],
                        max_length=20,
                        verbose_name="reason",
                    ),
                ),
                ("refused_attachments", models.JSONField(blank=True, default=list)),
                (
                    "received_at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="received"
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="inbound_messages",
                        to="assistance.case",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "entry",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="email",
                        to="assistance.timelineentry",
                    ),
                ),
                (
                    "sender_user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "email received",
                "verbose_name_plural": "emails received",
                "ordering": ["-received_at", "-pk"],
                "indexes": [
                    models.Index(fields=["status", "-received_at"], name="inbound_status_recent")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("message_id", "recipient"), name="inbound_once_per_address"
                    )
                ],
            },
        ),
    ]
