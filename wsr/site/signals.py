from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .chrome import chrome_invalidate
from .models import Footer, NavigationMenu


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=NavigationMenu)
@receiver(post_delete, sender=NavigationMenu)
@receiver(post_save, sender=Footer)
@receiver(post_delete, sender=Footer)
def forget_chrome(sender, **kwargs):
    chrome_invalidate()


@receiver(post_delete)
def forget_chrome_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        chrome_invalidate()
