"""Shared fixtures: the packaged catalog, and a writable copy of its data for bad-data tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backcoach.catalog import Catalog, load_catalog
from backcoach.catalog.loader import DATA_DIR


@pytest.fixture(autouse=True)
def _fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every test at its own data folder, so each has a fresh database and profile."""
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BACKCOACH_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the packaged catalog data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
