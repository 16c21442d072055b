"""The trainee programme as the core sees it (mentorship/features.py)."""

from __future__ import annotations

from mentorship.features import Feature
from mentorship.trainees.start import trainee_links, trainee_nav

FEATURE = Feature("trainees", start=trainee_links, menu=trainee_nav,
                  privacy="mentorship.trainees.privacy",
                  jobs="mentorship.trainees.jobs")
