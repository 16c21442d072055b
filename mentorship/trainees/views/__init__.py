"""The trainee programme's views, one module per area, all on one blueprint."""

from mentorship.trainees.blueprint import bp
from mentorship.trainees.views import cohorts, events, outcomes, reports  # noqa: F401

__all__ = ["bp"]
