"""The OpenAPI document is a contract: schemathesis, with every check, on every operation,
finds nothing. It sends what the document allows (which must be answered without a 4xx
other than 404 and 409) and what it forbids (which must be refused), checks every answer
against the document (statuses, headers, bodies, time stamps with offsets, Allow on 405)
and follows the links between operations (issue 18)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach.profile import Profile
from backcoach.settings import Settings
from backcoach.store import Store
from backcoach.web import create_app

ST = Path(sys.executable).parent / "st"
EXAMPLES_PER_OPERATION = 40
SEED = "18"  # the run is the same each time; change it to look elsewhere


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The app on a fresh SQLite file with a profile (so operations get past "no profile
    yet" and do real work), served by uvicorn on 127.0.0.1; its base URL."""
    import uvicorn

    url = f"sqlite:///{tmp_path / 'schema.db'}"
    store, _ = Store.open(url)
    store.save_profile(Profile(age=40, equipment=["mat", "chair"], days_per_week=7))
    store.engine.dispose()
    app = create_app(Settings.load(url))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="critical", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_every_check_on_every_operation_finds_nothing(served: str, tmp_path: Path) -> None:
    if not ST.exists():  # pragma: no cover - a dev install always has it
        pytest.fail(f"{ST} not found: install the dev tools (python3 dev.py test)")
    assert shutil.which(str(ST))
    result = subprocess.run(
        [str(ST), "run", f"{served}/openapi.json", "--checks", "all",
         "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", SEED, "--no-color",
         "--report-dir", str(tmp_path / "report")],
        capture_output=True, text=True, timeout=540, cwd=tmp_path)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "failure" not in summary and "error" not in summary, result.stdout[-6000:]
