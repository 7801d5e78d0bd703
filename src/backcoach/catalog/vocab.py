"""The catalog's closed vocabularies: positions, equipment, kinds... as plain types.

Kept apart from the pydantic models so that the command line can list the choices in
``--help`` without paying for building the models.
"""

from __future__ import annotations

from typing import Literal

Position = Literal[
    "standing",
    "sitting",
    "kneeling",
    "all_fours",
    "supine",
    "prone",
    "side_lying",
    "hanging",
    "squatting",
    "in_water",
]
Equipment = Literal[
    "mat",
    "chair",
    "gymnastic_stick",
    "fitball",
    "sofa",
    "horizontal_bar",
    "cable_machine",
    "hyperextension_bench",
    "roman_chair",
    "bench",
    "barbell",
    "pool",
    "partner",
]
Kind = Literal["strength", "isometric", "stretch", "mobility", "breathing", "aerobic", "relaxation"]
Difficulty = Literal["gentle", "moderate", "hard"]
Muscle = Literal[
    "erector_spinae",
    "multifidus",
    "quadratus_lumborum",
    "psoas",
    "latissimus_dorsi",
    "trapezius",
    "rhomboids",
    "rectus_abdominis",
    "obliques",
    "transversus_abdominis",
    "glutes",
    "hamstrings",
    "quadriceps",
    "hip_flexors",
    "adductors",
    "calves",
    "shoulders",
    "arms",
    "neck",
    "diaphragm",
]
TrunkSide = Literal["front", "side", "back"]
Place = Literal["home", "gym", "pool"]
Requirement = Literal["healthy_spine", "trainer"]
Placement = Literal["anywhere", "start", "end"]
CautionAction = Literal["exclude", "modify", "clearance"]
Phase = Literal["rest", "therapeutic", "entry", "strengthening", "advanced", "supervised"]
BlockKind = Literal["warm_up", "main", "cool_down"]
Metric = Literal["reps", "hold_seconds", "minutes", "sets"]
