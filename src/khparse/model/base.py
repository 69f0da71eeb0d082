"""Shared configuration of every output model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Frozen, strict about unknown keys; field order is the JSON key order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
