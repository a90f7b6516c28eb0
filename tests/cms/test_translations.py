"""German is the source language; the English catalogue covers every string and is compiled."""

from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext, ngettext

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def untranslated_entries(text):
    """msgids whose msgstr (or any plural msgstr) is empty; the header entry is skipped."""
    missing = []
    for entry in text.split("\n\n"):
        lines = [line for line in entry.splitlines() if not line.startswith("#")]
        msgid = "".join(
            line.split('"', 1)[1].rsplit('"', 1)[0]
            for line in lines
            if line.startswith(("msgid ", '"')) and "msgstr" not in line
        )
        strings = [line for line in lines if line.startswith("msgstr")]
        if msgid and any(line.endswith('""') and line is lines[-1] for line in strings):
            missing.append(msgid)
    return missing


def test_every_string_has_an_english_translation():
    assert untranslated_entries(CATALOGUE.read_text(encoding="utf-8")) == []


def test_english_is_used_when_an_admin_user_chose_it():
    with translation.override("en"):
        assert gettext("Zum Inhalt springen") == "Skip to content"
        assert gettext("Anmeldeschluss") == "Registration deadline"
        assert "posts" in ngettext("%(counter)s Beitrag", "%(counter)s Beiträge", 3)
