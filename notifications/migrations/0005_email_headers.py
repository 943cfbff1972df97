# Issue 19: a notification's immediate email may carry extra headers (a case's Reply-To
# and thread headers).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_pending_task")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="headers",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
