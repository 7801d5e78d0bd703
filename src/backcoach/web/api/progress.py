"""Progress: adherence, streaks, pain trend, function and dosage; the charts."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Response

from backcoach.progress import Progress
from backcoach.web import service
from backcoach.web.deps import AppState, StateDep, TodayDep

router = APIRouter(tags=["progress"])


@router.get("/progress")
def get_progress(state: StateDep, today: TodayDep) -> Progress:
    """Adherence, streaks, pain trend, PSFS, dosage over time and phase changes."""
    return service.progress(state, today)


def chart_svg(state: AppState, today: date) -> bytes:
    """Return the progress charts as SVG, drawn once per data version and day."""

    def draw() -> bytes:
        from backcoach.charts import write_chart

        with tempfile.TemporaryDirectory(prefix="backcoach-chart-") as folder:
            path = Path(folder) / "progress.svg"
            write_chart(service.progress(state, today), path)
            return path.read_bytes()

    svg: bytes = state.memo.get(state.key("chart", today), draw)
    return svg


@router.get("/progress/chart.svg", response_class=Response,
            responses={200: {"content": {"image/svg+xml": {}}}})
def get_chart(state: StateDep, today: TodayDep) -> Response:
    """The charts: pain, sessions per week, dosage and PSFS over time."""
    return Response(chart_svg(state, today), media_type="image/svg+xml")
