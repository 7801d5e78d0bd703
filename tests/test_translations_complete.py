"""Every text of the interface that the code marks for translation has its Russian, in the
.po file of its part (core, web, cli), with as many plural forms as Russian has."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from backcoach import i18n

SRC = Path(__file__).resolve().parents[1] / "src" / "backcoach"
# As babel.cfg: the command line's modules give their commands' docstrings (their --help) too.
METHODS = [("**/templates/**.html", "jinja2"), ("**/cli/*.py", "backcoach.cli.helptext:extract"),
           ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                                    "lstrip_blocks": "true"}}
# words.plural(count, noun[, nouns]) asks ngettext for the noun: its noun is a text too.
# N_ marks a text fixed at import (an option's help), translated where it is shown.
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "plural": (2,), "N_": None}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sd]")


def _marked() -> dict[str, str]:
    """Return every marked text (its singular) with where it is."""
    found: dict[str, str] = {}
    for filename, lineno, message, _, _ in extract_from_dir(
            SRC, METHODS, OPTIONS, keywords=KEYWORDS):
        key = message[0] if isinstance(message, tuple) else message
        found.setdefault(key, f"{filename}:{lineno}")
    return found


def _translated() -> dict[str, object]:
    texts: dict[str, object] = {}
    for domain in i18n.DOMAINS:
        po = i18n.LOCALE_DIR / "ru" / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            with po.open("rb") as source:
                for message in read_po(source, locale="ru"):
                    if message.id:
                        key = str(message.id if isinstance(message.id, str) else message.id[0])
                        texts[key] = message.string
    return texts


def test_every_marked_text_has_its_russian():
    translated = _translated()
    missing = [f"{where}: {text!r}" for text, where in _marked().items()
               if not translated.get(text)
               or (isinstance(translated[text], tuple)
                   and not all(translated[text]))]  # type: ignore[arg-type]
    assert missing == []


def test_a_translation_keeps_the_placeholders_of_its_text():
    for text, forms in _translated().items():
        for form in forms if isinstance(forms, tuple) else (forms,):
            assert sorted(PLACEHOLDER.findall(str(form))) == \
                sorted(PLACEHOLDER.findall(text)), (text, form)


def test_every_plural_has_the_three_russian_forms():
    for text, forms in _translated().items():
        if isinstance(forms, tuple):
            assert len(forms) == 3 and all(forms), text


def test_each_text_is_translated_in_one_place():
    """A text in two parts' files would have two translations, the first part's winning
    silently: each text belongs to one file of the web's (core, web, player). The command
    line reads its own file first, so a short word may be said its own way there."""
    owner: dict[str, str] = {}
    twice = []
    for domain in [d for d in i18n.DOMAINS if d != "cli"]:
        po = i18n.LOCALE_DIR / "ru" / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            continue
        with po.open("rb") as source:
            for message in read_po(source, locale="ru"):
                key = str(message.id if isinstance(message.id, str) else message.id[0])
                if key and key in owner:
                    twice.append(f"{key!r} in {owner[key]} and {domain}")
                owner.setdefault(key, domain)
    assert twice == []


def test_no_po_file_gives_one_text_twice():
    """A second entry of one text in a file is silently one of the two: each once."""
    for po in sorted((i18n.LOCALE_DIR / "ru" / "LC_MESSAGES").glob("*.po")):
        entries = re.findall(r'^msgid ((?:".*"\n)+)', po.read_text(encoding="utf-8") + "\n",
                             flags=re.M)
        texts = ["".join(re.findall(r'"(.*)"', entry)) for entry in entries]
        twice = sorted({t for t in texts if t and texts.count(t) > 1})
        assert twice == [], po.name
