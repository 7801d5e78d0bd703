"""``--help`` in the run's language: the commands' and options' texts, and Typer's words.

Typer takes the help texts once, at import, in English: a command's docstring, an option's
``help="..."`` (``help=N_("... {choices}", choices=...)`` when values are filled in, and
``N_`` for the panels' headings). They stay the msgids (``cli`` domain). When the run's
language is not English, :func:`prepare` gives every command of the built click tree a
:class:`_Context` whose :meth:`~_Context.get_help` translates the tree, the help option and
Typer's own words ("Options", "[default: ...]"; module constants of ``typer.rich_utils``,
put back after) just before the help is printed: a run that prints no help compiles no
translation for it. English runs are left as they are, byte for byte.

``pybabel extract`` finds them with :func:`extract` (babel.cfg names it for ``cli/*.py``):
the commands' docstrings and the ``help="..."`` texts, besides what ``_`` and ``N_`` mark.
"""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import IO, Any

from typer import _click

from backcoach import i18n
from backcoach.i18n import N_

# Typer's words in its help panels (typer.rich_utils' constants), by constant.
TYPER_WORDS: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
}
USAGE = N_("Usage: ")
# The help option's text, as click writes it (typer._click.decorators.help_option).
HELP_OPTION = N_("Show this message and exit.")
# The attribute of the root command holding the language its help is printed in.
_LANGUAGE = "backcoach_help_language"


def prepare(root: _click.Command, lang: str) -> None:
    """Make every command under ``root`` print its ``--help`` in ``lang`` (a code of
    :data:`backcoach.i18n.LANGUAGES`; English: nothing to do)."""
    if lang == i18n.DEFAULT:
        return
    setattr(root, _LANGUAGE, lang)
    for command in commands(root):
        command.context_class = _Context


def commands(root: _click.Command) -> Iterator[_click.Command]:
    """Yield ``root`` and every command under it, groups' commands after their group."""
    yield root
    for command in getattr(root, "commands", {}).values():
        yield from commands(command)


def texts(root: _click.Command) -> Iterator[str]:
    """Yield every text the ``--help`` of the commands under ``root`` shows (as written)."""
    for command in commands(root):
        yield from _present(command.help, command.short_help, command.epilog,
                            getattr(command, "rich_help_panel", None))
        for param in command.params:
            yield from _present(getattr(param, "help", None),
                                getattr(param, "rich_help_panel", None))


def _present(*found: str | None) -> Iterator[str]:
    yield from (text for text in found if text)


def _translate(root: _click.Command) -> None:
    """Put the texts of the commands under ``root`` in the current language."""
    for command in commands(root):
        command.help = _later(command.help)
        command.short_help = _later(command.short_help)
        command.epilog = _later(command.epilog)
        if getattr(command, "rich_help_panel", None):
            command.rich_help_panel = _later(command.rich_help_panel)  # type: ignore[attr-defined]
        for param in command.params:
            if getattr(param, "help", None):
                param.help = _later(param.help)  # type: ignore[attr-defined]
            if getattr(param, "rich_help_panel", None):
                param.rich_help_panel = _later(param.rich_help_panel)  # type: ignore[attr-defined]


def _later(text: str | None) -> str | None:
    return i18n.later(text) if text else text


@contextmanager
def _typer_words() -> Iterator[None]:
    """Put Typer's words in the current language until the block ends."""
    from typer import rich_utils

    saved = {name: getattr(rich_utils, name) for name in TYPER_WORDS}
    try:
        for name, text in TYPER_WORDS.items():
            setattr(rich_utils, name, i18n.gettext(text))
        yield
    finally:
        for name, text in saved.items():
            setattr(rich_utils, name, text)


class _Formatter(_click.HelpFormatter):
    """Click's help formatter, saying "Usage:" in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, i18n.gettext(USAGE) if prefix is None else prefix)


class _Context(_click.Context):
    """A command's context that prints its help in the run's language."""

    formatter_class = _Formatter

    def get_help(self) -> str:
        root = self.find_root().command
        with i18n.using(getattr(root, _LANGUAGE, i18n.DEFAULT), first="cli"), \
                _typer_words():
            _translate(root)
            option = self.command.get_help_option(self)
            if option is not None and option.help:
                option.help = i18n.gettext(option.help)
            return super().get_help()


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Collection[str],
            options: Any) -> Iterator[Any]:
    """Yield the texts of a command line module for ``pybabel extract``: what the Python
    extractor finds (``_``, ``N_``...), the docstrings of the functions made commands
    (``@app.command()``, ``@app.callback()``), which are their ``--help``, and the texts
    written as ``help="..."`` (of ``typer.Option``, ``typer.Argument``, ``typer.Typer``)."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)
                and d.func.attr in ("command", "callback") for d in node.decorator_list):
            docstring = ast.get_docstring(node, clean=True)
            if docstring:
                yield node.body[0].lineno, "", docstring, []
        elif isinstance(node, ast.keyword) and node.arg == "help" \
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            # Typer cleans a help text as it cleans a docstring; so does the msgid.
            yield node.value.lineno, "", inspect.cleandoc(node.value.value), []
