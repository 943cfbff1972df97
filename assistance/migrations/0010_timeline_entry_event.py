from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0009_access_log_and_case_anonymization"),
    ]

    operations = [
        migrations.AddField(
            model_name="timelineentry",
            name="event",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="timelineentry",
            name="params",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
