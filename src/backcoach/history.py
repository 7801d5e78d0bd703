"""What a person has done: past sessions as the planner reads them.

The planner is pure: it gets the history as a list of :class:`SessionRecord`, whether that
came from a JSON file (``load_history``) or, later, from the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from backcoach._strict import StrictModel
from backcoach.catalog.vocab import Phase
from backcoach.errors import InvalidError
from backcoach.i18n import _
from backcoach.limits import (
    MAX_EXERCISES,
    MAX_SESSIONS,
    MAX_SETS,
    Amount,
    Flag,
    Id,
    Note,
    PastDay,
    Score,
    error_text,
    whole,
)

StopReason = Literal["pain", "spasm", "tired", "other"]
Side = Literal["left", "right", "both"]

# What one set can hold, for everything that takes a set in (a log file, the API, the
# player's own measurement of a hold to fatigue).
MAX_HOLD_SECONDS = 3600
Reps = Annotated[int, Strict(), Field(ge=0, le=500), BeforeValidator(whole)]
HoldSeconds = Annotated[Amount, Field(ge=0, le=MAX_HOLD_SECONDS)]
Minutes = Annotated[Amount, Field(ge=0, le=240)]


class SetDone(StrictModel):
    """One set as performed."""

    reps: Reps | None = None
    hold_seconds: HoldSeconds | None = None
    minutes: Minutes | None = None
    side: Side = "both"


class ExerciseDone(StrictModel):
    # The OpenAPI document lists each exercise's variants (web/openapi.py).
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"x-variants": True})

    exercise: Id = Field(json_schema_extra={"x-catalog": "exercise"})
    variant: Id | None = None
    sets: list[SetDone] = Field(min_length=1, max_length=MAX_SETS)
    skipped: Flag = False


class SessionRecord(StrictModel):
    """One past session: when, in which phase, how it went and how the back felt."""

    # The check of _stopped_has_reason, for the OpenAPI document.
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={
        "if": {"not": {"required": ["completed"], "properties": {"completed": {"const": False}}}},
        "then": {"properties": {"stopped_reason": {"type": "null"}}}})

    date: PastDay
    phase: Phase
    program: Id | None = Field(default=None, json_schema_extra={"x-catalog": "program"})
    completed: Flag = True
    stopped_reason: StopReason | None = None
    pain_before: Score | None = None
    pain_after: Score | None = None
    effort: Score | None = None
    notes: Note | None = None
    exercises: list[ExerciseDone] = Field(default=[], max_length=MAX_EXERCISES)

    @model_validator(mode="after")
    def _stopped_has_reason(self) -> SessionRecord:
        if self.completed and self.stopped_reason is not None:
            raise InvalidError(_("a completed session has no stopped_reason; set completed: "
                                 "false"), field="stopped_reason")
        return self

    def pain_rise(self) -> int | None:
        """Return pain after minus pain before, or None when either is unknown."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before

    def stopped_for_pain(self) -> bool:
        return self.stopped_reason in ("pain", "spasm")


_HISTORY = TypeAdapter(Annotated[list[SessionRecord], Field(max_length=MAX_SESSIONS)])


class HistoryError(InvalidError):
    """A history file is unreadable or has wrong values; the message says where."""


def parse_history(data: Any, source: str = "history") -> list[SessionRecord]:
    """Return the sessions sorted by date; raises :class:`HistoryError`."""
    if isinstance(data, dict) and "sessions" in data:
        data = data["sessions"]
    try:
        sessions = _HISTORY.validate_python(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = list(err["loc"])
            where = (_("session {number}").format(number=int(loc[0]) + 1)
                     if loc and isinstance(loc[0], int) else source)
            field = ".".join(str(p) for p in loc[1:]) or _("(session)")
            lines.append(f"{source}: {where}: {field}: {error_text(err)}")
        raise HistoryError("\n".join(lines)) from exc
    return sorted(sessions, key=lambda s: s.date)


def load_history(path: Path) -> list[SessionRecord]:
    """Return the sessions in a JSON history file; raises :class:`HistoryError`."""
    from backcoach.files import read_structured

    try:
        data = read_structured(path, "history", toml=False)
    except InvalidError as exc:
        raise HistoryError(exc.message, field=exc.field) from exc
    return parse_history(data, str(path))
