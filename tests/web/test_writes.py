"""Writes on SQLite are done on the event loop, unless another process holds the write
lock: then the write waits in a thread and the server keeps answering (issue 18)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.anyio


async def test_a_write_waits_for_another_process_without_stalling_the_server(client, db_url):
    assert (await client.post("/api/v1/pain", json={"pain": 1})).status_code == 201
    other = sqlite3.connect(Path(db_url.removeprefix("sqlite:///")), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as the command line does while it logs
    try:
        waiting = asyncio.ensure_future(client.post("/api/v1/pain", json={"pain": 5}))
        read = await client.get("/api/v1/guide")  # answered while the write waits
        assert read.status_code == 200 and not waiting.done()
    finally:
        other.execute("COMMIT")
        other.close()
    assert (await waiting).status_code == 201
    assert [p["pain"] for p in (await client.get("/api/v1/pain")).json()] == [1, 5]
