"""Both catalogues are complete and compiled: every string has a Norwegian
Bokmål and an English text, and the compiled .mo files match the .po files.

.ci/run extracts the strings from the code again (makemessages) before the
suite runs, so a new untranslated string fails here."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def parse_po(path):
    """(msgid, msgstr, fuzzy) of every entry but the header; plurals joined."""
    entries, current, field, fuzzy = [], None, None, False

    def flush():
        if current and current.get("msgid"):
            entries.append((current["msgid"], current.get("msgstr", ""), current["fuzzy"]))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            flush()
            current, field = {"fuzzy": fuzzy, "msgstr": ""}, "msgid"
            fuzzy = False
            current["msgid"] = _unquote(line[len("msgid ") :])
        elif line.startswith("msgid_plural "):
            field = "msgid_plural"
        elif line.startswith("msgstr"):
            field = "msgstr"
            value = _unquote(line.split(" ", 1)[1])
            if line.startswith("msgstr[") and current.get("msgstr") and not value:
                current["msgstr"] = ""
            elif line.startswith("msgstr[0]") or not line.startswith("msgstr["):
                current["msgstr"] = value
            elif not value:
                current["msgstr"] = ""
        elif line.startswith('"') and current is not None:
            if field == "msgid":
                current["msgid"] += _unquote(line)
            elif field == "msgstr":
                current["msgstr"] += _unquote(line)
        elif line.startswith("#~"):
            continue
    flush()
    return entries


def _unquote(text):
    text = text.strip()
    if text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    return text.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_string_is_translated(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = parse_po(po)
    assert len(entries) > 100
    missing = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert missing == [], f"{len(missing)} untranslated or fuzzy in {po}: {missing[:20]}"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_compiled_catalogue_matches_the_source(language):
    directory = LOCALE / language / "LC_MESSAGES"
    with (directory / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, msgstr, _fuzzy in parse_po(directory / "django.po")
        if "\x00" not in msgid and compiled.gettext(msgid) != msgstr
    ]
    assert stale == [], f"run `make messages`: {stale[:10]}"
