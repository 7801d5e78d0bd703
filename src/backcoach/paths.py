"""Where backcoach keeps its files: a person's records in the user's data folder (or
BACKCOACH_DATA_DIR), things it can rebuild in the user's cache folder (or
BACKCOACH_CACHE_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "BACKCOACH_DATA_DIR"
ENV_CACHE_DIR = "BACKCOACH_CACHE_DIR"


def data_dir() -> Path:
    """Return the folder for the database (not created here)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("backcoach", appauthor=False)


def cache_dir() -> Path:
    """Return the folder for caches: deleting it loses nothing (not created here)."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("backcoach", appauthor=False)
