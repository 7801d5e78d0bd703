"""The OpenAPI document, exact: what the server refuses, the document forbids.

Some rules depend on the day and on the catalog, so they are written into the document
when it is made (again each day): a day (``x-days``) gets a pattern matching exactly the
days the server takes, ten years either side of today or up to today for what already
happened; an id of the catalog (``x-catalog``) gets the list of ids. schemathesis checks
with every check that the server accepts what the document allows, and refuses the rest
(tests/web/test_openapi.py).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from backcoach.catalog import Catalog
from backcoach.limits import DAY_LIMIT
from backcoach.web.gate import SESSION_COOKIE, is_open

MONTH = r"(0[1-9]|1[0-2])"
DAY = r"(0[1-9]|[12]\d|3[01])"


def _days(first: int, last: int) -> str:
    return "(" + "|".join(f"{d:02d}" for d in range(first, last + 1)) + ")"


def _months(first: int, last: int) -> str:
    return "(" + "|".join(f"{m:02d}" for m in range(first, last + 1)) + ")"


def _month_end(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def day_pattern(low: date, high: date) -> str:
    """Return a regular expression matching YYYY-MM-DD from ``low`` to ``high`` (both
    included; the format, date, excludes days such as 02-30)."""
    parts: list[str] = []

    def add_month(year: int, month: int, first: int, last: int) -> None:
        if first == 1 and last == _month_end(year, month):
            parts.append(f"{year:04d}-{month:02d}-{DAY}")
        else:
            parts.append(f"{year:04d}-{month:02d}-{_days(first, last)}")

    def add_year(year: int, start: date, end: date) -> None:
        if start == date(year, 1, 1) and end == date(year, 12, 31):
            parts.append(f"{year:04d}-{MONTH}-{DAY}")
            return
        if start.month == end.month:
            add_month(year, start.month, start.day, end.day)
            return
        add_month(year, start.month, start.day, _month_end(year, start.month))
        if end.month - start.month > 1:
            parts.append(f"{year:04d}-{_months(start.month + 1, end.month - 1)}-{DAY}")
        add_month(year, end.month, 1, end.day)

    for year in range(low.year, high.year + 1):
        add_year(year, max(low, date(year, 1, 1)), min(high, date(year, 12, 31)))
    return "^(" + "|".join(parts) + ")$"


def _walk(node: Any, today: date, ids: dict[str, list[str]],
          variants: dict[str, list[str]]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, today, ids, variants)
        return
    if not isinstance(node, dict):
        return
    days = node.get("x-days")
    if days in ("window", "past"):
        high = today if days == "past" else today + DAY_LIMIT
        _string_branch(node)["pattern"] = day_pattern(today - DAY_LIMIT, high)
    if node.get("x-variants"):
        node["allOf"] = [
            {"if": {"required": ["exercise"], "properties": {"exercise": {"const": ex}}},
             "then": {"properties": {"variant": {"enum": [*found, None]}}}}
            for ex, found in variants.items()]
        variant = node.get("properties", {}).get("variant")
        if variant is not None:
            _string_branch(variant)["enum"] = sorted({v for f in variants.values() for v in f})
    kind = node.get("x-catalog")
    if kind in ids:
        target = node.get("items", node) if node.get("type") == "array" else node
        _string_branch(target)["enum"] = ids[kind]
    for value in node.values():
        _walk(value, today, ids, variants)


def _string_branch(node: dict[str, Any]) -> dict[str, Any]:
    """Return the string schema of ``node`` (itself, or its string branch of anyOf)."""
    for branch in node.get("anyOf", ()):
        if branch.get("type") == "string":
            found: dict[str, Any] = branch
            return found
    return node


UNAUTHORIZED = {"description": "Not logged in: no session cookie or API token, or one that "
                "has ended or been revoked.",
                "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/ErrorBody"}}}}
SECURITY_SCHEMES = {
    "token": {"type": "http", "scheme": "bearer",
              "description": "A personal API token (POST /api/v1/auth/tokens)."},
    "session": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE,
                "description": "The session cookie POST /api/v1/auth/login sets."},
}


def _logins(document: dict[str, Any]) -> None:
    """Server mode: every operation but the open ones (logging in, registering, a new
    password) needs a login, and may answer 401."""
    document.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
    document["security"] = [{"token": []}, {"session": []}]
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            if is_open(path):
                operation["security"] = []
            else:
                operation.setdefault("responses", {}).setdefault("401", UNAUTHORIZED)


def install(app: FastAPI, catalog: Catalog, today: Any, *, server: bool = False) -> None:
    """Make ``app.openapi()`` return the exact document for the app's today (with
    ``server``, the logins it asks for)."""
    ids = {"program": sorted(catalog.programs), "exercise": sorted(catalog.exercises),
           "prescribable": sorted(p.id for p in catalog.programs.values() if not p.supervised),
           "risk": [r.id for r in catalog.guidance.risk_factors]}
    variants = {ex.id: [v.id for v in ex.variants] for ex in catalog.exercises.values()}
    made: dict[date, dict[str, Any]] = {}

    def openapi() -> dict[str, Any]:
        day: date = today()
        if day not in made:
            made.clear()
            document = get_openapi(title=app.title, version=app.version, summary=app.summary,
                                   routes=app.routes)
            _walk(document, day, ids, variants)
            if server:
                _logins(document)
            made[day] = document
        return made[day]

    app.openapi = openapi  # type: ignore[method-assign]
