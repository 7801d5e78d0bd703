"""Exercise and program names for display, without building the validated catalog.

Progress and history only need {id: name}. Each exercise and program file starts with
its ``id:`` and ``name:`` as plain one-line values, which are read as text (a millisecond
for all of them); a file where either is written any other way (quoted, with a comment...) is parsed
as YAML. Building the pydantic models would cost a tenth of a second, and even importing
the YAML parser costs more than reading every name this way.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
# A top-level key with a plain value that reads the same as YAML: starts with a letter or
# digit, no ": ", " #", quotes at the ends or other flow characters.
_PLAIN = re.compile(r"^(id|name): ([A-Za-z0-9][\w ,.'()/+-]*?)[ \t]*$", re.MULTILINE)


def exercise_names() -> dict[str, str]:
    """Return {id: name} of the packaged exercises (the catalog's, if it is loaded)."""
    loader = sys.modules.get("backcoach.catalog.loader")
    if loader is not None and loader._load_packaged.cache_info().currsize:
        return {ex.id: ex.name for ex in loader._load_packaged("en").exercises.values()}
    return _names("exercises")


def program_names() -> dict[str, str]:
    """Return {id: name} of the packaged programs (the catalog's, if it is loaded)."""
    loader = sys.modules.get("backcoach.catalog.loader")
    if loader is not None and loader._load_packaged.cache_info().currsize:
        return {p.id: p.name for p in loader._load_packaged("en").programs.values()}
    return _names("programs")


def _names(folder: str) -> dict[str, str]:
    names = {}
    for path in sorted((DATA_DIR / folder).glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found: dict[str, str] = {}
        for match in _PLAIN.finditer(text):
            found.setdefault(match[1], match[2])
        if len(found) < 2 or _top_level_keys(text, "id", "name") != 2:
            found = _parsed(text)
        names[found["id"]] = found["name"]
    return names


def _top_level_keys(text: str, *keys: str) -> int:
    """Return how many lines of ``text`` start one of ``keys`` at the top level."""
    return sum(1 for line in text.splitlines() if line.split(":", 1)[0] in keys
               and line[:1] not in (" ", "\t", "#"))


def _parsed(text: str) -> dict[str, str]:
    from backcoach.catalog.parsed import parse_yaml

    raw = parse_yaml(text)
    return {"id": str(raw["id"]), "name": str(raw["name"])}
