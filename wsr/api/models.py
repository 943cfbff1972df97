"""Former identifiers: a record's `id` in the API is its slug, and a slug that changes
keeps resolving (the API redirects to the current one). Tokens are Wagtail's APIToken."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class FormerSlug(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.CharField(max_length=255)
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="api_formerslug_unique")
        ]

    def __str__(self):
        return self.slug
