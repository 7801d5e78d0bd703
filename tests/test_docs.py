"""Docs kept true by test: the README's command table matches the real CLI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from backcoach.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text()


def _cli_commands() -> dict[str, set[str]]:
    """Each command's options; a group's commands are named "group command"."""
    found: dict[str, set[str]] = {}

    def walk(prefix: str, commands: dict[str, Any]) -> None:
        for name, cmd in commands.items():
            if hasattr(cmd, "commands"):
                walk(f"{prefix}{name} ", cmd.commands)
                continue
            found[prefix + name] = {
                opt for param in cmd.params
                for opt in [*param.opts, *getattr(param, "secondary_opts", [])]
                if opt.startswith("--")}

    walk("", typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    return found


def _readme_rows() -> dict[str, str]:
    rows = re.findall(r"^\| `backcoach (\w+(?: [a-z][a-z-]*)?)([^`]*)` \|", README,
                      flags=re.MULTILINE)
    return dict(rows)


def test_readme_starts_with_the_two_commands():
    blocks = re.findall(r"```\n(.*?)\n```", README, flags=re.DOTALL)
    assert blocks[:2] == ["python3 dev.py run", "python3 dev.py test"]
    assert README.index("python3 dev.py run") < README.index("## ")


def test_every_command_is_in_the_readme_and_every_readme_command_exists():
    assert set(_readme_rows()) == set(_cli_commands())


def test_every_option_in_the_readme_exists_and_every_option_is_documented():
    cli = _cli_commands()
    for name, rest in _readme_rows().items():
        if name not in cli:
            continue  # reported by the test above
        documented = set(re.findall(r"--[a-z-]+", rest))
        assert documented == cli[name] - {"--help"}, name


def test_ci_calls_the_readme_test_command():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    assert "python3 dev.py test" in ci
