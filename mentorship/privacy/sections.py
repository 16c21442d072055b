"""What a privacy provider returns for *Mina uppgifter*: one section per kind of data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    purpose: str
    retention: str
    data: Any


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
