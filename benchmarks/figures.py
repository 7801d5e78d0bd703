"""Figure rendering time, printed as figures (target: every figure in under 1 s in total).

    .venv/bin/python benchmarks/figures.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from backcoach.catalog import load_catalog
from backcoach.figures import Figure, loader, render_contact_sheet, render_svg, svg_to_png


def _time(fn: Callable[[], object], runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _report(label: str, times: list[float], target: float | None = None) -> None:
    median = statistics.median(times)
    verdict = ""
    if target is not None:
        verdict = f"  target {target * 1000:.0f} ms  " + ("ok" if median < target
                                                           else "OVER TARGET")
    print(f"{label:<44} median {median * 1000:7.1f} ms  min {min(times) * 1000:7.1f} ms"
          f"{verdict}")


def main() -> None:
    catalog = load_catalog()
    names = {ex_id: ex.name for ex_id, ex in catalog.exercises.items()}

    def load() -> dict[str, Figure]:
        # Uncached, as a fresh process pays it; keyframes are placed on first render.
        return loader._load(loader.FIGURES_DIR, set(catalog.exercises))

    def render_all() -> None:
        figures = load()
        for figure in figures.values():
            render_svg(figure, title=names[figure.exercise])
            for pose in figure.poses:
                render_svg(figure, pose=pose.id)

    figures = load()
    print(f"figures: {len(figures)} exercises, "
          f"{sum(len(f.poses) for f in figures.values())} keyframes")
    _report("load the figure files (uncached)", _time(load))
    _report("load + render every figure (animated + poses)", _time(render_all), 1.0)
    ordered = [figures[ex] for ex in catalog.exercises]
    _report("contact sheet SVG", _time(lambda: render_contact_sheet(ordered, names)))
    sheet = render_contact_sheet(ordered, names)
    _report("contact sheet PNG (resvg)", _time(lambda: svg_to_png(sheet), runs=3))


if __name__ == "__main__":
    main()
