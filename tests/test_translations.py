"""Both catalogues are complete and compiled: every string has a Norwegian
Bokmål and an English text, and the compiled .mo files match the .po files.

.ci/run extracts the strings from the code again (makemessages) before the
suite runs, so a new untranslated string fails here."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def _entries(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return [entry for entry in po if not entry.obsolete]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_string_is_translated(language):
    entries = _entries(language)
    assert len(entries) > 100
    missing = [e.msgid for e in entries if not e.translated() or "fuzzy" in e.flags]
    assert missing == [], f"{len(missing)} untranslated or fuzzy ({language}): {missing[:20]}"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_compiled_catalogue_matches_the_source(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in _entries(language):
        if entry.msgctxt:
            got = compiled.pgettext(entry.msgctxt, entry.msgid)
            expected = entry.msgstr
        elif entry.msgid_plural:
            got = compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
            expected = entry.msgstr_plural[0]
        else:
            got, expected = compiled.gettext(entry.msgid), entry.msgstr
        if got != expected:
            stale.append(entry.msgid)
    assert stale == [], f"run `make messages`: {stale[:10]}"


def test_the_interface_speaks_norwegian_by_default(client, db):
    page = client.get("/login/").content.decode()
    assert "Logg inn" in page
    english = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in" in english


def test_translation_functions_go_by_names_makemessages_knows():
    """`makemessages` finds only gettext's own names and `_`: an alias such as
    `_lazy` leaves its strings out of the catalogues without a word."""
    import re

    alias = re.compile(r"from django\.utils\.translation import .*\b(\w*gettext\w*) as (\w+)")
    offenders = []
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        if any(part in (".venv", "migrations", "staticfiles") for part in path.parts):
            continue
        for match in alias.finditer(path.read_text(encoding="utf-8")):
            if match.group(2) != "_":
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}")
    assert offenders == []
