"""What each feature holds about a person: export, erasure and retention purge.

A provider is a module with three functions:
- `export(user) -> list[Section]`: everything it holds about the user, nothing about others;
- `erase(user_ids) -> dict[str, int]`: remove or anonymise it now, keeping aggregates;
- `expire(now, periods) -> dict[str, int]`: do the same for what has passed its period.
Each returns counts per kind so the purge log can say what was done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType
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


def providers() -> list[ModuleType]:
    from mentorship.privacy import foundation

    found = [foundation]
    for name in (
        "mentorship.mentoring.privacy",
        "mentorship.trainees.privacy",
        "mentorship.feeds.privacy",
        "mentorship.networks.privacy",
    ):
        module = _optional(name)
        if module is not None:
            found.append(module)
    return found


def _optional(name: str) -> ModuleType | None:
    import importlib
    import importlib.util

    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)
