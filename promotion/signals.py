"""What promotion shows on cached pages beside the pages themselves (authors, topics, the
coverage log, talks, the media kit, the images and documents of an article) empties the
anonymous page cache, and the cached article and index fragments with it, when it changes.
(A change of view restrictions does too: wsr/site/signals.py.)"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from wsr.site.page_cache import invalidate

from .models import Author, CoverageEntry, Talk, Topic


@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Topic)
@receiver([post_save, post_delete], sender=CoverageEntry)
@receiver([post_save, post_delete], sender=Talk)
@receiver([post_save, post_delete], sender=get_image_model())
@receiver([post_save, post_delete], sender=get_document_model())
def _shown_on_pages_changed(**kwargs):
    invalidate()
