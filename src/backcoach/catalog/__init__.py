"""The exercise catalog: every exercise and complex of the source text, as validated data.

Usage::

    from backcoach.catalog import load_catalog

    catalog = load_catalog()
    cobra = catalog.exercise("snake pose")
    for hit in catalog.search("sphinx"):
        print(hit.exercise.name)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backcoach.catalog.catalog import Catalog, SearchHit, UnknownIdError, UsedIn
    from backcoach.catalog.loader import CatalogError, Problem, load_catalog

__all__ = ["Catalog", "CatalogError", "Problem", "SearchHit", "UnknownIdError", "UsedIn",
           "load_catalog"]

# Imported on first use: the pydantic models cost ~0.1 s to build, which commands that
# never touch the catalog (--help, pain, history) should not pay.
_HOME = {"Catalog": "catalog", "SearchHit": "catalog", "UnknownIdError": "catalog",
         "UsedIn": "catalog",
         "CatalogError": "loader", "Problem": "loader", "load_catalog": "loader"}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"backcoach.catalog.{_HOME[name]}"), name)
    raise AttributeError(f"module 'backcoach.catalog' has no attribute {name!r}")
