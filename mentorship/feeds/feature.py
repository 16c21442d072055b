"""The personal calendar feed as the core sees it (mentorship/features.py)."""

from __future__ import annotations

from mentorship.features import Feature

FEATURE = Feature("feeds", privacy="mentorship.feeds.privacy")
