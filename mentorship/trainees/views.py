"""The trainee programme's routes: each room's `views.py` adds its routes to the one
blueprint (`blueprint.py`)."""

from mentorship.trainees.blueprint import bp
from mentorship.trainees.cohorts import views as cohorts  # noqa: F401  (registers routes)
from mentorship.trainees.events import views as events  # noqa: F401
from mentorship.trainees.outcomes import views as outcomes  # noqa: F401
from mentorship.trainees.reports import views as reports  # noqa: F401

__all__ = ["bp"]
