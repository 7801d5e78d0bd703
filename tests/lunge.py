"""Pictures of the project's lunge figure, which MediaPipe sees as a person (a standing stick
figure it does not): a video file of them, for the camera coach's web path, the browser's
fake camera and the benchmark.

The sequence is the one `backcoach camera --video` is tested on (tests/camera/
test_cli_camera.py): the start pose for 3 s, then three lunges (1.5 s down, 2 s back up) at
10 frames a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SIZE = 256
FPS = 10
POSES = ["start"] * 30 + (["end"] * 15 + ["start"] * 20) * 3


def pictures() -> dict[str, Any]:
    """Return the lunge figure's start and end poses as BGR pictures, SIZE px square."""
    import cv2

    from backcoach.camera.pose import decode_jpeg
    from backcoach.figures import load_figures, render_svg, svg_to_png

    figure = load_figures()["lunge"]
    found = {}
    for pose in ("start", "end"):
        rgb = decode_jpeg(svg_to_png(render_svg(figure, pose=pose, size=(SIZE, SIZE))))
        found[pose] = cv2.resize(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), (SIZE, SIZE))
    return found


def write_avi(path: Path) -> Path:
    """Write the lunges as an MJPG AVI (every OpenCV build writes and reads it)."""
    import cv2

    drawn = pictures()
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), FPS, (SIZE, SIZE))
    for pose in POSES:
        writer.write(drawn[pose])
    writer.release()
    return path


def write_y4m(path: Path, *, size: tuple[int, int] = (640, 480)) -> Path:
    """Write the lunges as a Y4M video (raw YUV 4:2:0), which Chromium's fake camera plays
    in a loop (--use-file-for-fake-video-capture): each picture centred on white."""
    import cv2
    import numpy as np

    width, height = size
    drawn = pictures()
    framed = {}
    for pose, picture in drawn.items():
        scale = height / SIZE
        big = cv2.resize(picture, (round(SIZE * scale), height))
        canvas = np.full((height, width, 3), 255, np.uint8)
        left = (width - big.shape[1]) // 2
        canvas[:, left:left + big.shape[1]] = big
        framed[pose] = cv2.cvtColor(canvas, cv2.COLOR_BGR2YUV_I420).tobytes()
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{FPS}:1 Ip A1:1 C420jpeg\n".encode())
        for pose in POSES:
            out.write(b"FRAME\n" + framed[pose])
    return path
