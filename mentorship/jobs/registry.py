"""The jobs the features register, and the exports a job may write.

The jobs package names no feature: a feature lists its tasks and its large exports in a
module of its own (`Feature.jobs`, e.g. `mentorship/mentoring/jobs.py`, with `TASKS` and
`EXPORTS`), as it names its privacy provider, and the worker and the views find them here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from mentorship.features import features

#: A task: (actor, progress(done, total), **arguments) -> (message, (endpoint, values)).
Task = Callable[..., tuple[str, tuple[str, dict[str, Any]]]]


def _collect(attribute: str, core: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    found = dict(core)
    for feature in features():
        if not feature.jobs:
            continue
        module = importlib.import_module(feature.jobs)
        for name, function in getattr(module, attribute, {}).items():
            if name in found:
                raise RuntimeError(f"job {attribute} {name!r} is registered twice")
            found[name] = function
    return found


def tasks() -> dict[str, Task]:
    """Every task a job can run: the core's (large exports) and each feature's."""
    # deferred: registration and what it registers: the export task asks this registry
    # for the exports it may write
    from mentorship.jobs.exportfiles import export_file

    return _collect("TASKS", {"export_file": export_file})


def export_sources() -> dict[str, Callable[..., Any]]:
    """Every export a job may write: source name -> builder(actor, **params) -> Table."""
    return _collect("EXPORTS", {})
