"""The parsed catalog kept between runs: used while the files are unchanged, never stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from backcoach.catalog.loader import CatalogError, _load
from backcoach.catalog.parsed import NotYaml, ParsedFiles


def _load_with_cache(root: Path, cache: Path):
    parsed = ParsedFiles(root, cache)
    catalog = _load(root, parsed)
    parsed.save()
    return catalog


def test_a_second_process_loads_the_same_catalog_without_parsing_yaml(tmp_path, catalog):
    code = ("import sys, hashlib\nfrom backcoach.catalog import load_catalog\n"
            "c = load_catalog()\n"
            "dump = ''.join(e.model_dump_json() for e in c.exercises.values())\n"
            "dump += ''.join(p.model_dump_json() for p in c.programs.values())\n"
            "dump += c.guidance.model_dump_json()\n"
            "print(hashlib.sha256(dump.encode()).hexdigest(), 'yaml' in sys.modules)")
    env = {**os.environ, "BACKCOACH_CACHE_DIR": str(tmp_path / "cache")}

    def run() -> list[str]:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env=env).stdout.split()

    first, second = run(), run()
    assert first[1] == "True" and second[1] == "False"  # parsed, then read from the cache
    assert first[0] == second[0]
    expected = "".join(e.model_dump_json() for e in catalog.exercises.values())
    expected += "".join(p.model_dump_json() for p in catalog.programs.values())
    expected += catalog.guidance.model_dump_json()
    import hashlib

    assert first[0] == hashlib.sha256(expected.encode()).hexdigest()
    from backcoach.catalog.loader import DATA_DIR
    from backcoach.catalog.parsed import cache_name

    assert [p.name for p in (tmp_path / "cache").iterdir()] == [cache_name(DATA_DIR)]
    assert cache_name(DATA_DIR) != cache_name(tmp_path)


def test_an_edited_file_is_parsed_again(data_copy, tmp_path):
    cache = tmp_path / "cache.json"
    assert _load_with_cache(data_copy, cache).exercises["plank"].name == "Plank"
    path = data_copy / "exercises" / "plank.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Plank\n", "name: Front plank\n"), encoding="utf-8")
    assert _load_with_cache(data_copy, cache).exercises["plank"].name == "Front plank"
    # Same size, new time: parsed again too.
    path.write_text(text.replace("name: Plank\n", "name: Planck\n"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert _load_with_cache(data_copy, cache).exercises["plank"].name == "Planck"


def test_kept_data_is_still_validated_and_a_bad_edit_still_fails(data_copy, tmp_path):
    cache = tmp_path / "cache.json"
    _load_with_cache(data_copy, cache)
    path = data_copy / "exercises" / "plank.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="unknown field 'colour'"):
        _load_with_cache(data_copy, cache)


def test_a_broken_or_foreign_cache_is_ignored_and_replaced(data_copy, tmp_path):
    cache = tmp_path / "cache.json"
    expected = _load_with_cache(data_copy, cache)
    for junk in ("{not json", json.dumps({"format": 999, "files": {}}), "[]",
                 json.dumps({"format": 1, "root": "/elsewhere", "files": {
                     "exercises/plank.yaml": [[0, 0], {"id": "plank"}]}})):
        cache.write_text(junk, encoding="utf-8")
        assert _load_with_cache(data_copy, cache) == expected
        assert json.loads(cache.read_text(encoding="utf-8"))["root"] == str(data_copy)


def test_a_cache_that_cannot_be_written_is_not_used(data_copy, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    assert _load_with_cache(data_copy, blocker / "cache.json").exercises


def test_only_what_json_gives_back_equal_is_kept(tmp_path, monkeypatch):
    files = {"plain.yaml": "a: [1, 2.5, null, true, x]\n", "dated.yaml": "d: 2026-11-27\n",
             "numbered.yaml": "1: one\n", "nan.yaml": "x: .nan\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    parsed = ParsedFiles(tmp_path, tmp_path / "cache.json")
    assert parsed.load(tmp_path / "dated.yaml") == {"d": date(2026, 11, 27)}
    for name in files:
        parsed.load(tmp_path / name)
    parsed.save()
    kept = json.loads((tmp_path / "cache.json").read_text())["files"]
    assert list(kept) == ["plain.yaml"]  # the others would come back changed from JSON

    # And what was kept is handed back without parsing.
    from backcoach.catalog import parsed as module

    def no_parsing(text: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(module, "parse_yaml", no_parsing)
    again = ParsedFiles(tmp_path, tmp_path / "cache.json")
    assert again.load(tmp_path / "plain.yaml") == {"a": [1, 2.5, None, True, "x"]}
    with pytest.raises(AssertionError, match="parsed again"):
        again.load(tmp_path / "dated.yaml")


def test_a_missing_file_or_bad_yaml_raises_as_reading_would(tmp_path):
    parsed = ParsedFiles(tmp_path, tmp_path / "cache.json")
    with pytest.raises(OSError):
        parsed.load(tmp_path / "gone.yaml")
    (tmp_path / "bad.yaml").write_text("a: [unclosed\n")
    with pytest.raises(NotYaml, match="flow sequence"):
        parsed.load(tmp_path / "bad.yaml")
