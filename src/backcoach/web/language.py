"""The language of each request: the person's choice (a cookie set by the switch on every
page; on a server also kept with their account, for their other devices), else the
browser's ``Accept-Language``, else English.

:class:`Language` puts it where :func:`backcoach.web.deps.get_app_state` finds it (the
routes then get the catalog in that language) and speaks it for the request's texts
(:func:`backcoach.i18n.using`); answers say ``Content-Language`` and vary on the headers
that chose it. ``GET /language/{code}`` is the switch.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from starlette.datastructures import MutableHeaders
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcoach import i18n
from backcoach.catalog import Catalog, CatalogError, load_catalog
from backcoach.web.security import cookie, safe_next

LANG_COOKIE = "backcoach_lang"
YEAR = 365 * 24 * 3600
log = logging.getLogger("backcoach.web")
router = APIRouter(include_in_schema=False)


def catalogs() -> dict[str, Catalog]:
    """Return the catalog in every language whose texts are all there (English always)."""
    found = {i18n.DEFAULT: load_catalog()}
    for lang in i18n.LANGUAGES:
        if lang == i18n.DEFAULT:
            continue
        try:
            found[lang] = load_catalog(lang=lang)
        except CatalogError as exc:
            log.warning("the catalog in %s is incomplete (%d problems); pages in %s show "
                        "the exercises in English", lang, len(exc.problems), lang)
    return found


class Language:
    """The ASGI middleware that chooses and speaks each request's language."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A WebSocket (the camera coach's) speaks the page's language too: its cues.
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        state = scope.setdefault("state", {})
        account = state.get("account")  # server mode: set by the gate, outside this
        lang = (i18n.supported(cookie(headers.get(b"cookie"), LANG_COOKIE))
                or (account.language if account is not None else None)
                or i18n.negotiate(headers.get(b"accept-language", b"").decode("latin-1")))
        state["lang"] = lang

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["content-language"] = lang
                out.append("vary", "Accept-Language, Cookie")
            await send(message)

        with i18n.using(lang):
            await self.app(scope, receive, send_with_language)


@router.get("/language/{code}")
def switch(code: str, request: Request, next: str | None = None) -> RedirectResponse:
    """Read the pages in ``code`` from now on (remembered for a year), and go back."""
    lang = i18n.supported(code) or i18n.DEFAULT
    account = request.scope.get("state", {}).get("account")
    if account is not None:  # server mode: remembered for every device they log in on
        from backcoach.store.accounts import Accounts

        Accounts(request.app.state.backcoach.store.engine).set_language(account.email, lang)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(LANG_COOKIE, lang, max_age=YEAR, path="/", samesite="lax",
                        secure=request.app.state.backcoach.settings.https)
    return response
