"""The base of every backcoach data model: unknown fields are errors, values are frozen."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A pydantic model that forbids unknown fields (a typo is an error) and is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
