"""Schemathesis sends generated requests to every operation of /openapi.json: no answer may
be a server error (5xx), whatever the input."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from backcoach.profile import Profile
from backcoach.settings import Settings
from backcoach.store import Store
from backcoach.web import create_app

EXAMPLES_PER_OPERATION = 12


def _app(folder: Path) -> FastAPI:
    url = f"sqlite:///{folder / 'schema.db'}"
    store, _ = Store.open(url)
    # A person with a profile, so operations get past "no profile yet" and do real work.
    store.save_profile(Profile(age=40, equipment=["mat", "chair"], days_per_week=7))
    store.engine.dispose()
    # Starlette's test client, which schemathesis uses, calls itself "testserver".
    return create_app(Settings.load(url).listening_on("testserver"),
                      today=lambda: date(2026, 3, 4),
                      now=lambda: datetime(2026, 3, 4, 9))


# Loaded when the module is collected (schemathesis' fixture-based loading does not work
# with pytest 9); the folder goes when the module's tests are done.
_FOLDER = tempfile.TemporaryDirectory(prefix="backcoach-schemathesis-")
_APP = _app(Path(_FOLDER.name))
schema = schemathesis.openapi.from_asgi("/openapi.json", _APP)


@pytest.fixture(scope="module", autouse=True)
def _clean_up() -> Iterator[None]:
    yield
    _APP.state.backcoach.version.close()
    _APP.state.backcoach.store.engine.dispose()
    _FOLDER.cleanup()


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_no_input_makes_a_server_error(case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
