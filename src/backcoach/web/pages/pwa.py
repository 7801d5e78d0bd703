"""The installable app: the web app manifest, its icons, the service worker and the page
shown offline (issue 13).

The service worker (static/sw.js) is served from the site root, so its scope covers /today
and /player, with two lines put in front of it: the release it belongs to and the app shell
to precache. A new release changes the first line, so browsers install the new worker,
which drops the old release's caches. Icons are drawn from our own static/icon.svg by
resvg, once per process, at the sizes the manifest names.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from backcoach import i18n
from backcoach.i18n import _
from backcoach.web import service
from backcoach.web.deps import STATIC, TEMPLATES, StateDep, TodayDep
from backcoach.web.render import page

router = APIRouter(include_in_schema=False)

THEME_COLOUR = "#00676d"  # icon.svg's background
BACKGROUND_COLOUR = "#ffffff"
ICON_SIZES = (192, 512)
# A maskable icon is cropped by the phone to any shape inside the middle 80%: the drawing
# sits there, on a background that fills the square.
MASKABLE_SAFE_ZONE = 0.8
SHELL_STATIC = ("app.css", "motion.js", "outbox.js", "player.js", "pwa.js", "icon.svg")
OFFLINE_URL = "/offline"
# What the worker keeps of the day (and what its test reads): the pages that open offline.
OFFLINE_PAGES = ("/today", "/player")
WORKER_POLICY = ("default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; "
                 "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


@cache
def release() -> str:
    """Return a digest of every static file and template: it changes with each release."""
    digest = hashlib.sha256()
    for folder in (STATIC, TEMPLATES):
        for path in sorted(folder.iterdir()):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def icon_svg(*, maskable: bool) -> str:
    """Return our icon as SVG; the maskable one drawn small inside a full square."""
    icon = (STATIC / "icon.svg").read_text(encoding="utf-8")
    if not maskable:
        return icon
    inset = 32 * (1 - MASKABLE_SAFE_ZONE) / 2
    inner = icon.replace("<svg ", f'<svg x="{inset:g}" y="{inset:g}" width="{32 - 2 * inset:g}" '
                         f'height="{32 - 2 * inset:g}" ', 1)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
            f'<rect width="32" height="32" fill="{THEME_COLOUR}"/>{inner}</svg>')


@cache
def icon_png(size: int, *, maskable: bool) -> bytes:
    """Return the icon as a ``size`` px square PNG (rendered once, then kept)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=icon_svg(maskable=maskable),
                                       width=size, height=size))


def icon_url(size: int, *, maskable: bool = False) -> str:
    return f"/icons/{'maskable-' if maskable else ''}{size}.png?v={release()}"


def manifest() -> dict[str, Any]:
    """Return the web app manifest: what a phone needs to install the app, its name and
    description in the current language."""
    icons: list[dict[str, str]] = [
        {"src": icon_url(size), "sizes": f"{size}x{size}", "type": "image/png",
         "purpose": "any"} for size in ICON_SIZES]
    icons.append({"src": icon_url(ICON_SIZES[-1], maskable=True),
                  "sizes": f"{ICON_SIZES[-1]}x{ICON_SIZES[-1]}", "type": "image/png",
                  "purpose": "maskable"})
    return {
        "name": _("backcoach: a stronger, pain-free lower back"),
        "short_name": "backcoach",
        "description": _("A home exercise coach for the lower back."),
        "lang": i18n.current(),
        "id": "/today",
        "start_url": "/today",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }


def shell(request: Request) -> list[str]:
    """Return the URLs of the app shell, exactly as the pages ask for them."""
    static = request.app.state.backcoach.templates.env.globals["static"]
    return [*(static(name) for name in SHELL_STATIC), OFFLINE_URL,
            *(icon_url(size) for size in ICON_SIZES)]


@router.get("/manifest.webmanifest")
def web_manifest() -> Response:
    return JSONResponse(manifest(), media_type="application/manifest+json",
                        headers={"Cache-Control": "no-cache"})


@router.get("/icons/{name}.png")
def icon(name: str) -> Response:
    maskable = name.startswith("maskable-")
    size = name.removeprefix("maskable-")
    if not size.isdigit() or int(size) not in ICON_SIZES:
        raise HTTPException(404, f"no icon '{name}.png': the icons are "
                            + ", ".join(f"{s}.png" for s in ICON_SIZES))
    return Response(icon_png(int(size), maskable=maskable), media_type="image/png",
                    headers={"Cache-Control": "public, max-age=86400"})


@router.get("/sw.js")
def service_worker(request: Request) -> Response:
    """The service worker, never cached by HTTP: the browser checks it on each visit."""
    head = (f"const RELEASE = {json.dumps(release())};\n"
            f"const SHELL = {json.dumps(shell(request))};\n"
            f"const OFFLINE_URL = {json.dumps(OFFLINE_URL)};\n"
            f"const OFFLINE_PAGES = {json.dumps(list(OFFLINE_PAGES))};\n")
    body = head + (STATIC / "sw.js").read_text(encoding="utf-8")
    return Response(body, media_type="text/javascript", headers={
        "Cache-Control": "no-cache", "Content-Security-Policy": WORKER_POLICY})


@router.get("/offline")
def offline(request: Request) -> HTMLResponse:
    """What the worker shows for a page it does not keep, when there is no connection."""
    return page(request, "offline.html", {"active": None})


@router.get("/offline/today.json")
def offline_today(state: StateDep, today: TodayDep) -> Response:
    """Return the URLs to keep for today's session: its pages, figures and exercises."""
    urls: list[str] = list(OFFLINE_PAGES)
    if service.profile(state) is not None:
        plan = service.plan_for(state, today)
        for exercise in dict.fromkeys(item.exercise for item in plan.today.items):
            figure = f"/api/v1/exercises/{exercise}/figure.svg"
            # The animation, its still start (reduced motion) and the thumbnail: the end
            # over a ghost of the start, with its arrow.
            urls += [figure, f"{figure}?pose=start", f"{figure}?pose=end", f"/exercises/{exercise}"]
    return JSONResponse({"release": release(), "urls": urls},
                        headers={"Cache-Control": "no-store"})
