"""The camera coach's WebSocket, ``/api/v1/camera``: the player's frames in, the coach's
answers out. The work of each connection is :class:`backcoach.camera.session.CameraSession`;
this module only carries messages.

Protocol. The page opens ``ws://HOST/api/v1/camera?exercise=ID&aspect=W/H`` (cues come in
the page's language). It sends a frame as a binary message: an 8-byte little-endian float64,
the time in seconds, then the JPEG (256 px on the longer side); the server answers each with
one JSON text message ``{"t", "person", "reps", "holding", "hold_seconds", "cue", "phase",
"landmarks": [[x, y, visibility] x 33] | null}``, and the page sends the next frame only
then (stop-and-wait: a slow server slows the frames down, never queues them). A text
message ``{"exercise": ID}`` watches another exercise, counting afresh (answered
``{"exercise": ID}``); ``{"end": true}`` is answered ``{"summary": {...}}`` and the server
closes. A frame or a message it cannot use (over 300 KiB, not a JPEG, a time that goes
backwards, an exercise it cannot watch) is answered ``{"error": TEXT, "field": NAME}`` and
the connection carries on; an exercise it cannot watch or a bad aspect in the address, and a
full house (more than :data:`MAX_CONNECTIONS` at once; close code 1013) are answered so,
then closed.

Refused before it opens, with the API's error body where the server can send one (the
browser sees the handshake fail): a host the server does not answer to (400) and another
site's Origin (403) by :mod:`backcoach.web.security`, no login on a server (403) by
:mod:`backcoach.web.gate`, the camera coach off (403; :attr:`Settings.camera_enabled`: off on
a server unless ``serve --camera``) and the camera extra missing (503) here. Frames are
looked at in memory and dropped: nothing is stored or logged, and the database is not
touched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from importlib.util import find_spec

from anyio import to_thread
from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect

from backcoach.camera import pose
from backcoach.camera.coach import supported_exercises
from backcoach.camera.session import CameraSession, parse_aspect
from backcoach.errors import BackcoachError
from backcoach.i18n import _, using
from backcoach.settings import Settings
from backcoach.web.security import close_reason, refuse_websocket

PATH = "/camera"
# Each connection holds a pose model (~40 MB) and a core while it runs: two people on one
# computer is plenty; a server takes more with more processes.
MAX_CONNECTIONS = 2
TRY_AGAIN_LATER = 1013  # the WebSocket close code for a server that is full
POLICY = 1008  # the close code for a request refused by policy
router = APIRouter()


@dataclass
class Camera:
    """Whether this app offers the camera coach, and the connections open now."""

    enabled: bool
    installed: bool
    exercises: tuple[str, ...]
    # Counted on the event loop, which runs one connection's code at a time.
    open: int = 0

    @classmethod
    def for_settings(cls, settings: Settings) -> Camera:
        # uvicorn serves WebSockets only with the websockets package (or wsproto).
        serves = find_spec("websockets") is not None or find_spec("wsproto") is not None
        return cls(enabled=settings.camera_enabled, installed=pose.installed() and serves,
                   exercises=supported_exercises())

    @property
    def available(self) -> bool:
        return self.enabled and self.installed

    def refusal(self) -> tuple[int, str] | None:
        if not self.enabled:
            return 403, ("the camera coach is off on this server: its operator turns it "
                         "on with 'backcoach serve --camera' (or BACKCOACH_CAMERA=1)")
        if not self.installed:
            return 503, ("the camera coach needs the camera extra, which is not installed "
                         f"here: {pose.INSTALL}")
        return None


def _error(exc: BackcoachError) -> str:
    return json.dumps({"error": exc.message, "field": exc.field})


async def _refuse_open(websocket: WebSocket, text: str, field_name: str, code: int) -> None:
    """Accept, say why in an error message, and close: the page can show the reason."""
    await websocket.accept()
    await websocket.send_text(json.dumps({"error": text, "field": field_name}))
    await websocket.close(code, close_reason(text))


@router.websocket(PATH)
async def camera(websocket: WebSocket) -> None:
    state = websocket.app.state
    service: Camera = state.camera
    refusal = service.refusal()
    if refusal is not None:
        status, text = refusal
        await refuse_websocket(websocket.scope, websocket.receive, websocket.send, status,
                               text, "camera")
        return
    lang = websocket.scope.get("state", {}).get("lang", "en")
    params = websocket.query_params
    try:
        with using(lang):
            aspect = parse_aspect(params.get("aspect"))
            # Checks the exercise before the model is opened (the error names those it
            # can watch).
            CameraSession.check(params.get("exercise", ""))
    except BackcoachError as exc:
        await _refuse_open(websocket, exc.message, exc.field or "exercise", POLICY)
        return
    if service.open >= MAX_CONNECTIONS:
        with using(lang):
            busy = _("the camera coach is watching {count} people already: try again when "
                     "one of them stops").format(count=MAX_CONNECTIONS)
        await _refuse_open(websocket, busy, "camera", TRY_AGAIN_LATER)
        return
    service.open += 1
    try:
        await websocket.accept()
        session = await to_thread.run_sync(partial(
            CameraSession, params.get("exercise", ""), lang=lang, aspect=aspect))
        try:
            await _serve(websocket, session)
        finally:
            await to_thread.run_sync(session.close)
    except WebSocketDisconnect:
        pass  # the page went away: nothing to keep
    except BackcoachError as exc:  # the model cannot be opened
        await websocket.send_text(_error(exc))
        await websocket.close(POLICY, close_reason(exc.message))
    finally:
        service.open -= 1


async def _serve(websocket: WebSocket, session: CameraSession) -> None:
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        data, text = message.get("bytes"), message.get("text")
        if data is not None:
            try:
                answer = await to_thread.run_sync(session.frame, data)
            except BackcoachError as exc:
                await websocket.send_text(_error(exc))
            else:
                await websocket.send_text(json.dumps(answer))
            continue
        try:
            command = json.loads(text or "")
        except ValueError:
            command = None
        if isinstance(command, dict) and command.get("end") is True:
            await websocket.send_text(json.dumps({"summary": session.summary()}))
            await websocket.close(1000)
            return
        if isinstance(command, dict) and isinstance(command.get("exercise"), str):
            try:
                session.switch(command["exercise"])
            except BackcoachError as exc:
                await websocket.send_text(_error(exc))
            else:
                await websocket.send_text(json.dumps({"exercise": session.exercise}))
            continue
        with using(session.lang):
            wrong = _("a text message is a JSON object with \"exercise\" (an exercise id) or "
                      "\"end\" (true); frames are binary (the time, then the JPEG)")
        await websocket.send_text(json.dumps({"error": wrong, "field": "message"}))
