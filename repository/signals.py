from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, task_rejected

from wsr.members.models import Sector

from . import services
from .indexing import resource_reindex
from .models import Principle, ResourcePage
from .search import search_invalidate


@receiver(page_published, sender=ResourcePage)
def reindex_published_resource(sender, instance, **kwargs):
    resource_reindex(instance)


@receiver(post_save, sender=get_document_model())
def extract_uploaded_document_text(sender, instance, created, raw=False, **kwargs):
    if not raw:
        services.document_schedule_extraction(document=instance)


@receiver(page_published, sender=ResourcePage)
def tell_contributor_on_publish(sender, instance, **kwargs):
    services.contribution_published(page=instance)


@receiver(task_rejected)
def tell_contributor_on_return(sender, instance, user=None, **kwargs):
    page = instance.workflow_state.content_object
    if isinstance(page, Page) and page.specific_class is ResourcePage:
        services.contribution_returned(page=page.specific, comment=instance.comment)


@receiver(page_unpublished, sender=ResourcePage)
@receiver(post_delete, sender=ResourcePage)
@receiver(post_save, sender=Sector)
@receiver(post_delete, sender=Sector)
@receiver(post_save, sender=Principle)
@receiver(post_delete, sender=Principle)
@receiver(post_save, sender=Tag)  # a tag's name is shown on resource pages
@receiver(post_delete, sender=Tag)
def forget_search_counts(sender, **kwargs):
    search_invalidate()  # (publishing a resource reindexes it, which forgets them too)


@receiver(post_page_move)
def forget_search_counts_on_move(sender, instance, **kwargs):
    if instance.specific_class is ResourcePage:
        search_invalidate()
