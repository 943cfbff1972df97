"""A critique series belongs to one language (issue 17): a critique is in a series of its own
locale, so that its table of contents and its previous/next links stay in its language. A
critique copied for translation joins the series' translation (made as a draft when the
series has none), and the editor's series picker offers only series of the page's locale."""

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.signals import copy_for_translation_done


def series_in_locale(*, series, locale):
    """The translation of `series` into `locale`, made as a draft when missing."""
    if series.locale_id == locale.pk:
        return series
    translated = series.get_translation_or_none(locale)
    if translated is None:
        translated = series.copy_for_translation(locale, copy_parents=True)
    return translated.specific


def series_locale_error(page) -> ValidationError | None:
    if page.series_id and page.locale_id and page.series.locale_id != page.locale_id:
        return ValidationError({"series": _("Choose a series in the language of this article.")})
    return None


@receiver(copy_for_translation_done)
def translated_critique_joins_the_translated_series(sender, source_obj, target_obj, **kwargs):
    from .models import ArticlePage

    if not isinstance(target_obj, ArticlePage) or not target_obj.series_id:
        return
    series = target_obj.series
    if series.locale_id == target_obj.locale_id:
        return
    target_obj.series = series_in_locale(series=series, locale=target_obj.locale)
    target_obj.save(update_fields=["series"])
    if target_obj.latest_revision_id:  # the draft the editor opens carries the series too
        target_obj.save_revision(clean=False, log_action=False)


class SeriesPickerForm(WagtailAdminPageForm):
    """The article editor's series picker lists the series of the article's language (a
    mixin: ArticlePage's form combines it with the others it needs)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "series" not in self.fields:
            return
        from .models import SeriesPage

        locale_id = getattr(self.instance, "locale_id", None)
        if locale_id is None and getattr(self, "parent_page", None) is not None:
            locale_id = self.parent_page.locale_id
        if locale_id is not None:
            self.fields["series"].queryset = SeriesPage.objects.filter(
                locale_id=locale_id
            ).order_by("title")
