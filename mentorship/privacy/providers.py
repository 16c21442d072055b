"""What each feature holds about a person: export, erasure and retention purge.

A provider is a module with three functions:
- `export(user) -> list[Section]`: everything it holds about the user, nothing about others;
- `erase(user_ids) -> dict[str, int]`: remove or anonymise it now, keeping aggregates;
- `expire(now, periods) -> dict[str, int]`: do the same for what has passed its period.
Each returns counts per kind so the purge log can say what was done.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from mentorship.features import features
from mentorship.privacy import foundation


def providers() -> list[ModuleType]:
    """The core's own provider (accounts, logins, mail, audit), then each feature's."""
    return [foundation] + [
        importlib.import_module(f.privacy) for f in features() if f.privacy is not None
    ]
