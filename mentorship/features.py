"""What a feature plugs into the core: start-page cards, menu entries, a privacy provider,
its jobs and its large exports.

The core (`main/`, `privacy/`) asks `features()` and never names a feature; each feature
package describes itself in its `feature.py`, and `mentorship/blueprints.py` (the one place
that lists the features) registers them when the app is created.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    from mentorship.auth.models import User


@dataclass(frozen=True)
class Link:
    """A start-page card."""

    title: str
    url: str
    text: str


#: (title, endpoint, endpoint prefix that marks the entry as the current page)
MenuEntry = tuple[str, str, str]


@dataclass(frozen=True)
class Feature:
    name: str
    #: Adds the feature's cards to the start page (it may put urgent ones first).
    start: Callable[[User, list[Link]], list[Link]] | None = None
    #: The feature's main-menu entries for this user.
    menu: Callable[[User], list[MenuEntry]] | None = None
    #: The module that exports, erases and expires what the feature holds about a person
    #: (see privacy/providers.py).
    privacy: str | None = None
    #: The module that names the feature's jobs (`TASKS`: kind -> task) and the exports a
    #: job may write (`EXPORTS`: source -> table builder); see mentorship/jobs/registry.py.
    jobs: str | None = None


KEY = "mentorship_features"


def register(app: Flask, feature: Feature) -> None:
    app.extensions.setdefault(KEY, []).append(feature)


def features() -> list[Feature]:
    return list(current_app.extensions.get(KEY, []))
