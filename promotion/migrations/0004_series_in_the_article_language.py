"""A critique belongs to a series of its own language (issue 17): translated critiques that
Wagtail copied with the English series move to the series' translation, or leave the series
when it has none (an editor then chooses one in the article's language)."""

from django.db import migrations
from django.db.models import F


def series_in_the_article_language(apps, schema_editor):
    ArticlePage = apps.get_model("promotion", "ArticlePage")
    SeriesPage = apps.get_model("promotion", "SeriesPage")
    misplaced = ArticlePage.objects.filter(series__isnull=False).exclude(
        series__locale_id=F("locale_id")
    )
    for article in misplaced.select_related("series"):
        article.series = SeriesPage.objects.filter(
            translation_key=article.series.translation_key, locale_id=article.locale_id
        ).first()
        article.save(update_fields=["series"])


class Migration(migrations.Migration):
    dependencies = [("promotion", "0003_editorial_groups_narrowed")]

    # No reverse: which series a critique was wrongly in is not worth restoring.
    operations = [migrations.RunPython(series_in_the_article_language, migrations.RunPython.noop)]
