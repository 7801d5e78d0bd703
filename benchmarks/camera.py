"""The camera coach's frames per second, end to end and for the pose model alone, timed in
the same run.

    .venv/bin/python benchmarks/camera.py [--rounds N] [--frames N]

End to end is what a phone's picture costs once it reaches backcoach: a 256 px JPEG decoded
(:func:`~backcoach.camera.pose.decode_jpeg`), the pose found (MediaPipe, tracking as in a
video) and the frame fed to :class:`~backcoach.camera.coach.CameraCoach`. The pose step
alone is the model on the same pictures already decoded. Targets: at least 20 frames a
second end to end on this 2-core machine, and at least two thirds of the pose step's own
rate (what backcoach adds around the model must stay small). Absolute rates move with the
machine and its load, so the two are interleaved, round by round, and the ratio is the
verdict that travels; both are printed with PASS or FAIL, and the script exits 1 on a FAIL.

The pictures are scikit-image's astronaut photograph (a person the model finds), shifted a
little from frame to frame as a person moves, scaled to 256 px and sent as JPEG.

The web path is timed last: backcoach in its own uvicorn process on 127.0.0.1 (the app as
``uvicorn --factory backcoach.web.app:app_from_env`` builds it), a WebSocket client sending
the same frames as the player does, stop-and-wait at up to 15 a second, and the time from
each frame sent to its answer received. Target: p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager

import numpy as np

from backcoach.camera.coach import CameraCoach
from backcoach.camera.landmarks import Frame
from backcoach.camera.pose import decode_jpeg, open_pose

SIZE = 256  # pixels on the longer side, as the command line and the web path send
TARGET_FPS = 20.0  # end to end
TARGET_SHARE = 2 / 3  # end to end over the pose step alone
EXERCISE = "bodyweight_squat"
HOST = "127.0.0.1"
WEB_FPS = 15.0  # the player sends at most this many frames a second
TARGET_P95_MS = 100.0  # frame sent to answer received, on loopback


def pictures(count: int) -> list[bytes]:
    """Return ``count`` JPEG frames of the astronaut, each a few pixels on from the last."""
    import cv2
    from skimage import data

    photo = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)  # type: ignore[no-untyped-call]
    photo = cv2.resize(photo, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
    frames = []
    for i in range(count):
        shift = round(6 * np.sin(i / 5))  # sways left and right
        moved = np.roll(photo, shift, axis=1)
        ok, jpeg = cv2.imencode(".jpg", moved, [cv2.IMWRITE_JPEG_QUALITY, 80])
        assert ok
        frames.append(jpeg.tobytes())
    return frames


def _rate(count: int, run: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    seen = run()
    return count / (time.perf_counter() - start), seen


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _server() -> Iterator[str]:
    """Run backcoach in its own uvicorn process on loopback, as ``serve`` runs it (a fresh
    SQLite file; the camera coach on, as in local mode); yield its WebSocket URL."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BACKCOACH_DATABASE_URL": f"sqlite:///{folder}/bench.db"}
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "backcoach.web.app:app_from_env", "--factory",
             "--host", HOST, "--port", str(port), "--log-level", "warning"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with socket.create_connection((HOST, port), timeout=0.5):
                        break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError("the benchmark server did not start") from None
                    time.sleep(0.1)
            yield f"ws://{HOST}:{port}/api/v1/camera"
        finally:
            process.terminate()
            process.wait(timeout=20)


def web_latency(jpegs: list[bytes]) -> bool:
    """Return whether the web path meets its target, printing it: a real server on
    loopback, frames sent over the WebSocket as the player sends them (the time, then the
    JPEG; the next one only once the last is answered, at most 15 a second), and the time
    from each frame's send to its answer's arrival, p50, p95 and p99."""
    from websockets.sync.client import connect

    from backcoach.camera.session import encode_frame

    latencies: list[float] = []
    seen = 0
    with _server() as url, connect(f"{url}?exercise={EXERCISE}&aspect=1",
                                   max_size=2**20) as socket_:
        for warm_up in range(10):  # the model starts, the person is found
            socket_.send(encode_frame(warm_up / WEB_FPS, jpegs[warm_up % len(jpegs)]))
            socket_.recv()
        start = time.perf_counter()
        for i, jpeg in enumerate(jpegs):
            due = start + i / WEB_FPS
            time.sleep(max(0.0, due - time.perf_counter()))
            sent = time.perf_counter()
            socket_.send(encode_frame(1 + i / WEB_FPS, jpeg))
            answer = json.loads(socket_.recv())
            latencies.append(time.perf_counter() - sent)
            seen += bool(answer.get("person"))
        socket_.send(json.dumps({"end": True}))
        socket_.recv()
    cuts = statistics.quantiles(latencies, n=100)
    p50, p95, p99 = statistics.median(latencies), cuts[94], cuts[98]
    ok = p95 * 1000 < TARGET_P95_MS
    print(f"{'web path: frame sent -> answer (loopback)':<44} p50 {p50 * 1000:5.1f} ms  "
          f"p95 {p95 * 1000:5.1f} ms  p99 {p99 * 1000:5.1f} ms  (person in "
          f"{seen}/{len(jpegs)}, {WEB_FPS:.0f} frames/s)  target p95 < {TARGET_P95_MS:.0f} ms  "
          f"{'PASS' if ok else 'FAIL'}")
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--frames", type=int, default=90)
    args = parser.parse_args(argv)
    jpegs = pictures(args.frames)
    decoded = [decode_jpeg(jpeg, size=SIZE) for jpeg in jpegs]
    print(f"camera: {args.frames} frames of {decoded[0].shape[1]} x {decoded[0].shape[0]} px "
          f"({statistics.mean(map(len, jpegs)) / 1024:.1f} KiB JPEG each), {args.rounds} "
          f"rounds, exercise {EXERCISE}")
    with closing(open_pose(video=True)) as alone, closing(open_pose(video=True)) as whole:
        coach = CameraCoach(EXERCISE)
        t = 0.0

        def pose_step() -> int:
            return sum(alone.detect(rgb) is not None for rgb in decoded)

        def end_to_end() -> int:
            nonlocal t
            seen = 0
            for jpeg in jpegs:
                landmarks = whole.detect(decode_jpeg(jpeg, size=SIZE))
                t += 1 / 15
                seen += coach.feed(Frame(round(t, 4), landmarks)).person
            return seen

        pose_step(), end_to_end()  # warm up: the graphs start, the person is found
        pose_rates: list[float] = []
        rates: list[float] = []
        for _ in range(args.rounds):
            rate, seen_alone = _rate(args.frames, pose_step)
            pose_rates.append(rate)
            rate, seen = _rate(args.frames, end_to_end)
            rates.append(rate)
    pose_fps, fps = statistics.median(pose_rates), statistics.median(rates)
    share = fps / pose_fps
    fps_ok, share_ok = fps >= TARGET_FPS, share >= TARGET_SHARE
    print(f"{'pose step alone (MediaPipe, tracking)':<44} {pose_fps:6.1f} frames/s  "
          f"(person in {seen_alone}/{args.frames})")
    print(f"{'end to end (JPEG -> pose -> coach)':<44} {fps:6.1f} frames/s  "
          f"(person in {seen}/{args.frames})  target >= {TARGET_FPS:.0f}  "
          f"{'PASS' if fps_ok else 'FAIL'}")
    print(f"{'  end to end / pose step':<44} {share:6.2f}        "
          f"target >= {TARGET_SHARE:.2f}  {'PASS' if share_ok else 'FAIL'}")
    print(f"{'  per frame: end to end, pose step':<44} {1000 / fps:6.1f} ms, "
          f"{1000 / pose_fps:.1f} ms")
    web_ok = web_latency(jpegs)
    return 0 if fps_ok and share_ok and web_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
