from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.signals import page_published

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
