"""Figure rendering time, printed as figures and as ratios to one figure timed alongside.

    .venv/bin/python benchmarks/figures.py

The budget: every figure (animated and each pose still) and the contact sheet render in
under 1 s. Absolute times move with the machine and its load, so the target is a ratio
against a reference timed in the same run, interleaved with it: loading and rendering one
typical figure (cat-cow from its file: the animation and its three poses). On the
machine the budget was set on one figure takes about 16 ms, so 1 s is 60 of them: the
whole set of 47 must cost no more than 60 single figures. Both the times and the ratios
are printed.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from backcoach.catalog import load_catalog
from backcoach.catalog.parsed import parse_yaml
from backcoach.figures import Figure, loader, render_contact_sheet, render_svg, svg_to_png

REFERENCE = "cat_cow"
TARGET_RATIO = 60.0  # every figure + the contact sheet, in units of the reference
BUDGET = 1.0  # seconds, on the machine the ratio was set on


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.1f} ms  min {min(times) * 1000:7.1f} ms"


def main() -> None:
    catalog = load_catalog()
    names = {ex_id: ex.name for ex_id, ex in catalog.exercises.items()}

    def load() -> dict[str, Figure]:
        # Uncached, as a fresh process pays it; keyframes are placed on first render.
        return loader._load(loader.FIGURES_DIR, set(catalog.exercises))

    def one() -> None:
        path = loader.FIGURES_DIR / f"{REFERENCE}.yaml"
        figure = Figure.model_validate(parse_yaml(path.read_text(encoding="utf-8")))
        render_svg(figure)
        for pose in figure.poses:
            render_svg(figure, pose=pose.id)

    def everything() -> None:
        figures = load()
        for figure in figures.values():
            render_svg(figure, title=names[figure.exercise])
            for pose in figure.poses:
                render_svg(figure, pose=pose.id)
        render_contact_sheet([figures[ex] for ex in catalog.exercises], names)

    figures = load()
    print(f"figures: {len(figures)} exercises, "
          f"{sum(len(f.poses) for f in figures.values())} keyframes")
    one()  # warm up: imports, caches of the outlines
    everything()
    # Interleaved, so the reference and the whole set see the same moments of a noisy
    # machine.
    reference: list[float] = []
    total: list[float] = []
    for _ in range(7):
        reference.append(_time(one))
        total.append(_time(everything))
    ratio = statistics.median(total) / statistics.median(reference)
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"{'reference: one figure (' + REFERENCE + ', from its file)':<48} {_ms(reference)}")
    print(f"{'every figure + the contact sheet':<48} {_ms(total)}  "
          f"budget {BUDGET * 1000:.0f} ms")
    print(f"{'  ratio to the reference':<48} {ratio:6.1f} x       target <= "
          f"{TARGET_RATIO:.0f} x  {verdict}")
    # Apart from the budget, for a sense of where the time goes.
    print(f"{'  of which: load the figure files (uncached)':<48} "
          f"{_ms([_time(load) for _ in range(5)])}")
    ordered = [figures[ex] for ex in catalog.exercises]
    print(f"{'  of which: contact sheet SVG':<48} "
          f"{_ms([_time(lambda: render_contact_sheet(ordered, names)) for _ in range(5)])}")
    sheet = render_contact_sheet(ordered, names)
    print(f"{'not in the budget: contact sheet PNG (resvg)':<48} "
          f"{_ms([_time(lambda: svg_to_png(sheet)) for _ in range(3)])}")


if __name__ == "__main__":
    main()
