"""How output reaches a person: one console as wide as the terminal, tables that fit it,
and a pager for what is taller than the screen.

    with paged() as out:                      # less (or $PAGER) on a terminal, when tall
        out.print(table("3 programs", [Column("name", whole=True), Column("id", hide=1)],
                        rows))

A table fits by hiding its least useful columns (the caption says which, and ``--wide``
shows them) and by wrapping text at word boundaries; a name is never cut. The pager is
used only when standard output is a terminal, never on a pipe, with ``--json`` (which
does not print through here) or ``backcoach --no-pager``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from rich.console import Console
from rich.pager import Pager
from rich.table import Table
from rich.text import Text

from backcoach.cli.run import cli
from backcoach.i18n import _

# A --wide console: wide enough for any table, so none is squeezed (the terminal wraps).
WIDE = 1000


def console() -> Console:
    """Return this run's console, created on first use: as wide as the terminal (or
    $COLUMNS), or after --wide wide enough for any table."""
    run = cli()
    if run.console is None:
        # No emoji codes either: ":thumbs_up:" in a note prints as typed.
        run.console = Console(highlight=False, emoji=False,
                              width=WIDE if run.wide else None)
    out: Console = run.console
    return out


@dataclass(frozen=True)
class Column:
    """A table column; ``hide`` > 0 lets a narrow terminal drop it, highest first."""

    header: str
    hide: int = 0
    whole: bool = False  # a name (a cell's first line): on one line when it fits; never cut
    justify: Literal["left", "right"] = "left"
    style: str = ""


# A table's cell padding (one space each side) and its vertical rules.
_PADDING = 2
# Narrower than this, wrapped text reads a word a line: a name wraps instead.
READABLE = 12


def _lines(cell: str) -> list[str]:
    return Text.from_markup(cell).plain.splitlines() or [""]


def _longest_word(cell: str) -> int:
    return max((cell_len(word) for line in _lines(cell) for word in line.split()), default=0)


def _longest_line(cell: str) -> int:
    return max(cell_len(line) for line in _lines(cell))


def _first_line(cell: str) -> int:
    return cell_len(_lines(cell)[0])


def _frame(columns: int) -> int:
    """The width a table spends on padding and rules around ``columns`` columns."""
    return columns * _PADDING + columns + 1


def _spread(low: list[int], high: list[int], room: int) -> list[int]:
    """Return widths from ``low`` towards ``high`` with ``room`` more cells, each given to
    the narrowest column still short of its longest line: short columns (a date, a
    level) stay on one line, and the long text shares what is left."""
    widths = list(low)
    for _step in range(room):
        short = [i for i in range(len(widths)) if widths[i] < high[i]]
        if not short:
            break
        widths[min(short, key=lambda i: (widths[i], i))] += 1
    return widths


def _sizes(kept: list[int], low: list[int], high: list[int], width: int) -> dict[int, int]:
    """Return each kept column's width, the room left spread by :func:`_spread`."""
    room = width - _frame(len(kept)) - sum(low[i] for i in kept)
    spread = _spread([low[i] for i in kept], [high[i] for i in kept], room)
    return dict(zip(kept, spread, strict=True))


def fitted(title: str | None, columns: Sequence[Column], rows: Sequence[Sequence[str]], *,
           width: int, wide: bool = False) -> Table:
    """Return a table of ``rows`` (Rich markup, escaped) no wider than ``width``.

    Columns are hidden, the highest ``hide`` first, until every kept column can show its
    longest word (its longest first line for a ``whole`` column: the name before any
    note); then each gets a width between that and its longest line, and text wraps at
    word boundaries within it. When keeping names whole would leave other text under
    :data:`READABLE` cells, the names wrap at their spaces too. With ``wide`` every column
    is kept at its natural width.
    """
    kept = list(range(len(columns)))
    cells = [[row[i] for row in rows] + [columns[i].header] for i in range(len(columns))]
    high = [max(_longest_line(c) for c in column) for column in cells]
    words = [max(_longest_word(c) for c in column) for column in cells]
    low = [max(words[i], max(_first_line(c) for c in cells[i])) if columns[i].whole
           else words[i] for i in range(len(columns))]
    hidden: list[str] = []
    while not wide and sum(low[i] for i in kept) + _frame(len(kept)) > width:
        droppable = [i for i in kept if columns[i].hide > 0]
        if not droppable:
            low = words  # a name too long for the terminal wraps at its spaces
            break
        last = max(droppable, key=lambda i: (columns[i].hide, i))
        kept.remove(last)
        hidden.append(columns[last].header)
    sizes = _sizes(kept, low, high, width)
    if any(sizes[i] < min(high[i], READABLE) for i in kept if not columns[i].whole):
        sizes = _sizes(kept, words, high, width)  # long names wrap rather than starve text
    caption = (_("Not shown at this width: {columns}; --wide shows them.").format(
        columns=", ".join(hidden)) if hidden else None)
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left",
                  caption_style="dim")
    for i in kept:
        column = columns[i]
        table.add_column(column.header, justify=column.justify, style=column.style,
                         no_wrap=wide, overflow="fold",
                         width=None if wide else sizes[i])
    for row in rows:
        table.add_row(*(row[i] for i in kept))
    return table


def table(title: str | None, columns: Sequence[Column], rows: Sequence[Sequence[str]], *,
          inset: int = 0) -> Table:
    """Return :func:`fitted` to this run's console, ``inset`` cells narrower (a panel's
    frame), and with every column after --wide."""
    return fitted(title, columns, rows, width=console().width - inset, wide=cli().wide)


class _Pager(Pager):
    """$PAGER (default ``less`` with colours, quitting at once on a short text), used only
    for a text taller than the screen; a shorter one is printed as it is."""

    def __init__(self, height: int) -> None:
        self.height = height

    def show(self, content: str) -> None:
        command = os.environ.get("PAGER", "less").strip()
        if content.count("\n") < self.height or command in ("", "cat"):
            sys.stdout.write(content)
            sys.stdout.flush()
            return
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # as git: raw colours, quit if one screen, no clear
        # Ctrl-C belongs to the pager (less stops a search with it): this process waits,
        # and the pager, started with the default handler, gets it.
        before = signal.signal(signal.SIGINT, lambda *_: None)
        try:
            done = subprocess.run(command, shell=True, input=content, text=True, env=env,
                                  check=False)
        finally:
            signal.signal(signal.SIGINT, before)
        if done.returncode == 127:  # the shell found no such command: print it instead
            sys.stdout.write(content)
            sys.stdout.flush()


@contextmanager
def paged() -> Iterator[Console]:
    """Yield the console; what is printed on it goes through the pager when standard output
    is a terminal, paging is on, and it is taller than the screen."""
    out = console()
    if not (cli().page and sys.stdout.isatty()):
        yield out
        return
    with out.pager(_Pager(out.height), styles=True, links=True):
        yield out

