from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
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


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def forget_search_counts_on_restriction(sender, **kwargs):
    # a resource under a view restriction is neither listed nor counted (wsr/site/mixins.py)
    search_invalidate()


# What Wagtail writes on a page to keep its drafts and locks: counts do not depend on it.
_BOOKKEEPING = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "live_revision",
    }
)


@receiver(post_save, sender=ResourcePage)
def forget_search_counts_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """A resource changed by `save()` (a script, the shell, a data migration) may change the
    counts as a publish does: its audience, kind or language (review of issue 22)."""
    if raw or (update_fields is not None and set(update_fields) <= _BOOKKEEPING):
        return
    search_invalidate()


@receiver(post_page_move)
def forget_search_counts_on_move(sender, instance, **kwargs):
    if instance.specific_class is ResourcePage:
        search_invalidate()
