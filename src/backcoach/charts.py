"""Progress charts: one figure, four panels, written to SVG or PNG with matplotlib.

Usage::

    from backcoach.charts import write_chart

    write_chart(progress, Path("progress.svg"))     # or .png; raises ChartError

The panels: pain before and after sessions (7-day averages) over time; sessions done and
planned per week; the dosage of the most-done exercises over time; the PSFS average with
the band of the baseline plus and minus the change that counts as meaningful. Each plotted
series carries a ``gid`` (the SVG element id; see :data:`SERIES`) and a legend label.

matplotlib is imported only when a chart is drawn, so importing this module costs nothing;
it draws with the Agg canvas, never a window. The SVG is deterministic: the same progress
gives the same bytes (fixed hash salt, no date in the metadata).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backcoach.errors import InvalidError
from backcoach.i18n import _
from backcoach.progress import ExerciseDosage, Progress

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FORMATS = {".svg": "svg", ".png": "png"}
TOP_EXERCISES = 4
# The ids of the series, for tests and for styling the SVG.
SERIES = {
    "pain_before": "pain-before",
    "pain_after": "pain-after",
    "pain_checkin": "pain-checkin",
    "adherence_done": "adherence-done",
    "adherence_planned": "adherence-planned",
    "psfs_average": "psfs-average",
    "psfs_band": "psfs-mcid-band",
}
DOSAGE_PREFIX = "dosage-"  # + the exercise id
_HASH_SALT = "backcoach"
_DPI = 100


class ChartError(InvalidError):
    """A chart cannot be written; the message says why and what to do."""


def chart_format(path: Path) -> str:
    """Return "svg" or "png" from the file's extension; raises :class:`ChartError`."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ChartError(_("--chart '{path}': the file must end in .svg or .png").format(
            path=path))
    return fmt


def dosage_metric(dosage: ExerciseDosage) -> tuple[str, str]:
    """Return the field that measures this exercise (reps, hold, minutes, sets) and its unit."""
    for field, unit in (("reps", "reps"), ("hold_seconds", "s"), ("minutes", "min")):
        if any(getattr(w, field) is not None for w in dosage.weeks):
            return field, unit
    return "sets", "sets"


def write_chart(progress: Progress, path: Path) -> None:
    """Draw the progress figure to ``path`` (.svg or .png); raises :class:`ChartError`."""
    fmt = chart_format(path)
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.hashsalt": _HASH_SALT, "font.size": 9}):
        figure = Figure(figsize=(8, 10), layout="constrained")
        FigureCanvasAgg(figure)
        pain_ax, adherence_ax, dosage_ax, psfs_ax = figure.subplots(4, 1, sharex=True)
        psfs_ax.xaxis_date()  # shared: every panel's x axis is dates
        figure.suptitle(f"backcoach progress to {progress.today}")
        _pain(pain_ax, progress)
        _adherence(adherence_ax, progress)
        _dosage(dosage_ax, progress)
        _psfs(psfs_ax, progress)
        _span(psfs_ax, progress)
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
        try:
            figure.savefig(path, format=fmt, dpi=_DPI, metadata=metadata)
        except OSError as exc:
            raise ChartError(_("cannot write the chart to {path}: {error}").format(
                path=path, error=exc.strerror or exc)) from exc


def _dates(values: Iterable[date]) -> Any:
    """Return dates as matplotlib plots them (its date converter takes ``date`` objects;
    its type stubs ask for floats)."""
    return list(values)


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color="grey")


def _pain(ax: Axes, progress: Progress) -> None:
    ax.set_title("Pain, 7-day average (0 = none, 10 = worst)", loc="left")
    ax.set_ylim(0, 10)
    days = progress.pain.days
    drawn = False
    for field, key, label, style in (("before", "pain_before", "before sessions", "-"),
                                     ("after", "pain_after", "after sessions", "--"),
                                     ("checkin", "pain_checkin", "check-ins", ":")):
        points = [(d.date, getattr(d, field)) for d in days if getattr(d, field) is not None]
        if points:
            ax.plot(_dates(p[0] for p in points), [p[1] for p in points], style, label=label,
                    gid=SERIES[key])
            drawn = True
    if drawn:
        ax.legend(loc="upper right")
    else:
        _empty(ax, "no pain recorded yet")


def _adherence(ax: Axes, progress: Progress) -> None:
    ax.set_title("Sessions per week: done and planned", loc="left")
    weeks = progress.adherence.weeks
    if not weeks:
        _empty(ax, "no sessions yet")
        return
    edges = _dates([w.week_start for w in weeks] + [weeks[-1].week_start + timedelta(7)])
    ax.stairs([w.done for w in weeks], edges, fill=True, alpha=0.6, label="done",
              gid=SERIES["adherence_done"])
    ax.stairs([w.planned for w in weeks], edges, color="black", label="planned",
              gid=SERIES["adherence_planned"])
    ax.set_ylim(0, max(max(w.done for w in weeks), max(w.planned for w in weeks)) + 1)
    ax.legend(loc="upper right")


def _dosage(ax: Axes, progress: Progress) -> None:
    ax.set_title("Dosage per week (most-done exercises)", loc="left")
    top = progress.dosage[:TOP_EXERCISES]
    if not top:
        _empty(ax, "no exercises logged yet")
        return
    for dosage in top:
        field, unit = dosage_metric(dosage)
        ax.plot(_dates(w.week_start for w in dosage.weeks),
                [getattr(w, field) for w in dosage.weeks],
                marker="." if len(dosage.weeks) < 30 else None,
                label=f"{dosage.exercise_name} ({unit})", gid=DOSAGE_PREFIX + dosage.exercise)
    ax.legend(loc="upper left")


def _psfs(ax: Axes, progress: Progress) -> None:
    psfs = progress.psfs
    ax.set_title("Function (PSFS average, 0 = unable, 10 = as before)", loc="left")
    ax.set_ylim(0, 10)
    if not psfs.points or psfs.baseline is None:
        _empty(ax, "no PSFS ratings yet ('backcoach psfs')")
        return
    low, high = psfs.baseline - psfs.mcid_average, psfs.baseline + psfs.mcid_average
    ax.axhspan(max(low, 0), min(high, 10), color="grey", alpha=0.2,
               label=f"baseline ± {psfs.mcid_average:g} (meaningful change)",
               gid=SERIES["psfs_band"])
    ax.plot(_dates(p.date for p in psfs.points), [p.average for p in psfs.points],
            marker="o" if len(psfs.points) < 30 else ".", label="PSFS average",
            gid=SERIES["psfs_average"])
    ax.legend(loc="upper left")


def _span(ax: Axes, progress: Progress) -> None:
    """Span the shared date axis from the first record to today."""
    starts: list[date] = [progress.today - timedelta(days=7)]
    if progress.adherence.weeks:
        starts.append(progress.adherence.weeks[0].week_start)
    if progress.pain.days:
        starts.append(progress.pain.days[0].date)
    if progress.psfs.points:
        starts.append(progress.psfs.points[0].date)
    ax.set_xlim(*_dates([min(starts), progress.today + timedelta(days=1)]))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
