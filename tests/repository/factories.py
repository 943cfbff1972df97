from wagtail.models import Locale

from repository.models import (
    Principle,
    RelatedResource,
    RepositoryIndexPage,
    ResourceAttachment,
    ResourceCountry,
    ResourcePage,
)
from wsr.members.models import Sector


def repository_index(home):
    index = RepositoryIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=RepositoryIndexPage(title="Repository", slug="repository"))
        index.save_revision().publish()
    return index


def resource(
    index,
    title,
    *,
    summary="A resource.",
    kind="toolkit",
    audience="public",
    sectors=(),
    countries=(),
    principles=(),
    tags=(),
    year=2024,
    attachments=(),
    related=(),
    body=None,
    language=None,
):
    page = ResourcePage(
        title=title,
        summary=summary,
        kind=kind,
        audience=audience,
        published_on=f"{year}-06-01",
        body=body or [("paragraph", f"<p>{summary}</p>")],
    )
    if language:
        page.locale = Locale.objects.get(language_code=language)
    index.add_child(instance=page)
    page.sectors.set(Sector.objects.filter(slug__in=sectors))
    page.principles.set(Principle.objects.filter(number__in=principles))
    page.tags.set(list(tags))
    for code in countries:
        page.country_links.add(ResourceCountry(country=code))
    for document in attachments:
        page.attachments.add(ResourceAttachment(document=document))
    for other in related:
        page.related_links.add(RelatedResource(resource=other))
    page.save_revision().publish()
    return ResourcePage.objects.get(pk=page.pk)


def document(title="Toolkit", content=b"plain text attachment", name="toolkit.txt"):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(title=title, file=ContentFile(content, name=name))
