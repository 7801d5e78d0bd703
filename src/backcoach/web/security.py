"""What keeps other sites out: the Host allow-list, the Origin check on writes, CSRF tokens
on forms, a cap on request bodies and the security headers of every answer.

backcoach has no accounts: whoever can make the browser send a request here could read the
whole health record or change it. So, before any route runs, :class:`Guard`

- answers 400 to a ``Host`` the server was not started for (a DNS-rebinding page names its
  own host, so it can neither read ``/api/v1/export`` nor pass the origin check);
- answers 403 to a write whose ``Origin`` is ``null`` (a sandboxed frame) or another site's,
  or that has no ``Origin`` while ``Sec-Fetch-Site`` says it came from another site (API
  clients that send neither header keep working);
- answers 413 to a body over :data:`MAX_BODY_BYTES`;
- gives every browser a CSRF cookie, whose value each form sends back in a hidden field
  (:func:`form`);
- adds the headers below to every answer: a Content-Security-Policy that runs only our own
  scripts and styles, no framing, no sniffing, no referrer to other sites, and HSTS when the
  server is behind HTTPS.

A WebSocket (the camera coach's, ``/api/v1/camera``) passes the same Host allow-list, and
its ``Origin`` must be this site's whatever the method: a browser lets any page open a
WebSocket anywhere, with the cookies of the site it opens it to (Cross-Site WebSocket
Hijacking), and only the ``Origin`` it sends tells the two apart. A refused WebSocket is
never accepted (:func:`refuse_websocket`): the browser sees the handshake fail with 403.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from markupsafe import Markup
from starlette.datastructures import FormData, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcoach.errors import InvalidError
from backcoach.i18n import _
from backcoach.settings import Settings
from backcoach.web.errors import answer

# A request body larger than this is refused with 413 (the largest real one, a logged
# session of 50 exercises, is a few kilobytes).
MAX_BODY_BYTES = 256 * 1024
CSRF_COOKIE = "backcoach_csrf"
CSRF_FIELD = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Pages: only our own scripts, styles, images and API; no plugin, no framing, forms post here.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "font-src 'self'; connect-src 'self'; media-src 'self' data: blob:; "
               "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
               "form-action 'self'; frame-ancestors 'none'")
# Everything else (JSON, SVG figures and charts, PDFs, calendars): nothing runs, even when
# opened on its own; an SVG keeps its own styles.
DATA_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               "frame-ancestors 'none'; sandbox")
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000")


def host_name(host: str) -> str:
    """Return the name in a Host header without its port: ``[::1]:8000`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _origin_netloc(origin: str) -> str:
    _, sep, rest = origin.partition("://")
    return rest.lower() if sep else ""


def cookie(header: bytes | None, name: str, *, longest: int = 200) -> str | None:
    """Return the value of cookie ``name`` in a ``Cookie`` header, if it is plain ASCII of
    1 to ``longest`` characters (anything else is not a value of ours)."""
    for part in (header or b"").decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and 0 < len(value) <= longest and value.isascii():
            return value
    return None


def safe_next(target: str | None) -> str:
    """Return where to send the browser next: a path on this site, else /today (never
    another site, however the path is written)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/today"
    return target


class Guard:
    """The ASGI middleware that does all of the above, outside every route."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.hosts = frozenset(h.lower().strip("[]") for h in settings.hosts)
        self.secure_cookie = "; Secure" if settings.https else ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            headers = dict(scope["headers"])
            refusal = self._websocket_refusal(headers)
            if refusal is not None:
                await refuse_websocket(scope, receive, send, *refusal)
                return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        send = self._with_headers(scope, headers, send)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, message, field = refusal
            await answer(Request(scope), status, message, field)(scope, receive, send)
            return
        await self.app(scope, _capped(receive), send)

    def _host_refusal(self, host: str) -> tuple[int, str, str] | None:
        if host_name(host) not in self.hosts:
            return (400, f"this server does not answer to the host '{host[:100]}'; open it "
                    "at the address it printed when it started", "host")
        return None

    @staticmethod
    def _origin_refusal(host: str, headers: dict[bytes, bytes]) -> tuple[int, str, str] | None:
        origin = headers.get(b"origin")
        if origin is not None:
            if _origin_netloc(origin.decode("latin-1")) != host.lower():
                return 403, "refused: this request came from another site", "origin"
        elif headers.get(b"sec-fetch-site") in (b"cross-site", b"same-site"):
            return 403, "refused: this request came from another site", "origin"
        return None

    def _websocket_refusal(self, headers: dict[bytes, bytes]) -> tuple[int, str, str] | None:
        # Browsers always send Origin with a WebSocket; a program that sends none is served,
        # as an API client is.
        host = headers.get(b"host", b"").decode("latin-1")
        return self._host_refusal(host) or self._origin_refusal(host, headers)

    def _refusal(self, scope: Scope, headers: dict[bytes, bytes]) -> tuple[int, str, str] | None:
        host = headers.get(b"host", b"").decode("latin-1")
        refusal = self._host_refusal(host)
        if refusal is not None:
            return refusal
        if scope["method"] not in SAFE_METHODS:
            refusal = self._origin_refusal(host, headers)
            if refusal is not None:
                return refusal
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return (413, f"the request body is over {MAX_BODY_BYTES // 1024} KiB; send less "
                    "at once", "body")
        return None

    def _with_headers(self, scope: Scope, headers: dict[bytes, bytes], send: Send) -> Send:
        token = cookie(headers.get(b"cookie"), CSRF_COOKIE, longest=100)
        if token is not None and len(token) < 20:
            token = None  # not one we made
        state = scope.setdefault("state", {})
        state["csrf_cookie"] = token
        state["csrf"] = token or secrets.token_urlsafe(32)
        new_cookie = token is None
        https = self.settings.https

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                html = out.get("content-type", "").startswith("text/html")
                for name, value in HEADERS:
                    out.append(name.decode(), value.decode())
                # A route that sets a policy of its own keeps it: the service worker needs
                # to fetch from this site, which the data policy forbids.
                if "content-security-policy" not in out:
                    out["content-security-policy"] = PAGE_POLICY if html else DATA_POLICY
                if https:
                    out.append(HSTS[0].decode(), HSTS[1].decode())
                if html and new_cookie:
                    out.append("set-cookie", f"{CSRF_COOKIE}={state['csrf']}; Path=/; "
                               f"HttpOnly; SameSite=Strict{self.secure_cookie}")
            await send(message)

        return send_with_headers


# A WebSocket close frame's reason is at most 123 bytes.
CLOSE_REASON_BYTES = 123


def close_reason(message: str) -> str:
    """Return ``message`` cut to fit a WebSocket close frame's reason."""
    data = message.encode()
    if len(data) <= CLOSE_REASON_BYTES:
        return message
    return data[:CLOSE_REASON_BYTES - 3].decode(errors="ignore") + "..."


async def refuse_websocket(scope: Scope, receive: Receive, send: Send, status: int,
                           message: str, field: str) -> None:
    """Refuse a WebSocket before accepting it: an HTTP answer with the API's error body where
    the server can send one (uvicorn, the test client), else a close, which the server turns
    into 403. Either way the connection never opens."""
    if "websocket.http.response" in scope.get("extensions", {}):
        body = {"detail": message, "errors": [{"field": field, "message": message}]}
        await JSONResponse(body, status_code=status)(scope, receive, send)
    else:
        await send({"type": "websocket.close", "code": 1008, "reason": close_reason(message)})


def _capped(receive: Receive) -> Receive:
    """Return ``receive`` refusing a body (sent without Content-Length) past the cap."""
    seen = 0

    async def capped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY_BYTES:
                raise HTTPException(413, f"the request body is over {MAX_BODY_BYTES // 1024} "
                                    "KiB; send less at once")
        return message

    return capped


def csrf_field(request: Request) -> Markup:
    """Return the hidden field that carries this browser's CSRF token in a form."""
    token = getattr(request.state, "csrf", "")
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{token}">')


async def form(request: Request) -> FormData:
    """Return a submitted form once its CSRF token matches the browser's cookie; refuses
    (403) a form from another site or an expired one, and (422) a NUL character."""
    data = await request.form()
    cookie = request.state.csrf_cookie
    sent = data.get(CSRF_FIELD)
    if not cookie or not isinstance(sent, str) or not secrets.compare_digest(sent, cookie):
        raise HTTPException(403, "this form has expired or came from another site: reload "
                            "the page and send it again")
    for name, value in data.multi_items():
        if isinstance(value, str) and "\x00" in value:
            raise InvalidError(_("{name}: remove the NUL character (\\0) from the "
                                 "text").format(name=name), field=name)
    return data


FormDep = Annotated[FormData, Depends(form)]

__all__ = ["MAX_BODY_BYTES", "FormDep", "Guard", "close_reason", "cookie", "csrf_field", "form",
           "host_name", "refuse_websocket", "safe_next"]
