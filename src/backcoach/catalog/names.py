"""Exercise names for display, without building the validated catalog.

Progress and history only need {id: name}; reading those two keys from the YAML costs a
few milliseconds, where building the pydantic models costs a tenth of a second.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def exercise_names() -> dict[str, str]:
    """Return {id: name} of the packaged exercises (the catalog's, if it is loaded)."""
    loader = sys.modules.get("backcoach.catalog.loader")
    if loader is not None and loader._load_packaged.cache_info().currsize:
        return {ex.id: ex.name for ex in loader._load_packaged().exercises.values()}
    names = {}
    for path in sorted((DATA_DIR / "exercises").glob("*.yaml")):
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        names[str(raw["id"])] = str(raw["name"])
    return names
