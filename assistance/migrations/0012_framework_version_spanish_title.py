from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0011_case_assignment_reasons"),
    ]

    operations = [
        migrations.AddField(
            model_name="frameworkversion",
            name="change_note_es",
            field=models.TextField(blank=True, verbose_name="what changed (Spanish)"),
        ),
        migrations.AddField(
            model_name="frameworkversion",
            name="title_es",
            field=models.CharField(
                blank=True,
                default="Marco de evaluación de WSR",
                max_length=200,
                verbose_name="title (Spanish)",
            ),
        ),
    ]
