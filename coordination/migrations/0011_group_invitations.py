# Placeholder filled by hand by the helper that owns it (issue 20).
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("coordination", "0010_meetings_and_proposals_by_members")]

    operations = [
        migrations.CreateModel(
            name="GroupInvitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(choices=[("pending", "Pending"), ("accepted", "Accepted"), ("declined", "Declined"), ("withdrawn", "Withdrawn")], default="pending", max_length=10, verbose_name="status")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("responded_at", models.DateTimeField(blank=True, null=True)),
                ("group", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="coordination.workinggroup")),
                ("invited_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("invitee", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="group_invitations", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "working group invitation",
                "verbose_name_plural": "working group invitations",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="JoinRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("message", models.TextField(blank=True, max_length=2000, verbose_name="message to the conveners")),
                ("status", models.CharField(choices=[("pending", "Pending"), ("approved", "Approved"), ("declined", "Declined")], default="pending", max_length=10, verbose_name="status")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("group", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="join_requests", to="coordination.workinggroup")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="group_join_requests", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "request to join a working group",
                "verbose_name_plural": "requests to join a working group",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="groupinvitation",
            constraint=models.UniqueConstraint(condition=models.Q(("status", "pending")), fields=("group", "invitee"), name="one_pending_group_invitation"),
        ),
        migrations.AddConstraint(
            model_name="joinrequest",
            constraint=models.UniqueConstraint(condition=models.Q(("status", "pending")), fields=("group", "user"), name="one_pending_join_request"),
        ),
    ]
