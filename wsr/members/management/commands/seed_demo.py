"""Load the demo data: the site tree in English and Spanish, founding members, and one
login per role. Safe to run again: it only adds what is missing."""

import importlib

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from wsr.members.demo_content import ORGANIZATIONS, PEOPLE, PRINCIPLES_EN, PRINCIPLES_ES
from wsr.members.models import Affiliation, Language, Membership, Organization, Sector
from wsr.site import services as site_services
from wsr.site.models import Footer, NavigationMenu, StandardPage

User = get_user_model()

DEMO_PASSWORD = "wsr-demo-2026"
# A fixed TOTP secret for the demo staff login only, so a reviewer can add it to an
# authenticator app or ask `manage.py demo_totp` for the current code.
DEMO_STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _link(label, page=None, url=None):
    return ("link", {"label": label, "page": page, "url": url or ""})


class Command(BaseCommand):
    help = "Load idempotent demo data (site tree in two languages, members, demo logins)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--core-only",
            action="store_true",
            help="Only the site tree, members and logins (no app demo content).",
        )

    def app_demos(self, homes):
        """Each app may ship `<app>/demo.py` with `seed(home_pages=...)`; the shared layer
        calls it without knowing the app (apps never depend on each other)."""
        links = []
        for app_config in django_apps.get_app_configs():
            try:
                demo = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError:
                continue
            result = demo.seed(home_pages=homes)
            self.stdout.write(f"{app_config.verbose_name}: {result.get('created', 0)} added.")
            links.extend(result.get("links", []))
        return links

    @transaction.atomic
    def handle(self, *args, **options):
        # The managed lists come from a data migration; a flushed database (a test's
        # teardown, `manage.py flush`) gets them back here.
        managed_lists = importlib.import_module("wsr.members.migrations.0002_sectors_and_languages")
        managed_lists.add_lists(django_apps, None)
        homes = self.site_tree()
        self.organizations()
        self.people()
        extra_links = [] if options["core_only"] else self.app_demos(homes)
        self.navigation(homes, extra_links)
        if not options["core_only"] and settings.OPEN_DATA_SNAPSHOT_ON_SEED:
            # /data/ lists files from the first `make run`, not only after the nightly task
            # (a broken collection must not stop the demo: the nightly task and
            # tests/api/test_snapshots.py report it)
            from wsr.api.snapshots import snapshot_write

            try:
                with transaction.atomic():  # a failed read must not end a PostgreSQL transaction
                    self.stdout.write(f"Open-data snapshot: {snapshot_write()}")
            except Exception as error:  # noqa: BLE001
                self.stderr.write(f"No open-data snapshot: {error!r}")
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        if settings.IS_EMBEDDED_DEFAULT:
            logins = "\n".join(
                f"  {role:<12} {email}" for email, _f, _l, role, *_ in PEOPLE if role
            )
            # accounts an app's demo adds (promotion's editor and approver, for /cms/)
            get_user = get_user_model().objects.filter
            for role, email in (("editor", "editor@wsr.test"), ("approver", "approver@wsr.test")):
                if get_user(email=email).exists():
                    logins += f"\n  {role:<12} {email}"
            self.stdout.write(
                f"\nDemo logins (password for all: {DEMO_PASSWORD}):\n{logins}\n"
                "  The staff login asks for a one-time code: run `make totp` (or add the "
                f"secret {DEMO_STAFF_TOTP_SECRET} to an authenticator app).\n"
            )

    def site_tree(self):
        homes = site_services.site_tree_ensure(
            home_fields={
                "title": "Home",
                "hero_title": "Workers define the rules. Buyers are bound by them.",
                "hero_text": "The Worker-driven Social Responsibility Collaborative brings "
                "together worker organizations, standards bodies, NGOs, scholars and faith "
                "groups to expand a model of human-rights protection that is enforced, not "
                "merely promised.",
                "body": [
                    ("heading", {"text": "What we do", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>We share what works, support new worker-driven programs, "
                        "coordinate the field and make the case for binding agreements over "
                        "voluntary codes.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "Protections only count when workers can enforce them.",
                            "attribution": "WSR Collaborative",
                        },
                    ),
                ],
            },
            home_fields_by_language={
                "es": {
                    "title": "Inicio",
                    "hero_title": "Los trabajadores definen las reglas. Los compradores se "
                    "obligan a cumplirlas.",
                    "hero_text": "La Colaborativa de Responsabilidad Social Impulsada por los "
                    "Trabajadores reúne a organizaciones de trabajadores, consejos de normas, ONG, "
                    "académicos y grupos de fe para ampliar un modelo de protección de los derechos "
                    "humanos que se hace cumplir, no solo se promete.",
                    "body": [
                        ("heading", {"text": "Lo que hacemos", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Compartimos lo que funciona, apoyamos nuevos programas "
                            "impulsados por trabajadores, coordinamos el campo y defendemos los "
                            "acuerdos vinculantes frente a los códigos voluntarios.</p>",
                        ),
                        (
                            "quote",
                            {
                                "text": "Las protecciones solo cuentan cuando los trabajadores "
                                "pueden hacerlas cumplir.",
                                "attribution": "Colaborativa WSR",
                            },
                        ),
                    ],
                }
            },
        )
        home = homes["en"]
        self.about = site_services.page_ensure(
            parent=home,
            model=StandardPage,
            slug="about",
            fields={
                "title": "About the Collaborative",
                "introduction": "Launched in 2015 by the creators and allies of worker-driven programs, "
                "the Collaborative works to bring the model to new sectors and places.",
                "body": [
                    (
                        "paragraph",
                        "<p>Our members include the Coalition of Immokalee "
                        "Workers, Migrant Justice, the Worker Rights Consortium and "
                        "others who built programs that protect workers in fact.</p>",
                    )
                ],
            },
            translations={
                "es": {
                    "title": "Sobre la Colaborativa",
                    "slug": "sobre",
                    "introduction": "Creada en 2015 por quienes crearon y apoyan los programas "
                    "impulsados por trabajadores, la Colaborativa lleva el modelo a nuevos "
                    "sectores y lugares.",
                    "body": [
                        (
                            "paragraph",
                            "<p>Entre sus miembros están la Coalición de "
                            "Trabajadores de Immokalee, Migrant Justice, el Worker Rights "
                            "Consortium y otras organizaciones cuyos programas protegen a los "
                            "trabajadores de verdad.</p>",
                        )
                    ],
                }
            },
        )
        self.model_page = site_services.page_ensure(
            parent=home,
            model=StandardPage,
            slug="wsr-model",
            fields={
                "title": "The WSR model",
                "introduction": "Seven principles set worker-driven social responsibility apart from "
                "corporate social responsibility.",
                "body": [
                    ("heading", {"text": name, "level": "h2"})
                    if i % 2 == 0
                    else ("paragraph", f"<p>{text}</p>")
                    for name, text in PRINCIPLES_EN
                    for i in (0, 1)
                ],
            },
            translations={
                "es": {
                    "title": "El modelo WSR",
                    "slug": "modelo-wsr",
                    "introduction": "Siete principios distinguen la responsabilidad social "
                    "impulsada por los trabajadores de la responsabilidad social corporativa.",
                    "body": [
                        ("heading", {"text": name, "level": "h2"})
                        if i % 2 == 0
                        else ("paragraph", f"<p>{text}</p>")
                        for name, text in PRINCIPLES_ES
                        for i in (0, 1)
                    ],
                }
            },
        )
        return homes

    def organizations(self):
        for name, kind, sectors, countries, worker_led, tier, status, description in ORGANIZATIONS:
            organization, created = Organization.objects.get_or_create(
                name=name,
                defaults={
                    "kind": kind,
                    "is_worker_led": worker_led,
                    "countries": countries,
                    "description": description,
                },
            )
            if created:
                organization.sectors.set(Sector.objects.filter(slug__in=sectors))
            Membership.objects.get_or_create(
                organization=organization,
                defaults={
                    "status": status,
                    "tier": tier,
                    "started_on": timezone.localdate() if status == "active" else None,
                    "statement_of_support": "We support the seven WSR principles and want to "
                    "bring binding, worker-enforced agreements to our sector.",
                },
            )

    def people(self):
        for (
            email,
            first,
            last,
            _role,
            org_name,
            affiliation_role,
            is_staff,
            expertise,
            languages,
            country,
        ) in PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    is_staff=is_staff,
                    is_superuser=is_staff,
                )
                profile = user.profile
                profile.display_name = f"{first} {last}"
                profile.is_listed_in_directory = bool(org_name)
                profile.show_email_in_directory = bool(org_name)
                profile.country = country
                profile.preferred_language = "es" if languages[0] == "es" else "en"
                profile.save()
                profile.languages_spoken.set(Language.objects.filter(code__in=languages))
                profile.expertise.set(expertise)
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if org_name:
                organization = Organization.objects.get(name=org_name)
                Affiliation.objects.get_or_create(
                    user=user, organization=organization, defaults={"role": affiliation_role}
                )
                membership = organization.membership
                if membership.applied_by is None and affiliation_role == "admin":
                    membership.applied_by = user
                    membership.save(update_fields=["applied_by"])
            if (
                is_staff
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                TOTP.activate(user, DEMO_STAFF_TOTP_SECRET)

    @staticmethod
    def _links_in_language(menu, locale):
        """A menu linked to a page of the other language before its translation existed
        (the press room) links to the translation now, under its title."""
        changed = False
        for block in menu.links:
            page = block.value["page"]
            if page is None or page.locale_id == locale.pk:
                continue
            translated = page.get_translation_or_none(locale)
            if translated is not None and translated.live:
                if block.value["label"] == page.title:
                    block.value["label"] = translated.title
                block.value["page"] = translated
                changed = True
        if changed:
            menu.save()

    def navigation(self, homes, extra_links=()):
        from wagtail.models import Locale

        labels = {
            "en": {
                "home": "Home",
                "about": "About",
                "model": "The WSR model",
                "members": "Members",
                "search": "Search",
                "prefix": "",
            },
            "es": {
                "home": "Inicio",
                "about": "Sobre nosotros",
                "model": "El modelo WSR",
                "members": "Miembros",
                "search": "Buscar",
                "prefix": "/es",
            },
        }
        for code, home in homes.items():
            locale = Locale.objects.get(language_code=code)
            text = labels.get(code, labels["en"])
            about = self.about.get_translation_or_none(locale) or self.about
            model_page = self.model_page.get_translation_or_none(locale) or self.model_page
            menu, _created = NavigationMenu.objects.get_or_create(
                locale=locale,
                defaults={
                    "links": [
                        _link(text["home"], page=home),
                        _link(text["about"], page=about),
                        _link(text["model"], page=model_page),
                        _link(text["members"], url=f"{text['prefix']}/organizations/"),
                    ]
                },
            )
            self._links_in_language(menu, locale)
            # An app's index page (the repository, ...) joins the menu once, in each language.
            linked = {block.value["page"].pk for block in menu.links if block.value["page"]}
            linked_urls = {block.value["url"] for block in menu.links if block.value["url"]}
            for link in extra_links:
                if isinstance(link, dict):  # an app view: {"en": (label, url), "es": ...}
                    label, url = link.get(code, link["en"])
                    if url not in linked_urls:
                        menu.links.append(_link(label, url=url))
                        menu.save()
                    continue
                page_en, page_es = link
                page = page_es if code == "es" and page_es is not None else page_en
                if page.pk not in linked:
                    menu.links.append(("link", {"label": page.title, "page": page, "url": ""}))
                    menu.save()
            Footer.objects.get_or_create(
                locale=locale,
                defaults={
                    "text": "<p>Worker-driven Social Responsibility Collaborative</p>"
                    if code == "en"
                    else "<p>Colaborativa de Responsabilidad Social Impulsada por los Trabajadores</p>",
                    "links": [
                        _link(text["about"], page=about),
                        _link(text["search"], url=f"{text['prefix']}/search/"),
                    ],
                },
            )
