"""Errors as part of the interface: the API answers 4xx with JSON naming the field; pages
show a readable page. Nothing a person sends should ever produce a 500.

Routes and the library raise :class:`~backcoach.errors.BackcoachError`; its ``code`` picks
the status and its ``field`` the field::

    raise InvalidError("pain is from 0 to 10, not 12", field="pain_before")

gives 422 ``{"detail": "pain is from 0 to 10, not 12", "errors": [{"field": "pain_before",
"message": "pain is from 0 to 10, not 12"}]}``.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from backcoach.errors import BackcoachError, TooManyError
from backcoach.i18n import _
from backcoach.limits import error_text

log = logging.getLogger("backcoach.web")
API_PREFIX = "/api/"


class ErrorItem(BaseModel):
    field: str
    message: str


class ErrorBody(BaseModel):
    """What every 4xx answer of the API carries."""

    detail: str
    errors: list[ErrorItem] = []


# Declared on every API router, so the OpenAPI document shows the error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The request cannot be read (a body that is "
          "not UTF-8 JSON), or names a host this server does not answer to."},
    403: {"model": ErrorBody, "description": "Refused: the request came from another site "
          "(its Origin or Sec-Fetch-Site), or, on a server, the account's role may not do "
          "this."},
    404: {"model": ErrorBody, "description": "Not found: the field names what."},
    409: {"model": ErrorBody, "description": "Conflicts with what is recorded."},
    413: {"model": ErrorBody, "description": "The body is over 256 KiB."},
    422: {"model": ErrorBody, "description": "A value is wrong: the field names which."},
}


def _field(loc: tuple[int | str, ...] | list[int | str], error: Any) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    if not parts and isinstance(error, BackcoachError) and error.field:
        # A check across fields ("pain_now is 'none' but pain_level is 3") names its field.
        return error.field
    return ".".join(parts) or "body"


def _json(status: int, message: str, items: list[ErrorItem]) -> JSONResponse:
    body = ErrorBody(detail=message, errors=items)
    return JSONResponse(body.model_dump(), status_code=status)


def _page(request: Request, status: int, message: str) -> Response:
    templates = request.app.state.backcoach.templates
    try:
        return templates.TemplateResponse(request, "error.html",  # type: ignore[no-any-return]
                                          {"status": status, "message": message},
                                          status_code=status)
    except Exception:  # pragma: no cover - the error page itself failed
        log.exception("cannot render the error page")
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)


def answer(request: Request, status: int, message: str, field: str | None = None) -> Response:
    if request.url.path.startswith(API_PREFIX):
        return _json(status, message, [ErrorItem(field=field, message=message)] if field else [])
    return _page(request, status, message)


def _methods(request: Request) -> list[str]:
    """Return every method some route answers at this request's path."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(request.url.path):
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def install(app: FastAPI) -> None:
    """Register the handlers that turn exceptions into answers."""

    @app.exception_handler(BackcoachError)
    async def refused(request: Request, exc: BackcoachError) -> Response:
        if exc.http_status >= 500:  # the installed data is broken: a bug to look into
            log.error("%s on %s %s", exc.code, request.method, request.url.path, exc_info=exc)
        response = answer(request, exc.http_status, exc.message, exc.field or "body")
        if isinstance(exc, TooManyError):
            response.headers["retry-after"] = str(exc.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        items = []
        for err in exc.errors():
            text = error_text(err)
            cause = (err.get("ctx") or {}).get("error")
            items.append(ErrorItem(field=_field(err.get("loc", ()), cause), message=text))
        first = items[0] if items else ErrorItem(field="body", message=_("invalid request"))
        message = f"{first.field}: {first.message}"
        if request.url.path.startswith(API_PREFIX):
            return _json(422, message, items)
        return _page(request, 422, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            path = request.url.path
            # In the reader's language, as every refusal of the API and the pages.
            message = _("nothing at {path}").format(path=path)
        response = answer(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        if exc.status_code == 405:
            # Starlette names the methods of the first route on the path only; GET /pain
            # and POST /pain are two routes.
            response.headers["allow"] = ", ".join(_methods(request))
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # A bug: logged with its traceback; the person gets a page, not a stack trace.
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        message = _("something went wrong on our side; what you recorded before is safe. "
                    "Please try again.")
        if not request.url.path.startswith(API_PREFIX):
            return _page(request, 500, message)
        return answer(request, 500, message)


