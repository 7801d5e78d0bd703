"""Settings are values: read once where the program starts, passed down, never sent
through the environment; two configurations in one process stay apart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backcoach.cli import app as cli_app
from backcoach.settings import LOCAL_HOSTS, Settings
from backcoach.store import Store
from backcoach.web import create_app
from tests.serving import free_port


def test_the_database_given_wins_then_the_environment_then_the_data_folder(tmp_path):
    env = {"BACKCOACH_DATABASE_URL": str(tmp_path / "env.db")}
    assert Settings.load(str(tmp_path / "given.db"), environ=env).database_url == \
        f"sqlite:///{tmp_path / 'given.db'}"
    assert Settings.load(environ=env).database_url == f"sqlite:///{tmp_path / 'env.db'}"
    assert Settings.load(environ={}).database_url.endswith("/data/backcoach.db")
    assert Settings.load("postgresql://u@h/db", environ={}).database_url == \
        "postgresql+psycopg://u@h/db"


def test_a_server_answers_to_the_local_names_and_the_address_it_listens_on():
    settings = Settings.load("x.db", environ={})
    assert settings.hosts == LOCAL_HOSTS
    assert settings.listening_on("192.168.1.20").hosts == (*LOCAL_HOSTS, "192.168.1.20")
    assert settings.listening_on("0.0.0.0").hosts == LOCAL_HOSTS
    assert settings.listening_on("localhost") is settings


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_two_apps_in_one_process_keep_their_own_records(tmp_path):
    import httpx

    first, second = (create_app(Settings.load(str(tmp_path / f"{name}.db")))
                     for name in ("first", "second"))
    body = {"age": 40, "equipment": ["mat"]}
    for app, age in ((first, 40), (second, 61)):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            assert (await c.put("/api/v1/profile", json=body | {"age": age})).status_code == 200
    for name, age in (("first", 40), ("second", 61)):
        store, _ = Store.open(f"sqlite:///{tmp_path / name}.db")
        found = store.profile()
        assert found is not None and found.age == age
        store.engine.dispose()
    assert first.state.backcoach.settings.database_url.endswith("first.db")
    assert "BACKCOACH_DATABASE_URL" not in os.environ


def test_each_command_line_run_opens_its_own_database(tmp_path):
    runner = CliRunner()
    for name in ("a", "b"):
        result = runner.invoke(cli_app, ["--db", str(tmp_path / f"{name}.db"), "pain", "3"])
        assert result.exit_code == 0, result.output
    # Without --db, the next run uses the default, not the store the last run opened.
    assert runner.invoke(cli_app, ["pain", "5"]).exit_code == 0
    for name in ("a", "b"):
        store, _ = Store.open(f"sqlite:///{tmp_path / name}.db")
        assert [p.pain for p in store.pain_checkins()] == [3]
        store.engine.dispose()


def test_serve_hands_uvicorn_the_app_built_from_its_settings(tmp_path, monkeypatch):
    import uvicorn

    seen = {}

    def run(app, **options):
        seen["app"], seen["options"] = app, options

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setattr("backcoach.web.app.settle_for_serving", lambda: None)
    db = tmp_path / "served.db"
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--port", str(free_port()),
                                          "--host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    state = seen["app"].state.backcoach
    assert state.settings.database_url == f"sqlite:///{db}"
    assert seen["options"]["host"] == "127.0.0.1"
    assert "BACKCOACH_DATABASE_URL" not in os.environ
    assert f"Records: sqlite:///{db}" in result.output


def test_the_camera_coach_is_on_locally_and_off_on_a_server_unless_turned_on(tmp_path):
    from dataclasses import replace

    from backcoach.cli.serve import _environment
    from backcoach.settings import ENV_CAMERA

    local = Settings.load(str(tmp_path / "a.db"), environ={})
    assert local.camera is None and local.camera_enabled
    server = replace(local, server=True)
    assert not server.camera_enabled and replace(server, camera=True).camera_enabled
    assert not replace(local, camera=False).camera_enabled
    for value, enabled in (("1", True), ("0", False), ("", False)):
        loaded = Settings.load(str(tmp_path / "a.db"),
                               environ={"BACKCOACH_SERVER": "1", ENV_CAMERA: value})
        assert loaded.camera_enabled is enabled
        # What serve --workers hands each worker process gives it the same settings.
        again = Settings.load(None, environ=_environment(loaded))
        assert again.camera == loaded.camera and again.camera_enabled is enabled


def test_serve_camera_options_reach_the_app(tmp_path, monkeypatch):
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(app=app))
    monkeypatch.setattr("backcoach.web.app.settle_for_serving", lambda: None)
    for options, enabled in (([], True), (["--no-camera"], False),
                             (["--server"], False), (["--server", "--camera"], True)):
        result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "c.db"),
                                              "--port", str(free_port()), *options])
        assert result.exit_code == 0, result.output
        assert seen["app"].state.backcoach.settings.camera_enabled is enabled, options
        assert seen["app"].state.camera.enabled is enabled


def test_the_real_serve_command_answers_on_the_address_it_prints(tmp_path):
    port = free_port()
    db = tmp_path / "real.db"
    command = str(Path(sys.executable).parent / "backcoach")
    env = {k: v for k, v in os.environ.items() if k != "BACKCOACH_DATABASE_URL"} | {"CI": "1"}
    server = subprocess.Popen([command, "--db", str(db), "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/exercises",
                                            timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "the server did not answer in 30 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"backcoach is running at http://127.0.0.1:{port}/" in out
    assert db.exists()
