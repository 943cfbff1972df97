"""The Spanish interface: every string translated, formal ("usted") throughout, one term for
two-factor authentication, and allauth's texts reworded where the site shows them (issue 17)."""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
OVERRIDES = ROOT / "locale_overrides" / "es" / "LC_MESSAGES" / "django.po"

# Second-person informal ("tú") forms: pronouns, possessives and verb forms that are
# unambiguous in interface text. The site addresses people as "usted".
INFORMAL = re.compile(
    r"(?i)(?<![\w%(-])(?:tu|tus|ti|contigo|tuy[oa]s?|te|puedes|tienes|has|estás|eres|quieres"
    r"|debes|deseas|necesitas|podrás|tendrás|deberás|recibirás|verás|sabes|olvidaste"
    r"|recibiste|ingresaste|solicitaste|intentaste|hayas|puedas|tengas|quieras|estés|seas"
    r"|introduce|introdúcel[oa]s?|ingresa|regístrate|asegúrate|inténtalo|confírmalo"
    r"|guárdal[oa]s|descárgal[oa]s|pulsa|confíes|inicia sesión|haz clic"
    r"|vuelve a intentarlo)(?![\w-])"
)
# The one Spanish term for two-factor authentication (and "segundo factor").
OTHER_TWO_FACTOR_TERMS = re.compile(r"(?i)doble factor|dos pasos|2 pasos|factor doble")


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def po_entries(path: Path):
    """(references, msgid, [msgstr forms], flags) of each live entry of a .po file."""
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [line for line in block.strip().split("\n") if line]
        if any(line.startswith("#~") for line in lines):
            continue  # obsolete
        refs, flags, fields, current = [], "", {}, None
        for line in lines:
            if line.startswith("#:"):
                refs += line[2:].split()
            elif line.startswith("#,"):
                flags += line[2:]
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[current] += _unquote(line)
            else:
                current, _, rest = line.partition(" ")
                fields[current] = _unquote(rest)
        if "msgid" not in fields or not fields["msgid"]:
            continue  # the header
        forms = [value for key, value in fields.items() if key.startswith("msgstr")]
        yield refs, fields["msgid"], forms, flags


def _entries():
    return list(po_entries(PO))


def test_every_interface_string_has_a_spanish_translation():
    untranslated = [msgid for _refs, msgid, forms, _flags in _entries() if not all(forms)]
    assert not untranslated, untranslated[:10]


def test_no_translation_is_left_fuzzy():
    fuzzy = [msgid for _refs, msgid, _forms, flags in _entries() if "fuzzy" in flags]
    assert not fuzzy, fuzzy[:10]


@pytest.mark.parametrize("catalog", [PO, OVERRIDES], ids=["project", "allauth-overrides"])
def test_the_spanish_says_usted_never_tu(catalog):
    informal = [
        (msgid, INFORMAL.findall(form))
        for _refs, msgid, forms, _flags in po_entries(catalog)
        for form in forms
        if INFORMAL.search(form)
    ]
    assert not informal, informal[:10]


@pytest.mark.parametrize("catalog", [PO, OVERRIDES], ids=["project", "allauth-overrides"])
def test_two_factor_authentication_has_one_name(catalog):
    others = [
        msgid
        for _refs, msgid, forms, _flags in po_entries(catalog)
        for form in forms
        if OTHER_TWO_FACTOR_TERMS.search(form)
    ]
    assert not others, others[:10]


def _allauth_entries_the_site_shows():
    """allauth's own Spanish entries for what this site uses: accounts, MFA, the shared
    layout (not social accounts, sessions or the identity provider, which are off)."""
    import allauth

    catalog = Path(allauth.__file__).parent / "locale" / "es" / "LC_MESSAGES" / "django.po"
    unused = ("socialaccount", "usersessions", "idp", "openid", "headless")
    for refs, msgid, forms, _flags in po_entries(catalog):
        used = [ref for ref in refs if ref.split("/")[ref.startswith("templates/")] not in unused]
        if used:
            yield msgid, forms


def test_allauths_texts_are_shown_formal_and_with_the_projects_term():
    """What Spanish readers actually get (project catalog, overrides, then allauth's)."""
    with translation.override("es"):
        merged = translation.trans_real.translation("es")._catalog
        wrong = []
        for msgid, _forms in _allauth_entries_the_site_shows():
            for key in (msgid, (msgid, 0), (msgid, 1)):
                text = merged[key] if key in merged else ""
                if INFORMAL.search(text) or OTHER_TWO_FACTOR_TERMS.search(text):
                    wrong.append((msgid, text))
    assert not wrong, wrong[:10]


def test_overrides_only_hold_allauth_texts():
    """The overrides change allauth's wording, nothing of the project's own."""
    allauth_ids = {msgid for msgid, _forms in _allauth_entries_the_site_shows()}
    project_ids = {msgid for _refs, msgid, _forms, _flags in _entries()}
    overridden = {msgid for _refs, msgid, _forms, _flags in po_entries(OVERRIDES)}
    assert overridden <= allauth_ids
    assert not overridden & project_ids  # the project's catalog would win: dead entries


@pytest.mark.parametrize("catalog", [PO, OVERRIDES], ids=["project", "allauth-overrides"])
def test_compiled_catalog_matches_the_po_file(tmp_path, catalog):
    if not shutil.which("msgfmt"):
        pytest.skip("gettext's msgfmt is not installed")
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(catalog)], check=True)
    with open(fresh, "rb") as new, open(catalog.with_suffix(".mo"), "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(new)._catalog


def test_no_stray_compiled_catalog_at_the_root():
    assert not (ROOT / "messages.mo").exists()
    assert not (ROOT / "django.mo").exists()


def test_spanish_catalog_is_used():
    with translation.override("es"):
        assert translation.gettext("Skip to main content") == "Saltar al contenido principal"
        assert translation.gettext("Be patient, you are sending too many requests.") == (
            "Tenga paciencia: está enviando demasiadas solicitudes."
        )
