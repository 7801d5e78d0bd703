"""The exercises, the programs, their figures and the guide: read-only catalog data."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from backcoach.catalog.models import (
    Difficulty,
    Equipment,
    Exercise,
    Guidance,
    Kind,
    Position,
    Program,
)
from backcoach.web import service
from backcoach.web.deps import CatalogDep
from backcoach.web.schemas import ExerciseDetail, ProgramDetail, RiskAdvice

router = APIRouter(tags=["catalog"])

Pose = Literal["start", "end", "all"]


@router.get("/exercises")
def list_exercises(catalog: CatalogDep, equipment: Equipment | None = None,
                   position: Position | None = None, kind: Kind | None = None,
                   difficulty: Difficulty | None = None,
                   q: Annotated[str | None, Query(max_length=200,
                                                  description="Search words.")] = None,
                   ) -> list[Exercise]:
    """Every exercise, filtered by equipment, position, kind and difficulty, or searched."""
    return service.find_exercises(catalog, equipment=equipment, position=position, kind=kind,
                          difficulty=difficulty, q=q)


@router.get("/exercises/{exercise_id}")
def get_exercise(exercise_id: str, catalog: CatalogDep) -> ExerciseDetail:
    """One exercise (by id, name or alias) with the programs that use it and their doses."""
    return service.exercise_detail(catalog, exercise_id)


@router.get("/exercises/{exercise_id}/figure.svg", response_class=Response,
            responses={200: {"content": {"image/svg+xml": {}}}})
def get_figure(exercise_id: str, catalog: CatalogDep, pose: Pose | None = None) -> Response:
    """The exercise's figure: animated, or one pose (start, end, or all side by side)."""
    ex = catalog.exercise(exercise_id)
    svg = service.figure_svg(ex.id, ex.name, ex.position, pose)
    return Response(svg, media_type="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=3600"})


@router.get("/programs")
def list_programs(catalog: CatalogDep) -> list[Program]:
    """The ready-made programs of the source."""
    return list(catalog.programs.values())


@router.get("/programs/{program_id}")
def get_program(program_id: str, catalog: CatalogDep) -> ProgramDetail:
    """One program with every exercise's dosage and progression."""
    return service.program_detail(catalog, program_id)


@router.get("/guide")
def get_guide(catalog: CatalogDep) -> Guidance:
    """General rules, risk factors, nutrition, and dangerous pain versus fatigue."""
    return catalog.guidance


@router.get("/guide/risks")
def get_risk_advice(catalog: CatalogDep, risk: Annotated[list[str], Query(
        max_length=50, description="The risk factors that apply (ids).",
        json_schema_extra={"x-catalog": "risk"})] = []  # noqa: B006
                    ) -> list[RiskAdvice]:
    """Advice for each risk factor that applies, in the guide's order."""
    return service.risk_advice(catalog, risk)
