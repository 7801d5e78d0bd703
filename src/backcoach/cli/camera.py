"""`backcoach camera`: the camera coach watching one exercise, from a camera, a video file
or a landmark stream; it prints the reps, the holds and the cues it gave."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.cli.app import app, cli, fail, print_json
from backcoach.i18n import _

if TYPE_CHECKING:
    from backcoach.camera.coach import CameraCoach
    from backcoach.camera.landmarks import Frame

SOURCES = ("--device", "--video", "--landmarks")
SIZE = 256  # pixels on a picture's longer side: what the pose model is fast at


def _frames(device: int | None, video: Path | None,
            landmarks: Path | None) -> tuple[Iterator[Frame], float]:
    """Return the frames of the chosen source and its pictures' width over height (1 for a
    landmark stream, whose coordinates carry no picture)."""
    from contextlib import closing
    from itertools import chain

    from backcoach.camera import pose

    if landmarks is not None:
        from backcoach.camera.landmarks import read_stream

        return read_stream(landmarks), 1.0
    pictures = (pose.frames_from_video(video, size=SIZE) if video is not None
                else pose.frames_from_device(device or 0, size=SIZE))
    # The first picture before the model: a missing file or camera is said at once.
    first = next(pictures, None)
    if first is None:
        return iter(()), 1.0
    model = pose.open_pose(video=True)

    def seen() -> Iterator[Frame]:
        with closing(model):
            yield from pose.detected(chain([first], pictures), model)

    height, width = first[1].shape[:2]
    return seen(), width / height


def _watched(frames: Iterator[Frame], coach: CameraCoach, *, live: bool,
             say_cues: bool) -> Iterator[Frame]:
    """Feed each frame to the coach and pass it on, printing each cue as it comes when
    ``say_cues``; a ``live`` camera ends at Ctrl-C (and the summary still follows)."""
    try:
        for frame in frames:
            update = coach.feed(frame)
            if say_cues and update.cue:
                typer.echo(f"{_seconds(frame.t)}  {update.cue}", err=True)
            yield frame
    except KeyboardInterrupt:
        if not live:
            raise


def _seconds(value: float) -> str:
    from backcoach.cli.lang import decimal

    return _("{seconds} s").format(seconds=decimal(f"{value:.1f}"))


def _show(summary: dict[str, Any]) -> None:
    """Print the summary: the exercise, its reps or holds, the frames, then each cue."""
    from rich.table import Table

    from backcoach.cli.app import literal, run_catalog
    from backcoach.cli.output import console

    exercise = str(summary["exercise"])
    found = run_catalog().exercises.get(exercise)
    lines = Table.grid(padding=(0, 2))
    lines.add_row(_("Exercise"), literal(found.name if found else exercise))
    holds = summary["holds"]
    if summary.get("count") == "holds" or holds:
        lines.add_row(_("Holds"), ", ".join(_seconds(h) for h in holds) or "0")
    if summary.get("count") != "holds":
        lines.add_row(_("Reps"), str(summary["reps"]))
    lines.add_row(_("Frames"), _("{frames} ({seen} with a person in view)").format(
        frames=summary["frames"], seen=summary["frames_with_person"]))
    out = console()
    out.print(lines)
    cues = summary["cues"]
    if not cues:
        out.print("\n" + _("No cues: nothing to correct was seen."))
        return
    out.print("\n" + _("Cues:"))
    # The time beside each cue, so a long cue wraps under its own text.
    listed = Table.grid(padding=(0, 1))
    listed.add_column(justify="right", no_wrap=True)
    listed.add_column()
    for cue in cues:
        listed.add_row(" " + _seconds(float(cue["t"])), literal(str(cue["text"])))
    out.print(listed)


@app.command()
def camera(
    exercise: Annotated[str, typer.Option(
        "--exercise", metavar="ID", help="The exercise to watch (an id the camera coach "
        "knows, e.g. hip_hinge).")],
    device: Annotated[int | None, typer.Option(
        "--device", metavar="N", help="Watch camera number N (0 is the first); Ctrl-C "
        "ends.")] = None,
    video: Annotated[Path | None, typer.Option(
        "--video", metavar="FILE", help="Watch a video file (MP4, AVI, MKV, WebM).")] = None,
    landmarks: Annotated[Path | None, typer.Option(
        "--landmarks", metavar="FILE", help="Read pose landmarks already found: a JSON-lines "
        "stream, as --save-landmarks writes (needs no camera extra).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of "
                                          "text.")] = False,
    save_landmarks: Annotated[Path | None, typer.Option(
        "--save-landmarks", metavar="FILE", help="Also write the landmarks of every frame "
        "to FILE (JSON lines), to watch again with --landmarks.")] = None,
) -> None:
    """Count an exercise's reps and holds through a camera, and say what to correct.

    Give exactly one source: --device (a camera), --video (a file) or --landmarks (a
    stream of pose landmarks). A camera or a video needs MediaPipe, backcoach's camera
    extra (when it is missing, the error says how to install it). The cues are the
    catalog's own, in the --lang language.
    """
    given = [name for name, value in zip(SOURCES, (device, video, landmarks), strict=True)
             if value is not None]
    if len(given) != 1:
        fail(_("give exactly one source: --device N, --video FILE or --landmarks FILE "
               "({count} given)").format(count=len(given)))
    from backcoach.camera.coach import CameraCoach, check_exercise
    from backcoach.errors import UnsupportedExerciseError

    try:
        check_exercise(exercise)
    except UnsupportedExerciseError as exc:
        fail(exc.message)  # a usage error: exit 2, as for the sources
    frames, aspect = _frames(device, video, landmarks)
    coach = CameraCoach(exercise, lang=cli().lang, aspect=aspect)
    watched = _watched(frames, coach, live=device is not None,
                       say_cues=device is not None and not as_json)
    if device is not None and not as_json:
        typer.echo(_("Watching camera {index}: press Ctrl-C to stop.").format(index=device),
                   err=True)
    if save_landmarks is None:
        for _frame in watched:
            pass
    else:
        from backcoach.camera.landmarks import write_stream

        try:
            write_stream(save_landmarks, watched)
        except OSError as exc:
            fail(_("cannot write '{file}': {error}").format(
                file=save_landmarks, error=exc.strerror or exc))
    summary = coach.summary()
    if as_json:
        print_json(summary)
        return
    _show(summary)
