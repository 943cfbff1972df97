"""Write the API's OpenAPI document to docs/api/openapi-v1.json (sorted keys, indent 2), or
with --check compare it with the committed copy: fails when they differ, naming the breaking
changes (tests/api/test_openapi_versioning.py fails on those only)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wsr.api import versioning


class Command(BaseCommand):
    help = "Write the OpenAPI document of /api/v1/ to docs/api/openapi-v1.json, or --check it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare with the file instead of writing it; fail when they differ.",
        )
        parser.add_argument("--output", default=str(versioning.COMMITTED), help="The file.")

    def handle(self, *args, check=False, output, **options):
        target = Path(output)
        document = versioning.generate()
        text = versioning.render(document)
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {target}")
            return
        if not target.exists():
            raise CommandError(f"{target} does not exist: run `manage.py api_openapi`.")
        committed_text = target.read_text(encoding="utf-8")
        if committed_text == text:
            self.stdout.write(f"{target} is up to date.")
            return
        committed = json.loads(committed_text)
        breaking = versioning.unversioned_breaking_changes(committed, document)
        if breaking:
            raise CommandError(
                "The API changed incompatibly:\n  "
                + "\n  ".join(breaking)
                + "\nKeep /api/v1/ compatible, or publish a new major version."
            )
        raise CommandError(
            f"{target} is out of date (compatible additions): run `manage.py api_openapi`."
        )
