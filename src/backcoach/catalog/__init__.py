"""The exercise catalog: every exercise and complex of the source text, as validated data.

Usage::

    from backcoach.catalog import load_catalog

    catalog = load_catalog()
    cobra = catalog.exercise("snake pose")
    for hit in catalog.search("sphinx"):
        print(hit.exercise.name)
"""

from backcoach.catalog.catalog import Catalog, SearchHit, UnknownIdError
from backcoach.catalog.loader import CatalogError, Problem, load_catalog

__all__ = ["Catalog", "CatalogError", "Problem", "SearchHit", "UnknownIdError", "load_catalog"]
