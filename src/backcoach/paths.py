"""Where backcoach keeps a person's files: the user's data folder, or BACKCOACH_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "BACKCOACH_DATA_DIR"


def data_dir() -> Path:
    """Return the folder for the database (not created here)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("backcoach", appauthor=False)

