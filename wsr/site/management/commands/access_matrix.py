"""Print the access matrix of every URL (docs/access.md is this output): each pattern of
the URLconf, read from the resolver, with its declared rule and what each role gets."""

from django.core.management.base import BaseCommand

from wsr.site.access import rule_of
from wsr.site.urlwalk import walk

ROLES = ["anonymous", "signed in", "member", "staff without 2nd factor", "staff"]

# What each role gets under each rule, before the object named in the URL is considered.
# "obj" = the object's own visibility queryset decides (404 outside its audience).
ANSWERS = {
    "public": ["yes", "yes", "yes", "yes", "yes"],
    "object": ["obj", "obj", "obj", "obj", "obj"],
    "token": ["token", "token", "token", "token", "token"],
    "login": ["sign in", "obj", "obj", "obj", "obj"],
    "member": ["sign in", "403", "obj", "2nd factor", "obj"],
    "staff": ["sign in", "403", "403", "2nd factor", "yes"],
}


def matrix() -> str:
    rows = [
        "| URL | name | rule | " + " | ".join(ROLES) + " |",
        "|---|---|---|" + "---|" * len(ROLES),
    ]
    seen = set()
    for route in walk():
        if route.pattern.startswith(("cms/", "django-admin/")):
            continue  # the admin sites: one row each below
        rule = rule_of(route.view, route.pattern) or "REFUSED (no rule)"
        key = (route.pattern, rule)
        if key in seen:
            continue
        seen.add(key)
        answers = ANSWERS.get(rule, ["403"] * len(ROLES))
        pattern = route.pattern.replace("|", "\\|")
        rows.append(f"| `/{pattern}` | {route.name or ''} | {rule} | " + " | ".join(answers) + " |")
    for prefix in ("cms/", "django-admin/"):
        rows.append(
            f"| `/{prefix}…` | (admin site) | staff | sign in | refused by the site | "
            "refused by the site | 2nd factor | by Wagtail/Django permissions |"
        )
    return "\n".join(rows) + "\n"


class Command(BaseCommand):
    help = "Print the access matrix of every URL as a Markdown table (docs/access.md)."

    def handle(self, *args, **options):
        self.stdout.write(matrix(), ending="")
