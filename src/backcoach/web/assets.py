"""Our static files (CSS, JS, icons), named by a digest of their content.

Pages ask for ``/static/app.css?v=<digest>`` (the templates' ``static()``). A file asked
for with its current digest can never change under that name, so browsers keep it a year
without asking again; asked for without one (or with an old one), it may change with the
next release, so it is kept a few minutes only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from starlette.datastructures import QueryParams
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

FOREVER = "public, max-age=31536000, immutable"
BRIEFLY = "public, max-age=300"


def fingerprints(folder: Path) -> dict[str, str]:
    """Return {file name: digest of its content} for the files of ``folder``."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            for path in folder.iterdir() if path.is_file()}


class Assets(StaticFiles):
    """StaticFiles that say how long a browser may keep each answer."""

    def __init__(self, *, directory: Path) -> None:
        super().__init__(directory=directory)
        self.prints = fingerprints(directory)

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            asked = QueryParams(scope.get("query_string", b"")).get("v")
            current = self.prints.get(path)
            response.headers["Cache-Control"] = (
                FOREVER if asked is not None and asked == current else BRIEFLY)
        return response
