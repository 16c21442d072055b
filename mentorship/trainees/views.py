"""The trainee programme's views, one module per area, all on one blueprint."""

from mentorship.trainees.blueprint import bp
from mentorship.trainees.views import (  # noqa: F401
    cohorts,
    events,
    outcome_reminders,
    outcomes,
    reports,
)

__all__ = ["bp"]
