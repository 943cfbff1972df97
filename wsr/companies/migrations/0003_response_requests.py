# Placeholder filled by hand by the helper that owns it (issue 20).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("companies", "0002_voluntary_schemes_and_claims")]

    operations = []
