# Placeholder filled by hand by the helper that owns it (issue 20).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("coordination", "0008_conversations")]

    operations = [
        migrations.AddField(
            model_name="update",
            name="edited_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="post",
            name="edited_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="post",
            name="deleted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
