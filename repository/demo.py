"""Demo data of the repository, loaded by `manage.py seed_demo` (idempotent)."""

import importlib

from django.apps import apps as django_apps
from django.db import transaction
from wagtail.models import Locale

from wsr.members.models import Organization, Sector

from .demo_content import COLLECTIONS, RESOURCES
from .models import (
    CollectionItem,
    CollectionPage,
    Principle,
    RepositoryIndexPage,
    ResourceAttachment,
    ResourceAuthor,
    ResourceCountry,
    ResourcePage,
)

AUTHOR_BY_SECTOR = {
    "agriculture": "Coalition of Immokalee Workers",
    "apparel": "Worker Rights Consortium",
    "dairy": "Migrant Justice",
}
TAKEAWAYS_TITLE = {"en": "Key takeaways", "es": "Puntos clave"}


def make_pdf(lines: list[str]) -> bytes:
    """A small valid one-page PDF with `lines` of text (for demo and test attachments)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = (
        "BT /F1 12 Tf 72 740 Td 16 TL "
        + " ".join(f"({escape(line)}) Tj T*" for line in lines)
        + " ET"
    )
    stream = body.encode("latin-1", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _body(blocks, language):
    converted = []
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            converted.append(("heading", {"text": block[1], "level": "h2"}))
        elif kind == "paragraph":
            converted.append(("paragraph", block[1]))
        elif kind == "quote":
            converted.append(("quote", {"text": block[1], "attribution": block[2]}))
        elif kind == "key_takeaways":
            converted.append(
                ("key_takeaways", {"title": TAKEAWAYS_TITLE[language], "items": block[1]})
            )
    return converted


def _index_pages(home_en):
    index = RepositoryIndexPage.objects.child_of(home_en).first()
    if index is None:
        index = home_en.add_child(
            instance=RepositoryIndexPage(
                title="Knowledge repository",
                slug="repository",
                introduction="Best practices, lessons learned, analysis and assessment "
                "frameworks from the people who build worker-driven programs.",
            )
        )
        index.save_revision().publish()
    spanish = Locale.objects.get(language_code="es")
    index_es = index.get_translation_or_none(spanish)
    if index_es is None:
        index_es = index.copy_for_translation(spanish)
        index_es.title = "Repositorio de conocimiento"
        index_es.slug = "repositorio"
        index_es.introduction = (
            "Buenas prácticas, lecciones aprendidas, análisis y marcos de evaluación de "
            "quienes construyen programas impulsados por los trabajadores."
        )
        index_es.save_revision().publish()
    return index, index_es.specific


def _attachment(item):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    title = f"{item['title']} (PDF)"
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        pdf = make_pdf([item["title"], "", *item["summary"].split(". ")])
        document = Document.objects.create(
            title=title, file=ContentFile(pdf, name=f"{item['slug'][:40]}.pdf")
        )
    return document


@transaction.atomic
def seed(*, home_pages) -> dict:
    """Create the repository index (en, es) and the demo resources that are missing."""
    # The principles come from a data migration; a flushed database gets them back here.
    importlib.import_module("repository.migrations.0002_principles").add_principles(
        django_apps, None
    )
    index, index_es = _index_pages(home_pages["en"])
    principles = {p.number: p for p in Principle.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    created = 0
    for item in RESOURCES:
        parent = index_es if item["language"] == "es" else index
        if ResourcePage.objects.child_of(parent).filter(slug=item["slug"]).exists():
            continue
        page = ResourcePage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=_body(item["body"], item["language"]),
            kind=item["kind"],
            audience=item["audience"],
            published_on=f"{item['year']}-05-01",
        )
        parent.add_child(instance=page)
        page.sectors.set([sectors[s] for s in item["sectors"] if s in sectors])
        page.principles.set([principles[n] for n in item["principles"]])
        page.tags.set(item["tags"])
        for code in item["countries"]:
            page.country_links.add(ResourceCountry(country=code))
        author = AUTHOR_BY_SECTOR.get(item["sectors"][0])
        organization = Organization.objects.filter(name=author).first() if author else None
        if organization:
            page.authors.add(ResourceAuthor(organization=organization))
        if item["audience"] != "public" or item["kind"] in ("toolkit", "report"):
            page.attachments.add(ResourceAttachment(document=_attachment(item)))
        page.save_revision().publish()
        created += 1
    _collections(index, index_es)
    return {"index": index, "index_es": index_es, "created": created}


def _collections(index, index_es):
    spanish = Locale.objects.get(language_code="es")
    for item in COLLECTIONS:
        collection = CollectionPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if collection is None:
            collection = CollectionPage(
                title=item["title"], slug=item["slug"], introduction=item["introduction"]
            )
            for slug in item["resources"]:
                resource = ResourcePage.objects.child_of(index).get(slug=slug)
                collection.items.add(CollectionItem(resource=resource))
            index.add_child(instance=collection)
            collection.save_revision().publish()
        if collection.get_translation_or_none(spanish) is None:
            translated = collection.copy_for_translation(spanish)
            translated.title = item["title_es"]
            translated.introduction = item["introduction_es"]
            translated.save_revision().publish()
