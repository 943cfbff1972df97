from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.signals import page_published, task_rejected

from . import services
from .indexing import resource_reindex
from .models import ResourcePage


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
