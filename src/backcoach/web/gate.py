"""Server mode's gate: every request is an account's, or it is sent to log in.

Before any route runs, :class:`Gate` finds the account from the session cookie a login set
(:data:`SESSION_COOKIE`) or an API token (``Authorization: Bearer ...``) and puts the app's
state *as that account sees it* where :func:`backcoach.web.deps.get_app_state` finds it, so
every route reads and writes that person's records and no one else's. Without an account,
an API call gets 401 and a page a redirect to /login; only logging in, registering, the
static files and the API's documentation are open to all.

A WebSocket (the camera coach's) is an account's too: the browser sends the session cookie
with it; without an account it is refused before it opens (403).

Local mode (no ``--server``) has no gate: one person, no accounts.
"""

from __future__ import annotations

from urllib.parse import quote

from anyio import to_thread
from fastapi import Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from backcoach import auth
from backcoach.store.accounts import Account, Accounts
from backcoach.store.auth import AuthRows
from backcoach.web.deps import AppState
from backcoach.web.errors import answer
from backcoach.web.security import cookie, refuse_websocket

SESSION_COOKIE = "backcoach_session"
# Open without an account: logging in and registering, what the login page needs to look
# right, and the API's description.
OPEN_PATHS = frozenset({"/login", "/register", "/api/v1/auth/login", "/api/v1/auth/register",
                        "/password/reset", "/api/v1/auth/password-reset",
                        "/openapi.json", "/api/docs", "/favicon.ico", "/sw.js",
                        "/manifest.webmanifest", "/offline"})
OPEN_PREFIXES = ("/static/", "/api/docs/", "/icons/", "/language/")


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def _bearer(header: bytes | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.decode("latin-1").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and 0 < len(token) <= 200 else None


class Gate:
    """The ASGI middleware that does the above (server mode only)."""

    def __init__(self, app: ASGIApp, state: AppState) -> None:
        self.app = app
        self.state = state
        self.accounts = Accounts(state.store.engine)
        self.rows = AuthRows(state.store.engine)
        # On SQLite the lookup takes a fraction of a millisecond: done on the event loop.
        # On PostgreSQL it waits on the network: done in a thread, so the loop serves the
        # other requests meanwhile.
        self.in_thread = state.store.engine.dialect.name != "sqlite"

    def account_of(self, headers: dict[bytes, bytes]) -> Account | None:
        token = _bearer(headers.get(b"authorization"))
        if token is not None:
            return auth.token_account(self.accounts, self.rows, token)
        session = cookie(headers.get(b"cookie"), SESSION_COOKIE)
        if session is not None:
            return auth.session_account(self.accounts, session)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        account = (await to_thread.run_sync(self.account_of, headers) if self.in_thread
                   else self.account_of(headers))
        state = scope.setdefault("state", {})
        state["account"] = account
        if account is not None:
            state["person"] = self.state.for_store(self.accounts.store_of(account))
        elif scope["type"] == "websocket":
            await refuse_websocket(scope, receive, send, 403, "log in first: a camera "
                                   "connection is an account's", "authorization")
            return
        elif not is_open(scope["path"]):
            await self._refuse(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        path = scope["path"]
        if path.startswith("/api/"):
            response = answer(request, 401, "log in first: POST /api/v1/auth/login, or send "
                              "an API token as 'Authorization: Bearer ...'", "authorization")
            response.headers["www-authenticate"] = 'Bearer realm="backcoach"'
        else:
            target = path + (f"?{scope['query_string'].decode('latin-1')}"
                             if scope.get("query_string") else "")
            response = RedirectResponse(f"/login?next={quote(target, safe='')}", 303)
        await response(scope, receive, send)


def current_account(request: Request) -> Account | None:
    """Return the account making this request (None in local mode)."""
    found: Account | None = request.scope.get("state", {}).get("account")
    return found
