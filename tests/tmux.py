"""A real terminal for CLI tests: backcoach running in its own tmux server.

Each test gets its own server (``-L`` socket), so tests never see each other's panes.
What the program wrote, byte for byte (bells and escape sequences included), is kept in
``raw`` through ``pipe-pane``; ``screen()`` is what a person sees now.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

BACKCOACH = Path(sys.executable).parent / "backcoach"
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One terminal of ``width`` x ``height`` running backcoach on ``data_dir``."""

    def __init__(self, data_dir: Path, socket: str, *, width: int = 80, height: int = 24) -> None:
        self.data_dir = data_dir
        self.base = ["tmux", "-L", socket]
        self.width, self.height = width, height
        self.raw_path = data_dir.parent / f"{socket}.raw"

    def start(self, *args: str, env: dict[str, str] | None = None) -> None:
        """Run ``backcoach ARGS`` in the terminal; the pane stays open after it exits."""
        settings = {"BACKCOACH_DATA_DIR": str(self.data_dir), **(env or {})}
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in settings.items())
        # COLUMNS and LINES: readline in the test process exports 80 x 24, which would
        # override the terminal's own size. $? is kept before echo resets it.
        command = (f"unset COLUMNS LINES; {assignments} {BACKCOACH} {shlex.join(args)}; "
                   f"status=$?; echo; echo \"[exit $status]\"; sleep 600")
        subprocess.run([*self.base, "new-session", "-d", "-s", "t", "-x", str(self.width),
                        "-y", str(self.height), command], check=True)
        subprocess.run([*self.base, "pipe-pane", "-t", "t", "-o",
                        f"cat >> {shlex.quote(str(self.raw_path))}"], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", "t", *keys], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.base, "capture-pane", "-t", "t", "-p"], check=True,
                              capture_output=True, text=True).stdout

    def raw(self) -> bytes:
        """Every byte the program wrote to the terminal since it started."""
        return self.raw_path.read_bytes() if self.raw_path.exists() else b""

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def exit_code(self, timeout: float = 15.0) -> int:
        """The program's exit status, once it has ended."""
        shown = self.wait_for("[exit ", timeout)
        return int(shown.rsplit("[exit ", 1)[1].split("]", 1)[0])

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


def terminal(tmp_path: Path, name: str, *, width: int = 80,
             height: int = 24) -> Iterator[Tmux]:
    """A fixture body: a terminal for one test, killed after it."""
    term = Tmux(tmp_path / "data", f"backcoach-test-{name}-{tmp_path.name}", width=width,
                height=height)
    yield term
    term.kill()
