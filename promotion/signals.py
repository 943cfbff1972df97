"""What promotion shows on cached pages beside the pages themselves (authors, topics, the
coverage log, talks, the media kit) empties the anonymous page cache when it changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wsr.site.page_cache import invalidate

from .models import Author, CoverageEntry, Talk, Topic


@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Topic)
@receiver([post_save, post_delete], sender=CoverageEntry)
@receiver([post_save, post_delete], sender=Talk)
def _shown_on_pages_changed(**kwargs):
    invalidate()
