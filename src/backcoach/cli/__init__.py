"""The ``backcoach`` command line: a thin skin over the library.

Each command parses its options, calls one library function and renders the result, as a
Rich table or panel for people, or as JSON with ``--json`` for programs. Heavy imports
(the catalog's pydantic models, Rich) happen inside the commands, so ``--help`` and quick
commands start fast.
"""

from __future__ import annotations

import sys

# The command modules attach their commands to `app` on import, in the order --help lists
# them.
from backcoach.cli import (  # noqa: F401
    accounts,
    catalog,
    data,
    figures,
    log,
    plan,
    progress,
    serve,
    session,
    start,
)
from backcoach.cli.app import app, arrange

arrange()

__all__ = ["app", "main"]


def main() -> None:
    """Run the CLI; usage errors print one line and exit with code 2."""
    from typer import Exit
    from typer._click.exceptions import ClickException

    try:
        code = app(standalone_mode=False)
    except ClickException as exc:
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            hint = f" (see '{ctx.command_path} --help')"
        print(f"backcoach: error: {exc.format_message()}{hint}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
