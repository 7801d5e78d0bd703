"""The catalog in another language: texts kept beside the English data, in a parallel
tree, validated as strictly as the data itself.

``data/ru/exercises/cat_cow.yaml`` has the shape of ``data/exercises/cat_cow.yaml`` with
only its prose: the same keys, lists in the same order, each text in Russian. What is not
prose (ids, tags, numbers, the source's section names) is not repeated: it comes from the
English file, so the two can never disagree on what the exercise *is*. Loading the
catalog in Russian lays the Russian texts over the English data before validation, so a
Russian catalog is the same models, checked by the same rules::

    load_catalog(lang="ru").exercise("cat_cow").name  # "Кошка"

:func:`overlay` reports every text missing, left in English (a Russian text has Cyrillic
letters), out of order or extra, naming the file and the path. ``python -m
backcoach.catalog.translate skeleton ru`` writes, for each data file without one, a file
holding the English texts to translate in place; ``check ru`` lists what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

LANGUAGES = ("en", "ru")
# Keys whose string values are ids, tags or names of the source's sections, not prose:
# never translated (a translation file must not give them).
FIXED = frozenset({
    "id", "muscles", "source", "section", "condition", "action", "exercise", "kind",
    "position", "difficulty", "trunk_support", "equipment", "phase", "metric", "variant",
    "requires", "placement", "time_of_day", "stage", "place", "equipment_alternatives",
})
# Lists of texts that may have another number of entries in another language (names a
# reader may search by); every other list of texts matches the English one by position.
FREE_LENGTH = frozenset({"aliases"})
_LETTERS = {"ru": re.compile(r"[А-Яа-яЁё]")}

Report = Callable[[str, str], None]  # (path in the file, what is wrong)


def has_prose(data: Any, key: str | None = None) -> bool:
    """Return whether ``data`` (found under ``key``) holds any text to translate."""
    if isinstance(data, str):
        return key not in FIXED
    if isinstance(data, list):
        return any(has_prose(item, key) for item in data)
    if isinstance(data, dict):
        return any(has_prose(value, k) for k, value in data.items())
    return False


def overlay(english: Any, translated: Any, lang: str, report: Report) -> Any:
    """Return ``english`` with each text replaced by its translation from ``translated``
    (the parallel file's data); every problem goes to ``report``."""
    return _merge(english, translated, None, "", lang, report)


def _where(path: str, part: str | int) -> str:
    return f"{path}.{part}" if path else str(part)


def _merge(en: Any, tr: Any, key: str | None, path: str, lang: str, report: Report) -> Any:
    if not has_prose(en, key):
        if tr not in (None, {}):  # {} holds a list entry's place
            report(path or "(file)", "holds no text to translate; remove it (ids, tags and "
                   "numbers come from the English file)")
        return en
    if tr is None:
        report(path or "(file)", f"no {lang} text")
        return en
    if isinstance(en, str):
        if not isinstance(tr, str) or not tr.strip():
            report(path, f"expected a text, got {type(tr).__name__}")
            return en
        letters = _LETTERS.get(lang)
        if letters is not None and not letters.search(tr):
            report(path, f"still in English, not {lang}: {tr[:60]!r}")
        return tr
    if isinstance(en, list):
        if not isinstance(tr, list):
            report(path, f"expected a list, got {type(tr).__name__}")
            return en
        if key in FREE_LENGTH and all(isinstance(item, str) for item in en):
            # Any number of names: each is checked as a text of its own.
            return [_merge(en[0], t, key, _where(path, i), lang, report)
                    for i, t in enumerate(tr)]
        if len(tr) != len(en):
            report(path, f"{len(tr)} entries where the English has {len(en)}, in the same "
                   "order")
            return en
        return [_merge(item, t, key, _where(path, i), lang, report)
                for i, (item, t) in enumerate(zip(en, tr, strict=True))]
    if isinstance(en, dict):
        if not isinstance(tr, dict):
            report(path, f"expected a mapping, got {type(tr).__name__}")
            return en
        for extra in sorted(set(tr) - set(en), key=str):
            report(_where(path, extra), "not in the English file")
        return {k: _merge(value, tr.get(k), k, _where(path, k), lang, report)
                for k, value in en.items()}
    return en


def skeleton(english: Any, key: str | None = None) -> Any:
    """Return the parallel file's data for ``english``: its texts only, still in English,
    to be translated in place."""
    if isinstance(english, str):
        return english
    if isinstance(english, list):
        return [skeleton(item, key) if has_prose(item, key) else {} for item in english]
    if isinstance(english, dict):
        return {k: skeleton(v, k) for k, v in english.items() if has_prose(v, k)}
    return english
