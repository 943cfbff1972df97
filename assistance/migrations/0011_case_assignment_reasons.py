from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0010_timeline_entry_event"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseassignment",
            name="reasons",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="historicalcaseassignment",
            name="reasons",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
