"""docs/access.md carries the access matrix generated from the URLconf: a URL added without
regenerating it (`manage.py access_matrix`) fails here."""

from pathlib import Path

from wsr.site.management.commands.access_matrix import matrix

DOC = Path(__file__).resolve().parents[2] / "docs" / "access.md"


def test_the_access_matrix_in_the_docs_is_current():
    assert matrix() in DOC.read_text(encoding="utf-8"), (
        "Regenerate the table: see the end of docs/access.md (manage.py access_matrix)."
    )
