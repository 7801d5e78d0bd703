"""The import layers: catalog -> core -> store -> use cases -> command line and web.

A module imports only from its own layer or the layers below it, the command line and the
web never import each other (``serve`` starting the web app is the one door), and no
modules import each other in a circle. Imports inside functions count too: a lazy import
is still a dependency. The graph is built by grimp (the library behind import-linter).
"""

from __future__ import annotations

import grimp
import pytest

# Lowest first. A module belongs to the first layer with a prefix it matches.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("backcoach._strict", "backcoach.errors", "backcoach.paths", "backcoach.scales",
              "backcoach.questions", "backcoach.timing", "backcoach.words",
              "backcoach.files", "backcoach.limits", "backcoach.timestamps",
              "backcoach.passwords", "backcoach.i18n", "backcoach.terms")),
    ("catalog", ("backcoach.catalog",)),
    ("core", ("backcoach.profile", "backcoach.clearance", "backcoach.history",
              "backcoach.screening", "backcoach.progression", "backcoach.day",
              "backcoach.planner", "backcoach.player", "backcoach.progress",
              "backcoach.charts", "backcoach.calendar_ics", "backcoach.figures",
              "backcoach.prescription", "backcoach.camera")),
    ("store", ("backcoach.store",)),
    ("use cases", ("backcoach.coach", "backcoach.settings", "backcoach.accounts",
                   "backcoach.auth", "backcoach.clinic")),
    ("front ends", ("backcoach.cli", "backcoach.web")),
]
# The command line's `serve` builds the web app and runs it.
DOORS = {("backcoach.cli.serve", "backcoach.web.app")}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("backcoach")


def layer_of(module: str) -> int:
    if module == "backcoach":
        return 0
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")


def front_end(module: str) -> str | None:
    return next((p for p in ("backcoach.cli", "backcoach.web")
                 if module == p or module.startswith(p + ".")), None)


def test_every_module_has_a_layer(graph):
    for module in graph.modules:
        layer_of(module)


def test_no_module_imports_from_a_layer_above_it(graph):
    upward = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if layer_of(imported) > layer_of(module):
                lines = graph.get_import_details(importer=module, imported=imported)
                where = ", ".join(f"line {d['line_number']}" for d in lines)
                upward.append(f"{module} ({LAYERS[layer_of(module)][0]}) imports {imported} "
                              f"({LAYERS[layer_of(imported)][0]}) at {where}")
    assert upward == []


def test_the_command_line_and_the_web_do_not_import_each_other(graph):
    crossing = []
    for module in sorted(graph.modules):
        mine = front_end(module)
        for imported in graph.find_modules_directly_imported_by(module):
            theirs = front_end(imported)
            if mine and theirs and mine != theirs and (module, imported) not in DOORS:
                crossing.append(f"{module} imports {imported}")
    assert crossing == []


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Return the groups of modules that import each other in a circle (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles(graph):
    assert _cycles(graph) == []


def test_the_cycle_check_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "b", "c", "d"):
        graph.add_module(module)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    graph.add_import(importer="c", imported="d")
    assert _cycles(graph) == [["a", "b", "c"]]


def test_the_command_modules_do_not_import_the_package_that_registers_them(graph):
    """cli/__init__ imports the command modules; none imports it back (the old app/command
    cycle)."""
    assert sorted(graph.find_modules_that_directly_import("backcoach.cli")) == []
