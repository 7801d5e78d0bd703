"""Languages: which one a person reads, and the interface's texts in it (gettext).

English is the default and the fallback. The language of a run is chosen once where it
starts (the command line's ``--lang``, ``BACKCOACH_LANG`` or the locale; a web request's
cookie or ``Accept-Language``) and set for that run or request with :func:`using`; the
texts are then looked up with :func:`gettext` and :func:`ngettext`, whose plurals follow
the language's own rules (Russian has three forms: 1 сессия, 2 сессии, 5 сессий).

The translations are ``locale/<lang>/LC_MESSAGES/<domain>.po`` in the package, one domain
per part of the interface (:data:`DOMAINS`: ``core`` for what the library says, ``web``
for the pages, ``player`` for the guided session in the browser, ``cli`` for the command
line), managed with Babel::

    pybabel extract -F babel.cfg -o web.pot src/backcoach/web
    pybabel update -i web.pot -d src/backcoach/locale -D web -l ru

They are compiled in memory the first time a language is used (no build step), and read
together: a text is looked up in every domain. A text fixed at import (a command line
option's help) is marked with :func:`N_` and translated where it is shown with
:func:`later`; the commands' docstrings, their ``--help``, are extracted by
:func:`backcoach.cli.helptext.extract` (see babel.cfg).
"""

from __future__ import annotations

import gettext as _gettext
import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}
DEFAULT = "en"
ENV_LANG = "BACKCOACH_LANG"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAINS = ("core", "web", "player", "cli")

_current: ContextVar[str] = ContextVar("backcoach_language", default=DEFAULT)
# The part of the interface speaking (its .po is read first): a short word ("Main", "Hold")
# is not said alike in a web page's menu and in the command line's table.
_first: ContextVar[str | None] = ContextVar("backcoach_first_domain", default=None)
_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:[-_][A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def supported(tag: str | None) -> str | None:
    """Return the language backcoach has for a tag ("ru", "ru-RU", "ru_RU.UTF-8"), or
    None."""
    if not tag:
        return None
    code = re.split(r"[-_.@]", tag.strip(), maxsplit=1)[0].lower()
    return code if code in LANGUAGES else None


def negotiate(accept_language: str | None) -> str:
    """Return the language to answer an ``Accept-Language`` header in: the supported one
    the client prefers most (English when none)."""
    choices: list[tuple[float, int, str]] = []
    for order, part in enumerate((accept_language or "").split(",")[:20]):
        found = _TAG.match(part)
        if found is None:
            continue
        try:
            weight = float(found.group(2)) if found.group(2) else 1.0
        except ValueError:
            continue
        code = supported(found.group(1))
        if code is not None and weight > 0:
            choices.append((-weight, order, code))
    return min(choices)[2] if choices else DEFAULT


def from_environment(environ: Mapping[str, str]) -> str:
    """Return the language a command run in ``environ`` speaks: ``BACKCOACH_LANG``, else
    the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English."""
    for name in (ENV_LANG, "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            # A locale that is set but not ours ("C", "de_DE") means English; only our
            # own variable is read past (it may name a language we lack: then the locale).
            found = supported(value)
            if found is not None or name != ENV_LANG:
                return found or DEFAULT
    return DEFAULT


def current() -> str:
    """Return the language of this run or request."""
    return _current.get()


@contextmanager
def using(lang: str, *, first: str | None = None) -> Iterator[None]:
    """Speak ``lang`` (a code of :data:`LANGUAGES`) until the block ends; ``first``: the
    domain whose texts win over the others' (the command line's, in the command line)."""
    token = _current.set(lang if lang in LANGUAGES else DEFAULT)
    order = _first.set(first)
    try:
        yield
    finally:
        _first.reset(order)
        _current.reset(token)


@lru_cache(maxsize=4 * len(LANGUAGES))
def translations(lang: str, first: str | None = None) -> _gettext.NullTranslations:
    """Return the texts of ``lang``, compiled from its .po files, every domain chained,
    ``first`` first (English: the texts as written)."""
    found: _gettext.NullTranslations = _gettext.NullTranslations()
    if lang == DEFAULT:
        return found
    order = ([first] if first in DOMAINS else []) + [d for d in DOMAINS if d != first]
    for domain in reversed(order):
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            compiled = _compile(po, lang, domain)
            compiled.add_fallback(found)
            found = compiled
    return found


def _compile(po: Path, lang: str, domain: str) -> _gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, locale=lang, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """Return ``message`` in the current language."""
    return translations(current(), _first.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the form of ``singular``/``plural`` for ``n`` in the current language."""
    return translations(current(), _first.get()).ngettext(singular, plural, n)


_ = gettext

# Texts marked with N_ and filled at import: {the text as shown: (its msgid, its values)}.
_filled: dict[str, tuple[str, dict[str, str]]] = {}


def N_(message: str, **values: str) -> str:
    """Return ``message`` as written (its placeholders filled with ``values``), marked for
    ``pybabel extract``: for a text fixed at import (a command line option's help), which
    :func:`later` translates where it is shown."""
    if not values:
        return message
    text = message.format(**values)
    _filled[text] = (message, values)
    return text


def later(text: str) -> str:
    """Return a text marked with :func:`N_` (as it was returned) in the current language."""
    message, values = _filled.get(text, (text, {}))
    return gettext(message).format(**values) if values else gettext(message)
