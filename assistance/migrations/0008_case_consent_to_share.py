# The box on the request form meant "contact me", which a requester always needs; it now
# means "share with experts and in anonymized lessons" (issue 16). No data is carried over:
# a tick given for contact is not consent to share, so every existing case starts without it.
from django.db import migrations, models


def _field():
    return models.BooleanField(
        default=False, verbose_name="consent to share with experts and in anonymized lessons"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0007_case_requester_handed_over_on_account_deletion"),
    ]

    operations = [
        migrations.RemoveField(model_name="case", name="consent_to_contact"),
        migrations.RemoveField(model_name="historicalcase", name="consent_to_contact"),
        migrations.AddField(model_name="case", name="consent_to_share", field=_field()),
        migrations.AddField(model_name="historicalcase", name="consent_to_share", field=_field()),
    ]
