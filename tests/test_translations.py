import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "locale" / "es" / "LC_MESSAGES" / "django.po"


def _entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:  # the first block is the header
        if block.startswith("#~") or "msgid" not in block:
            continue
        yield block


def test_every_interface_string_has_a_spanish_translation():
    untranslated = [
        block.split("\n")[-2:]
        for block in _entries()
        if re.search(r'^msgstr(\[\d\])? ""\s*$', block, re.MULTILINE | re.DOTALL)
        and not re.search(r'^msgstr(\[\d\])? ""\n"', block, re.MULTILINE)
    ]
    assert not untranslated, untranslated[:5]


def test_no_translation_is_left_fuzzy():
    assert not [block for block in _entries() if "#, fuzzy" in block]


def test_compiled_catalog_matches_the_po_file(tmp_path):
    import gettext
    import shutil
    import subprocess

    import pytest

    if not shutil.which("msgfmt"):
        pytest.skip("gettext's msgfmt is not installed")
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(PO)], check=True)
    with open(fresh, "rb") as new, open(PO.with_suffix(".mo"), "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(new)._catalog


def test_spanish_catalog_is_used():
    with translation.override("es"):
        assert translation.gettext("Skip to main content") == "Saltar al contenido principal"
