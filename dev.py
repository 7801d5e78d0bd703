#!/usr/bin/env python3
"""Set up the virtual environment at .venv and run the app, the tests or the linters.

    python3 dev.py run [ARGS...]    set up, then start the web app (or: run any backcoach command)
    python3 dev.py test [ARGS...]   set up with the test tools, then run the whole suite
    python3 dev.py lint             ruff and mypy

Needs nothing but Python 3.11 or newer. The environment is rebuilt only when
pyproject.toml or the lock files change, so the second run starts at once.

What is installed is pinned, with hashes, in requirements/app.txt (the app) and
requirements/dev.txt (the app and the test tools); pip installs exactly those versions.
To update them after changing the dependencies in pyproject.toml (or to take newer
releases), run uv (pip install uv), then commit both files:

    uv pip compile pyproject.toml requirements/build.in --universal --python-version 3.11 \
        --generate-hashes --no-header -o requirements/app.txt [--upgrade]
    uv pip compile pyproject.toml requirements/build.in requirements/camera.in --extra dev \
        --override requirements/overrides.txt --universal --python-version 3.11 \
        --generate-hashes --no-header -o requirements/dev.txt [--upgrade]
    uv pip compile pyproject.toml requirements/build.in requirements/camera.in --extra camera \
        --override requirements/overrides.txt --universal --python-version 3.11 \
        --generate-hashes --no-header -o requirements/camera.txt [--upgrade]

requirements/camera.txt is the camera coach's optional extra (see the README).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".backcoach-installed"
LOCKS = {"app": ROOT / "requirements" / "app.txt", "dev": ROOT / "requirements" / "dev.txt"}


def _say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def _wanted(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()
                            + LOCKS[extras].read_bytes()).hexdigest()
    return f"{digest} {extras}"


def ensure_venv(*, dev: bool) -> None:
    """Create .venv and install backcoach (with the dev tools if ``dev``) when needed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under any python3
        sys.exit(f"dev.py: backcoach needs Python 3.11+, this is {sys.version.split()[0]}")
    have = STAMP.read_text() if STAMP.exists() else ""
    # A dev install also serves `run`; a plain one does not serve `test`.
    if have == _wanted("dev") or (not dev and have == _wanted("app")):
        return
    if not (BIN / "python").exists():
        _say(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    lock = LOCKS["dev" if dev else "app"]
    _say(f"installing backcoach{'[dev]' if dev else ''} into .venv from {lock.relative_to(ROOT)} "
         "(first time only)")
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # The pinned versions, each checked against its hash; then backcoach itself, built with
    # the pinned hatchling.
    subprocess.run([*pip, "--require-hashes", "--no-deps", "-r", str(lock)], cwd=ROOT,
                   check=True)
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", "-e", "."], cwd=ROOT,
                   check=True)
    STAMP.write_text(_wanted("dev" if dev else "app"))


def _exec(argv: list[str]) -> int:
    return subprocess.call(argv, cwd=ROOT)


def main(args: list[str]) -> int:
    command, rest = (args[0], args[1:]) if args else ("", [])
    if command == "run":
        ensure_venv(dev=False)
        # The web app on SQLite: prints its local address and opens the browser if it can.
        return _exec([str(BIN / "backcoach"), *(rest or ["serve", "--open"])])
    if command == "test":
        ensure_venv(dev=True)
        return _exec([str(BIN / "python"), "-m", "pytest", *rest])
    if command == "lint":
        ensure_venv(dev=True)
        ruff = _exec([str(BIN / "ruff"), "check", "."])
        mypy = _exec([str(BIN / "mypy")])
        return ruff or mypy
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
