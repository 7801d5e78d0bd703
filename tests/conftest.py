"""Shared fixtures: the packaged catalog, and a writable copy of its data for bad-data tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backcoach.catalog import Catalog, load_catalog
from backcoach.catalog.loader import DATA_DIR


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the packaged catalog data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
