"""Reading a file a person hands backcoach (a profile, sessions): one line of error for
anything wrong with it, never a traceback.

    data = read_structured(Path("sessions.json"), "sessions")   # JSON, or TOML by suffix
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from backcoach.errors import InvalidError, TooLargeError
from backcoach.i18n import _
from backcoach.limits import MAX_FILE_BYTES


def read_structured(path: Path, what: str, *, toml: bool | None = None) -> Any:
    """Return the JSON (or TOML: with ``toml``, or by default for a .toml file) in
    ``path``; raises
    :class:`InvalidError` naming the file and what is wrong: unreadable, not UTF-8 text,
    not valid JSON or TOML, or nested too deeply to be backcoach's; or
    :class:`TooLargeError` past :data:`~backcoach.limits.MAX_FILE_BYTES`."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TooLargeError(_("{path}: the file is {size} MiB; backcoach reads {what} "
                                  "files up to {limit} MiB").format(
                path=path, size=f"{size / 2**20:.0f}", what=_what(what),
                limit=MAX_FILE_BYTES // 2**20), field="file")
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidError(_("{path}: cannot read the {what} ({error})").format(
            path=path, what=_what(what), error=exc.strerror), field="file") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidError(_("{path}: not UTF-8 text (a byte at position {position} is not "
                             "valid); save the file as UTF-8").format(
            path=path, position=exc.start), field="file") from exc
    if toml is None:
        toml = path.suffix.lower() == ".toml"
    try:
        return tomllib.loads(text) if toml else json.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidError(_("{path}: not valid {format}: {error}").format(
            path=path, format="TOML" if toml else "JSON", error=exc), field="file") from exc
    except RecursionError as exc:
        raise InvalidError(_("{path}: nested too deeply to be {what}").format(
            path=path, what=_what(what)), field="file") from exc


def _what(what: str) -> str:
    """Return what a file holds ("profile", "sessions", "history") in the run's language."""
    names = {"profile": _("profile"), "sessions": _("sessions"), "history": _("history")}
    return names.get(what, what)
