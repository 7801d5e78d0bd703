"""``/api/docs``: the OpenAPI document in Swagger UI, served from this origin.

Swagger UI's files come from the installed ``swagger-ui-bundle-v2`` package (no CDN, so the
page works offline and under the Content-Security-Policy); the one script of ours that
starts it is ``static/api-docs.js``.
"""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle  # type: ignore[import-untyped]
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

ASSETS = Path(swagger_ui_bundle.swagger_ui_path)
ASSETS_URL = "/api/docs/assets"

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
def api_docs(request: Request) -> HTMLResponse:
    static = request.app.state.backcoach.templates.env.globals["static"]
    return HTMLResponse(f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>backcoach API</title>
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
<link rel="icon" href="{static('icon.svg')}" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui" data-url="/openapi.json"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{static('api-docs.js')}"></script>
</body>
</html>
""")
