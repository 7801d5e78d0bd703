"""Reading backcoach's YAML data: :func:`parse_yaml` for every data file, and the
packaged catalog's files parsed once and kept between runs.

Parsing the YAML (and importing the parser) is most of what loading the catalog costs a
fresh process. :class:`ParsedFiles` keeps each file's parsed data, as JSON, in the user's
cache folder, and hands it back while the file's size and modification time are the ones
it was parsed at; any other file is parsed again. Only the parsing is kept: every load
still validates the data and cross-checks the files. A cache that is missing, unreadable,
from another version or cannot be written is simply not used.
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

from backcoach.errors import InvalidError

FORMAT = 1  # bump when what is kept changes


class NotYaml(InvalidError):
    """The text is not valid YAML; the message says where and why."""


def parse_yaml(text: str) -> Any:
    """Return the data of a YAML text (safe types only); raise :class:`NotYaml` if it is
    not YAML. The parser is imported here, so data read from the cache never loads it."""
    import yaml

    try:
        # libyaml's parser is several times faster; PyYAML's wheels ship it.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise NotYaml(str(exc)) from exc


def cache_name(root: Path) -> str:
    """Return the cache file's name for the data under ``root``: one per installation, so
    two checkouts or environments do not keep replacing each other's."""
    return f"catalog-{zlib.crc32(str(root).encode()):08x}.json"


class ParsedFiles:
    """Parsed data of the files under ``root``, cached in the file ``path``."""

    def __init__(self, root: Path, path: Path) -> None:
        self.root = root
        self.path = path
        self._kept = self._read()
        self._now: dict[str, list[Any]] = {}  # what this load read: the next cache

    def _read(self) -> dict[str, list[Any]]:
        try:
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(found, dict) or found.get("format") != FORMAT \
                or found.get("root") != str(self.root):
            return {}
        files = found.get("files")
        return files if isinstance(files, dict) else {}

    def load(self, file: Path) -> Any:
        """Return the data of ``file``: as kept, if its size and time are unchanged, else
        parsed now (and kept for the next run, if JSON gives it back equal: no dates, no
        keys that are not text). Raises OSError or :class:`NotYaml` as reading would."""
        stat = file.stat()  # before reading: a change while reading is parsed next time
        name, stamp = file.relative_to(self.root).as_posix(), [stat.st_mtime_ns, stat.st_size]
        kept = self._kept.get(name)
        if isinstance(kept, list) and len(kept) == 2 and kept[0] == stamp:
            self._now[name] = kept
            return kept[1]
        data = parse_yaml(file.read_text(encoding="utf-8"))
        if _plain(data):
            self._now[name] = [stamp, data]
        return data

    def save(self) -> None:
        """Write what this load read, if it differs from what was kept (atomically)."""
        if self._now == self._kept:
            return
        text = json.dumps({"format": FORMAT, "root": str(self.root), "files": self._now},
                          ensure_ascii=False, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".catalog-",
                                        suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            return  # a cache that cannot be written is not used; nothing is lost
        self._kept = dict(self._now)


def _plain(data: Any) -> bool:
    """Whether ``data`` survives a JSON round trip unchanged."""
    if data is None or isinstance(data, str | bool | int):
        return True
    if isinstance(data, float):
        return data == data and data not in (float("inf"), float("-inf"))
    if isinstance(data, list):
        return all(_plain(item) for item in data)
    if isinstance(data, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in data.items())
    return False
