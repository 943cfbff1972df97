# Issue 19. Filled by the part of the work that owns it; empty until then.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assistance", "0020_timeline_corrections")]

    operations = []
