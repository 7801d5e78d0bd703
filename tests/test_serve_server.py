"""``backcoach serve --server``: what it refuses, and a real server of two worker processes
where logins made in one process hold in the other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from backcoach.accounts import add_account
from backcoach.cli import app as cli_app
from backcoach.store import Store
from backcoach.store.accounts import Accounts
from tests.serving import free_port

BACKCOACH = str(Path(sys.executable).parent / "backcoach")
PASSWORD = "correct horse battery"


def test_server_mode_needs_a_named_database_and_workers_need_server_mode(tmp_path):
    runner = CliRunner()
    bare = runner.invoke(cli_app, ["serve", "--server"])
    assert bare.exit_code == 2 and "--server needs the database named" in bare.stderr
    workers = runner.invoke(cli_app, ["serve", "--db", str(tmp_path / "a.db"),
                                      "--workers", "2"])
    assert workers.exit_code == 2 and "--workers is for server mode" in workers.stderr


def _call(url: str, body: dict[str, str] | None = None,
          cookie: str | None = None) -> tuple[int, dict[str, object], str | None]:
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body else None,
                                     method="POST" if body else "GET",
                                     headers={"Content-Type": "application/json",
                                              **({"Cookie": cookie} if cookie else {})})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, json.loads(answer.read()), answer.headers["set-cookie"]
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read()), None


def test_a_two_process_server_keeps_logins_in_the_database(tmp_path):
    db = tmp_path / "clinic.db"
    store, _ = Store.open(f"sqlite:///{db}")
    add_account(Accounts(store.engine), "pat@example.com", "patient", PASSWORD)
    store.engine.dispose()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "BACKCOACH_DATABASE_URL"} | {"CI": "1"}
    server = subprocess.Popen([BACKCOACH, "--db", str(db), "serve", "--server", "--workers",
                               "2", "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = _call(f"{base}/me")
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "the server did not answer in 60 s"
                time.sleep(0.2)
        assert status == 401
        status, body, cookie = _call(f"{base}/auth/login",
                                     {"email": "pat@example.com", "password": PASSWORD})
        assert status == 200 and cookie is not None, body
        session = cookie.split(";", 1)[0]
        # Many calls land on both processes; each knows the session from the database.
        for _ in range(20):
            status, body, _ = _call(f"{base}/me", cookie=session)
            assert (status, body["email"]) == (200, "pat@example.com")
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert "Server mode: logins required; 1 account, 2 processes." in out, (out, err)
