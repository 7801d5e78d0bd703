"""The database and files under attack (issue 18): an in-memory URL, a database of another
program, a full disk, an export aimed at a device, a port in TIME_WAIT."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event, inspect, text
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.errors import InvalidError, UnavailableError
from backcoach.profile import Profile
from backcoach.store import Store
from backcoach.store.db import _sqlite_pragmas, make_engine
from backcoach.store.settings import database_url

runner = CliRunner()
AT = datetime(2026, 3, 1, 8, 0)


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://", "sqlite:///file::memory:"])
def test_an_in_memory_database_is_refused_at_once(url):
    with pytest.raises(InvalidError, match="keeps nothing") as caught:
        Store.open(url)
    assert caught.value.field == "db"
    # The command line, in a process of its own: it answers instead of spinning.
    backcoach = Path(sys.executable).parent / "backcoach"
    done = subprocess.run([str(backcoach), "--db", url, "pain", "3"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "in-memory" in done.stderr


def test_the_wal_switch_gives_up_on_a_database_that_cannot_have_one():
    conn = sqlite3.connect(":memory:")  # journal_mode stays "memory" whatever is asked
    _sqlite_pragmas(conn, None)  # returns: the loop used to spin at 100 % CPU forever
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "memory"


def test_a_database_of_another_program_is_left_alone(store_url):
    engine = make_engine(database_url(store_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)"))
    engine.dispose()
    with pytest.raises(InvalidError, match=r"tables that are not backcoach's \(invoices\)"):
        Store.open(store_url)
    result = runner.invoke(app, ["--db", store_url, "pain", "3"])
    assert result.exit_code == 2 and "invoices" in result.output
    engine = make_engine(database_url(store_url))
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["invoices"]
    engine.dispose()


def _full_after_now(store: Store) -> None:
    """Make the SQLite file unable to grow, as on a full disk (SQLITE_FULL)."""
    with store.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()

    @event.listens_for(store.engine, "connect")
    def cap(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()


def test_a_full_database_says_so_and_reads_go_on(tmp_path: Path):
    store, _ = Store.open(f"sqlite:///{tmp_path / 'full.db'}")
    store.save_profile(Profile(age=40))
    store.add_pain(3, at=AT)
    _full_after_now(store)
    with pytest.raises(UnavailableError, match="the disk is full"):
        for _ in range(2000):
            store.add_pain(4, at=AT, note="x" * 2000)
    assert store.profile() is not None and store.pain_checkins()[0].pain == 3
    store.engine.dispose()


@pytest.fixture
def full_disk(tmp_path: Path):
    """A 2 MB file system, filled up (root only: it is mounted)."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
            capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small file system")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_keeps_reads_working(full_disk: Path):
    url = f"sqlite:///{full_disk / 'b.db'}"
    store, _ = Store.open(url)
    store.save_profile(Profile(age=40))
    store.add_pain(3, at=AT, note="before")
    store.engine.dispose()
    with (full_disk / "filler").open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
        except OSError:
            pass
    store, _ = Store.open(url)  # opening a WAL database needs room for its -shm file
    assert store.profile() is not None
    assert [p.note for p in store.pain_checkins()] == ["before"]
    with pytest.raises(UnavailableError, match="the disk is full"):
        store.add_pain(4, at=AT)
    store.engine.dispose()


def test_export_writes_regular_files_only(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'mine.db'}"
    result = runner.invoke(app, ["--db", url, "export", "/dev/null"])
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert runner.invoke(app, ["--db", url, "export", str(folder)]).exit_code == 2
    assert folder.is_dir()
    ok = runner.invoke(app, ["--db", url, "export", str(tmp_path / "backup.json")])
    assert ok.exit_code == 0, ok.output


def test_a_port_whose_connections_linger_counts_as_free():
    from backcoach.cli.serve import _free

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn's
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    assert not _free("127.0.0.1", port)  # a server listens there
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = listener.accept()
    accepted.close()  # the server side closes first: its end waits in TIME_WAIT
    client.close()
    listener.close()
    assert _free("127.0.0.1", port)  # as after `serve` stops: it may start again at once


def test_serve_answers_the_names_it_is_given_and_no_other(tmp_path: Path, monkeypatch):
    import asyncio

    import httpx
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: served.append(app))
    # Not in the test process: it freezes the garbage collector for a server.
    monkeypatch.setattr("backcoach.web.app.settle_for_serving", lambda: None)
    result = runner.invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--host",
                                 "0.0.0.0", "--port", "8799", "--allow-host", "coach.lan"])
    assert result.exit_code == 0, result.output

    async def ask(host: str) -> int:
        transport = httpx.ASGITransport(app=served[0])
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as c:
            return (await c.get("/api/v1/guide")).status_code

    for host, status in (("127.0.0.1:8799", 200), ("coach.lan:8799", 200),
                         ("localhost", 200), ("evil.example", 400)):
        assert asyncio.run(ask(host)) == status, host
    served[0].state.backcoach.version.close()
    served[0].state.backcoach.store.engine.dispose()
