"""Demo data of the repository, loaded by `manage.py seed_demo` (idempotent)."""

import importlib

from django.apps import apps as django_apps
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from wsr.members.models import Organization, Sector
from wsr.site import services as site_services
from wsr.site.pdf import make_pdf

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
        index = site_services.page_child_add(
            parent=home_en,
            instance=RepositoryIndexPage(
                title="Knowledge repository",
                slug="repository",
                introduction="Best practices, lessons learned, analysis and assessment "
                "frameworks from the people who build worker-driven programs.",
            ),
        )
    index_es = site_services.page_translation_ensure(
        page=index,
        locale=Locale.objects.get(language_code="es"),
        fields={
            "title": "Repositorio de conocimiento",
            "slug": "repositorio",
            "introduction": "Buenas prácticas, lecciones aprendidas, análisis y marcos de "
            "evaluación de quienes construyen programas impulsados por los trabajadores.",
        },
    )
    return index, index_es


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
        site_services.page_child_add(parent=parent, instance=page, publish=False)
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
    events, events_es = _events(home_pages["en"], index)
    return {
        "index": index,
        "index_es": index_es,
        "created": created,
        "links": [(index, index_es), (events, events_es)],
    }


EVENTS = [
    # slug, title, kind, format, days from today, hours, place, audience, capacity, summary
    (
        "immokalee-worker-exchange-2025",
        "Immokalee worker-to-worker exchange",
        "exchange",
        "in_person",
        -200,
        8,
        "Immokalee, Florida",
        "members",
        None,
        "Dairy and garment organizers spent two days with farmworker educators in Florida.",
    ),
    (
        "complaint-mechanisms-convening",
        "Convening: complaint mechanisms that workers trust",
        "convening",
        "hybrid",
        -60,
        6,
        "Burlington, Vermont",
        "members",
        40,
        "Standards councils compared how complaints are received, investigated and resolved.",
    ),
    (
        "heat-season-webinar",
        "Webinar: preparing for the heat season",
        "webinar",
        "virtual",
        21,
        2,
        "",
        "public",
        None,
        "An open webinar on shade, water, rest and complaint lines before the summer harvest.",
    ),
    (
        "seafood-organizers-exchange",
        "Seafood organizers' exchange",
        "exchange",
        "hybrid",
        45,
        7,
        "Bangkok, Thailand",
        "members",
        2,
        "A small exchange for seafood worker organizations exploring a worker-driven program.",
    ),
]


# The Spanish edition of each event: the same event (time, place, seats), in Spanish.
EVENTS_ES = {
    "immokalee-worker-exchange-2025": (
        "intercambio-de-trabajadores-en-immokalee-2025",
        "Intercambio entre trabajadores en Immokalee",
        "Organizadores de la lechería y la confección pasaron dos días con educadores "
        "agrícolas en Florida.",
    ),
    "complaint-mechanisms-convening": (
        "encuentro-mecanismos-de-quejas",
        "Encuentro: mecanismos de quejas en los que confían los trabajadores",
        "Los consejos de normas compararon cómo se reciben, investigan y resuelven las quejas.",
    ),
    "heat-season-webinar": (
        "seminario-web-temporada-de-calor",
        "Seminario web: preparación para la temporada de calor",
        "Un seminario abierto sobre sombra, agua, descanso y líneas de quejas antes de la "
        "cosecha de verano.",
    ),
    "seafood-organizers-exchange": (
        "intercambio-de-organizadores-de-productos-del-mar",
        "Intercambio de organizadores de productos del mar",
        "Un intercambio pequeño para organizaciones de trabajadores de productos del mar que "
        "exploran un programa impulsado por los trabajadores.",
    ),
}
AGENDA_ES = (
    "<ul><li>Bienvenida y presentaciones</li><li>Lo que reportan los trabajadores</li>"
    "<li>Decisiones de diseño que hicieron cumplir los acuerdos</li><li>Próximos pasos</li></ul>"
)
OUTCOMES_ES = (
    "<p>Los participantes acordaron compartir los formatos de datos de quejas y volver a "
    "reunirse en seis meses.</p>"
)


def _events(home_en, index):
    from datetime import timedelta

    from django.utils import timezone

    from .models import EventIndexPage, EventOutcomeResource, EventPage

    events = EventIndexPage.objects.child_of(home_en).first()
    if events is None:
        events = site_services.page_child_add(
            parent=home_en,
            instance=EventIndexPage(
                title="Exchanges and convenings",
                slug="events",
                introduction="Learning events where workers and allies compare what works.",
            ),
        )
    spanish = Locale.objects.get(language_code="es")
    events_es = site_services.page_translation_ensure(
        page=events,
        locale=spanish,
        fields={
            "title": "Intercambios y encuentros",
            "slug": "eventos",
            "introduction": "Eventos de aprendizaje donde trabajadores y aliados comparan lo "
            "que funciona.",
        },
    )
    lessons = list(ResourcePage.objects.child_of(index).filter(kind="lesson_learned")[:2])
    today = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0)
    for slug, title, kind, fmt, days, hours, place, audience, capacity, summary in EVENTS:
        event = EventPage.objects.child_of(events).filter(slug=slug).first()
        if event is None:
            starts = today + timedelta(days=days)
            event = EventPage(
                title=title,
                slug=slug,
                kind=kind,
                format=fmt,
                summary=summary,
                starts_at=starts,
                ends_at=starts + timedelta(hours=hours),
                place=place,
                time_zone="Asia/Bangkok" if "Thailand" in place else "America/New_York",
                online_link="https://meet.example.org/wsr-" + slug[:20]
                if fmt != "in_person"
                else "",
                agenda="<ul><li>Welcome and introductions</li><li>What workers report</li>"
                "<li>Design choices that made enforcement stick</li><li>Next steps</li></ul>",
                audience=audience,
                capacity=capacity,
                outcomes="<p>Participants agreed to share complaint data formats and to meet "
                "again in six months.</p>"
                if days < 0
                else "",
            )
            if days < 0:
                for resource in lessons:
                    event.outcome_resources.add(EventOutcomeResource(resource=resource))
            site_services.page_child_add(parent=events, instance=event)
        slug_es, title_es, summary_es = EVENTS_ES[slug]
        site_services.page_translation_ensure(
            page=event,
            locale=spanish,
            fields={
                "title": title_es,
                "slug": slug_es,
                "summary": summary_es,
                "agenda": AGENDA_ES,
                "outcomes": OUTCOMES_ES if event.outcomes else "",
            },
        )
    return events, events_es


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
            site_services.page_child_add(parent=index, instance=collection)
        site_services.page_translation_ensure(
            page=collection,
            locale=spanish,
            fields={
                "title": item["title_es"],
                "slug": slugify(item["title_es"]),  # a Spanish address for a Spanish page
                "introduction": item["introduction_es"],
            },
        )
