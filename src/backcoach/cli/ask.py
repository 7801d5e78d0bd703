"""Questions on the terminal: each re-asked until the answer is valid, never a crash."""

from __future__ import annotations

from collections.abc import Mapping

import typer

from backcoach.cli.app import fit, say
from backcoach.i18n import _

# What click adds after a question: ": ".
_SUFFIX = 2


def ask_text(question: str, default: str | None = None) -> str:
    """Return the answer to ``question`` (its default shown in brackets, taken on Enter),
    the question wrapped at word boundaries to the terminal."""
    shown = question if not default else f"{question} [{default}]"
    return str(typer.prompt(fit(shown, _SUFFIX), default=default or "", show_default=False))


def ask_int(question: str, low: int, high: int, default: int | None = None, *,
            required: bool = True) -> int | None:
    """Return a whole number from ``low`` to ``high``.

    Enter takes ``default``; with no default, Enter returns None unless ``required``.
    """
    while True:
        raw = ask_text(f"{question} ({low}-{high})",
                      None if default is None else str(default)).strip()
        if raw == "" and default is None:
            if not required:
                return None
            say("  " + _("Please give a whole number from {low} to {high}.").format(
                low=low, high=high))
            continue
        try:
            value = int(raw)
        except ValueError:
            say("  " + _("Please give a whole number from {low} to {high}.").format(
                low=low, high=high))
            continue
        if low <= value <= high:
            return value
        say("  " + _("{value} is out of range: give a number from {low} to {high}.").format(
            value=value, low=low, high=high))


def ask_choice(question: str, options: tuple[str, ...], default: str,
               words: Mapping[str, str] | None = None) -> str:
    """Return one of ``options`` (any case), re-asking on anything else.

    ``words`` shows an option in the run's language ("дома" for "home"); the person may
    answer with either, the translated word cut short as long as it stays unique.
    """
    shown = {option: (words or {}).get(option, option) for option in options}
    while True:
        answer = ask_text(f"{question} [{'/'.join(shown.values())}]", shown[default]).strip()
        for option, word in shown.items():
            if answer.lower() in (option, word.lower()):
                return option
        # A word in another language may be shortened as far as it stays unique ("ж").
        begun = [option for option, word in shown.items()
                 if answer and word != option and word.lower().startswith(answer.lower())]
        if len(begun) == 1:
            return begun[0]
        say("  " + _("Please answer one of: {choices}.").format(
            choices=", ".join(shown.values())))


def ask_yes(question: str, default: bool = False) -> bool:
    return ask_choice(question, ("y", "n"), "y" if default else "n",
                      {"y": _("y"), "n": _("n")}) == "y"


def confirm(question: str, default: bool = False) -> bool:
    """Ask a yes-or-no question: as click asks it in English ("[y/N]"), and in another
    language with its own words for yes and no (:func:`ask_yes`)."""
    from backcoach.cli.lang import english

    if english():
        return bool(typer.confirm(question, default=default))
    return ask_yes(question, default)
