"""The camera coach's WebSocket (/api/v1/camera) in process: a video of the lunge figure
sent frame by frame as the player sends them, a photograph, and every refusal."""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from backcoach.accounts import add_account
from backcoach.camera.coach import supported_exercises
from backcoach.camera.session import MAX_FRAME_BYTES, encode_frame
from backcoach.settings import Settings
from backcoach.store.accounts import Accounts
from backcoach.web import create_app
from backcoach.web.camera import MAX_CONNECTIONS
from tests.lunge import write_avi
from tests.web import NOW, TODAY

cv2 = pytest.importorskip("cv2")
pytest.importorskip("mediapipe")
with warnings.catch_warnings():  # starlette would rather have httpx2, which is not locked
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient, WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect  # noqa: E402

URL = "ws://localhost/api/v1/camera"
LANDMARK_KEYS = {"t", "person", "reps", "holding", "hold_seconds", "cue", "phase",
                 "landmarks"}
PASSWORD = "correct horse battery"


def jpeg(rgb: Any, quality: int = 70) -> bytes:
    ok, data = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR),
                            [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return bytes(data.tobytes())


@pytest.fixture(scope="module")
def lunge_video(tmp_path_factory) -> Path:
    return write_avi(tmp_path_factory.mktemp("video") / "lunge.avi")


@pytest.fixture(scope="module")
def astronaut() -> bytes:
    from skimage import data

    return jpeg(data.astronaut())  # type: ignore[no-untyped-call]


def make_app(db_url: str, **changes: Any) -> FastAPI:
    return create_app(replace(Settings.load(db_url), **changes), today=lambda: TODAY,
                      now=lambda: NOW)


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(make_app(db_url), base_url="http://localhost") as c:
        yield c


def refused(client: TestClient, url: str = URL + "?exercise=lunge", **kwargs: Any) -> Any:
    with pytest.raises(WebSocketDenialResponse) as caught, \
            client.websocket_connect(url, **kwargs):
        pass
    return caught.value


def database_bytes(db_url: str) -> str:
    path = Path(db_url.removeprefix("sqlite:///"))
    digest = hashlib.sha256()
    for part in sorted(path.parent.glob(path.name + "*")):  # the file, its -wal and -shm
        digest.update(part.read_bytes())
    return digest.hexdigest()


def test_a_lunge_video_through_the_socket_counts_as_the_command_line_does(client, db_url,
                                                                         lunge_video):
    from typer.testing import CliRunner

    from backcoach.camera.pose import frames_from_video
    from backcoach.cli import app as cli

    before = database_bytes(db_url)
    answers = []
    with client.websocket_connect(URL + "?exercise=lunge&aspect=1") as socket:
        for t, rgb in frames_from_video(lunge_video):
            socket.send_bytes(encode_frame(t, jpeg(rgb)))  # stop and wait: one answer each
            answers.append(json.loads(socket.receive_text()))
        socket.send_text(json.dumps({"end": True}))
        summary = json.loads(socket.receive_text())["summary"]
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_text()
        assert closed.value.code == 1000
    assert len(answers) == 135 and all(set(a) == LANDMARK_KEYS for a in answers)
    seen = [a for a in answers if a["person"]]
    assert len(seen) >= 0.9 * len(answers)
    assert all(len(a["landmarks"]) == 33 and all(len(p) == 3 for p in a["landmarks"])
               for a in seen)
    assert [a["reps"] for a in answers] == sorted(a["reps"] for a in answers)  # never down
    assert answers[-1]["reps"] == summary["reps"] and summary["frames"] == 135
    by_command = CliRunner().invoke(cli, ["camera", "--exercise", "lunge", "--video",
                                          str(lunge_video), "--json"])
    assert by_command.exit_code == 0, by_command.output
    counted = json.loads(by_command.stdout)["reps"]
    assert 1 <= summary["reps"] <= 3 and abs(summary["reps"] - counted) <= 1
    assert database_bytes(db_url) == before  # nothing stored


def test_a_photograph_is_a_person_and_an_exercise_can_be_switched(client, astronaut):
    with client.websocket_connect(URL + "?exercise=bodyweight_squat&aspect=1") as socket:
        socket.send_bytes(encode_frame(0.0, astronaut))
        answer = json.loads(socket.receive_text())
        assert answer["person"] is True and answer["reps"] == 0 and answer["t"] == 0.0
        socket.send_text(json.dumps({"exercise": "plank"}))
        assert json.loads(socket.receive_text()) == {"exercise": "plank"}
        socket.send_bytes(encode_frame(0.1, astronaut))
        assert json.loads(socket.receive_text())["person"] is True
        socket.send_text(json.dumps({"end": True}))
        summary = json.loads(socket.receive_text())["summary"]
    assert summary["exercise"] == "plank" and summary["frames"] == 1


def test_frames_it_cannot_use_get_an_error_and_the_connection_carries_on(client, astronaut):
    with client.websocket_connect(URL + "?exercise=lunge") as socket:
        socket.send_bytes(encode_frame(0.0, b"\xff\xd8\xff" + b"x" * MAX_FRAME_BYTES))
        too_big = json.loads(socket.receive_text())
        assert too_big["field"] == "frame" and "over the 300 KiB cap" in too_big["error"]
        socket.send_bytes(encode_frame(0.0, b"GIF89a not a jpeg"))
        assert "not a JPEG picture" in json.loads(socket.receive_text())["error"]
        socket.send_bytes(b"\x00\x01")
        assert json.loads(socket.receive_text())["field"] == "t"
        socket.send_bytes(encode_frame(0.5, astronaut))
        assert json.loads(socket.receive_text())["person"] is True
        socket.send_bytes(encode_frame(0.2, astronaut))
        assert "went backwards" in json.loads(socket.receive_text())["error"]
        socket.send_text(json.dumps({"exercise": "cobra"}))
        unknown = json.loads(socket.receive_text())
        assert "cannot watch 'cobra'" in unknown["error"] and "lunge" in unknown["error"]
        socket.send_text("hello")
        assert json.loads(socket.receive_text())["field"] == "message"
        socket.send_bytes(encode_frame(0.6, astronaut))  # still working
        assert json.loads(socket.receive_text())["person"] is True


def test_a_russian_page_hears_what_is_wrong_in_russian(client, astronaut):
    russian = {"accept-language": "ru"}
    with client.websocket_connect(URL + "?exercise=lunge&aspect=wide",
                                  headers=russian) as socket:
        assert "это не отношение ширины снимка к высоте" in \
            json.loads(socket.receive_text())["error"]
    with client.websocket_connect(URL + "?exercise=lunge", headers=russian) as socket:
        socket.send_bytes(encode_frame(0.0, b"GIF89a not a jpeg"))
        assert "не снимок JPEG" in json.loads(socket.receive_text())["error"]
        socket.send_bytes(b"\x00\x01")
        assert "кадр начинается со времени" in json.loads(socket.receive_text())["error"]
        socket.send_bytes(encode_frame(0.5, astronaut))
        assert json.loads(socket.receive_text())["person"] is True
        socket.send_bytes(encode_frame(0.2, astronaut))
        assert "пошло назад" in json.loads(socket.receive_text())["error"]
        socket.send_text("hello")
        assert "текстовое сообщение" in json.loads(socket.receive_text())["error"]


def test_an_exercise_it_cannot_watch_is_named_with_those_it_can(client):
    with client.websocket_connect(URL + "?exercise=cobra") as socket:
        error = json.loads(socket.receive_text())
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_text()
    assert error["field"] == "exercise"
    assert error["error"].endswith("it can watch: " + ", ".join(supported_exercises()))
    assert closed.value.code == 1008


def test_a_bad_aspect_is_refused(client):
    with client.websocket_connect(URL + "?exercise=lunge&aspect=wide") as socket:
        assert json.loads(socket.receive_text())["field"] == "aspect"


def test_more_connections_than_the_cap_are_closed_with_the_reason(client):
    url = URL + "?exercise=lunge"
    with client.websocket_connect(url) as first, client.websocket_connect(url) as second:
        for socket in (first, second):  # both open and answering
            socket.send_text(json.dumps({"exercise": "plank"}))
            assert json.loads(socket.receive_text()) == {"exercise": "plank"}
        with client.websocket_connect(url) as third:
            error = json.loads(third.receive_text())
            with pytest.raises(WebSocketDisconnect) as closed:
                third.receive_text()
        assert f"watching {MAX_CONNECTIONS} people already" in error["error"]
        assert closed.value.code == 1013
    with client.websocket_connect(url) as again:  # a place is free again
        again.send_text(json.dumps({"end": True}))
        assert "summary" in json.loads(again.receive_text())


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://localhost.evil.org"])
def test_another_sites_origin_is_refused_before_the_socket_opens(client, origin):
    refusal = refused(client, headers={"origin": origin})
    assert refusal.status_code == 403 and refusal.json()["errors"][0]["field"] == "origin"


def test_a_cross_site_fetch_without_origin_is_refused_and_the_same_origin_is_served(client):
    assert refused(client, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    with client.websocket_connect(URL + "?exercise=lunge",
                                  headers={"origin": "http://localhost"}) as socket:
        socket.send_text(json.dumps({"end": True}))
        assert "summary" in json.loads(socket.receive_text())


def test_a_host_the_server_does_not_answer_to_is_refused(client):
    refusal = refused(client, "ws://rebound.example/api/v1/camera?exercise=lunge")
    assert refusal.status_code == 400 and "does not answer to the host" in refusal.text


def test_the_camera_coach_switched_off_is_refused_with_the_reason(db_url):
    with TestClient(make_app(db_url, camera=False), base_url="http://localhost") as client:
        refusal = refused(client)
    assert refusal.status_code == 403 and "backcoach serve --camera" in refusal.text


def test_without_the_camera_extra_it_is_refused_saying_how_to_install_it(db_url,
                                                                        monkeypatch):
    from backcoach.camera import pose

    monkeypatch.setattr(pose, "installed", lambda: False)
    with TestClient(make_app(db_url), base_url="http://localhost") as client:
        refusal = refused(client)
    assert refusal.status_code == 503 and "pip install" in refusal.text


@pytest.fixture
def server_app(db_url: str) -> Any:
    def build(**changes: Any) -> FastAPI:
        app = make_app(db_url, server=True, **changes)
        accounts = Accounts(app.state.backcoach.store.engine)
        if not accounts.count():
            add_account(accounts, "pat@example.com", "patient", PASSWORD)
        return app

    return build


def logged_in(client: TestClient) -> TestClient:
    answer = client.post("/api/v1/auth/login", json={"email": "pat@example.com",
                                                     "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return client


def test_a_server_refuses_the_camera_without_a_login(server_app):
    with TestClient(server_app(camera=True), base_url="http://localhost") as client:
        refusal = refused(client)
    assert refusal.status_code == 403 and "log in first" in refusal.text


def test_a_server_keeps_the_camera_off_unless_its_operator_turns_it_on(server_app,
                                                                      astronaut):
    with TestClient(server_app(), base_url="http://localhost") as client:
        refusal = refused(logged_in(client))
    assert refusal.status_code == 403 and "off on this server" in refusal.text
    with TestClient(server_app(camera=True), base_url="http://localhost") as client, \
            logged_in(client).websocket_connect(URL + "?exercise=lunge") as socket:
        socket.send_bytes(encode_frame(0.0, astronaut))
        assert json.loads(socket.receive_text())["person"] is True


PROFILE = {"age": 41, "equipment": ["mat", "chair"], "days_per_week": 7, "minutes_per_day": 15}


def camera_config(html: str) -> dict[str, Any] | None:
    found = re.search(r'<template id="p-camera-config">(.*?)</template>', html, re.S)
    return json.loads(unescape(found.group(1))) if found else None


def test_the_player_offers_the_camera_with_its_exercises_and_a_policy_that_lets_it_run(
        client):
    assert client.put("/api/v1/profile", json=PROFILE).status_code in (200, 201)
    page = client.get("/player")
    config = camera_config(page.text)
    assert config is not None and config["exercises"] == list(supported_exercises())
    assert config["url"] == "/api/v1/camera" and "on this computer" in config["texts"]["privacy"]
    assert re.search(r'<script src="/static/camera\.js[^"]*" defer>', page.text)
    policy = page.headers["content-security-policy"]
    # 'self' lets the page open a WebSocket to its own host (CSP 3), and nothing else.
    assert "connect-src 'self';" in policy and "script-src 'self';" in policy
    # No Permissions-Policy that would keep the page from the camera.
    assert "camera=()" not in page.headers.get("permissions-policy", "")
    russian = client.get("/player", headers={"accept-language": "ru"})
    texts = camera_config(russian.text)["texts"]  # type: ignore[index]
    assert texts["use"] == "Включить камеру" and "компьютере" in texts["privacy"]


def test_a_server_says_where_the_picture_goes_and_a_switched_off_camera_is_not_offered(
        server_app, db_url):
    with TestClient(server_app(camera=True), base_url="http://localhost") as client:
        logged_in(client).put("/api/v1/profile", json=PROFILE)
        config = camera_config(client.get("/player").text)
    assert config is not None and "clinic's backcoach server" in config["texts"]["privacy"]
    with TestClient(server_app(), base_url="http://localhost") as client:
        page = logged_in(client).get("/player").text
    assert camera_config(page) is None and "camera.js" not in page
