"""The library's refusals of files, backups, charts and databases in the command line's
language (issue 15): real runs with ``--lang ru``, each naming the file or option at fault;
English as before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from backcoach.cli import app

runner = CliRunner()
BACKCOACH = Path(sys.executable).parent / "backcoach"


def _real(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BACKCOACH), *args], capture_output=True, text=True,
                          cwd=tmp_path, check=False)


def test_a_broken_profile_file_is_refused_in_russian_naming_the_file(tmp_path):
    (tmp_path / "bad.json").write_text('{"age": ', encoding="utf-8")
    done = _real(tmp_path, "--lang", "ru", "plan", "--profile", "bad.json")
    assert done.returncode == 2
    assert done.stderr.startswith("backcoach: ошибка: bad.json: это некорректный JSON: ")


def test_a_file_that_is_not_an_export_is_refused_in_russian(tmp_path):
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    done = _real(tmp_path, "--lang", "ru", "import", "list.json")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "backcoach: ошибка: list.json: это список сессий, а не выгрузка backcoach; запишите "
        "его командой 'backcoach log --file'; ничего не загружено")
    (tmp_path / "v9.json").write_text('{"format": "backcoach-export", "format_version": 9}',
                                      encoding="utf-8")
    newer = _real(tmp_path, "--lang", "ru", "import", "v9.json")
    assert "v9.json: версия формата 9; этот backcoach читает версии с 1 по 3" in newer.stderr


def test_a_wrong_chart_name_and_database_are_refused_in_russian():
    chart = runner.invoke(app, ["--lang", "ru", "progress", "--chart", "out.txt"])
    assert chart.exit_code == 2
    assert "--chart 'out.txt': имя файла должно заканчиваться на .svg или .png" in chart.stderr
    database = runner.invoke(app, ["--lang", "ru", "--db", "mysql://host/db", "history"])
    assert database.exit_code == 2
    assert "база данных mysql://host/db не подходит для backcoach" in database.stderr


def test_a_backups_problems_name_the_place_in_russian_and_the_field_as_it_is(tmp_path):
    import json

    import pytest

    from backcoach import i18n
    from backcoach.store import Store
    from backcoach.store.backup import BackupError, export_user, parse_document

    store, _ = Store.open(f"sqlite:///{tmp_path / 'a.db'}")
    data = json.loads(export_user(store).model_dump_json())
    store.engine.dispose()
    plan = {"date": "2026-11-30", "phase": "entry", "data": {}}
    with i18n.using("ru"), pytest.raises(BackupError) as missing:
        parse_document(json.dumps({**data, "plans": [plan]}), "backup.json")
    assert missing.value.problems == ["план 1, created_at: это поле обязательно"]
    plans = [{**plan, "created_at": "2026-11-30T08:00:00"}] * 2
    with i18n.using("ru"), pytest.raises(BackupError) as twice:
        parse_document(json.dumps({**data, "plans": plans}), "backup.json")
    assert "несколько планов на 2026-11-30 (2); на день бывает один план" in \
        twice.value.message


def test_the_same_refusals_stay_english_in_english(tmp_path):
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    done = _real(tmp_path, "--lang", "en", "import", "list.json")
    assert done.stderr.strip() == (
        "backcoach: error: list.json: this is a list of sessions, not a backcoach export; "
        "record it with 'backcoach log --file'; nothing was imported")


# click's own usage errors, said again in the run's language (backcoach.cli.usage) --------

def test_clicks_usage_errors_are_said_in_russian_keeping_what_was_typed(tmp_path):
    cases = {
        ("plan", "--jsn"): "нет такого параметра: --jsn (может быть, вы имели в виду: "
                           "--json?) (см. 'backcoach plan --help')",
        ("histroy",): "нет такой команды: 'histroy'; может быть, вы имели в виду 'history'? "
                      "(см. 'backcoach --help')",
        ("accounts", "add", "a@b.c"): "не указан параметр '--role' (см. 'backcoach accounts "
                                      "add --help')",
        ("history", "--last", "1.5"): "недопустимое значение '--last': '1.5' — это не целое "
                                      "число (см. 'backcoach history --help')",
    }
    for args, said in cases.items():
        done = _real(tmp_path, "--lang", "ru", *args)
        assert done.returncode == 2, args
        assert done.stderr.strip() == f"backcoach: ошибка: {said}", done.stderr


def test_clicks_usage_errors_stay_as_click_writes_them_in_english(tmp_path):
    done = _real(tmp_path, "--lang", "en", "plan", "--jsn")
    assert done.stderr.strip() == ("backcoach: error: No such option: --jsn (Possible options: "
                                   "--json) (see 'backcoach plan --help')")


def test_every_pattern_of_clicks_errors_has_a_text_with_the_patterns_placeholders():
    import re

    from backcoach.cli.usage import _KNOWN

    for pattern, text in _KNOWN:
        assert set(pattern.groupindex) == set(re.findall(r"\{(\w+)\}", text)), text
