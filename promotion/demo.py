# ruff: noqa: E501  (demo prose)
"""Demo promotion content: a critique series of four articles, eight other articles, five
press releases (one under embargo), two publications with PDFs, twenty coverage entries, six
talks, a press room, authors and topics; some in Spanish. All labelled as demo content."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.models import Locale

from wsr.companies.models import Company
from wsr.site import services as site_services
from wsr.site.pdf import make_pdf

from . import demo_content as content
from . import services
from .models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    Author,
    CoverageEntry,
    MediaKitItem,
    PressRoomPage,
    PublicationAuthor,
    PublicationPage,
    SeriesPage,
    Talk,
    Topic,
)

User = get_user_model()


def _paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _publish(page):
    page.save_revision().publish()
    return page


def _demo_authenticator(user):
    """Editors and approvers open Wagtail's admin, which asks for a second factor: the demo
    gives them the staff demo's authenticator (`make totp` prints its code)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from wsr.members.management.commands.seed_demo import DEMO_STAFF_TOTP_SECRET

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_STAFF_TOTP_SECRET)


def _people():
    editors, approvers = (
        Group.objects.get_or_create(name=services.EDITORS)[0],
        Group.objects.get_or_create(name=services.APPROVERS)[0],
    )
    for email, first, group in (
        ("editor@wsr.test", "Elena", editors),
        ("approver@wsr.test", "Amir", approvers),
    ):
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": "Demo"}
        )
        if created:
            from allauth.account.models import EmailAddress

            from wsr.members.management.commands.seed_demo import DEMO_PASSWORD

            user.set_password(DEMO_PASSWORD)
            user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        user.groups.add(group)
        _demo_authenticator(user)


def _article(index, *, kind, title, standfirst, days_ago, authors, topics, **extra):
    page = index.add_child(
        instance=ArticlePage(
            title=title,
            kind=kind,
            standfirst=standfirst,
            body=_paragraphs(
                standfirst,
                "This text was written for the demo site to show how an article reads: "
                "headings, quotes, figures and callouts to the evidence.",
            ),
            published_on=timezone.localdate() - timedelta(days=days_ago),
            is_demo=True,
            **extra,
        )
    )
    for order, author in enumerate(authors):
        ArticleAuthor.objects.create(page=page, author=author, sort_order=order)
    page.topics.set(topics)
    return _publish(page)


def _press_room(home, spanish):
    """The press room and its Spanish edition (the navigation links each language to its own)."""
    press = PressRoomPage.objects.child_of(home).first()
    if press is None:
        press = PressRoomPage(
            title="Press room",
            slug="press",
            introduction="For journalists: releases, contacts, the media kit, and where we were "
            "cited.",
            media_contacts="<p><b>Joseph Okoro (demo)</b>, press@wsr.test</p>",
        )
        fact_sheet = Document(title="Fact sheet (demo)")
        fact_sheet.file.save(
            "fact-sheet.pdf",
            ContentFile(make_pdf(["WSR Collaborative", "Fact sheet (demo)"])),
            save=False,
        )
        fact_sheet.save()
        press.kit.add(
            MediaKitItem(
                title="Fact sheet (demo)",
                document=fact_sheet,
                credit="WSR Collaborative",
                licence="CC BY 4.0",
                sort_order=0,
            )
        )
        site_services.page_child_add(parent=home, instance=press)
    press_es = site_services.page_translation_ensure(
        page=press,
        locale=spanish,
        fields={
            "title": "Sala de prensa",
            "slug": "prensa",
            "introduction": "Para periodistas: comunicados, contactos, materiales de prensa y "
            "dónde se nos ha citado.",
        },
    )
    return press, press_es


# Talk audiences from the usual list (promotion.models.TALK_AUDIENCES): shown translated.
AUDIENCES = [
    "Practitioners and students",
    "Buyers and brands",
    "Policymakers",
    "Researchers",
    "Workers and organizers",
    "The general public",
]


def seed(home_pages=None) -> dict:
    home = home_pages["en"]
    spanish = Locale.objects.get(language_code="es")
    index = ArticleIndexPage.objects.filter(locale=home.locale).first()
    links = []
    if index is None:
        index = home.add_child(
            instance=ArticleIndexPage(
                title="Publications and news",
                slug="publications",
                introduction="Critiques of corporate social responsibility, analysis, news and "
                "reports from the Collaborative.",
            )
        )
        _publish(index)
    index_es = site_services.page_translation_ensure(
        page=index,
        locale=spanish,
        fields={
            "title": "Publicaciones y noticias",
            "slug": "publicaciones",
            "introduction": "Críticas de la responsabilidad social empresarial, análisis, "
            "noticias e informes.",
        },
    )
    links.append((index, index_es))
    links.append(_press_room(home, spanish))
    services.editorial_workflow_ensure(index_pages=[index, index_es])
    _people()
    if ArticlePage.objects.exists():
        return {"created": 0, "links": links}
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name, "name_es": name_es})[0]
        for slug, name, name_es in content.TOPICS
    }
    authors = [
        Author.objects.get_or_create(name=name, defaults={"is_organization": is_org, "role": role})[
            0
        ]
        for name, is_org, role in content.AUTHORS
    ]
    series = index.add_child(
        instance=SeriesPage(title=content.SERIES["title"], introduction=content.SERIES["intro"])
    )
    _publish(series)
    companies = list(Company.objects.filter(name__in=["Walmart", "H&M Group", "Wendy's"]))
    critiques = []
    for position, (title, standfirst, claim, evidence, alternative, topic) in enumerate(
        content.CRITIQUES
    ):
        page = _article(
            index,
            kind="critique",
            title=title,
            standfirst=standfirst,
            days_ago=60 - 10 * position,
            authors=[authors[0]],
            topics=[topics[topic]],
            series=series,
            series_position=position,
            claim_examined=claim,
            evidence=f"<p>{evidence}</p>",
            alternative=f"<p>{alternative}</p>",
        )
        page.companies.set(companies[: 1 + position % 3])
        _publish(page)
        critiques.append(page)
    # Spanish: the series and its first two critiques
    series_es = series.copy_for_translation(spanish)
    series_es.title, series_es.introduction = content.SERIES["title_es"], content.SERIES["intro_es"]
    series_es.slug = slugify(series_es.title)
    _publish(series_es)
    for page, (claim_es, evidence_es, alternative_es), (title_es, standfirst_es) in zip(
        critiques[:2],
        content.CRITIQUES_ES,
        [
            (
                "La auditoría que no vio nada",
                "Visitas anunciadas y listas de control no encuentran lo que los trabajadores temen decir.",
            ),
            (
                "Códigos de conducta sin consecuencias",
                "Un código que no le cuesta nada a la marca cuando se incumple es un comunicado, no una norma.",
            ),
        ],
        strict=True,
    ):
        translated = page.copy_for_translation(spanish)
        translated.title, translated.standfirst = title_es, standfirst_es
        translated.slug = slugify(title_es)
        translated.series = series_es
        translated.claim_examined = claim_es
        translated.evidence = f"<p>{evidence_es}</p>"
        translated.alternative = f"<p>{alternative_es}</p>"
        translated.body = _paragraphs(
            standfirst_es, "Texto de demostración escrito para este sitio."
        )
        _publish(translated)
    for n, (kind, title, standfirst, topic) in enumerate(content.ARTICLES):
        _article(
            index,
            kind=kind,
            title=title,
            standfirst=standfirst,
            days_ago=5 + 9 * n,
            authors=[authors[n % 3]],
            topics=[topics[topic]],
        )
    for n, title in enumerate(content.PRESS_RELEASES):
        if n == len(content.PRESS_RELEASES) - 1:  # under embargo: scheduled, not live
            page = index.add_child(
                instance=ArticlePage(
                    title=title,
                    kind="press_release",
                    standfirst="Embargoed until its release time: invisible on the site until then.",
                    body=_paragraphs("Demo press release under embargo."),
                    published_on=timezone.localdate() + timedelta(days=2),
                    live=False,
                    is_demo=True,
                )
            )
            page.go_live_at = timezone.now() + timedelta(days=2)
            page.save_revision().publish()  # with go_live_at in the future: scheduled
            continue
        _article(
            index,
            kind="press_release",
            title=title,
            standfirst=f"{title} (demo press release).",
            days_ago=3 + 20 * n,
            authors=[authors[2]],
            topics=[topics["enforcement"]],
        )
    for n, (title, summary) in enumerate(
        [
            (
                "Enforcement, not audits",
                "How worker-driven programs turned complaints into remedies: a review of published enforcement figures.",
            ),
            (
                "Who pays for decent work?",
                "Premiums, prices and purchasing commitments in worker-driven agreements.",
            ),
        ]
    ):
        document = Document(title=f"{title} (PDF)")
        document.file.save(
            f"publication-{n + 1}.pdf",
            ContentFile(make_pdf([title, "", "Demo report for the WSR platform."])),
            save=False,
        )
        document.save()
        page = index.add_child(
            instance=PublicationPage(
                title=title,
                summary=summary,
                key_findings=[
                    ("finding", "Demo finding: complaints resolved within weeks, not years."),
                    ("finding", "Demo finding: buyers' premiums reached workers."),
                ],
                document=document,
                published_on=timezone.localdate() - timedelta(days=30 + 90 * n),
                isbn="978-0-00-000000-0" if n == 0 else "",
                is_demo=True,
            )
        )
        PublicationAuthor.objects.create(page=page, author=authors[0], sort_order=0)
        page.related_articles.set(critiques[:2])
        _publish(page)
    today = timezone.localdate()
    for n in range(20):
        CoverageEntry.objects.create(
            outlet=content.OUTLETS[n % len(content.OUTLETS)],
            headline=f"Worker-driven programs in the spotlight ({n + 1}, demo)",
            published_on=today - timedelta(days=9 * n + 2),
            url="https://example.org/demo-coverage",
            language="es" if n % 5 == 2 else "en",
            reach=1000 * (n + 1),
            is_demo=True,
        )
    now = timezone.now()
    for n, (kind, title, event, days) in enumerate(
        [
            ("talk", "Enforcement, not audits", "Labor Rights Forum (demo)", -40),
            ("panel", "Buyers and binding agreements", "Responsible Sourcing Summit (demo)", -20),
            ("testimony", "Heat stress on farms", "State legislature hearing (demo)", -5),
            ("talk", "Worker-driven programs 101", "University seminar (demo)", 6),
            ("workshop", "Reading a sustainability report", "Union training day (demo)", 15),
            ("panel", "Beyond certification", "Fair trade conference (demo)", 30),
        ]
    ):
        talk = Talk.objects.create(
            kind=kind,
            title=title,
            event=event,
            starts_at=now + timedelta(days=days),
            place="https://example.org/live" if n % 2 else "Washington, DC",
            audience=AUDIENCES[n % len(AUDIENCES)],
            is_demo=True,
        )
        talk.speakers.set([authors[n % 2]])
    return {"created": ArticlePage.objects.count(), "links": links}
