"""The OpenAPI document is a contract: schemathesis, with every check, on every operation,
finds nothing. It sends what the document allows (which must be answered without a 4xx
other than 404 and 409) and what it forbids (which must be refused), checks every answer
against the document (statuses, headers, bodies, time stamps with offsets, Allow on 405)
and follows the links between operations (issue 18); in local mode, and in server mode
as a clinician."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach.profile import Profile
from backcoach.settings import Settings
from backcoach.store import Store
from backcoach.web import create_app
from tests.serving import serving

ST = Path(sys.executable).parent / "st"
EXAMPLES_PER_OPERATION = 40
SEED = "18"  # the run is the same each time; change it to look elsewhere


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The app on a fresh SQLite file with a profile (so operations get past "no profile
    yet" and do real work), served by uvicorn on 127.0.0.1; its base URL."""
    url = f"sqlite:///{tmp_path / 'schema.db'}"
    store, _ = Store.open(url)
    store.save_profile(Profile(age=40, equipment=["mat", "chair"], days_per_week=7))
    store.engine.dispose()
    with serving(create_app(Settings.load(url)), log_level="critical") as base:
        yield base


@pytest.fixture
def served_server_mode(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Server mode, as a clinician with a patient (every operation is a clinician's to
    call): the base URL and the clinician's API token. The token's id is out of the way
    of the ids schemathesis tries, so DELETE /auth/tokens/{id} does not end the run."""
    from dataclasses import replace

    from sqlalchemy import text

    from backcoach.accounts import add_account
    from backcoach.auth import create_token
    from backcoach.store.accounts import Accounts
    from backcoach.store.auth import AuthRows

    url = f"sqlite:///{tmp_path / 'server.db'}"
    app = create_app(replace(Settings.load(url), server=True))
    engine = app.state.backcoach.store.engine
    accounts = Accounts(engine)
    lead = add_account(accounts, "lead@clinic.org", "clinician", "correct horse battery")
    patient = add_account(accounts, "pat@example.com", "patient", "correct horse battery",
                          clinician="lead@clinic.org")
    for account in (lead, patient):
        accounts.store_of(account).save_profile(Profile(age=40, equipment=["mat", "chair"],
                                                        days_per_week=7))
    with engine.begin() as conn:  # the next token's id follows this one
        conn.execute(text("INSERT INTO api_tokens (id, account_id, name, token_hash, "
                          "created_at, revoked_at) VALUES (1234567890, :a, 'spacer', "
                          "'spacer', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"),
                     {"a": lead.id})
    _, token = create_token(AuthRows(engine), lead, "schemathesis")
    with serving(app, log_level="critical") as base:
        yield base, token


def _schemathesis(base: str, tmp_path: Path, *extra: str) -> None:
    if not ST.exists():  # pragma: no cover - a dev install always has it
        pytest.fail(f"{ST} not found: install the dev tools (python3 dev.py test)")
    assert shutil.which(str(ST))
    result = subprocess.run(
        [str(ST), "run", f"{base}/openapi.json", "--checks", "all",
         "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", SEED, "--no-color",
         "--report-dir", str(tmp_path / "report"), *extra],
        capture_output=True, text=True, timeout=540, cwd=tmp_path)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "failure" not in summary and "error" not in summary, result.stdout[-6000:]


def test_every_check_on_every_operation_finds_nothing(served: str, tmp_path: Path) -> None:
    _schemathesis(served, tmp_path)


def test_every_check_on_every_operation_of_server_mode_finds_nothing(
        served_server_mode: tuple[str, str], tmp_path: Path) -> None:
    base, token = served_server_mode
    _schemathesis(base, tmp_path, "--header", f"Authorization: Bearer {token}")
