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
    camera,
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
from backcoach.cli.app import app, args_language, arrange

arrange()

__all__ = ["app", "main"]


def main() -> None:
    """Run the CLI; usage errors print one line and exit with code 2."""
    from typer import Exit
    from typer._click.exceptions import ClickException

    try:
        code = app(standalone_mode=False)
    except ClickException as exc:
        from backcoach import i18n
        from backcoach.i18n import _

        # The run's language ended with its context (or was never chosen): choose it again.
        lang = args_language(sys.argv[1:])
        with i18n.using(lang, first="cli"):
            hint = ""
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                hint = " " + _("(see '{command} --help')").format(command=ctx.command_path)
            message = exc.format_message()
            if lang != i18n.DEFAULT:  # click says its own refusals in English only
                from backcoach.cli.usage import said

                message = said(message)
            print(_("backcoach: error: {message}").format(message=message) + hint,
                  file=sys.stderr)
        sys.exit(exc.exit_code)
    except Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
